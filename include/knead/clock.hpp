// Session time, injectable so that the core never reads a real clock directly.
#pragma once

#include <chrono>
#include <memory>

namespace knead {

using Duration = std::chrono::nanoseconds;
using WallTime = std::chrono::system_clock::time_point;

// A session's clock. `now()` is monotonic session time since the clock was made;
// `wall()` is the calendar time that log records carry.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual Duration now() const = 0;
    virtual WallTime wall() const = 0;
    // How much real time to sleep before session time reaches `t`. A virtual clock
    // jumps to `t` at once and answers zero, which is what makes --no-wait instant.
    virtual Duration real_time_until(Duration t) = 0;
    virtual bool is_virtual() const { return false; }
};

// Real monotonic time, optionally sped up by `speed` (for demos).
std::unique_ptr<Clock> make_steady_clock(double speed = 1.0);

// Time that moves only when someone waits on it.
class VirtualClock final : public Clock {
  public:
    explicit VirtualClock(WallTime start = std::chrono::system_clock::now()) : start_(start) {}
    Duration now() const override { return now_; }
    WallTime wall() const override {
        return start_ + std::chrono::duration_cast<WallTime::duration>(now_);
    }
    Duration real_time_until(Duration t) override {
        if (t > now_) now_ = t;
        return Duration::zero();
    }
    bool is_virtual() const override { return true; }
    void advance(Duration d) { now_ += d; }

  private:
    WallTime start_;
    Duration now_{0};
};

}  // namespace knead
