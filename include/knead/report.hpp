// `knead report`: what a period of the log shows, gathered in one streaming pass over its
// records for a page a person can look at or show a therapist. Memory stays bounded
// whatever the size of the log: a chart keeps at most kMaxMarks marks per line (merging
// neighbouring sessions when a period holds more), the calendar its last 53 weeks, and
// the lists their last kMaxListed entries with a count of the rest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "knead/log_reader.hpp"
#include "knead/log_sessions.hpp"

namespace knead {

struct ReportQuery {
    std::vector<std::string> subjects;  // routine ids, point ids or ROUTINE.POINT; none: all
    std::optional<std::int64_t> since_day;
    std::int64_t today = 0;  // the day the report is made: where the calendar ends
};

inline constexpr std::size_t kMaxMarks = 400;
inline constexpr std::size_t kMaxListed = 500;
inline constexpr std::int64_t kCalendarDays = std::int64_t{53} * 7;

// One mark of a pain chart: a session, or the mean of neighbouring ones when the period
// holds more sessions than a chart keeps.
struct PainMark {
    double x = 0;  // the local day it started on, plus the fraction of that day
    double first = 0;
    double last = 0;
    int sessions = 1;
    void merge(const PainMark& o);
};

// The hold seconds of a session, planned and done, summed over the points reported.
struct DoseMark {
    double x = 0;
    double planned = 0;
    double done = 0;
    int sessions = 1;
    void merge(const DoseMark& o);
};

// One point on one side over the period, from the real sessions with an answered hold.
struct PainSeries {
    std::string routine;
    std::string point;
    std::string side;
    std::vector<PainMark> marks;  // oldest first
    int per_mark = 1;             // sessions merged into one mark, at most
    int sessions = 0;
    int holds = 0;
    int first_pain = 0;   // at the first hold of the first session
    int latest_pain = 0;  // at the first hold of the last session
    std::int64_t first_day = 0;
    std::int64_t last_day = 0;
    double first_sum = 0;  // sums over the sessions of the first and last hold pains
    double last_sum = 0;
};

struct DayWork {
    std::int64_t day = 0;
    int sessions = 0;
    double minutes = 0;
};

struct RedFlagStop {
    std::string time;  // as logged
    std::string routine;
    std::string point;
    std::string side;
    std::string step;  // empty when no step was under way (the soreness question)
};

struct SkipCount {
    std::string routine;
    std::string point;
    std::string side;
    std::string step;
    std::string why;
    int times = 0;
    std::string last_time;
};

struct SorenessAnswer {
    std::string time;
    std::string routine;
    int pain = 0;
};

struct Report {
    std::size_t sessions = 0;    // real sessions in the period that worked a subject
    std::size_t rehearsals = 0;  // --no-wait sessions in the period, left out
    std::size_t unfinished = 0;
    std::optional<std::int64_t> first_day;  // of the real sessions
    std::optional<std::int64_t> last_day;
    std::int64_t period_from = 0;       // the days the charts' time axis spans
    std::int64_t calendar_from = 0;     // the days the calendar spans: the period's last 53 weeks
    std::int64_t calendar_to = 0;       // the end of both
    std::vector<std::string> routines;  // worked, in the order first seen
    std::vector<DayWork> days;          // days worked, oldest first, within the calendar
    std::vector<PainSeries> series;     // in the order first worked
    std::vector<DoseMark> dose;
    int dose_per_mark = 1;
    std::deque<SorenessAnswer> soreness;  // the last kMaxListed, oldest first
    std::size_t soreness_more = 0;        // older ones left out
    std::deque<RedFlagStop> red_flags;
    std::size_t red_flags_more = 0;
    std::vector<SkipCount> skips;        // one row per kind of skip, in the order first seen
    std::vector<std::string> unmatched;  // subjects that no record named
};

// Takes the log's records one at a time, in the order read.
class ReportBuilder {
  public:
    explicit ReportBuilder(ReportQuery q);
    ReportBuilder(const ReportBuilder&) = delete;
    ReportBuilder& operator=(const ReportBuilder&) = delete;

    void add(const LogRecord& r, LogProblems& problems);
    Report finish();

  private:
    struct Side {
        std::string routine;
        std::string point;
        std::string side;
        int holds = 0;  // answered with a number
        int first = 0;
        int last = 0;
        double planned = 0;  // seconds over every hold step
        double done = 0;
    };
    struct Open {
        std::vector<Side> sides;
        std::vector<SkipCount> skips;
        std::optional<RedFlagStop> flag;
    };
    void step(const LogRecord& r, Open& o);
    void skipped_side(const LogRecord& r, Open& o);
    void count_skip(Open& o, const LogRecord& r, std::string_view step, std::string why);
    void session(LoggedSession&& s);
    bool matches(std::string_view routine, std::string_view point) const;
    bool matches(const LoggedSession& s, const Open* o) const;

    ReportQuery q_;
    Report out_;
    SessionAssembler sessions_;
    std::unordered_map<std::string, Open> open_;
    const LogRecord* current_ = nullptr;    // the record being added, while it is
    std::vector<bool> matched_;             // per subject: did any record name it
    std::map<std::int64_t, DayWork> days_;  // pruned to the calendar's span as days come
};

// Reads the log at `path` into a report. The scan says what was wrong with the log.
LogScan read_report(const std::filesystem::path& path, const ReportQuery& q, Report& out);
// The same over in-memory text (for tests).
LogScan read_report_text(std::string_view text, const ReportQuery& q, Report& out);

// The plain-language summary of a series: "pain at the first hold fell from 7 to 4 over
// 9 sessions", and how much a session eased it on average.
std::string series_summary(const PainSeries& s);

}  // namespace knead
