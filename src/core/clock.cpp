#include "knead/clock.hpp"

namespace knead {
namespace {

class SteadyClock final : public Clock {
  public:
    explicit SteadyClock(double speed) : speed_(speed) {}

    Duration now() const override {
        auto real = std::chrono::steady_clock::now() - start_;
        return std::chrono::duration_cast<Duration>(real * speed_);
    }
    WallTime wall() const override { return std::chrono::system_clock::now(); }
    Duration real_time_until(Duration t) override {
        auto left = t - now();
        if (left <= Duration::zero()) return Duration::zero();
        return std::chrono::duration_cast<Duration>(left / speed_);
    }

  private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    double speed_;
};

}  // namespace

std::unique_ptr<Clock> make_steady_clock(double speed) {
    return std::make_unique<SteadyClock>(speed);
}

}  // namespace knead
