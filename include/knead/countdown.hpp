// The arithmetic of one countdown: an absolute deadline that pauses and stretches,
// and when the display next changes.
#pragma once

#include <optional>

#include "knead/clock.hpp"

namespace knead {

class Countdown {
  public:
    Countdown(Duration start, Duration length) : start_(start), deadline_(start + length) {}

    Duration deadline() const { return deadline_; }
    Duration length() const { return deadline_ - start_ - paused_; }
    bool done(Duration now) const { return !paused_since_ && now >= deadline_; }
    bool paused() const { return paused_since_.has_value(); }

    // Whole seconds left, rounded up so the display reads 30..1 and never shows 0 early.
    int seconds_left(Duration now) const;
    // Fraction of the countdown that has passed, 0..1.
    double progress(Duration now) const;
    // The next moment the display changes: the next whole second before the deadline.
    // Redraws are tied to the deadline, not to the previous wake-up, so they never drift.
    // Nothing changes while paused.
    std::optional<Duration> next_tick(Duration now) const;

    // A pause moves the deadline by its length, so the step keeps its full time.
    void pause(Duration now);
    void resume(Duration now);
    Duration paused_total() const { return paused_; }

    // Adds (or with a negative delta removes) time, keeping at least a second to go.
    void adjust(Duration delta, Duration now);
    Duration adjusted_total() const { return adjusted_; }

  private:
    Duration effective(Duration now) const { return paused_since_ ? *paused_since_ : now; }

    Duration start_;
    Duration deadline_;
    Duration paused_{0};
    Duration adjusted_{0};
    std::optional<Duration> paused_since_;
};

}  // namespace knead
