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

// Delayed-onset soreness should fade within a day or two (docs/history.md).
inline constexpr int kSorenessWindowHours = 48;
// From this soreness on, the session goes lighter.
inline constexpr int kHighSoreness = 5;

struct Recall {
    struct Hold {
        std::int64_t session_start = 0;
        int seconds = 0;
    };
    // The hold each point of the asked-for routines would have started at next, from the
    // latest real-clock session that held it. Keyed by routine and point id.
    std::map<std::pair<std::string, std::string>, Hold> holds;
    // When each routine was last worked: the end of its latest real-clock session with a
    // hold, in seconds since the epoch.
    std::map<std::string, std::int64_t> worked;
};

// Reads sessions into a Recall for `routines` only, so memory stays small. Sessions
// run with --no-wait (a virtual clock) are rehearsals: nothing is learned from them.
class RecallBuilder {
  public:
    explicit RecallBuilder(std::vector<std::string> routines) : routines_(std::move(routines)) {}
    void add(const LoggedSession& s);
    const Recall& recall() const { return recall_; }

  private:
    std::vector<std::string> routines_;
    Recall recall_;
};

// The first hold for `point` of `routine` from the recall, within the point's bounds.
std::optional<int> learned_hold(const Recall& r, const std::string& routine, const Point& point);

// When `routine` was last worked, if that is less than kSorenessWindowHours before `now`.
std::optional<std::int64_t> worked_recently(const Recall& r, const std::string& routine,
                                            std::int64_t now);

bool soreness_is_high(int soreness);

// A lighter dose for a sore area: the target band 2 lower (but not below 1-3) and one
// repetition fewer (but at least one).
Dose ease_for_soreness(const Dose& d);

}  // namespace knead
