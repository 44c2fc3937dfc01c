// Two sessions on one log: a record another session is still writing is neither taken for
// one a crash cut short nor read half done. The other session is played by the test: it
// holds the lock with half a record written, as a writer does in the middle of its write.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <utility>

#include "knead/log_file.hpp"
#include "knead/log_lock.hpp"
#include "knead/log_reader.hpp"
#include "knead/log_record.hpp"
#include "test_support.hpp"

using knead::LogFile;
using knead::LogLock;
using knead::LogReader;
using knead::LogRecord;
using knead::ReverseLogReader;
using knead_test::read_file;
using knead_test::TempDir;
using knead_test::write_file;

namespace {

const std::string kHeader = std::string(knead::kLogHeader) + "\n";
const std::string kFirst =
    "time=2026-03-01T08:00:00+01:00 session=20260301T070000Z-0001 event=start routines=neck "
    "clock=real version=0.1.0\n";
const std::string kSecond =
    "time=2026-03-01T08:10:00+01:00 session=20260301T070000Z-0001 event=end "
    "status=completed points=1 duration=600.0\n";

// Another session in the middle of writing `record`: it holds the log's lock with only the
// first half of the record in the file, until finish() writes the rest and lets go.
class HalfWritten {
  public:
    HalfWritten(const std::filesystem::path& log, const std::string& record)
        : fd_(::open(log.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC)), rest_(record) {
        REQUIRE(fd_ >= 0);
        REQUIRE(::flock(fd_, LOCK_EX) == 0);
        const std::string half = rest_.substr(0, rest_.size() / 2);
        REQUIRE(::write(fd_, half.data(), half.size()) == static_cast<ssize_t>(half.size()));
        rest_.erase(0, half.size());
    }
    // Long enough for the other thread to reach the lock and wait at it: were it not to
    // wait, it would see the half record now.
    void finish_soon() {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        REQUIRE(::write(fd_, rest_.data(), rest_.size()) == static_cast<ssize_t>(rest_.size()));
        ::close(fd_);  // which lets go of the lock
        fd_ = -1;
    }
    ~HalfWritten() {
        if (fd_ >= 0) ::close(fd_);
    }
    HalfWritten(const HalfWritten&) = delete;
    HalfWritten& operator=(const HalfWritten&) = delete;

  private:
    int fd_;
    std::string rest_;
};

// What a reader of kind R opening `log` reads while another session is half way through
// writing kSecond: how many records, and how many damaged lines.
template <class R>
std::pair<std::size_t, std::size_t> read_during_a_write(const std::filesystem::path& log) {
    HalfWritten other(log, kSecond);
    std::size_t records = 0, damaged = 0;
    std::thread reader([&] {
        R r(log);
        LogRecord rec;
        while (r.next(rec)) ++records;
        damaged = r.problems().damaged;
    });
    other.finish_soon();
    reader.join();
    return {records, damaged};
}

}  // namespace

TEST_CASE("log lock: a session opening the log waits out another's write, and marks nothing") {
    TempDir dir;
    const auto log = dir / "sessions.log";
    write_file(log, kHeader + kFirst);
    HalfWritten other(log, kSecond);
    std::thread opener([&] {
        LogFile file(log);
        file.append(
            "time=2026-03-01T09:00:00+01:00 session=20260301T080000Z-0002 event=start "
            "routines=neck clock=real version=0.1.0");
    });
    other.finish_soon();
    opener.join();
    const std::string text = read_file(log);
    CHECK(text.find(knead::kCutMark) == std::string::npos);
    CHECK(text.rfind(kHeader + kFirst + kSecond + "time=2026-03-01T09:00:00", 0) == 0);
}

TEST_CASE("log lock: a reader opening the log waits out a write and reads it whole") {
    TempDir dir;
    const auto log = dir / "sessions.log";
    write_file(log, kHeader + kFirst);
    SUBCASE("forwards") {
        CHECK(read_during_a_write<LogReader>(log) == std::pair<std::size_t, std::size_t>{2, 0});
    }
    SUBCASE("backwards") {
        CHECK(read_during_a_write<ReverseLogReader>(log) ==
              std::pair<std::size_t, std::size_t>{2, 0});
    }
}

TEST_CASE("log lock: a reader reads the log as it was when opened") {
    TempDir dir;
    const auto log = dir / "sessions.log";
    write_file(log, kHeader + kFirst);
    LogReader r(log);
    {
        LogFile file(log);
        file.append(kSecond.substr(0, kSecond.size() - 1));
    }
    LogRecord rec;
    std::size_t records = 0;
    while (r.next(rec)) ++records;
    CHECK(records == 1);
    CHECK(r.problems().damaged == 0);
    CHECK(read_file(log) == kHeader + kFirst + kSecond);
}

TEST_CASE("log lock: a lock held for good is waited for a bounded time, then done without") {
    TempDir dir;
    const auto log = dir / "sessions.log";
    write_file(log, kHeader);
    HalfWritten other(log, kFirst);
    const int fd = ::open(log.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    const auto start = std::chrono::steady_clock::now();
    {
        LogLock lock(fd, LogLock::Kind::shared, std::chrono::milliseconds(30));
        CHECK_FALSE(lock.held());
    }
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(30));
    other.finish_soon();
    LogLock lock(fd, LogLock::Kind::shared, std::chrono::milliseconds(30));
    CHECK(lock.held());
    ::close(fd);
}
