// `knead history`: the sessions of the log and, per point, the pain at the first hold of
// each session, selected by routine or point and by date.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "knead/log_sessions.hpp"

namespace knead {

struct HistorySession {
    std::string id;
    std::string time;  // as written: local time with its offset
    std::int64_t start = 0;
    std::int64_t day = 0;
    std::size_t line = 0;  // of its first record in the log
    std::vector<std::string> routines;
    bool virtual_clock = false;
    std::string status;
    int points = 0;
    double duration = 0;
    // Means over the points held: pain at their first holds, and at their last.
    std::optional<double> pain_first;
    std::optional<double> pain_last;
};

// One session of one point, in a trend.
struct TrendEntry {
    std::size_t session = 0;  // index into History::sessions
    int first_pain = 0;
    int last_pain = 0;
    int holds = 0;
    int first_hold = 0;
    std::optional<int> next_hold;
};

struct PointTrend {
    std::string routine;
    std::string point;
    std::vector<TrendEntry> entries;  // oldest first
    std::size_t count = 0;            // entries in all: a streamed history holds only the latest
};

enum class Subject { all, routine, point, unknown };

struct HistoryQuery {
    std::string subject;                    // "", a routine id, a point id, or routine.point
    std::optional<std::int64_t> since_day;  // sessions started on or after this day
    std::optional<std::size_t> last;        // only the last N sessions
};

struct History {
    Subject subject = Subject::all;
    std::vector<HistorySession> sessions;  // oldest first
    // The points asked about, in the order sessions first worked them. Their entries
    // come from real-clock sessions only: a --no-wait run is a rehearsal.
    std::vector<PointTrend> points;
    std::vector<std::string> known_names;  // routine and point ids, for "did you mean"
};

class HistoryBuilder {
  public:
    // With `keep_last`, only the latest that many sessions (by start) are kept as they
    // come: for a query of all sessions with --last N, memory follows N, not the log.
    // With a `subject`, only the sessions that could be shown for it are kept (any
    // session's names are, for "did you mean"): build() must be asked that subject.
    explicit HistoryBuilder(std::optional<std::size_t> keep_last = std::nullopt,
                            std::string subject = {})
        : keep_last_(keep_last), subject_(std::move(subject)) {}
    // Streamed, for a query of all sessions without --last: each session started on or
    // after `since_day` goes to `shown` in the order history lists them (by start, then
    // line) once no session still to come can be listed before it, and each point keeps
    // only its latest `window` trend entries. A session is held until every session still
    // to come starts after it (LoggedSession::settled): in a log in time order, that is
    // the few still open. At most kReorder are held, whatever the log.
    // With a `routine`, only its sessions are shown, and only its points trended. With
    // `window` kAll every entry is kept, and the History holds the sessions they name
    // (those only, with their id, time and day): for what lists each entry.
    using Shown = std::function<void(const HistorySession&)>;
    static constexpr std::size_t kReorder = 4096;
    static constexpr std::size_t kAll = SIZE_MAX;
    HistoryBuilder(std::optional<std::int64_t> since_day, std::size_t window, Shown shown,
                   std::string routine = {})
        : since_day_(since_day),
          window_(window),
          shown_(std::move(shown)),
          routine_(std::move(routine)) {}
    void add(LoggedSession&& s);
    // Hands the sessions over to the History, without a copy: call it once. Streamed,
    // the History holds no sessions (they went to `shown`), only the points' trends.
    History build(const HistoryQuery& q);
    std::size_t kept() const { return sessions_.size(); }  // sessions held now
    std::size_t shown() const { return shown_count_; }     // streamed: handed to `shown`

  private:
    struct Worked {
        std::uint32_t point;  // index into points_
        std::optional<TrendEntry> entry;
    };
    struct Stored {
        HistorySession session;
        std::vector<Worked> worked;
    };
    std::uint32_t intern(const std::string& routine, const std::string& point);
    bool could_show(const Stored& s) const;
    void prune();
    void show(Stored&& s);
    History build_streamed();

    std::optional<std::size_t> keep_last_;
    std::vector<Stored> sessions_;
    std::vector<std::pair<std::string, std::string>> points_;  // routine, point
    std::map<std::pair<std::string, std::string>, std::uint32_t> index_;
    std::string subject_;
    std::set<std::string> routine_names_;  // of every session, when sessions are left out

    // Streamed only: the trend of each point (by index), its latest window_ entries.
    struct Trend {
        bool shown = false;
        std::size_t count = 0;
        std::deque<TrendEntry> latest;
    };
    std::optional<std::int64_t> since_day_;
    std::size_t window_ = 0;
    Shown shown_;
    std::string routine_;
    std::size_t shown_count_ = 0;
    std::vector<Trend> trends_;
    std::vector<HistorySession> named_;  // window_ kAll: the sessions the entries name
};

}  // namespace knead
