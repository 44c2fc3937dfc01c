// Times and dates of the log as numbers.
#include <doctest/doctest.h>

#include "knead/log_time.hpp"

using knead::days_from_civil;
using knead::parse_date;
using knead::parse_log_time;
using knead::week_start;

TEST_CASE("days_from_civil counts from 1970-01-01") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    CHECK(days_from_civil(2026, 11, 25) - days_from_civil(2025, 11, 25) == 365);
    CHECK(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28) == 2);  // leap year
}

TEST_CASE("a log time gives its UTC instant and the local date it was written on") {
    auto t = parse_log_time("2026-11-25T07:30:12+01:00");
    REQUIRE(t);
    CHECK(t->epoch == 1795588212);
    CHECK(t->day == days_from_civil(2026, 11, 25));
    auto z = parse_log_time("2026-11-25T06:30:12Z");
    REQUIRE(z);
    CHECK(z->epoch == t->epoch);
    // 23:30 at -05:00 is the next day in UTC, but it was written on the 24th.
    auto west = parse_log_time("2026-11-24T23:30:00-05:00");
    REQUIRE(west);
    CHECK(west->day == days_from_civil(2026, 11, 24));
    CHECK(west->epoch == days_from_civil(2026, 11, 25) * 86400 + std::int64_t{4 * 3600 + 30 * 60});
}

TEST_CASE("anything else is not a log time") {
    for (const char* bad :
         {"", "2026-11-25", "2026-11-25T07:30:12", "2026-13-25T07:30:12Z", "2026-02-30T07:30:12Z",
          "2026-11-25T25:30:12Z", "2026-11-25T07:30:12+0100", "2026-11-25 07:30:12Z",
          "2026-11-25T07:30:12+01:00x", "x026-11-25T07:30:12Z"})
        CHECK_MESSAGE(!parse_log_time(bad), bad);
}

TEST_CASE("dates as YYYY-MM-DD") {
    CHECK(parse_date("2026-11-25") == days_from_civil(2026, 11, 25));
    CHECK(parse_date("2024-02-29") == days_from_civil(2024, 2, 29));
    CHECK_FALSE(parse_date("2025-02-29"));
    CHECK_FALSE(parse_date("2026-1-5"));
    CHECK_FALSE(parse_date("2026-11-25T"));
    CHECK_FALSE(parse_date("yesterday"));
}

TEST_CASE("weeks start on Monday") {
    auto monday = days_from_civil(2026, 11, 23);
    for (int d = 0; d < 7; ++d) CHECK(week_start(monday + d) == monday);
    CHECK(week_start(monday - 1) == monday - 7);
    CHECK(week_start(days_from_civil(1970, 1, 1)) == days_from_civil(1969, 12, 29));
}

TEST_CASE("LogTimeParser gives parse_log_time's answer for each time, in any sequence") {
    // Runs sharing a date, hour and zone (read in part), broken among them, and changes.
    const char* times[] = {
        "2026-11-25T07:30:12+01:00",
        "2026-11-25T07:31:59+01:00",
        "2026-11-25T07:61:00+01:00",
        "2026-11-25T07:59:60+01:00",
        "2026-11-25T07:59:61+01:00",
        "2026-11-25T07:3x:00+01:00",
        "2026-11-25T07:30-00+01:00",
        "2026-11-25T07:30:0+01:00",
        "2026-11-25T07:45:00+02:00",
        "2026-11-25T07:45:00Z",
        "2026-11-25T07:46:01Z",
        "2026-11-25T08:00:00Z",
        "2026-11-25T07:45:00+01:00",
        "2026-11-25T07:45:00+01:0",
        "2026-02-30T07:45:00+01:00",
        "2026-11-25T07:45:00+01:00 ",
        "",
        "2026-11-25T07:45:00-01:00",
        "2026-11-25T07:00:00-01:00",
        "2026-11-24T07:00:00-01:00",
        "2026-11-25T07:12:34-01:00",
    };
    knead::LogTimeParser parser;
    for (int round = 0; round < 2; ++round)
        for (const char* s : times) {
            CAPTURE(s);
            const auto want = parse_log_time(s);
            const auto got = parser.parse(s);
            REQUIRE(got.has_value() == want.has_value());
            if (!want) continue;
            CHECK(got->epoch == want->epoch);
            CHECK(got->day == want->day);
        }
}
