#include "knead/due.hpp"

#include "knead/log_time.hpp"

namespace knead {

DueCounter::DueCounter(std::int64_t today) : today_(today), week_(week_start(today)) {}

void DueCounter::add(const LoggedSession& s) {
    if (s.virtual_clock || s.status != "completed") return;
    if (week_start(s.day) != week_) return;
    for (const auto& r : s.routines) {
        ++week_counts_[r];
        if (s.day == today_) ++today_counts_[r];
    }
}

int DueCounter::today(const std::string& routine) const {
    auto it = today_counts_.find(routine);
    return it == today_counts_.end() ? 0 : it->second;
}

int DueCounter::this_week(const std::string& routine) const {
    auto it = week_counts_.find(routine);
    return it == week_counts_.end() ? 0 : it->second;
}

std::vector<DueItem> due_items(const std::vector<Routine>& routines, const DueCounter& counts) {
    std::vector<DueItem> out;
    for (const auto& r : routines) {
        if (r.per_day > 0 && counts.today(r.id) < r.per_day)
            out.push_back({r.id, counts.today(r.id), r.per_day, false});
        else if (r.per_week > 0 && counts.this_week(r.id) < r.per_week)
            out.push_back({r.id, counts.this_week(r.id), r.per_week, true});
    }
    return out;
}

}  // namespace knead
