#include "knead/refer_match.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "knead/body_words.hpp"
#include "knead/complaint_words.hpp"
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
    // A typo keeps the first letter: "band" is no typo of "hand", though one edit away.
    int d = edit_distance(q, w);
    if (d <= typo_limit(q.size()) && q.front() == w.front()) return d;
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

// Positions that exclude each other: an area with one of them is never the place a query
// with the other names ("front of the knee" is not "back of the knee"), unless the query
// names both.
constexpr std::pair<std::string_view, std::string_view> kOpposites[] = {
    {"front", "back"}, {"inner", "outer"}, {"upper", "lower"},
    {"top", "ball"},   {"top", "arch"},    {"top", "sole"}};

bool contradicts(const std::vector<std::string>& query, const std::vector<std::string>& area) {
    auto has = [](const std::vector<std::string>& v, std::string_view w) {
        return std::find(v.begin(), v.end(), w) != v.end();
    };
    for (const auto& [a, b] : kOpposites) {
        if (has(query, a) && !has(query, b) && has(area, b)) return true;
        if (has(query, b) && !has(query, a) && has(area, a)) return true;
    }
    return false;
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
    if (words.empty() || contradicts(query, words)) return std::nullopt;
    ReferHit hit;
    hit.area = area;
    std::set<std::size_t> used;  // area words the query named
    bool anchored = false;       // a matched word names a body part, not just a position
    for (const auto& q : query) {
        std::optional<std::pair<int, std::size_t>> best;  // cost, area word
        for (std::size_t i = 0; i < words.size(); ++i) {
            auto c = word_cost(q, words[i], known_words.contains(q));
            if (c && (!best || *c < best->first)) best = {*c, i};
        }
        if (!best) continue;
        ++hit.matched;
        hit.cost += best->first;
        used.insert(best->second);
        // "low" may be the start of "lower", but a position alone places nothing:
        // "low back" must not find "lower teeth".
        anchored = anchored || (!is_position_word(q) && !is_position_word(words[best->second]));
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
    return std::tuple(static_cast<int>(h.kind), -h.covered, -h.matched, h.cost, !h.inside, h.extra,
                      h.area_index);
}

// Every word of the query is a word of the point's muscle: "trapezius", "biceps". Not of
// its name, which may hold a place ("Wrist flexors").
bool names_muscle(const std::vector<std::string>& query, std::string_view muscle) {
    // A query of place words asks for a place, even where a muscle is named after it:
    // "wrist" is not a search for the "wrist flexors".
    static const std::set<std::string> place_words = [] {
        std::set<std::string> out;
        for (const auto& w : body_vocabulary())
            for (auto& word : split_body_words(w.phrase)) out.insert(std::move(word));
        return out;
    }();
    if (std::all_of(query.begin(), query.end(),
                    [](const std::string& q) { return place_words.contains(q); }))
        return false;
    const auto words = split_body_words(muscle);
    return std::all_of(query.begin(), query.end(), [&](const std::string& q) {
        return std::find(words.begin(), words.end(), q) != words.end();
    });
}

// A query's words and place, with the score of each area already asked about: areas
// repeat across points and routines, and a library may hold thousands of them.
struct Query {
    std::vector<std::string> words;
    const BodyWord* place = nullptr;
    std::map<std::string, std::optional<ReferHit>, std::less<>> scores;
};

// The best hit of `p` for `query` over its referral areas.
template <typename P>
std::optional<ReferHit> best_area(Query& query, const std::set<std::string>& known_words,
                                  const P& p) {
    std::optional<ReferHit> best;
    for (std::size_t i = 0; i < p.refers_to.size(); ++i) {
        auto it = query.scores.find(p.refers_to[i]);
        if (it == query.scores.end())
            it = query.scores
                     .emplace(p.refers_to[i],
                              score(query.words, query.place, known_words, p.refers_to[i]))
                     .first;
        auto hit = it->second;
        if (!hit) continue;
        hit->area_index = static_cast<int>(i);
        if (!best || rank(*hit) < rank(*best)) best = std::move(hit);
    }
    return best;
}

std::span<const Point> points_of(const Routine& r) {
    return r.points;
}
std::span<const ReferPoint> points_of(const std::vector<ReferPoint>& r) {
    return r;
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

}  // namespace

std::string_view to_string(MatchKind k) {
    switch (k) {
        case MatchKind::muscle:
            return "muscle";
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

namespace {

template <typename R>
std::vector<ReferHit> find_in(std::string_view query, std::span<const R> routines) {
    // Complaint names ("tennis elbow") stand for their places and muscles; symptom words
    // ("numbness") name no place, so the rest of the query is searched without them.
    std::vector<std::string> rest;
    const auto complaints = find_complaints(split_body_words(query), rest);
    std::erase_if(rest, [](const std::string& w) { return is_symptom_word(w); });
    std::vector<ReferHit> hits;
    if (complaints.empty() && rest.empty()) return hits;
    Query rest_query{rest, rest.empty() ? nullptr : find_body_word(joined(rest)), {}};
    std::set<std::string> known_words;  // every word of every area searched
    std::set<std::string_view> areas;
    for (const auto& r : routines)
        for (const auto& p : points_of(r))
            for (const auto& area : p.refers_to)
                if (areas.insert(area).second)
                    for (auto& w : split_body_words(area)) known_words.insert(std::move(w));
    // The places of each complaint, each as a query of its own.
    std::map<std::string_view, Query> complaint_queries;
    for (const Complaint* c : complaints)
        for (auto where : complaint_items(c->places))
            complaint_queries.try_emplace(
                where, Query{split_body_words(where), find_body_word(where), {}});

    std::map<std::string_view, bool> muscles_named;
    for (std::size_t r = 0; r < routines.size(); ++r) {
        const auto& points = points_of(routines[r]);
        for (std::size_t p = 0; p < points.size(); ++p) {
            const auto& point = points[p];
            std::optional<ReferHit> best;
            auto offer = [&](ReferHit h) {
                if (!best || rank(h) < rank(*best)) best = std::move(h);
            };
            for (const Complaint* c : complaints) {
                // A muscle known for the complaint comes first, in the order listed.
                const auto muscles = complaint_items(c->muscles);
                auto m = std::find(muscles.begin(), muscles.end(), point.muscle);
                if (m != muscles.end()) {
                    ReferHit h;
                    h.kind = MatchKind::muscle;
                    h.area = std::string(c->phrase);
                    h.cost = static_cast<int>(m - muscles.begin());
                    offer(std::move(h));
                }
                // Then the points that send pain to more of the complaint's places.
                std::optional<ReferHit> first;
                int covered = 0;
                for (auto where : complaint_items(c->places)) {
                    auto h = best_area(complaint_queries.at(where), known_words, point);
                    if (!h || h->kind == MatchKind::close) continue;
                    ++covered;
                    if (!first) first = std::move(h);
                }
                if (first) {
                    first->covered = covered;
                    offer(std::move(*first));
                }
            }
            if (!rest.empty()) {
                // Muscles repeat across routines as areas do: each is asked about once.
                auto named = muscles_named.find(point.muscle);
                if (named == muscles_named.end())
                    named =
                        muscles_named.emplace(point.muscle, names_muscle(rest, point.muscle)).first;
                if (named->second) {
                    ReferHit h;
                    h.kind = MatchKind::muscle;
                    h.area = point.muscle;
                    offer(std::move(h));
                }
                if (auto h = best_area(rest_query, known_words, point)) offer(std::move(*h));
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

}  // namespace

std::vector<ReferHit> find_referrals(std::string_view query, std::span<const Routine> routines) {
    return find_in(query, routines);
}

std::vector<ReferHit> find_referrals(std::string_view query,
                                     std::span<const std::vector<ReferPoint>> routines) {
    return find_in(query, routines);
}

namespace {

template <typename R>
std::vector<std::string> areas_in(std::span<const R> routines) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& r : routines)
        for (const auto& p : points_of(r))
            for (const auto& area : p.refers_to) {
                auto key = body_word_key(area);
                if (!key.empty() && seen.insert(key).second) out.push_back(area);
            }
    return out;
}

}  // namespace

std::vector<std::string> referral_areas(std::span<const Routine> routines) {
    return areas_in(routines);
}

std::vector<std::string> referral_areas(std::span<const std::vector<ReferPoint>> routines) {
    return areas_in(routines);
}

}  // namespace knead
