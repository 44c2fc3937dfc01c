// Session log records: field order and values, timestamps with offsets, session ids.
#include <doctest/doctest.h>

#include <stdlib.h>
#include <time.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "knead/log_reader.hpp"
#include "knead/log_record.hpp"
#include "knead/version.hpp"

// Named one by one: a using-directive here would reach the files after this one in a
// unity batch (std::chrono::last would then shadow their locals named `last`).
using knead::Fields;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::system_clock;

namespace {

// Sets TZ for the test and puts it back afterwards.
class TimeZone {
  public:
    explicit TimeZone(const char* tz) {
        if (const char* old = std::getenv("TZ")) old_ = old;
        ::setenv("TZ", tz, 1);
        ::tzset();
    }
    ~TimeZone() {
        if (old_)
            ::setenv("TZ", old_->c_str(), 1);
        else
            ::unsetenv("TZ");
        ::tzset();
    }
    TimeZone(const TimeZone&) = delete;
    TimeZone& operator=(const TimeZone&) = delete;

  private:
    std::optional<std::string> old_;
};

// 2025-11-25T15:40:01Z
const knead::WallTime kT = system_clock::time_point(seconds(1764085201));

std::vector<std::string> keys(const Fields& f) {
    std::vector<std::string> out;
    for (const auto& kv : f) out.push_back(kv.first);
    return out;
}

const std::string* find_field(const Fields& f, const std::string& key) {
    for (const auto& [k, v] : f)
        if (k == key) return &v;
    return nullptr;
}

std::string value(const Fields& f, const std::string& key) {
    const std::string* v = find_field(f, key);
    return v ? *v : "<absent>";
}

knead::SessionInfo info() {
    return {"20251125T154001Z-9f3a", {"neck", "jaw"}, false};
}

knead::SessionPoint sample_point() {
    knead::SessionPoint p;
    p.routine = "neck";
    p.point.id = "upper-trapezius";
    p.point.name = "Upper trapezius";
    return p;
}

knead::StepResult result(knead::Phase phase, knead::Side side, int rep, int planned, double actual,
                         std::optional<int> pain, std::string answer = "") {
    knead::StepResult r;
    r.step.phase = phase;
    r.step.side = side;
    r.step.rep = rep;
    r.step.planned = planned;
    r.actual = actual;
    r.pain = pain;
    r.answer = std::move(answer);
    return r;
}

bool have_zone(const char* name) {
    return std::filesystem::exists(std::filesystem::path("/usr/share/zoneinfo") / name);
}

}  // namespace

TEST_CASE("iso8601: local time with a +hh:mm offset") {
    SUBCASE("UTC") {
        TimeZone tz("UTC");
        CHECK(knead::iso8601(kT) == "2025-11-25T15:40:01+00:00");
    }
    SUBCASE("a POSIX zone west of UTC, with minutes") {
        TimeZone tz("XYZ+03:30");  // needs no tzdata: UTC-03:30
        CHECK(knead::iso8601(kT) == "2025-11-25T12:10:01-03:30");
    }
    SUBCASE("a POSIX zone east of UTC") {
        TimeZone tz("ABC-01");  // UTC+01:00
        CHECK(knead::iso8601(kT) == "2025-11-25T16:40:01+01:00");
    }
    SUBCASE("Asia/Kolkata") {
        if (!have_zone("Asia/Kolkata")) {
            MESSAGE("no tzdata for Asia/Kolkata: skipped");
            return;
        }
        TimeZone tz("Asia/Kolkata");
        CHECK(knead::iso8601(kT) == "2025-11-25T21:10:01+05:30");
    }
    SUBCASE("fractions of a second are cut, not rounded") {
        TimeZone tz("UTC");
        CHECK(knead::iso8601(kT + milliseconds(999)) == "2025-11-25T15:40:01+00:00");
    }
    SUBCASE("the format in any zone") {
        TimeZone tz("Europe/Berlin");
        static const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)");
        CHECK(std::regex_match(knead::iso8601(kT), iso));
    }
}

TEST_CASE("make_session_id: start time plus four hex digits") {
    TimeZone tz("UTC");
    CHECK(knead::make_session_id(kT, 0x9f3a) == "20251125T154001Z-9f3a");
    CHECK(knead::make_session_id(kT, 0) == "20251125T154001Z-0000");
    CHECK(knead::make_session_id(kT, 0x12345) == "20251125T154001Z-2345");
    CHECK(knead::make_session_id(kT, 0xA) == "20251125T154001Z-000a");
    // Two runs in one second differ by their salt; later ids sort later.
    CHECK(knead::make_session_id(kT, 1) != knead::make_session_id(kT, 2));
    CHECK(knead::make_session_id(kT, 0xffff) < knead::make_session_id(kT + seconds(1), 0));
    CHECK(knead::make_session_id(kT + hours(24 * 40), 0) > knead::make_session_id(kT, 0xffff));
}

TEST_CASE("make_session_id uses UTC, whatever the local zone") {
    TimeZone tz("ABC-01");
    CHECK(knead::make_session_id(kT, 0x1) == "20251125T154001Z-0001");
}

TEST_CASE("start_record: fields in order") {
    TimeZone tz("UTC");
    auto f = knead::start_record(kT, info());
    CHECK(keys(f) ==
          std::vector<std::string>{"time", "session", "event", "routines", "clock", "version"});
    CHECK(value(f, "time") == "2025-11-25T15:40:01+00:00");
    CHECK(value(f, "session") == "20251125T154001Z-9f3a");
    CHECK(value(f, "event") == "start");
    CHECK(value(f, "routines") == "neck,jaw");
    CHECK(value(f, "clock") == "real");
    CHECK(value(f, "version") == std::string(knead::kVersion));

    auto s = info();
    s.virtual_clock = true;
    s.routines = {"neck"};
    auto v = knead::start_record(kT, s);
    CHECK(value(v, "clock") == "virtual");
    CHECK(value(v, "routines") == "neck");
}

TEST_CASE("step_record: fields in order, pain present for a number") {
    TimeZone tz("UTC");
    auto f = knead::step_record(kT, info(), sample_point(),
                                result(knead::Phase::hold, knead::Side::left, 2, 35, 34.96, 6));
    CHECK(keys(f) == std::vector<std::string>{"time", "session", "routine", "point", "side", "rep",
                                              "step", "planned", "actual", "pain"});
    CHECK(knead::format_logfmt(f) ==
          "time=2025-11-25T15:40:01+00:00 session=20251125T154001Z-9f3a routine=neck "
          "point=upper-trapezius side=left rep=2 step=hold planned=35 actual=35.0 pain=6");
}

TEST_CASE("step_record: a skipped step has no pain and answer=skip") {
    TimeZone tz("UTC");
    auto f = knead::step_record(
        kT, info(), sample_point(),
        result(knead::Phase::press, knead::Side::right, 1, 10, 3.04, std::nullopt, "skip"));
    CHECK(keys(f) == std::vector<std::string>{"time", "session", "routine", "point", "side", "rep",
                                              "step", "planned", "actual", "answer"});
    CHECK(find_field(f, "pain") == nullptr);
    CHECK(value(f, "answer") == "skip");
    CHECK(value(f, "side") == "right");
    CHECK(value(f, "step") == "press");
    CHECK(value(f, "actual") == "3.0");
}

TEST_CASE("step_record: other non-numeric answers") {
    TimeZone tz("UTC");
    for (const char* a : {"quit", "red-flag", "none"}) {
        CAPTURE(a);
        auto f = knead::step_record(
            kT, info(), sample_point(),
            result(knead::Phase::stretch, knead::Side::center, 2, 30, 30.0, std::nullopt, a));
        CHECK(find_field(f, "pain") == nullptr);
        CHECK(value(f, "answer") == a);
        CHECK(value(f, "side") == "center");
        CHECK(value(f, "step") == "stretch");
    }
}

TEST_CASE("step_record: actual has one decimal") {
    TimeZone tz("UTC");
    for (auto [actual, text] :
         {std::pair{0.0, "0.0"}, std::pair{12.34, "12.3"}, std::pair{29.96, "30.0"},
          std::pair{7.0, "7.0"}, std::pair{600.25, "600.2"}, std::pair{0.05, "0.1"}}) {
        CAPTURE(text);
        auto f =
            knead::step_record(kT, info(), sample_point(),
                               result(knead::Phase::locate, knead::Side::left, 1, 15, actual, 0));
        CHECK(value(f, "actual") == text);
        CHECK(value(f, "pain") == "0");
    }
}

TEST_CASE("step_record: paused, adjusted and early come last, only when they apply") {
    TimeZone tz("UTC");
    auto r = result(knead::Phase::hold, knead::Side::left, 1, 35, 20.04, std::nullopt, "skip");
    r.paused = 12.345;
    r.adjusted = 5;
    r.early = "skip";
    auto f = knead::step_record(kT, info(), sample_point(), r);
    CHECK(keys(f) == std::vector<std::string>{"time", "session", "routine", "point", "side", "rep",
                                              "step", "planned", "actual", "answer", "paused",
                                              "adjusted", "early"});
    CHECK(value(f, "paused") == "12.3");
    CHECK(value(f, "adjusted") == "+5");
    CHECK(value(f, "early") == "skip");
    CHECK(value(f, "actual") == "20.0");

    r.adjusted = -10;
    r.paused = 0;
    r.early.clear();
    auto g = knead::step_record(kT, info(), sample_point(), r);
    CHECK(value(g, "adjusted") == "-10");
    CHECK(find_field(g, "paused") == nullptr);
    CHECK(find_field(g, "early") == nullptr);

    r.adjusted = 0;
    auto h = knead::step_record(kT, info(), sample_point(), r);
    CHECK(find_field(h, "adjusted") == nullptr);
}

TEST_CASE("end_record: fields in order") {
    TimeZone tz("UTC");
    auto f = knead::end_record(kT, info(), knead::Status::completed, 4, 988.44);
    CHECK(keys(f) ==
          std::vector<std::string>{"time", "session", "event", "status", "points", "duration"});
    CHECK(knead::format_logfmt(f) ==
          "time=2025-11-25T15:40:01+00:00 session=20251125T154001Z-9f3a event=end "
          "status=completed points=4 duration=988.4");

    CHECK(value(knead::end_record(kT, info(), knead::Status::red_flag, 1, 5), "status") ==
          "red-flag");
    CHECK(value(knead::end_record(kT, info(), knead::Status::stopped, 0, 0), "duration") == "0.0");
}

TEST_CASE("end_record: an interrupted session names the step under way") {
    TimeZone tz("UTC");
    knead::Step step;
    step.phase = knead::Phase::hold;
    step.side = knead::Side::right;
    auto p = sample_point();
    auto f = knead::end_record(kT, info(), knead::Status::interrupted, 2, 61.0, &step, &p);
    CHECK(keys(f) == std::vector<std::string>{"time", "session", "event", "status", "points",
                                              "duration", "routine", "point", "side", "step"});
    CHECK(value(f, "status") == "interrupted");
    CHECK(value(f, "routine") == "neck");
    CHECK(value(f, "point") == "upper-trapezius");
    CHECK(value(f, "side") == "right");
    CHECK(value(f, "step") == "hold");

    // Without the point, the step is not named.
    auto g = knead::end_record(kT, info(), knead::Status::interrupted, 2, 61.0, &step, nullptr);
    CHECK(g.size() == 6);
}

TEST_CASE("records round-trip through logfmt") {
    TimeZone tz("UTC");
    auto f = knead::step_record(kT, info(), sample_point(),
                                result(knead::Phase::hold, knead::Side::left, 1, 30, 30.0, 5));
    knead::LogReader reader(knead::LogReader::FromText{}, knead::format_logfmt(f) + "\n");
    knead::LogRecord r;
    REQUIRE(reader.next(r));
    Fields back;
    for (const auto& field : r.fields()) back.emplace_back(field.key, field.value);
    CHECK(back == f);
    CHECK(knead::kLogHeader == "# knead log v1");
}

// Here 02:10 CET comes 40 minutes after 02:30 CEST: local times would sort it first.
TEST_CASE("make_session_id sorts by time across a DST change") {
    TimeZone tz("CET-1CEST,M3.5.0,M10.5.0/3");  // a POSIX rule: needs no tzdata
    const knead::WallTime before = system_clock::time_point(seconds(1761438600));  // 00:30Z
    const knead::WallTime after = system_clock::time_point(seconds(1761441000));   // 01:10Z
    REQUIRE(knead::iso8601(before) == "2025-10-26T02:30:00+02:00");
    REQUIRE(knead::iso8601(after) == "2025-10-26T02:10:00+01:00");
    CHECK(knead::make_session_id(before, 0xffff) < knead::make_session_id(after, 0));
}
