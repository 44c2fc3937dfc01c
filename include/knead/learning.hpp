// What earlier sessions teach the next one: where each point's first hold starts, and
// whether an area was worked recently enough to ask how sore it still is.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "knead/log_sessions.hpp"
#include "knead/routine.hpp"

namespace knead {
struct SessionPoint;
struct RedFlagCheck;
}  // namespace knead

namespace knead {

// Delayed-onset soreness should fade within a day or two (docs/history.md).
inline constexpr int kSorenessWindowHours = 48;
// From this soreness on, the session goes lighter.
inline constexpr int kHighSoreness = 5;

// Points are keyed as the log writes them: by the routine and id they were written with,
// so a point taken with `use` is one point everywhere.
using PointKey = std::pair<std::string, std::string>;

struct Recall {
    struct Hold {
        std::int64_t session_start = 0;
        int seconds = 0;
    };
    // The hold each point of the asked-for routines would have started at next, from the
    // latest real-clock session that held it.
    std::map<PointKey, Hold> holds;
    // When each point was last worked: the end of its latest real-clock session with a
    // hold, in seconds since the epoch.
    std::map<PointKey, std::int64_t> worked;
    // Whether each point's last stretch felt strong (kStrongStretch or more).
    struct Stretch {
        std::int64_t session_start = 0;
        bool strong = false;
    };
    std::map<PointKey, Stretch> stretches;
    // Real-clock sessions that ended on a red flag, and whether a later session has
    // worked one of their points since.
    struct RedFlag {
        std::int64_t end = 0;
        std::string time;
        std::vector<PointKey> points;
        bool followed_up = false;
    };
    std::vector<RedFlag> red_flags;
};

// Reads sessions into a Recall for the points of `routines` only (all, when empty), so
// memory stays small. Sessions
// run with --no-wait (a virtual clock) are rehearsals: nothing is learned from them.
class RecallBuilder {
  public:
    explicit RecallBuilder(std::vector<std::string> routines) : routines_(std::move(routines)) {}
    void add(const LoggedSession& s);
    // Whether add(s) can change anything: a real-clock session that worked their points.
    bool learns_from(const LoggedSession& s) const;
    const Recall& recall() const { return recall_; }

  private:
    std::vector<std::string> routines_;
    Recall recall_;
};

// What a session needs learned for one of its points: its hold (with when it was last
// worked and any red flag on it), and its stretch when it has one.
struct RecallNeed {
    PointKey key;
    bool stretch = false;
};

// Reads the log from its end into `builder`, only as far back as `needs` require: for
// each point, the latest real-clock session that held it (and stretched it, when it has a
// stretch), with no session older than that still read in part. Older sessions cannot
// change what the builder learns: they started earlier, and a red flag before a later
// session on its point was followed up. The builder gets the sessions in the order
// reading forwards gives it; with `whole`, the whole log is read.
LogScan recall_from_end(ReverseLogReader& reader, const std::vector<RecallNeed>& needs,
                        RecallBuilder& builder, bool whole = false);

// The first hold for a point from the recall, within the point's bounds.
std::optional<int> learned_hold(const Recall& r, const SessionPoint& point);

// Whether the point's stretch starts gentler, its last one having felt strong.
bool learned_gentle_stretch(const Recall& r, const SessionPoint& point);

// When any routine last worked the point, if that is less than kSorenessWindowHours
// before `now`.
std::optional<std::int64_t> worked_recently(const Recall& r, const SessionPoint& point,
                                            std::int64_t now);

// The latest red flag on any of `points` that no session has followed up yet.
std::optional<RedFlagCheck> red_flag_follow_up(const Recall& r,
                                               const std::vector<SessionPoint>& points,
                                               std::int64_t now);

// Whether a red flag on one of the routine's points is less than kSorenessWindowHours old.
bool red_flag_recently(const Recall& r, const Routine& routine, std::int64_t now);

bool soreness_is_high(int soreness);

// A lighter dose for a sore area: the target band 2 lower (but not below 1-3) and one
// repetition fewer (but at least one).
Dose ease_for_soreness(const Dose& d);

}  // namespace knead
