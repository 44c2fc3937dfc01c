#include "knead/countdown.hpp"

#include <algorithm>

namespace knead {

using std::chrono::seconds;

int Countdown::seconds_left(Duration now) const {
    now = effective(now);
    if (now >= deadline_) return 0;
    auto left = deadline_ - now;
    return static_cast<int>((left + seconds(1) - Duration(1)) / seconds(1));
}

double Countdown::progress(Duration now) const {
    now = effective(now);
    auto total = length();
    auto passed = now - start_ - paused_;
    if (total <= Duration::zero() || now >= deadline_) return 1.0;
    if (passed <= Duration::zero()) return 0.0;
    return static_cast<double>(passed.count()) / static_cast<double>(total.count());
}

std::optional<Duration> Countdown::next_tick(Duration now) const {
    if (paused_since_) return std::nullopt;
    if (now >= deadline_) return deadline_;
    // The display changes when the time left crosses a whole second.
    auto still_to_come = (deadline_ - now - Duration(1)) / seconds(1);
    return deadline_ - seconds(still_to_come);
}

void Countdown::pause(Duration now) {
    if (!paused_since_) paused_since_ = now;
}

void Countdown::resume(Duration now) {
    if (!paused_since_) return;
    auto pause = std::max(Duration::zero(), now - *paused_since_);
    paused_ += pause;
    deadline_ += pause;
    paused_since_.reset();
}

void Countdown::adjust(Duration delta, Duration now) {
    auto floor = effective(now) + seconds(1);
    auto target = std::max(deadline_ + delta, std::min(floor, deadline_));
    adjusted_ += target - deadline_;
    deadline_ = target;
}

}  // namespace knead
