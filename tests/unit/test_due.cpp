// knead due: completed real sessions today and this week against per_day and per_week.
#include <doctest/doctest.h>

#include <string>

#include "knead/due.hpp"
#include "knead/log_time.hpp"

using knead::DueCounter;

namespace {

const std::int64_t kToday = knead::days_from_civil(2026, 11, 25);  // a Wednesday

std::string due_session(const std::string& id, const std::string& date, const std::string& routines,
                    const std::string& status = "completed", const std::string& clock = "real") {
    return "time=" + date + "T07:30:00+01:00 session=" + id + " event=start routines=" + routines +
           " clock=" + clock + "\n" + "time=" + date + "T07:40:00+01:00 session=" + id +
           " event=end status=" + status + " points=1 duration=600\n";
}

DueCounter count(const std::string& log) {
    DueCounter c(kToday);
    knead::scan_sessions_text(log, [&](knead::LoggedSession&& s) { c.add(s); });
    return c;
}

knead::Routine routine_with_limits(const std::string& id, int per_day, int per_week) {
    knead::Routine r;
    r.id = id;
    r.name = id;
    r.per_day = per_day;
    r.per_week = per_week;
    return r;
}

}  // namespace

TEST_CASE("completed real sessions count, today and this week") {
    auto c = count(due_session("a", "2026-11-25", "neck") + due_session("b", "2026-11-25", "neck,jaw") +
                   due_session("c", "2026-11-23", "neck") +             // Monday: this week
                   due_session("d", "2026-11-22", "neck") +             // Sunday: last week
                   due_session("e", "2026-11-25", "neck", "stopped") +  // not completed
                   due_session("f", "2026-11-25", "neck", "completed", "virtual"));  // rehearsal
    CHECK(c.today("neck") == 2);
    CHECK(c.this_week("neck") == 3);
    CHECK(c.today("jaw") == 1);
    CHECK(c.today("hip") == 0);
}

TEST_CASE("due: routines short of their per_day or per_week, per_day first") {
    auto c = count(due_session("a", "2026-11-25", "neck") + due_session("b", "2026-11-24", "jaw"));
    std::vector<knead::Routine> rs = {
        routine_with_limits("neck", 2, 0), routine_with_limits("jaw", 0, 1),
        routine_with_limits("hip", 0, 3), routine_with_limits("calf", 1, 5),
        routine_with_limits("foot", 0, 0)};
    auto due = knead::due_items(rs, c);
    REQUIRE(due.size() == 3);
    CHECK(due[0].routine == "neck");
    CHECK(due[0].done == 1);
    CHECK(due[0].wanted == 2);
    CHECK_FALSE(due[0].weekly);
    CHECK(due[1].routine == "hip");
    CHECK(due[1].weekly);
    CHECK(due[1].done == 0);
    CHECK(due[2].routine == "calf");
    CHECK_FALSE(due[2].weekly);
}

TEST_CASE("nothing due when every count is met") {
    auto c = count(due_session("a", "2026-11-25", "neck") + due_session("b", "2026-11-25", "neck"));
    CHECK(knead::due_items({routine_with_limits("neck", 2, 0)}, c).empty());
}
