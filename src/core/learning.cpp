#include "knead/learning.hpp"

#include <algorithm>

namespace knead {

void RecallBuilder::add(const LoggedSession& s) {
    if (s.virtual_clock) return;
    for (const auto& p : s.worked) {
        if (std::find(routines_.begin(), routines_.end(), p.routine) == routines_.end()) continue;
        if (!p.next_hold) continue;
        auto [it, added] = recall_.holds.try_emplace({p.routine, p.point});
        // Sessions arrive in the order they ended; the latest start wins, and of two
        // starting together, the one written last.
        if (added || s.start >= it->second.session_start) it->second = {s.start, *p.next_hold};
        auto [w, fresh] = recall_.worked.try_emplace(p.routine, s.last);
        if (!fresh) w->second = std::max(w->second, s.last);
    }
}

std::optional<int> learned_hold(const Recall& r, const std::string& routine, const Point& point) {
    auto it = r.holds.find({routine, point.id});
    if (it == r.holds.end()) return std::nullopt;
    return std::clamp(it->second.seconds, point.dose.hold_min, point.dose.hold_max);
}

std::optional<std::int64_t> worked_recently(const Recall& r, const std::string& routine,
                                            std::int64_t now) {
    auto it = r.worked.find(routine);
    if (it == r.worked.end()) return std::nullopt;
    if (now - it->second >= std::int64_t{kSorenessWindowHours} * 3600) return std::nullopt;
    return it->second;
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
    return out;
}

}  // namespace knead
