// An advisory lock on the open log, held while a record is written and while a reader
// takes the log's size. Another session's write is then never seen half done: without
// it, a reader could find a record whose end was not yet copied in, and a session opening
// the log could take it for one that a crash cut short and mark it so.
#pragma once

#include <chrono>

namespace knead {

class LogLock {
  public:
    enum class Kind { shared, exclusive };
    // Far longer than any one write takes.
    static constexpr std::chrono::milliseconds kPatience{2000};
    // Waits for the lock a bounded time (writers hold it only for one write), then goes
    // on without it: a process stopped while holding it must not stop every session.
    // Where the file system has no locks, it goes on without them at once.
    LogLock(int fd, Kind kind, std::chrono::milliseconds patience = kPatience);
    ~LogLock();
    LogLock(const LogLock&) = delete;
    LogLock& operator=(const LogLock&) = delete;

    bool held() const { return held_; }

  private:
    int fd_;
    bool held_ = false;
};

}  // namespace knead
