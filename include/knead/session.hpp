// The session state machine: which step comes next, and what an answer does to it.
// Knows nothing of terminals or files; the caller shows steps and reports answers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "knead/answer.hpp"
#include "knead/policy.hpp"
#include "knead/routine.hpp"

namespace knead {

enum class Phase { locate, press, hold, stretch };
std::string_view to_string(Phase p);

enum class Status { running, completed, stopped, red_flag, interrupted };
std::string_view to_string(Status s);

// One point as a session works it: which routine it came from, and the point.
struct SessionPoint {
    std::string routine;
    Point point;
    std::optional<int> learned_hold;  // the starting hold, when history suggests one
};

// The points of several routines, in order: one session across all of them.
std::vector<SessionPoint> session_points(const std::vector<Routine>& routines);

struct Step {
    Phase phase = Phase::locate;
    std::size_t point_index = 0;
    Side side = Side::center;
    int rep = 1;
    int planned = 0;  // seconds
};

enum class Outcome {
    next,           // carry on
    point_skipped,  // "s": the rest of the point is skipped
    stopped,        // "q"
    red_flag,       // "!"
};

struct Feedback {
    Outcome outcome = Outcome::next;
    std::optional<Decision> decision;  // after a hold, or when the pain says stop pressing
};

struct PointSummary {
    std::string routine;
    std::string point_id;
    std::string name;
    std::optional<int> first_hold_pain;
    std::optional<int> last_hold_pain;
    bool released = false;
    bool skipped = false;
    bool started = false;
};

class Session {
  public:
    explicit Session(std::vector<SessionPoint> points);

    bool finished() const { return status_ != Status::running; }
    Status status() const { return status_; }
    const Step& current() const { return step_; }
    const SessionPoint& point(std::size_t i) const { return points_[i]; }
    const SessionPoint& current_point() const { return points_[step_.point_index]; }
    std::size_t point_count() const { return points_.size(); }
    std::optional<int> last_pain() const { return last_pain_; }

    // Reports the answer given after the current step and moves on. `pain` is set for a
    // numeric answer; `same` must already be resolved by the caller (see resolve_same).
    // An unresolved `same` or an invalid answer leaves the session as it was.
    Feedback answer(const Answer& a);

    // Ends the session from outside (end of input, a signal).
    void stop(Status why) { status_ = why; }

    // Changes a point's dose before the session's first answer (a sore area goes lighter).
    void set_dose(std::size_t i, const Dose& d);

    const std::vector<PointSummary>& summary() const { return summary_; }
    int points_started() const;

  private:
    void begin_side();
    void advance_in_point();  // to the next step of this point and side
    void finish_side();       // to the stretch of this side, or onwards
    void next_side_or_point();
    void go_to_stretch();

    std::vector<SessionPoint> points_;
    std::vector<PointSummary> summary_;
    Step step_;
    std::vector<Side> sides_;
    std::size_t side_index_ = 0;
    HoldState hold_;
    std::optional<int> last_pain_;
    Status status_ = Status::running;
};

}  // namespace knead
