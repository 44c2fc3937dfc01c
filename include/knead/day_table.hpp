// `knead history --week` and `--month`: a table of days by routines, with the minutes
// worked and the mean pain at the first hold, laid out like timewarrior's `summary`.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "knead/log_sessions.hpp"

namespace knead {

struct DayRow {
    std::int64_t day = 0;
    std::string routines;  // the session's routines, comma-separated, as it worked them
    int sessions = 0;
    double seconds = 0;
    double pain_sum = 0;  // over the first holds of the points worked
    int pains = 0;
};

// Real sessions that started on a day of [from, to]; rehearsals are left out. With a
// subject (a routine, a point id or ROUTINE.POINT), only the sessions that worked it, and
// the pains of its points.
class DayTableBuilder {
  public:
    DayTableBuilder(std::int64_t from, std::int64_t to, std::string subject = {})
        : from_(from), to_(to), subject_(std::move(subject)) {}
    void add(const LoggedSession& s);
    // A row per day and routines worked, by day, then in the order first worked.
    std::vector<DayRow> rows() const;

  private:
    std::int64_t from_;
    std::int64_t to_;
    std::string subject_;
    std::map<std::int64_t, std::vector<DayRow>> days_;
};

// The table as lines: a week number and date on each day's first row, a total per day
// and one for the period.
std::vector<std::string> render_day_table(const std::vector<DayRow>& rows, std::int64_t from,
                                          std::int64_t to);

}  // namespace knead
