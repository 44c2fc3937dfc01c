#include "knead/learning.hpp"

#include <algorithm>
#include <climits>

#include "knead/session.hpp"

namespace knead {
namespace {

PointKey key_of(const SessionPoint& p) {
    return {p.origin_routine(), p.origin_point()};
}

}  // namespace

void RecallBuilder::add(const LoggedSession& s) {
    if (s.virtual_clock) return;
    for (auto& flag : recall_.red_flags) {
        if (flag.followed_up || s.start < flag.end) continue;
        for (const auto& p : s.worked)
            if (std::find(flag.points.begin(), flag.points.end(), PointKey{p.routine, p.point}) !=
                flag.points.end())
                flag.followed_up = true;
    }
    std::vector<PointKey> flagged;
    for (const auto& p : s.worked) {
        if (!routines_.empty() &&
            std::find(routines_.begin(), routines_.end(), p.routine) == routines_.end())
            continue;
        const PointKey key{p.routine, p.point};
        flagged.push_back(key);
        if (p.last_stretch_pain) {
            auto [st, fresh] = recall_.stretches.try_emplace(key);
            if (fresh || s.start >= st->second.session_start)
                st->second = {s.start, *p.last_stretch_pain >= kStrongStretch};
        }
        if (!p.next_hold) continue;
        auto [it, added] = recall_.holds.try_emplace(key);
        // Sessions arrive in the order they ended; the latest start wins, and of two
        // starting together, the one written last.
        if (added || s.start >= it->second.session_start) it->second = {s.start, *p.next_hold};
        auto [w, fresh] = recall_.worked.try_emplace(key, s.last);
        if (!fresh) w->second = std::max(w->second, s.last);
    }
    if (s.status == "red-flag" && !flagged.empty())
        recall_.red_flags.push_back({s.last, s.time, std::move(flagged), false});
}

bool RecallBuilder::learns_from(const LoggedSession& s) const {
    if (s.virtual_clock) return false;
    if (routines_.empty()) return !s.worked.empty();
    return std::any_of(s.worked.begin(), s.worked.end(), [&](const LoggedPoint& p) {
        return std::find(routines_.begin(), routines_.end(), p.routine) != routines_.end();
    });
}

LogScan recall_from_end(ReverseLogReader& reader, const std::vector<RecallNeed>& needs,
                        RecallBuilder& builder, bool whole) {
    LogScan out;
    if (!opened(reader, out)) return out;
    // A minute of slack: two sessions writing at once may stamp their lines a little out
    // of order.
    constexpr std::int64_t kSlack = 60;
    std::map<PointKey, std::int64_t> held, stretched;  // the latest start that answers each
    auto known_since = [&]() -> std::optional<std::int64_t> {
        std::int64_t since = INT64_MAX;
        for (const auto& n : needs) {
            auto h = held.find(n.key);
            if (h == held.end()) return std::nullopt;
            since = std::min(since, h->second);
            if (!n.stretch) continue;
            auto st = stretched.find(n.key);
            if (st == stretched.end()) return std::nullopt;
            since = std::min(since, st->second);
        }
        return since;
    };
    RecentSessions recent(reader);
    std::vector<std::pair<RecentSessions::Arrival, LoggedSession>> kept;
    LoggedSession s;
    RecentSessions::Arrival at;
    while (recent.next(s, at)) {
        if (builder.learns_from(s)) {
            for (const auto& p : s.worked) {
                const PointKey key{p.routine, p.point};
                if (p.next_hold) {
                    auto [h, fresh] = held.try_emplace(key, s.start);
                    h->second = std::max(h->second, s.start);
                }
                if (p.last_stretch_pain) {
                    auto [st, fresh] = stretched.try_emplace(key, s.start);
                    st->second = std::max(st->second, s.start);
                }
            }
            kept.emplace_back(at, std::move(s));
        }
        if (whole) continue;
        if (auto since = known_since(); since && recent.all_before(*since - kSlack)) break;
    }
    std::sort(kept.begin(), kept.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [when, session] : kept) builder.add(session);
    reader.settle();
    out.error = reader.error();
    out.problems = reader.problems();
    return out;
}

std::optional<int> learned_hold(const Recall& r, const SessionPoint& point) {
    auto it = r.holds.find(key_of(point));
    if (it == r.holds.end()) return std::nullopt;
    return std::clamp(it->second.seconds, point.point.dose.hold_min, point.point.dose.hold_max);
}

bool learned_gentle_stretch(const Recall& r, const SessionPoint& point) {
    auto it = r.stretches.find(key_of(point));
    return it != r.stretches.end() && it->second.strong;
}

std::optional<std::int64_t> worked_recently(const Recall& r, const SessionPoint& point,
                                            std::int64_t now) {
    auto it = r.worked.find(key_of(point));
    if (it == r.worked.end()) return std::nullopt;
    if (now - it->second >= std::int64_t{kSorenessWindowHours} * 3600) return std::nullopt;
    return it->second;
}

std::optional<RedFlagCheck> red_flag_follow_up(const Recall& r,
                                               const std::vector<SessionPoint>& points,
                                               std::int64_t now) {
    for (auto flag = r.red_flags.rbegin(); flag != r.red_flags.rend(); ++flag) {
        if (flag->followed_up) continue;
        RedFlagCheck c{
            flag->time, static_cast<int>(std::max<std::int64_t>(0, now - flag->end) / 3600), {}};
        for (const auto& p : points)
            if (std::find(flag->points.begin(), flag->points.end(), key_of(p)) !=
                    flag->points.end() &&
                std::find(c.points.begin(), c.points.end(), p.point.name) == c.points.end())
                c.points.push_back(p.point.name);
        if (!c.points.empty()) return c;
    }
    return std::nullopt;
}

bool red_flag_recently(const Recall& r, const Routine& routine, std::int64_t now) {
    const auto points = session_points({routine});
    for (const auto& flag : r.red_flags) {
        if (now - flag.end >= std::int64_t{kSorenessWindowHours} * 3600) continue;
        for (const auto& p : points)
            if (std::find(flag.points.begin(), flag.points.end(), key_of(p)) != flag.points.end())
                return true;
    }
    return false;
}

bool soreness_is_high(int soreness) {
    return soreness >= kHighSoreness;
}

Dose ease_for_soreness(const Dose& d) {
    Dose out = d;
    out.target.lo = std::max(1, d.target.lo - 2);
    out.target.hi = std::max(3, d.target.hi - 2);
    // A band that was already low stays where it was rather than rising.
    out.target.lo = std::min(out.target.lo, d.target.lo);
    out.target.hi = std::min(out.target.hi, d.target.hi);
    out.target.lo = std::min(out.target.lo, out.target.hi);
    out.reps = std::max(1, d.reps - 1);
    // The stop threshold follows the band down, unless the routine sets stop_pain.
    return out;
}

}  // namespace knead
