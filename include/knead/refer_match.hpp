// "Where does it hurt?": the points whose referral areas (`refers_to`) match a few words.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "knead/routine.hpp"

namespace knead {

// How well a point's referral area matches the query, best first.
enum class MatchKind {
    exact,   // the same words: "temples" and "temple", "back of head" and "back of the head"
    words,   // every query word is in the area: "eye" in "behind the eye"
    within,  // the area lies inside the place the query names: "upper back" holds "shoulder blade"
    close,   // some query words match, or match only with a typo or as the start of a word
};
std::string_view to_string(MatchKind k);  // "exact", "words", "within", "close"

struct ReferHit {
    std::size_t routine = 0;  // index into the routines searched
    std::size_t point = 0;    // index into that routine's points
    std::string area;         // the `refers_to` entry that matched best
    MatchKind kind = MatchKind::close;
    int matched = 0;      // query words that matched
    int cost = 0;         // typo and word-start penalties: lower is closer
    int extra = 0;        // words of the area the query did not name: lower is closer
    bool inside = false;  // the area lies inside the place the query names, or is that place
};

// Every point with a referral area matching `query`, one hit per point, ranked by kind,
// then more query words matched, then lower cost, then areas inside the place the query
// names ("lower back" before "back of the knee" for "back"), then fewer extra words; ties
// keep the order of `routines` and of the points in each. A query of filler only matches nothing.
std::vector<ReferHit> find_referrals(std::string_view query, std::span<const Routine> routines);

// The distinct referral areas of `routines` (compared as body_word_key does), in the
// order they first appear.
std::vector<std::string> referral_areas(std::span<const Routine> routines);

}  // namespace knead
