#include "knead/log_lock.hpp"

#include <sys/file.h>

#include <cerrno>
#include <chrono>
#include <ctime>

namespace knead {

namespace {
// Asked again after 1 ms, then after twice as long each time, up to 64 ms.
constexpr long kFirstWaitNs = 1'000'000;
constexpr long kLongestWaitNs = 64'000'000;
}  // namespace

LogLock::LogLock(int fd, Kind kind, std::chrono::milliseconds patience) : fd_(fd) {
    const int op = (kind == Kind::shared ? LOCK_SH : LOCK_EX) | LOCK_NB;
    const auto total_ns = std::chrono::nanoseconds(patience).count();
    long wait = kFirstWaitNs;
    for (long long waited = 0;;) {
        if (::flock(fd_, op) == 0) {
            held_ = true;
            return;
        }
        if (errno == EINTR) continue;
        if (errno != EWOULDBLOCK || waited >= total_ns) return;
        timespec pause{0, wait};
        while (::nanosleep(&pause, &pause) != 0 && errno == EINTR) {
        }
        waited += wait;
        wait = wait * 2 > kLongestWaitNs ? kLongestWaitNs : wait * 2;
    }
}

LogLock::~LogLock() {
    if (held_) ::flock(fd_, LOCK_UN);
}

}  // namespace knead
