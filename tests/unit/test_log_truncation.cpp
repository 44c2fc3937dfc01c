// A log cut off at any byte (a crash, a full disk, a kill in the middle of a write): every
// earlier record still reads back exactly, and the cut record is either refused by the
// parser or reads as a prefix of itself. A cut line has no newline, which is how the log
// reader tells it is damaged; once the next session has added one, the cut-off mark is
// what keeps it damaged (see docs/log-format.md).
#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "knead/log_file.hpp"
#include "knead/log_reader.hpp"
#include "knead/log_record.hpp"
#include "knead/logfmt.hpp"
#include "test_support.hpp"

using namespace knead;

namespace {

// One line read as the log reader reads it: its fields (none for an empty line or a
// comment, which are skipped), or nullopt with why when it is damaged.
std::optional<Fields> parse_line(std::string_view line, std::string* why = nullptr) {
    LogReader reader(LogReader::FromText{}, std::string(line) + "\n");
    LogRecord r;
    if (!reader.next(r)) {
        if (reader.problems().damaged == 0) return Fields{};
        if (why) *why = reader.problems().first_why;
        return std::nullopt;
    }
    Fields f;
    for (const auto& field : r.fields()) f.emplace_back(field.key, field.value);
    return f;
}

struct Split {
    std::vector<std::string> lines;  // each ended by a newline (not included)
    std::string tail;                // what follows the last newline
};

Split split(std::string_view text) {
    Split s;
    std::size_t start = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string_view::npos;
         nl = text.find('\n', start)) {
        s.lines.emplace_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    s.tail = text.substr(start);
    return s;
}

// A session as knead writes it, the last record with a quoted, escaped value as a later
// version might add (readers ignore keys they do not know).
std::vector<Fields> session_records() {
    WallTime t{std::chrono::seconds(1'790'000'000)};
    SessionInfo info{"20260925T101320-0a1b", {"neck"}, false};
    SessionPoint p{"neck", Point{}, {}};
    p.point.id = "upper-trapezius";
    std::vector<Fields> out{start_record(t, info)};
    for (Phase phase : {Phase::locate, Phase::press, Phase::hold}) {
        StepResult r;
        r.step = Step{phase, 0, Side::left, 1, 30};
        r.actual = 30.04;
        r.pain = 6;
        out.push_back(step_record(t, info, p, r));
    }
    StepResult r;
    r.step = Step{Phase::stretch, 0, Side::left, 1, 30};
    r.answer = "quit";
    Fields last = step_record(t, info, p, r);
    last.emplace_back("note", "sore \"left\" side\\ta=b");
    out.push_back(last);
    return out;
}

std::string log_text(const std::vector<Fields>& records) {
    std::string text = std::string(kLogHeader) + "\n";
    for (const auto& f : records) text += format_logfmt(f) + "\n";
    return text;
}

}  // namespace

TEST_CASE("log truncation: a log cut inside its last record keeps every earlier record") {
    const auto records = session_records();
    const std::string full = log_text(records);
    const std::size_t last_start = full.rfind('\n', full.size() - 2) + 1;
    const Fields& last = records.back();

    int refused = 0, prefixes = 0;
    for (std::size_t cut = last_start; cut <= full.size(); ++cut) {
        CAPTURE(cut);
        Split s = split(std::string_view(full).substr(0, cut));
        const bool whole = cut == full.size();

        // The header, then every record before the cut one, exactly as written.
        REQUIRE(s.lines.size() == records.size() + (whole ? 1 : 0));
        CHECK(s.lines[0] == kLogHeader);
        for (std::size_t i = 1; i < s.lines.size(); ++i) {
            auto f = parse_line(s.lines[i]);
            REQUIRE(f);
            CHECK(*f == records[i - 1]);
        }
        if (whole) {
            CHECK(s.tail.empty());
            continue;
        }

        // The cut record: refused, or a prefix of the real one.
        std::string why;
        auto f = parse_line(s.tail, &why);
        if (!f) {
            CHECK_FALSE(why.empty());
            ++refused;
            continue;
        }
        ++prefixes;
        REQUIRE(f->size() <= last.size());
        for (std::size_t i = 0; i < f->size(); ++i) {
            CHECK((*f)[i].first == last[i].first);
            if (i + 1 < f->size())
                CHECK((*f)[i].second == last[i].second);
            else
                CHECK(last[i].second.rfind((*f)[i].second, 0) == 0);
        }
    }
    // Both happen, which is why a reader must go by the missing newline, not the parser.
    CHECK(refused > 0);
    CHECK(prefixes > 0);
}

TEST_CASE("log truncation: a cut anywhere in the log never breaks the parser") {
    const std::string full = log_text(session_records());
    for (std::size_t cut = 0; cut <= full.size(); ++cut) {
        Split s = split(std::string_view(full).substr(0, cut));
        for (const auto& line : s.lines)
            if (!line.empty() && line[0] != '#') CHECK(parse_line(line));
        std::string why;
        if (!parse_line(s.tail, &why)) CHECK_FALSE(why.empty());
    }
}

TEST_CASE("log truncation: the cut-off mark makes any cut record a damaged line") {
    for (const auto& record : session_records()) {
        const std::string line = format_logfmt(record);
        for (std::size_t cut = 0; cut < line.size(); ++cut) {
            CAPTURE(line.substr(0, cut));
            CHECK_FALSE(parse_line(line.substr(0, cut) + std::string(kCutMark)));
        }
    }
}

TEST_CASE("log truncation: opening a log whose last line was cut marks it and starts afresh") {
    knead_test::TempDir dir;
    const auto records = session_records();
    const std::string whole = log_text({records[0]});
    const std::string cut = format_logfmt(records[1]).substr(0, 60);

    auto path = dir / "cut.log";
    knead_test::write_file(path, whole + cut);
    {
        LogFile log(path);
        CHECK_FALSE(log.created());
        log.append(format_logfmt(records[2]));
    }
    CHECK(knead_test::read_file(path) ==
          whole + cut + std::string(kCutMark) + "\n" + format_logfmt(records[2]) + "\n");

    // A log that ends with a whole line is left as it is.
    path = dir / "whole.log";
    knead_test::write_file(path, whole);
    {
        LogFile log(path);
        log.append(format_logfmt(records[2]));
    }
    CHECK(knead_test::read_file(path) == whole + format_logfmt(records[2]) + "\n");
}

TEST_CASE("log truncation: the log reader reads every whole record and reports the cut one") {
    const auto records = session_records();
    const std::string full = log_text(records);
    const std::size_t last_start = full.rfind('\n', full.size() - 2) + 1;
    const std::string next = format_logfmt(records[0]) + "\n";  // a later session's start
    for (std::size_t cut = last_start; cut <= full.size(); ++cut) {
        CAPTURE(cut);
        const bool whole = cut == full.size(), cut_in_record = cut > last_start && !whole;
        // As the crash left it, and after the next session marked it and appended.
        for (bool marked : {false, true}) {
            std::string text = full.substr(0, cut);
            if (marked) text += (cut_in_record ? std::string(kCutMark) + "\n" : "") + next;
            LogReader reader(LogReader::FromText{}, text);
            LogRecord r;
            std::size_t n = 0;
            while (reader.next(r)) {
                // The records before the cut, then the later session's start.
                const std::size_t kept = records.size() - (whole ? 0 : 1);
                const Fields& want = n < kept ? records[n] : records[0];
                REQUIRE(r.fields().size() == want.size());
                for (std::size_t i = 0; i < want.size(); ++i) {
                    CHECK(r.fields()[i].key == want[i].first);
                    CHECK(r.fields()[i].value == want[i].second);
                }
                ++n;
            }
            CHECK(n == records.size() - 1 + (whole ? 1 : 0) + (marked ? 1 : 0));
            CHECK(reader.problems().damaged == (cut_in_record ? 1u : 0u));
        }
    }
}
