// The routine model: sides, planned time.
#include <doctest/doctest.h>

#include <vector>

#include "knead/routine.hpp"

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

TEST_CASE("routine: planned seconds") {
    knead::Point p;
    p.side = Side::center;
    p.stretch_cue = "stretch";
    // 2 x (15 + 10 + 30) + 30
    CHECK(knead::planned_seconds(p) == 140);
    p.side = Side::both;
    CHECK(knead::planned_seconds(p) == 280);
    p.stretch_cue.clear();
    CHECK(knead::planned_seconds(p) == 220);
    p.side = Side::left;
    p.dose.reps = 3;
    p.dose.hold = 45;
    p.dose.locate = 5;
    p.dose.press = 6;
    CHECK(knead::planned_seconds(p) == 3 * (5 + 6 + 45));

    knead::Routine r;
    CHECK(knead::planned_seconds(r) == 0);
    knead::Point q;
    q.side = Side::right;
    q.stretch_cue = "s";
    r.points = {p, q};
    CHECK(knead::planned_seconds(r) == 3 * 56 + 140);
}
