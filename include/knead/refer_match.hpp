// "Where does it hurt?": the points whose referral areas (`refers_to`) match a few words.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "knead/routine.hpp"

namespace knead {

// What a point is matched on: its muscle and referral areas (Point::muscle, refers_to).
struct ReferPoint {
    std::string muscle;
    std::vector<std::string> refers_to;
    friend bool operator==(const ReferPoint&, const ReferPoint&) = default;
};

// How well a point's referral area matches the query, best first.
enum class MatchKind {
    muscle,  // the point's muscle is named, or is one known for the complaint named ("tennis
             // elbow")
    exact,   // the same words: "temples" and "temple", "back of head" and "back of the head"
    words,   // every query word is in the area: "eye" in "behind the eye"
    within,  // the area lies inside the place the query names: "upper back" holds "shoulder blade"
    close,   // some query words match, or match only with a typo or as the start of a word
};
std::string_view to_string(MatchKind k);  // "muscle", "exact", "words", "within", "close"

struct ReferHit {
    std::size_t routine = 0;  // index into the routines searched
    std::size_t point = 0;    // index into that routine's points
    std::string area;         // the `refers_to` entry that matched best; for a muscle hit,
                              // the complaint or the muscle the query named
    MatchKind kind = MatchKind::close;
    int covered = 0;      // how many of a named complaint's places the point refers to
    int matched = 0;      // query words that matched
    int cost = 0;         // typo and word-start penalties: lower is closer
    int extra = 0;        // words of the area the query did not name: lower is closer
    bool inside = false;  // the area lies inside the place the query names, or is that place
    int area_index = 0;   // where the area stands in the point's `refers_to`: first is main
};

// Every point with a referral area matching `query`, one hit per point, ranked by kind,
// then more of a complaint's places covered ("headache": temple, forehead...), then more
// query words matched, then lower cost, then areas inside the place the query
// names ("lower back" before "back of the knee" for "back"), then fewer extra words, then
// an area listed earlier in the point's `refers_to` (its main referral); ties keep the order of
// `routines` and of the points in each. A query of filler only matches nothing.
std::vector<ReferHit> find_referrals(std::string_view query, std::span<const Routine> routines);
// The same over what each routine's points are matched on, one vector a routine.
std::vector<ReferHit> find_referrals(std::string_view query,
                                     std::span<const std::vector<ReferPoint>> routines);

// The distinct referral areas of `routines` (compared as body_word_key does), in the
// order they first appear.
std::vector<std::string> referral_areas(std::span<const Routine> routines);
std::vector<std::string> referral_areas(std::span<const std::vector<ReferPoint>> routines);

}  // namespace knead
