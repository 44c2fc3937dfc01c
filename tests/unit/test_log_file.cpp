// The append-only session log file: creation, permissions, header, appends, failures.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "knead/log_file.hpp"
#include "knead/log_record.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using knead::LogError;
using knead::LogFile;
using knead_test::read_file;
using knead_test::TempDir;
using knead_test::write_file;

namespace {

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

std::string message_of_log_error(const fs::path& p) {
    try {
        LogFile log(p);
    } catch (const LogError& e) {
        return e.what();
    }
    return "<no LogError>";
}

}  // namespace

TEST_CASE("log file: a new log gets private directories, a private file and the header") {
    TempDir dir;
    auto path = dir / "data/knead/sessions.log";
    {
        LogFile log(path);
        CHECK(log.created());
        CHECK_FALSE(log.too_open());
        CHECK(log.path() == path);
    }
    CHECK(fs::is_directory(dir / "data"));
    CHECK(mode_of(dir / "data") == 0700);
    CHECK(mode_of(dir / "data/knead") == 0700);
    CHECK(mode_of(path) == 0600);
    CHECK(read_file(path) == "# knead log v1\n");
    CHECK(read_file(path) == std::string(knead::kLogHeader) + "\n");
    // Nothing else is left behind beside the log.
    int entries = 0;
    for (const auto& e : fs::directory_iterator(path.parent_path())) {
        CAPTURE(e.path().string());
        CHECK(e.path() == path);
        ++entries;
    }
    CHECK(entries == 1);
}

TEST_CASE("log file: append adds whole lines after the header") {
    TempDir dir;
    auto path = dir / "sessions.log";
    LogFile log(path);
    log.append("a=1 b=2");
    log.append("c=\"x y\"");
    log.sync();
    CHECK(read_file(path) == "# knead log v1\na=1 b=2\nc=\"x y\"\n");

    std::string expected = read_file(path);
    for (int i = 0; i < 200; ++i) {
        std::string line = "n=" + std::to_string(i) + " pad=" + std::string(100, 'x');
        log.append(line);
        expected += line + "\n";
    }
    CHECK(read_file(path) == expected);
}

TEST_CASE("log file: an existing log is appended to without a second header") {
    TempDir dir;
    auto path = dir / "sessions.log";
    {
        LogFile first(path);
        CHECK(first.created());
        first.append("event=start");
    }
    {
        LogFile second(path);
        CHECK_FALSE(second.created());
        CHECK_FALSE(second.too_open());
        second.append("event=end");
    }
    CHECK(read_file(path) == "# knead log v1\nevent=start\nevent=end\n");
    CHECK(mode_of(path) == 0600);
}

TEST_CASE("log file: an existing file is not given a header it lacks") {
    TempDir dir;
    auto path = dir / "old.log";
    write_file(path, "x=1\n");
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    {
        LogFile log(path);
        CHECK_FALSE(log.created());
        log.append("y=2");
    }
    CHECK(read_file(path) == "x=1\ny=2\n");
}

TEST_CASE("log file: too_open on a log others can read") {
    TempDir dir;
    auto path = dir / "sessions.log";
    write_file(path, "# knead log v1\n");
    SUBCASE("0644") {
        fs::permissions(path, static_cast<fs::perms>(0644));
        LogFile log(path);
        CHECK(log.too_open());
        CHECK(mode_of(path) == 0644);  // a warning, not a silent chmod
    }
    SUBCASE("0640") {
        fs::permissions(path, static_cast<fs::perms>(0640));
        CHECK(LogFile(path).too_open());
    }
    SUBCASE("0602") {
        fs::permissions(path, static_cast<fs::perms>(0602));
        CHECK(LogFile(path).too_open());
    }
    SUBCASE("0600") {
        fs::permissions(path, static_cast<fs::perms>(0600));
        CHECK_FALSE(LogFile(path).too_open());
    }
}

TEST_CASE("log file: an unwritable location throws LogError naming the path") {
    // Tests run as root, so permissions would not stop them: a regular file where a
    // directory should be does.
    TempDir dir;
    auto blocker = dir / "not-a-dir";
    write_file(blocker, "x");
    SUBCASE("the parent is a regular file") {
        auto path = blocker / "sessions.log";
        CHECK_THROWS_AS(LogFile{path}, LogError);
        std::string msg = message_of_log_error(path);
        CHECK_MESSAGE(msg.find(path.string()) != std::string::npos, msg);
    }
    SUBCASE("a grandparent is a regular file") {
        auto path = blocker / "sub" / "sessions.log";
        CHECK_THROWS_AS(LogFile{path}, LogError);
        std::string msg = message_of_log_error(path);
        CHECK_MESSAGE(msg.find((blocker / "sub").string()) != std::string::npos, msg);
        CHECK_FALSE(fs::exists(path));
    }
    SUBCASE("the log path is a directory") {
        auto path = dir / "a-dir";
        fs::create_directory(path);
        std::string msg = message_of_log_error(path);
        CHECK_MESSAGE(msg.find(path.string()) != std::string::npos, msg);
    }
}

TEST_CASE("log file: a full disk makes append throw LogError") {
    if (!fs::exists("/dev/full")) {
        MESSAGE("no /dev/full: skipped");
        return;
    }
    LogFile log("/dev/full");
    CHECK_FALSE(log.created());
    CHECK_FALSE(log.too_open());  // not a regular file
    CHECK_THROWS_AS(log.append("a=1"), LogError);
    try {
        log.append("a=1");
    } catch (const LogError& e) {
        CHECK(std::string(e.what()).find("/dev/full") != std::string::npos);
    }
}

TEST_CASE("log file: a FIFO in the log's place is refused without waiting for a reader") {
    TempDir tmp;
    auto path = tmp.path() / "fifo.log";
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    // Were open() to block, this test would hang here.
    std::string msg = message_of_log_error(path);
    CHECK_MESSAGE(msg.find("cannot use the log " + path.string() + ": it is a FIFO") == 0, msg);
}

TEST_CASE("log file: stale LOG.new-PID files from a killed creation are removed") {
    TempDir tmp;
    auto log = tmp.path() / "s.log";
    auto make = [](const fs::path& p) { std::ofstream(p) << "# knead log v1\n"; };
    const fs::path dead = log.string() + ".new-4194303";  // above any PID in use
    const fs::path mine = log.string() + ".new-" + std::to_string(::getpid());
    const fs::path alive_recent = log.string() + ".new-1";
    const fs::path other = tmp.path() / "t.log.new-4194303";
    for (const auto& p : {dead, mine, alive_recent, other}) make(p);
    { LogFile first(log); }
    CHECK_FALSE(fs::exists(dead));
    CHECK(fs::exists(alive_recent));  // PID 1 lives: it may be making the log right now
    CHECK(fs::exists(other));         // not this log's
    CHECK(fs::exists(log));
    // An hour later PID 1's file is stale too: PIDs are reused.
    fs::last_write_time(alive_recent, fs::file_time_type::clock::now() - std::chrono::hours(2));
    { LogFile again(log); }
    CHECK_FALSE(fs::exists(alive_recent));
}
