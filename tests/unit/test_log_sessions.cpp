// Sessions assembled from the log's records by their id.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include <string>
#include <vector>

#include "knead/log_sessions.hpp"

using knead::LoggedSession;

namespace {

std::vector<LoggedSession> sessions(std::string_view text, knead::LogScan* scan = nullptr) {
    std::vector<LoggedSession> out;
    auto s =
        knead::scan_sessions_text(text, [&](LoggedSession&& x) { out.push_back(std::move(x)); });
    if (scan) *scan = s;
    return out;
}

const char* kOne =
    "# knead log v1\n"
    "time=2026-11-25T07:30:00+01:00 session=A event=start routines=neck,jaw clock=real "
    "version=0.1.0\n"
    "time=2026-11-25T07:30:30+01:00 session=A routine=neck point=trap side=left rep=1 step=locate "
    "planned=15 actual=15.0 pain=6\n"
    "time=2026-11-25T07:31:00+01:00 session=A routine=neck point=trap side=left rep=1 step=hold "
    "planned=30 actual=30.0 pain=8 next=20\n"
    "time=2026-11-25T07:32:00+01:00 session=A routine=neck point=trap side=left rep=2 step=hold "
    "planned=20 actual=20.0 pain=6\n"
    "time=2026-11-25T07:33:00+01:00 session=A routine=neck point=trap side=right rep=1 step=hold "
    "planned=30 actual=30.0 pain=4 next=40\n"
    "time=2026-11-25T07:34:00+01:00 session=A routine=jaw point=masseter side=left rep=1 "
    "step=press planned=10 actual=10.0 answer=skip\n"
    "time=2026-11-25T07:35:00+01:00 session=A event=end status=completed points=2 duration=300.5\n";

}  // namespace

TEST_CASE("a session: its start, its points with first and last hold pain, its end") {
    knead::LogScan scan;
    auto got = sessions(kOne, &scan);
    CHECK_FALSE(scan.problems.any());
    REQUIRE(got.size() == 1);
    const auto& s = got[0];
    CHECK(s.id == "A");
    CHECK(s.time == "2026-11-25T07:30:00+01:00");
    CHECK(s.routines == std::vector<std::string>{"neck", "jaw"});
    CHECK_FALSE(s.virtual_clock);
    CHECK(s.status == "completed");
    CHECK(s.points == 2);
    CHECK(s.duration == doctest::Approx(300.5));
    REQUIRE(s.worked.size() == 2);
    const auto& trap = s.worked[0];
    CHECK(trap.routine == "neck");
    CHECK(trap.point == "trap");
    CHECK(trap.holds == 3);
    CHECK(trap.first_hold_pain == 8);
    CHECK(trap.last_hold_pain == 4);
    CHECK(trap.first_hold == 30);
    CHECK(trap.next_hold == 40);  // the last hold's next
    const auto& jaw = s.worked[1];
    CHECK(jaw.holds == 0);
    CHECK_FALSE(jaw.first_hold_pain);
    CHECK_FALSE(jaw.next_hold);
}

TEST_CASE("a hold without `next` (an older log) carries on from its planned length") {
    auto got = sessions(
        "time=2026-11-25T07:30:00Z session=A event=start routines=neck clock=real\n"
        "time=2026-11-25T07:31:00Z session=A routine=neck point=trap step=hold planned=35 pain=6\n"
        "time=2026-11-25T07:35:00Z session=A event=end status=completed points=1 duration=300\n");
    REQUIRE(got.size() == 1);
    CHECK(got[0].worked[0].next_hold == 35);
}

TEST_CASE("a session without an end record is unfinished, handed over once it is stale") {
    auto got = sessions(
        "time=2026-11-25T07:30:00Z session=K event=start routines=neck clock=real\n"
        "time=2026-11-25T07:31:00Z session=K routine=neck point=trap step=hold planned=30 pain=6\n"
        "time=2026-11-25T07:32:10Z session=K routine=neck point=sub step=locate planned=15 pain=3\n"
        "time=2026-11-26T07:30:00Z session=B event=start routines=neck clock=virtual\n"
        "time=2026-11-26T07:35:00Z session=B event=end status=stopped points=0 duration=4.0\n");
    // K was silent for a day when B started: killed, so handed over then, before B.
    REQUIRE(got.size() == 2);
    CHECK(got[0].id == "K");
    CHECK(got[0].status == knead::kUnfinished);
    CHECK(got[0].points == 2);
    CHECK(got[0].duration == doctest::Approx(130));
    CHECK(got[1].id == "B");
    CHECK(got[1].virtual_clock);
    CHECK(got[1].status == "stopped");
    // The last one open is handed over at the end.
    auto last = sessions(
        "time=2026-11-25T07:30:00Z session=K event=start routines=neck clock=real\n"
        "time=2026-11-25T07:31:00Z session=K routine=neck point=trap step=hold planned=30 "
        "pain=6\n");
    REQUIRE(last.size() == 1);
    CHECK(last[0].status == knead::kUnfinished);
}

TEST_CASE("interleaved sessions (two at once on one log) are kept apart") {
    auto got = sessions(
        "time=2026-11-25T07:30:00Z session=A event=start routines=neck clock=real\n"
        "time=2026-11-25T07:30:01Z session=B event=start routines=neck clock=real\n"
        "time=2026-11-25T07:31:00Z session=A routine=neck point=trap step=hold planned=30 pain=7\n"
        "time=2026-11-25T07:31:01Z session=B routine=neck point=trap step=hold planned=30 pain=3\n"
        "time=2026-11-25T07:32:00Z session=B event=end status=completed points=1 duration=120\n"
        "time=2026-11-25T07:32:01Z session=A event=end status=completed points=1 duration=121\n");
    REQUIRE(got.size() == 2);
    CHECK(got[0].id == "B");  // in the order they ended
    CHECK(got[0].worked[0].first_hold_pain == 3);
    CHECK(got[1].id == "A");
    CHECK(got[1].worked[0].first_hold_pain == 7);
}

TEST_CASE("records of a session whose start was lost still make a session") {
    auto got = sessions(
        "time=2026-11-25T07:31:00Z session=A routine=neck point=trap step=hold planned=30 pain=6\n"
        "time=2026-11-25T07:35:00Z session=A event=end status=completed points=1 duration=300\n");
    REQUIRE(got.size() == 1);
    CHECK(got[0].time == "2026-11-25T07:31:00Z");
    CHECK(got[0].routines == std::vector<std::string>{"neck"});
}

TEST_CASE("soreness records belong to their session") {
    auto got = sessions(
        "time=2026-11-25T07:30:00Z session=A event=start routines=neck clock=real\n"
        "time=2026-11-25T07:30:05Z session=A event=soreness routine=neck pain=6\n"
        "time=2026-11-25T07:35:00Z session=A event=end status=completed points=1 duration=300\n");
    REQUIRE(got.size() == 1);
    REQUIRE(got[0].soreness.size() == 1);
    CHECK(got[0].soreness[0].routine == "neck");
    CHECK(got[0].soreness[0].pain == 6);
}

TEST_CASE("records that make no sense are skipped and reported; unknown kinds are ignored") {
    knead::LogScan scan;
    auto got = sessions(
        "time=2026-11-25T07:30:00Z session=A event=start routines=neck clock=real\n"
        "time=yesterday session=A routine=neck point=trap step=hold planned=30 pain=6\n"
        "time=2026-11-25T07:31:00Z session=A routine=neck point=trap step=hold planned=30 pain=11\n"
        "time=2026-11-25T07:31:30Z session=A routine=neck point=trap step=hold planned=x pain=5\n"
        "time=2026-11-25T07:32:00Z session=A routine=neck point=trap step=hold planned=30 pain=5\n"
        "time=2026-11-25T07:33:00Z session=A event=mood feeling=fine\n"
        "time=2026-11-25T07:33:30Z session=A kind=photo file=x.jpg\n"
        "time=2026-11-25T07:34:00Z session=A routine=neck point=trap step=massage planned=30 "
        "pain=2\n"
        "time=2026-11-25T07:35:00Z session=A event=end status=completed points=1 duration=300\n",
        &scan);
    REQUIRE(got.size() == 1);
    CHECK(got[0].worked[0].holds == 1);
    CHECK(got[0].worked[0].first_hold_pain == 5);
    CHECK(scan.problems.damaged == 3);
    CHECK(scan.problems.first_line == 2);
}

TEST_CASE("a missing log: no sessions, no error") {
    std::vector<LoggedSession> got;
    auto scan = knead::scan_sessions("/nonexistent-dir-for-knead/s.log",
                                     [&](LoggedSession&& s) { got.push_back(std::move(s)); });
    CHECK(scan.missing);
    CHECK(scan.error.empty());
    CHECK(got.empty());
}

TEST_CASE("a damaged value is quoted in the warning without its control characters") {
    knead::LogScan scan;
    sessions("time=2026\x1b[31m session=A event=start routines=neck\n", &scan);
    CHECK(scan.problems.damaged == 1);
    CHECK(scan.problems.first_why == "`time=2026?[31m` is not a time");
}

TEST_CASE("sessions that start in the same second keep their order in the log") {
    // The ids sort the other way round: the order must come from the log.
    std::string text =
        "time=2026-11-25T07:30:00+01:00 session=zz event=start routines=neck\n"
        "time=2026-11-25T07:30:00+01:00 session=aa event=start routines=jaw\n"
        "time=2026-11-25T07:30:00+01:00 session=mm event=start routines=back\n";
    auto got = sessions(text);
    REQUIRE(got.size() == 3);
    CHECK(got[0].id == "zz");
    CHECK(got[1].id == "aa");
    CHECK(got[2].id == "mm");
    CHECK(got[0].line < got[1].line);
}

TEST_CASE("killed sessions are handed over as they go stale, not held to the end") {
    // A start record every 20 minutes, none ended: the assembler holds only recent ones.
    std::string text;
    for (int i = 0; i < 2000; ++i)
        text += fmt::format(
            "time=2026-01-{:02}T{:02}:{:02}:00+00:00 session=s{} event=start "
            "routines=neck\n",
            1 + i * 20 / 1440, i * 20 / 60 % 24, i * 20 % 60, i);
    std::vector<std::string> ids;
    std::size_t handed_before_end = 0;
    knead::SessionAssembler a([&](LoggedSession&& s) {
        ids.push_back(s.id);
        CHECK(s.status == knead::kUnfinished);
    });
    knead::LogReader reader(knead::LogReader::FromText{}, text);
    knead::LogRecord r;
    while (reader.next(r)) a.add(r, reader.problems());
    handed_before_end = ids.size();
    a.finish();
    REQUIRE(ids.size() == 2000);
    // All but a bounded few came before the end, and all in the order they started.
    CHECK(2000 - handed_before_end <= knead::SessionAssembler::kMaxOpen);
    for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == fmt::format("s{}", i));
}

TEST_CASE("however many sessions start together, only a bounded number is held") {
    std::string text;
    for (int i = 0; i < 3000; ++i)
        text += fmt::format("time=2026-01-01T07:00:00+00:00 session=s{} event=start\n", i);
    std::size_t max_open = 0, handed = 0;
    std::vector<std::string> ids;
    knead::SessionAssembler a([&](LoggedSession&& s) {
        ++handed;
        ids.push_back(s.id);
    });
    knead::LogReader reader(knead::LogReader::FromText{}, text);
    knead::LogRecord r;
    std::size_t read = 0;
    while (reader.next(r)) {
        a.add(r, reader.problems());
        max_open = std::max(max_open, ++read - handed);
    }
    a.finish();
    CHECK(handed == 3000);
    CHECK(max_open <= knead::SessionAssembler::kMaxOpen);
    for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == fmt::format("s{}", i));
}

TEST_CASE("a broken time among times of the same hour is still reported, with its line") {
    // The times around it share its date, hour and zone: only its minutes are read again.
    knead::LogScan scan;
    auto got = sessions(
        "time=2026-11-25T07:30:00+01:00 session=A event=start routines=neck clock=real\n"
        "time=2026-11-25T07:31:00+01:00 session=A routine=neck point=trap step=hold planned=30 "
        "pain=6\n"
        "time=2026-11-25T07:61:00+01:00 session=A routine=neck point=trap step=hold planned=30 "
        "pain=5\n"
        "time=2026-11-25T07:32:0x+01:00 session=A routine=neck point=trap step=hold planned=30 "
        "pain=4\n"
        "time=2026-11-25T07:33:00+01:00 session=A event=end status=completed points=1 "
        "duration=180\n",
        &scan);
    REQUIRE(got.size() == 1);
    CHECK(got[0].worked[0].holds == 1);
    CHECK(got[0].last == got[0].start + 180);
    CHECK(scan.problems.damaged == 2);
    CHECK(scan.problems.first_line == 3);
    CHECK(scan.problems.first_why == "`time=2026-11-25T07:61:00+01:00` is not a time");
}
