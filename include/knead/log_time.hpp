// The log's times and dates as numbers: seconds since the epoch, and calendar days.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "knead/clock.hpp"

namespace knead {

// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
std::int64_t days_from_civil(int year, int month, int day);

struct LogTime {
    std::int64_t epoch = 0;  // seconds since the epoch, UTC
    std::int64_t day = 0;    // the calendar day where it was written (its local date)
};

// "2026-11-25T07:30:12+01:00" (or with Z); nullopt when it is not such a time.
std::optional<LogTime> parse_log_time(std::string_view s);

// parse_log_time with a memory of the last time it read: a time that shares its date,
// hour and zone with that one (as a log's records mostly do, seconds apart) has only its
// minutes and seconds read, and the same answer. The log readers parse every record's
// time with one of these.
class LogTimeParser {
  public:
    std::optional<LogTime> parse(std::string_view s);

  private:
    static constexpr std::size_t kMax = 32;  // longer times are parsed in full each time
    std::array<char, kMax> last_{};
    std::size_t size_ = 0;   // of last_; 0 before the first valid time
    std::int64_t hour_ = 0;  // the epoch at the start of last_'s hour (UTC)
    std::int64_t day_ = 0;
};

// "YYYY-MM-DD" as a day number; nullopt for anything else, or a date that does not exist.
std::optional<std::int64_t> parse_date(std::string_view s);

// A time as written in the log, as a place on a time axis in days: its local day plus
// the fraction of that day its clock time says (for charts).
double day_position(std::int64_t day, std::string_view time);

// A day number as "YYYY-MM-DD".
std::string date_string(std::int64_t day);

// Today's (or `t`'s) day number in local time, as the log's dates are written.
std::int64_t local_day(WallTime t);

// The Monday on or before `day`: weeks run Monday to Sunday, as in ISO 8601.
std::int64_t week_start(std::int64_t day);

}  // namespace knead
