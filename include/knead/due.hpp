// `knead due`: which routines, by their per_day and per_week, are still to do.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "knead/log_sessions.hpp"
#include "knead/routine.hpp"

namespace knead {

// Counts completed real-clock sessions per routine, today and this week (Monday to
// Sunday), by the local date each session started on.
class DueCounter {
  public:
    explicit DueCounter(std::int64_t today);
    void add(const LoggedSession& s);
    int today(const std::string& routine) const;
    int this_week(const std::string& routine) const;

  private:
    std::int64_t today_;
    std::int64_t week_;
    std::map<std::string, int> today_counts_;
    std::map<std::string, int> week_counts_;
};

struct DueItem {
    std::string routine;  // id
    int done = 0;
    int wanted = 0;
    bool weekly = false;  // per_week rather than per_day
};

// The routines with a per_day or per_week that are short of it, in the given order. When
// both are short, per_day is the one reported.
std::vector<DueItem> due_items(const std::vector<Routine>& routines, const DueCounter& counts);

}  // namespace knead
