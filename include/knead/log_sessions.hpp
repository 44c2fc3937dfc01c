// Assembles the log's records into sessions by their id: a start record, the steps, an
// end record. Only sessions still open are held, and few of them (see kMaxOpen), so memory
// follows what is aggregated, not the size of the log.
#pragma once

#include <climits>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "knead/log_reader.hpp"
#include "knead/log_time.hpp"

namespace knead {

// One point (both sides together) as one session worked it.
struct LoggedPoint {
    std::string routine;
    std::string point;
    int holds = 0;  // holds answered with a number
    std::optional<int> first_hold_pain;
    std::optional<int> last_hold_pain;
    int first_hold = 0;  // planned seconds of its first hold
    // Where the next session starts: the last hold's `next`, or in logs written before
    // knead recorded it, that hold's `planned`.
    std::optional<int> next_hold;
    std::optional<int> last_stretch_pain;  // how strong its last stretch felt
};

struct LoggedSoreness {
    std::string routine;
    int pain = 0;
};

struct LoggedSession {
    std::string id;
    std::string time;        // the first record's time, as written
    std::int64_t start = 0;  // seconds since the epoch
    std::int64_t day = 0;    // the local date it started on, as a day number
    std::int64_t last = 0;   // the time of its last record
    std::size_t line = 0;    // its first record's line: the order of sessions in a second
    std::vector<std::string> routines;
    bool virtual_clock = false;  // run with --no-wait: no real time passed
    std::string status;          // from the end record, else "unfinished"
    int points = 0;              // points started
    double duration = 0;         // seconds
    std::vector<LoggedPoint> worked;
    std::vector<LoggedSoreness> soreness;
    // Set as it is handed over: every session handed over after it starts at or after
    // this time (in a log in time order, within SessionAssembler::kSlack), so what lists
    // sessions by start can print those that start before it.
    std::int64_t settled = INT64_MIN;
};

inline constexpr std::string_view kUnfinished = "unfinished";

class SessionAssembler {
  public:
    using Sink = std::function<void(LoggedSession&&)>;
    explicit SessionAssembler(Sink sink) : sink_(std::move(sink)) {}

    // Takes one record. A record whose values make no sense is reported to `problems`
    // and ignored; records of kinds this version does not know are ignored quietly.
    void add(const LogRecord& r, LogProblems& problems);

    // Hands over the sessions that never ended (killed, or still running), oldest first.
    void finish();

    // Open sessions are held until their end record; a session silent this long when
    // another starts was killed, and is handed over as unfinished then, so that a log
    // of many killed sessions costs no more memory than a few. At most kMaxOpen are held.
    static constexpr std::int64_t kStaleSeconds = std::int64_t{6} * 3600;
    // Sessions are also swept for stale ones this often (in the log's time), however few
    // are open, so that a killed session is handed over soon after it went stale.
    static constexpr std::int64_t kSweepEvery = kStaleSeconds / 8;
    // How far out of time order concurrent writers may stamp their lines.
    static constexpr std::int64_t kSlack = 60;
    static constexpr std::size_t kSweepAt = 64;
    static constexpr std::size_t kMaxOpen = 256;

  private:
    void hand_over(std::vector<std::unique_ptr<LoggedSession>> left, std::int64_t now);
    std::int64_t settled(std::int64_t now) const;
    void drop_stale(std::int64_t now);
    LoggedSession* session_for(std::string_view id, std::int64_t epoch, std::int64_t day,
                               std::string_view time, std::size_t line);
    void close(std::string_view id, std::int64_t now);

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    Sink sink_;
    LogTimeParser times_;
    std::unordered_map<std::string, std::unique_ptr<LoggedSession>, Hash, std::equal_to<>> open_;
    LoggedSession* last_ = nullptr;  // records of one session mostly come together
    std::size_t sweep_at_ = kSweepAt;
    std::int64_t sweep_time_ = INT64_MIN;  // the next sweep by time, once a session is open
};

// Sessions from the end of the log backwards: each is handed over once its start record
// is read, built by a SessionAssembler from its records in their order, so it is the
// session reading forwards gives. Only sessions read in part are held.
class RecentSessions {
  public:
    explicit RecentSessions(ReverseLogReader& reader) : reader_(reader) {}

    // Where a session came in reading forwards: at its end record, else (unfinished) at
    // the end of the log, by start. Sorting on it gives the forward order.
    struct Arrival {
        std::size_t end_line = 0;  // of the end record; SIZE_MAX when unfinished
        std::int64_t start = 0;
        std::size_t line = 0;
        bool operator<(const Arrival& o) const {
            return std::tie(end_line, start, line) < std::tie(o.end_line, o.start, o.line);
        }
    };

    // The next whole session, latest start first; false at the start of the log.
    bool next(LoggedSession& s, Arrival& at);

    // Whether every session not handed over yet lies wholly before `epoch`: none is held
    // in part, and the last record read is older than that. (The log is written in time
    // order: the records before it are older still. Callers leave a slack for writers
    // that stamp their lines a little out of order.)
    bool all_before(std::int64_t epoch) const { return held_.empty() && reached_ < epoch; }

  private:
    struct Held {
        std::vector<std::pair<std::size_t, std::string>> lines;  // line, text; latest first
        std::int64_t earliest = 0;  // the time of its earliest record read
    };
    void replay(std::vector<std::pair<std::size_t, std::string>> lines);
    void close_stale();

    ReverseLogReader& reader_;
    LogTimeParser times_;
    std::unordered_map<std::string, Held> held_;
    std::vector<std::pair<LoggedSession, Arrival>> ready_;
    std::int64_t reached_ = INT64_MAX;  // the time of the last record read
};

// What reading a whole log found, besides its sessions.
struct LogScan {
    bool missing = false;  // no log yet: not an error
    bool special = false;  // a directory, a device or a pipe: not read
    std::string error;     // the log exists but cannot be read
    LogProblems problems;
};

// What a reader found on opening the log; false when there is nothing to read.
template <typename Reader>
bool opened(const Reader& reader, LogScan& out) {
    out.missing = reader.missing();
    out.special = reader.special();
    if (reader.error().empty() || reader.missing()) return true;
    out.error = reader.error();
    return false;
}

// Reads the log at `path` and hands each session to `sink`: ended ones as their end
// record is read, unfinished ones at the end.
LogScan scan_sessions(const std::filesystem::path& path, const SessionAssembler::Sink& sink);

// The same over in-memory text (for tests).
LogScan scan_sessions_text(std::string_view text, const SessionAssembler::Sink& sink);

// Hands `sink` the latest `n` sessions by start (of those started on or after `since_day`,
// a local day number), and perhaps a few more, reading the log from its end and no
// further back than they need. Problems are those of the part read.
LogScan scan_latest_sessions(ReverseLogReader& reader, std::size_t n,
                             std::optional<std::int64_t> since_day,
                             const SessionAssembler::Sink& sink);

}  // namespace knead
