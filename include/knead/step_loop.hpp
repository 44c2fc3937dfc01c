// The event loop of one countdown: waits for the next redraw, a key or a signal, and
// does what each asks. Pure: the terminal supplies the events and draws, the tests
// supply scripted events on a virtual clock.
#pragma once

#include <optional>

#include "knead/clock.hpp"
#include "knead/countdown.hpp"

namespace knead {

enum class KeyAction {
    none,
    pause,
    skip_step,
    next_point,   // n: the next side, then the next point
    whole_point,  // N: the rest of the point, every side
    quit,
    add_time,
    remove_time
};

// space: pause or resume; s: skip the step; n: next side or point; N: skip the point; q: stop;
// + and -: 5 s more or less.
KeyAction key_action(char key);

inline constexpr std::chrono::seconds kAdjustStep{5};

struct LoopEvent {
    enum Kind { timeout, keypress, interrupt, suspend, resize } kind = timeout;
    char key = 0;
    int signal = 0;  // with interrupt
};

class EventSource {
  public:
    virtual ~EventSource() = default;
    // Waits up to `real` (forever when nullopt) for the next event, and not less: the
    // loop draws once per wait and counts on the time having come.
    virtual LoopEvent wait(std::optional<Duration> real) = 0;
    // Stops the process for job control and returns once it is continued.
    virtual void suspend() = 0;
};

class CountdownView {
  public:
    virtual ~CountdownView() = default;
    virtual void draw(const Countdown& c, Duration now) = 0;
    virtual void note(KeyAction a) = 0;  // a key took effect: say so
    virtual void resized() {}            // the screen changed under us: draw afresh
};

enum class StepEnd { done, skipped, next_point, whole_point, quit, interrupted };

struct StepRun {
    StepEnd end = StepEnd::done;
    int signal = 0;
};

StepRun run_countdown(Clock& clock, Countdown& c, EventSource& events, CountdownView& view);

}  // namespace knead
