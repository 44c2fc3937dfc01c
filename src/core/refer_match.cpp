#include "knead/refer_match.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "knead/body_words.hpp"
#include "knead/suggest.hpp"

namespace knead {
namespace {

// How many edits a query word of this length may be from an area word and still count
// as a typo of it: none for short words, where one edit makes another word ("ear", "eye").
int typo_limit(std::size_t length) {
    return length <= 3 ? 0 : length <= 5 ? 1 : 2;
}

// The cost of matching query word `q` to area word `w`, or nullopt when they differ.
// Only a word that no area uses is taken for a typo or a shortened word: "tempel" may be
// "temple", but "eye" is a word in its own right and not the start of "eyebrow".
std::optional<int> word_cost(const std::string& q, const std::string& w, bool q_is_known) {
    if (q == w) return 0;
    if (q_is_known) return std::nullopt;
    int d = edit_distance(q, w);
    if (d <= typo_limit(q.size())) return d;
    if (q.size() >= 3 && q.size() < w.size() && w.compare(0, q.size(), q) == 0) return 1;
    return std::nullopt;
}

// Words that place a spot on a body part but name none: a close match on one of these
// alone ("behind" in "behind the ear" for "behind the eye") would only be noise.
// "back" counts too: in "back of the knee" it is a position, and "lower back" is found by
// "back" as a whole word anyway.
constexpr std::string_view kPositionWords[] = {
    "behind", "between", "front",  "back", "top",   "base",  "side",  "upper",  "lower",
    "inner",  "outer",   "middle", "mid",  "under", "above", "below", "around", "near"};

bool is_position_word(const std::string& w) {
    return std::find(std::begin(kPositionWords), std::end(kPositionWords), w) !=
           std::end(kPositionWords);
}

// Whether every spot of `inner` on the body picture is also one of `outer`'s.
bool lies_within(const BodyWord* inner, const BodyWord* outer) {
    if (!inner || !outer || inner == outer || inner->spots.empty()) return false;
    return std::all_of(inner->spots.begin(), inner->spots.end(),
                       [&](char c) { return outer->spots.find(c) != std::string_view::npos; });
}

// How `area` matches the query words; `place` is the query's vocabulary entry, if any.
std::optional<ReferHit> score(const std::vector<std::string>& query, const BodyWord* place,
                              const std::set<std::string>& known_words, const std::string& area) {
    const auto words = split_body_words(area);
    if (words.empty()) return std::nullopt;
    ReferHit hit;
    hit.area = area;
    std::set<std::size_t> used;  // area words the query named
    bool anchored = false;       // a matched word names a body part, not just a position
    for (const auto& q : query) {
        std::optional<std::pair<int, std::size_t>> best;  // cost, area word
        for (std::size_t i = 0; i < words.size(); ++i) {
            auto c = word_cost(q, words[i], known_words.count(q) > 0);
            if (c && (!best || *c < best->first)) best = {*c, i};
        }
        if (!best) continue;
        ++hit.matched;
        hit.cost += best->first;
        used.insert(best->second);
        anchored = anchored || !is_position_word(q);
    }
    hit.extra = static_cast<int>(words.size() - used.size());
    const BodyWord* known = find_body_word(area);
    const bool inside = (known && known == place) || lies_within(known, place);
    if (words == query) {
        hit.kind = MatchKind::exact;
    } else if (hit.matched == static_cast<int>(query.size()) && hit.cost == 0) {
        hit.kind = MatchKind::words;
    } else if (inside) {
        // Not the query's words, but the same place: no typo cost, and every word counts.
        hit = ReferHit{};
        hit.area = area;
        hit.kind = MatchKind::within;
        hit.matched = static_cast<int>(query.size());
        hit.inside = true;
        return hit;
    } else if (hit.matched > 0 && anchored) {
        hit.kind = MatchKind::close;
    } else {
        return std::nullopt;
    }
    hit.inside = inside;
    return hit;
}

auto rank(const ReferHit& h) {
    return std::tuple(static_cast<int>(h.kind), -h.matched, h.cost, !h.inside, h.extra);
}

}  // namespace

std::string_view to_string(MatchKind k) {
    switch (k) {
        case MatchKind::exact:
            return "exact";
        case MatchKind::words:
            return "words";
        case MatchKind::within:
            return "within";
        case MatchKind::close:
            return "close";
    }
    return "close";
}

std::vector<ReferHit> find_referrals(std::string_view query, std::span<const Routine> routines) {
    const auto words = split_body_words(query);
    std::vector<ReferHit> hits;
    if (words.empty()) return hits;
    const BodyWord* place = find_body_word(query);
    std::set<std::string> known_words;  // every word of every area searched
    for (const auto& r : routines)
        for (const auto& p : r.points)
            for (const auto& area : p.refers_to)
                for (auto& w : split_body_words(area)) known_words.insert(std::move(w));
    for (std::size_t r = 0; r < routines.size(); ++r) {
        const auto& points = routines[r].points;
        for (std::size_t p = 0; p < points.size(); ++p) {
            std::optional<ReferHit> best;
            for (const auto& area : points[p].refers_to) {
                auto hit = score(words, place, known_words, area);
                if (hit && (!best || rank(*hit) < rank(*best))) best = std::move(hit);
            }
            if (!best) continue;
            best->routine = r;
            best->point = p;
            hits.push_back(std::move(*best));
        }
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const ReferHit& a, const ReferHit& b) { return rank(a) < rank(b); });
    return hits;
}

std::vector<std::string> referral_areas(std::span<const Routine> routines) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& r : routines)
        for (const auto& p : r.points)
            for (const auto& area : p.refers_to) {
                auto key = body_word_key(area);
                if (!key.empty() && seen.insert(key).second) out.push_back(area);
            }
    return out;
}

}  // namespace knead
