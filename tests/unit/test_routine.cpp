// The routine model: sides, planned time.
#include <doctest/doctest.h>

#include <vector>

#include "knead/routine.hpp"
#include "knead/timeline.hpp"

using knead::Side;

TEST_CASE("routine: sides to work") {
    CHECK(knead::sides_to_work(Side::both) == std::vector<Side>{Side::left, Side::right});
    CHECK(knead::sides_to_work(Side::left) == std::vector<Side>{Side::left});
    CHECK(knead::sides_to_work(Side::right) == std::vector<Side>{Side::right});
    CHECK(knead::sides_to_work(Side::center) == std::vector<Side>{Side::center});
}

TEST_CASE("routine: side names") {
    for (Side s : {Side::both, Side::left, Side::right, Side::center})
        CHECK(knead::parse_side(knead::to_string(s)) == s);
    CHECK(knead::to_string(Side::both) == "both");
    CHECK(knead::to_string(Side::center) == "center");
    CHECK_FALSE(knead::parse_side("Left").has_value());
    CHECK_FALSE(knead::parse_side("").has_value());
    CHECK_FALSE(knead::parse_side("middle").has_value());
}

TEST_CASE("routine: pain band contains its ends") {
    knead::PainBand b{5, 7};
    CHECK_FALSE(b.contains(4));
    CHECK(b.contains(5));
    CHECK(b.contains(7));
    CHECK_FALSE(b.contains(8));
}

TEST_CASE("routine: planned seconds follow the session machine") {
    knead::Routine r;
    CHECK(knead::planned_seconds(r) == 0);
    knead::Point p;
    p.side = Side::center;
    p.stretch_cue = "stretch";
    r.points = {p};
    // 15 + 2 x (10 + 30 + 10) + 30 + 5 + 30
    CHECK(knead::planned_seconds(r) == 180);
    r.points[0].side = Side::both;
    CHECK(knead::planned_seconds(r) == 360);
    r.points[0].stretch_cue.clear();
    CHECK(knead::planned_seconds(r) == 230);
    knead::Point q = p;
    q.side = Side::left;
    q.dose.reps = 3;
    q.dose.hold = 45;
    q.dose.locate = 5;
    q.dose.press = 6;
    q.dose.rest = 4;
    q.dose.stretch_reps = 1;
    r.points = {q};
    CHECK(knead::planned_seconds(r) == 5 + 3 * (6 + 45 + 4) + 30);
}
