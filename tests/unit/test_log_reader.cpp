// The streaming log reader: records, comments, damaged and truncated lines, newer logs.
#include <doctest/doctest.h>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "knead/log_reader.hpp"

using knead::LogReader;
using knead::LogRecord;

namespace {

// Reads every record of `text`; returns "key=value ..." of each, unquoted.
std::vector<std::string> records(LogReader& reader) {
    std::vector<std::string> out;
    LogRecord r;
    while (reader.next(r)) {
        std::string line;
        for (const auto& f : r.fields()) {
            if (!line.empty()) line += ' ';
            line += std::string(f.key) + "=" + std::string(f.value);
        }
        out.push_back(line);
    }
    return out;
}

std::vector<std::string> records(std::string_view text) {
    LogReader reader(LogReader::FromText{}, text);
    return records(reader);
}

// A scratch file, removed at the end of the test.
class TempFile {
  public:
    explicit TempFile(std::string_view content) {
        std::string tmpl = (std::filesystem::temp_directory_path() / "knead-log-XXXXXX").string();
        int fd = ::mkstemp(tmpl.data());
        REQUIRE(fd >= 0);
        ::close(fd);
        path_ = tmpl;
        std::ofstream(path_, std::ios::binary) << content;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

const char* kStart =
    "time=2026-11-25T07:30:12+01:00 session=s1 event=start routines=neck clock=real "
    "version=0.1.0\n";

}  // namespace

TEST_CASE("records come one at a time, comments and blank lines skipped") {
    std::string text = std::string("# knead log v1\n") + kStart + "\n# a note of mine\n" +
                       "time=2026-11-25T07:31:00+01:00 session=s1 routine=neck point=a pain=6\n";
    LogReader reader(LogReader::FromText{}, text);
    LogRecord r;
    REQUIRE(reader.next(r));
    CHECK(r.line() == 2);
    CHECK(r.get("event") == "start");
    CHECK(r.get("routines") == "neck");
    CHECK(r.get("missing").empty());
    CHECK_FALSE(r.has("missing"));
    REQUIRE(reader.next(r));
    CHECK(r.line() == 5);
    CHECK(r.get("pain") == "6");
    CHECK_FALSE(reader.next(r));
    CHECK(reader.problems().damaged == 0);
    CHECK_FALSE(reader.problems().any());
}

TEST_CASE("quoted values are unquoted and unescaped") {
    auto got = records(
        "time=2026-11-25T07:30:12Z session=s1 note=\"a \\\"b\\\" c\\\\d\\ne\" empty=\"\" "
        "plain=\"no escapes\"\n");
    REQUIRE(got.size() == 1);
    CHECK(got[0] ==
          "time=2026-11-25T07:30:12Z session=s1 note=a \"b\" c\\d\ne empty= plain=no escapes");
}

TEST_CASE("two escaped values on one line both stay intact") {
    LogReader reader(LogReader::FromText{},
                     "time=2026-11-25T07:30:12Z session=s1 a=\"x\\\"y\" b=\"1\\\\2\"\n");
    LogRecord r;
    REQUIRE(reader.next(r));
    CHECK(r.get("a") == "x\"y");
    CHECK(r.get("b") == "1\\2");
}

TEST_CASE("unknown keys are kept, not refused") {
    auto got = records(
        "time=2026-11-25T07:30:12Z session=s1 routine=neck point=a step=hold planned=30 "
        "pain=6 mood=calm future.key=1\n");
    REQUIRE(got.size() == 1);
    CHECK(got[0].find("mood=calm future.key=1") != std::string::npos);
}

TEST_CASE("a damaged line is skipped and counted, and reading goes on") {
    std::string text = std::string(kStart) +
                       "time=2026-11-25T07:31:00+01:00 session=s1 note=\"never closed\n" +
                       "garbage without any equals sign\n" +
                       "time=2026-11-25T07:32:00+01:00 session=s1 routine=neck point=a\n";
    LogReader reader(LogReader::FromText{}, text);
    auto got = records(reader);
    CHECK(got.size() == 2);
    const auto& p = reader.problems();
    CHECK(p.damaged == 2);
    CHECK(p.first_line == 2);
    CHECK(p.first_why.find("unterminated") != std::string::npos);
    auto warnings = knead::log_warnings(p, "s.log");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] ==
          "s.log:2: skipped a damaged line: unterminated quoted value of `note` (and 1 more "
          "damaged lines)");
}

TEST_CASE("a record must start with time and session") {
    LogReader reader(LogReader::FromText{}, "session=s1 time=2026-11-25T07:30:12Z\nfoo=bar\n");
    CHECK(records(reader).empty());
    CHECK(reader.problems().damaged == 2);
    CHECK(reader.problems().first_why.find("time=") != std::string::npos);
}

TEST_CASE("a last line without its newline was cut short: skipped, with its line number") {
    std::string text = std::string(kStart) + "time=2026-11-25T07:31:00+01:00 session=s1 rout";
    LogReader reader(LogReader::FromText{}, text);
    CHECK(records(reader).size() == 1);
    CHECK(reader.problems().damaged == 1);
    CHECK(reader.problems().first_line == 2);
    CHECK(reader.problems().first_why.find("cut short") != std::string::npos);
}

TEST_CASE("a value that looks whole on a cut-short last line is still not trusted") {
    // pain=1 may be the start of pain=10.
    std::string text = std::string(kStart) +
                       "time=2026-11-25T07:31:00+01:00 session=s1 routine=neck point=a pain=1";
    CHECK(records(text).size() == 1);
}

TEST_CASE("a newer log version is read as far as it goes, and said once") {
    std::string text = std::string("# knead log v2\n# knead log v3\n") + kStart;
    LogReader reader(LogReader::FromText{}, text);
    CHECK(records(reader).size() == 1);
    REQUIRE(reader.problems().newer_version);
    CHECK(*reader.problems().newer_version == "2");
    auto warnings = knead::log_warnings(reader.problems(), "s.log");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("newer knead (log v2") != std::string::npos);
}

TEST_CASE("the v1 header is no news") {
    LogReader reader(LogReader::FromText{}, std::string("# knead log v1\n") + kStart);
    CHECK(records(reader).size() == 1);
    CHECK_FALSE(reader.problems().any());
}

TEST_CASE("CRLF line ends are read as plain ones") {
    CHECK(records("time=2026-11-25T07:30:12Z session=s1 a=1\r\n") ==
          std::vector<std::string>{"time=2026-11-25T07:30:12Z session=s1 a=1"});
}

TEST_CASE("a file is read across many buffer refills") {
    std::string text;
    for (int i = 0; i < 30000; ++i)
        text += "time=2026-11-25T07:30:12Z session=s" + std::to_string(i) +
                " routine=neck point=upper-trapezius side=left rep=1 step=hold planned=30 "
                "actual=30.0 pain=6\n";
    REQUIRE(text.size() > 2 * LogReader::kBufferSize);
    TempFile f(text);
    LogReader reader(f.path());
    LogRecord r;
    int n = 0;
    bool in_order = true;
    while (reader.next(r)) in_order = in_order && r.get("session") == "s" + std::to_string(n++);
    CHECK(n == 30000);
    CHECK(in_order);
    CHECK(reader.error().empty());
    CHECK(reader.problems().damaged == 0);
}

TEST_CASE("a line longer than the buffer is damaged; the lines around it are read") {
    std::string text = std::string(kStart) + "time=2026-11-25T07:30:13Z session=s1 junk=" +
                       std::string(LogReader::kBufferSize + 10, 'x') + "\n" + kStart;
    TempFile f(text);
    LogReader reader(f.path());
    CHECK(records(reader).size() == 2);
    CHECK(reader.problems().damaged == 1);
    CHECK(reader.problems().first_line == 2);
}

TEST_CASE("a truncated file: every whole line is read, the torn one reported") {
    std::string whole = std::string("# knead log v1\n") + kStart;
    TempFile f(whole + "time=2026-11-25T07:31:00+01:00 session=s1 routine=ne");
    LogReader reader(f.path());
    CHECK(records(reader).size() == 1);
    CHECK(reader.problems().damaged == 1);
    CHECK(reader.problems().first_line == 3);
}

TEST_CASE("a missing log is empty, not an error; a directory or device is not read") {
    LogReader missing("/nonexistent-dir-for-knead/sessions.log");
    LogRecord r;
    CHECK(missing.missing());
    CHECK(missing.error().empty());
    CHECK_FALSE(missing.next(r));

    LogReader dir(std::filesystem::temp_directory_path());
    CHECK_FALSE(dir.missing());
    CHECK(dir.special());
    CHECK(dir.error() == "is a directory");
    CHECK_FALSE(dir.next(r));

    // /dev/zero never ends and has no newline: it must not be read at all.
    LogReader zero("/dev/zero");
    CHECK(zero.special());
    CHECK_FALSE(zero.next(r));
}

TEST_CASE("a log version too large for an integer is newer too") {
    std::string text = std::string("# knead log v99999999999999999999\n") + kStart;
    LogReader reader(LogReader::FromText{}, text);
    CHECK(records(reader).size() == 1);
    REQUIRE(reader.problems().newer_version);
    CHECK(*reader.problems().newer_version == "99999999999999999999");
    auto warnings = knead::log_warnings(reader.problems(), "s.log");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("newer knead (log v99999999999999999999;") != std::string::npos);
    // The current version, or one before it, is no news.
    LogReader same(LogReader::FromText{}, std::string("# knead log v1\n# knead log v0\n") + kStart);
    CHECK(records(same).size() == 1);
    CHECK_FALSE(same.problems().newer_version);
}
