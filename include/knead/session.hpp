// The session state machine: the checks before the first step, which step comes next,
// and what each answer or key does to it. This is the one place that knows the order of
// the steps: the timeline, the log and the view follow it. Knows nothing of terminals,
// files or the real clock; the caller shows steps, reads answers and reports them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "knead/answer.hpp"
#include "knead/clock.hpp"
#include "knead/policy.hpp"
#include "knead/routine.hpp"
#include "knead/step_loop.hpp"

namespace knead {

enum class Phase { locate, press, hold, rest, stretch };
std::string_view to_string(Phase p);

enum class Status { running, completed, stopped, red_flag, interrupted };
std::string_view to_string(Status s);

// What is asked after a step, or before the first one.
enum class Question {
    none,        // a rest: the session goes on by itself
    tenderness,  // after locate: how tender is the spot, 0-10
    pain,        // after press: how much does it hurt
    hold,        // after a hold: the staircase
    stretch,     // after a stretch: how strong it felt
    soreness,    // before the steps: how sore an area worked recently still is
    go_on,       // before the steps: go on after a recent red flag, y/N
};
Question question_after(Phase p);

// Short rests between the rounds of a stretch: this long, or `rest` when shorter.
inline constexpr int kStretchRestSeconds = 5;
// `n` pressed twice within this time skips the whole point.
inline constexpr std::chrono::milliseconds kDoubleKey{1000};

// One point as a session works it: which routine it came from, and the point.
struct SessionPoint {
    std::string routine;
    Point point;
    std::optional<int> learned_hold;  // the starting hold, when history suggests one
    bool gentle_stretch = false;      // the last session's stretch felt strong

    // The point's identity everywhere it is used: "routine.point" where it was written.
    std::string origin_routine() const;
    std::string origin_point() const;
};

// The points of several routines, in order: one session across all of them.
std::vector<SessionPoint> session_points(const std::vector<Routine>& routines);

struct Step {
    Phase phase = Phase::locate;
    std::size_t point_index = 0;
    Side side = Side::center;
    int rep = 1;      // the hold's repetition; for a stretch, its round; a rest, the one before
    int planned = 0;  // seconds
    bool lighter = false;  // press: start lighter (very tender); hold: ease off first
    bool gentle = false;   // stretch: go gentler than last time
    bool asks() const { return question_after(phase) != Question::none; }
};

enum class Outcome {
    next,           // carry on
    side_skipped,   // n: on to the next side, or the next point
    point_skipped,  // s, N or n twice: the rest of the point is skipped
    stopped,        // q, or no at the red-flag follow-up
    red_flag,       // "!"
};

// What an answer asks the view to say, besides a hold's staircase decision.
enum class Hint {
    none,
    not_tender,        // tenderness 1 or less: move a little, locate again
    still_not_tender,  // the second time: press gently where you are, or skip
    start_lighter,     // tenderness at or above the band's top: the press starts lighter
    ease_off,          // pain above the band after press: ease off before the hold
    stop_pressing,     // at or above the stop threshold
    gentler_stretch,   // the stretch felt 7 or more: the next one is gentler
    soreness_ok,       // the area is not very sore: the session goes as planned
    soreness_eased,    // the area is still sore: a lighter dose today
};

enum class SkipWhy { answer, next_side, whole_point };
std::string_view to_string(SkipWhy w);  // "answer", "next", "point": the log's `why`

struct SkippedSide {
    std::size_t point_index = 0;
    Side side = Side::center;
    SkipWhy why = SkipWhy::answer;
};

struct Feedback {
    Outcome outcome = Outcome::next;
    Hint hint = Hint::none;
    std::optional<Decision> decision;  // after a hold, or when the pain says stop pressing
    std::vector<SkippedSide> skipped;  // each side this answer or key skipped: log each
    std::optional<std::pair<Dose, Dose>> eased;  // with soreness_eased: before and after
};

// The checks before the first step.
struct SorenessCheck {
    std::string routine;  // the session's routine it is asked for
    std::string name;     // its name, for the question
    int hours_ago = 0;
    std::vector<std::size_t> points;  // the points of the session the area covers
};

struct RedFlagCheck {
    std::string time;  // when the red flag was, as the log has it
    int hours_ago = 0;
    std::vector<std::string> points;  // the names of the points it touched
};

// One side of one point, as it went.
struct SideSummary {
    std::size_t point_index = 0;
    std::string name;
    Side side = Side::center;
    bool started = false;
    bool finished = false;
    bool released = false;
    std::optional<int> stopped_at;  // the pain that stopped pressing
    std::optional<SkipWhy> skipped;
    int holds = 0;  // holds finished
    std::optional<int> first_hold_pain;
    std::optional<int> last_hold_pain;
};

class Session {
  public:
    explicit Session(std::vector<SessionPoint> points);

    // Checks are asked in the order added, before the first step.
    void add_check(RedFlagCheck c);
    void add_check(SorenessCheck c);
    bool checking() const { return check_ < checks_.size(); }
    const RedFlagCheck* red_flag_check() const;
    const SorenessCheck* soreness_check() const;

    bool finished() const { return status_ != Status::running; }
    Status status() const { return status_; }
    const Step& current() const { return step_; }
    const SessionPoint& point(std::size_t i) const { return points_[i]; }
    const SessionPoint& current_point() const { return points_[step_.point_index]; }
    std::size_t point_count() const { return points_.size(); }
    std::optional<int> last_pain() const { return last_pain_; }
    // What the current check or step asks.
    Question question() const;

    // The current step is being shown: its point counts as started.
    void begin_step();

    // Reports the answer to the current question and moves on. `same` must already be
    // resolved by the caller (see resolve_same). A `timeout` (hands-free) acts as the last
    // answer but moves no staircase and counts in no summary. An unresolved `same` or an
    // invalid answer leaves the session as it was.
    Feedback answer(const Answer& a);
    // Ends a step that asks nothing (a rest).
    Feedback advance();
    // A key that cut the countdown short: n, N or q. `now` tells two n's apart.
    Feedback key(KeyAction a, Duration now);

    // The answer the plan assumes: within the band and never lower than the last, so no
    // hold changes and no step is added. What `plan` and `show` time.
    Answer steady_answer() const;

    // Changes a point's dose before the first step (a sore area goes lighter).
    void set_dose(std::size_t i, const Dose& d);

    // Ends the session from outside (end of input, a signal).
    void stop(Status why) { status_ = why; }

    const std::vector<SideSummary>& sides() const { return sides_summary_; }
    int points_started() const;

  private:
    void begin_side();
    void to_phase(Phase p, int planned);
    enum class AfterRest { press, first_stretch, next_stretch };
    void to_rest(AfterRest then);
    void to_stretch();
    void next_side_or_point();
    void skip_sides(bool whole_point, SkipWhy why, Feedback& f);
    Feedback answer_check(const Answer& a);
    Feedback answer_step(int pain, bool timed_out);
    SideSummary& row() { return sides_summary_[row_]; }

    std::vector<SessionPoint> points_;
    std::vector<SideSummary> sides_summary_;
    std::size_t row_ = 0;  // the current side's summary
    struct Check {
        std::optional<RedFlagCheck> red_flag;
        std::optional<SorenessCheck> soreness;
    };
    std::vector<Check> checks_;
    std::size_t check_ = 0;
    Step step_;
    std::vector<Side> sides_;
    std::size_t side_index_ = 0;
    HoldState hold_;
    AfterRest after_rest_ = AfterRest::press;
    bool relocated_ = false;
    std::vector<bool> gentle_;  // by point: its stretch goes gentler from now on
    std::optional<int> last_pain_;
    std::optional<Duration> last_next_key_;
    std::size_t last_next_point_ = 0;
    bool any_step_ = false;
    Status status_ = Status::running;
};

}  // namespace knead
