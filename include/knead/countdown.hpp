// The arithmetic of one countdown: an absolute deadline, and when to redraw next.
#pragma once

#include "knead/clock.hpp"

namespace knead {

class Countdown {
  public:
    Countdown(Duration start, Duration length) : start_(start), deadline_(start + length) {}

    Duration deadline() const { return deadline_; }
    bool done(Duration now) const { return now >= deadline_; }
    // Whole seconds left, rounded up so the display reads 30..1 and never shows 0 early.
    int seconds_left(Duration now) const;
    // Fraction of the countdown that has passed, 0..1.
    double progress(Duration now) const;
    // The next moment the display changes: the next whole second before the deadline.
    // Redraws are tied to the deadline, not to the previous wake-up, so they never drift.
    Duration next_tick(Duration now) const;

  private:
    Duration start_;
    Duration deadline_;
};

}  // namespace knead
