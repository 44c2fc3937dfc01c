#include "knead/countdown.hpp"

#include <algorithm>

namespace knead {

using std::chrono::seconds;

int Countdown::seconds_left(Duration now) const {
    if (now >= deadline_) return 0;
    auto left = deadline_ - now;
    return static_cast<int>((left + seconds(1) - Duration(1)) / seconds(1));
}

double Countdown::progress(Duration now) const {
    auto total = deadline_ - start_;
    if (total <= Duration::zero() || now >= deadline_) return 1.0;
    if (now <= start_) return 0.0;
    return static_cast<double>((now - start_).count()) / static_cast<double>(total.count());
}

Duration Countdown::next_tick(Duration now) const {
    if (now >= deadline_) return deadline_;
    // The display changes when the time left crosses a whole second.
    auto left = deadline_ - now;
    auto whole = (left - Duration(1)) / seconds(1);  // whole seconds still to come after the tick
    return std::min(deadline_ - seconds(whole), deadline_);
}

}  // namespace knead
