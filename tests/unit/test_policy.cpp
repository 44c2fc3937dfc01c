// The hold staircase: how the next hold follows the pain reported after a hold.
#include <doctest/doctest.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "knead/policy.hpp"

using knead::Advice;
using knead::Dose;

namespace {

const char* name(Advice a) {
    switch (a) {
        case Advice::keep:
            return "keep";
        case Advice::releasing:
            return "releasing";
        case Advice::lighter:
            return "lighter";
        case Advice::deeper:
            return "deeper";
        case Advice::released:
            return "released";
        case Advice::too_much:
            return "too_much";
    }
    return "?";
}

struct Row {
    std::vector<int> pains;
    std::vector<int> holds;      // next_hold after each answer
    std::vector<Advice> advice;  // the advice after each answer
};

std::string show(const std::vector<int>& v) {
    std::ostringstream out;
    for (std::size_t i = 0; i < v.size(); ++i) out << (i ? "," : "") << v[i];
    return out.str();
}

}  // namespace

TEST_CASE("policy: the default dose is hold 30 in 20..60, band 5-7") {
    Dose d;
    CHECK(d.hold == 30);
    CHECK(d.hold_min == 20);
    CHECK(d.hold_max == 60);
    CHECK(d.target == knead::PainBand{5, 7});
    CHECK(knead::kFirstStep == 10);
    CHECK(knead::kMinStep == 2);
}

TEST_CASE("policy: start_hold starts from the dose's hold with a fresh staircase") {
    Dose d;
    auto s = knead::start_hold(d);
    CHECK(s.hold == 30);
    CHECK(s.step == 10);
    CHECK(s.direction == 0);
    CHECK_FALSE(s.last_pain.has_value());

    d.hold = 45;
    CHECK(knead::start_hold(d).hold == 45);
}

TEST_CASE("policy: a learned hold is used, clamped into hold_min..hold_max") {
    Dose d;  // 20..60
    CHECK(knead::start_hold(d, 45).hold == 45);
    CHECK(knead::start_hold(d, 20).hold == 20);
    CHECK(knead::start_hold(d, 60).hold == 60);
    CHECK(knead::start_hold(d, 5).hold == 20);
    CHECK(knead::start_hold(d, 100).hold == 60);
    CHECK(knead::start_hold(d, std::nullopt).hold == 30);
    auto s = knead::start_hold(d, 45);
    CHECK(s.step == knead::kFirstStep);
    CHECK(s.direction == 0);
}

TEST_CASE("policy: a table of answer sequences and the holds they produce") {
    using A = Advice;
    const std::vector<Row> table = {
        // Above the band: one step shorter, lighter.
        {{8}, {20}, {A::lighter}},
        // Clamped at hold_min.
        {{8, 8}, {20, 20}, {A::lighter, A::lighter}},
        // Below the band: one step longer, deeper.
        {{4}, {40}, {A::deeper}},
        {{3}, {40}, {A::deeper}},
        // A change of direction halves the step: 10 -> 5.
        {{4, 8}, {40, 35}, {A::deeper, A::lighter}},
        {{8, 4}, {20, 25}, {A::lighter, A::deeper}},
        // 5 -> 2 (halved and rounded down).
        {{4, 8, 4}, {40, 35, 37}, {A::deeper, A::lighter, A::deeper}},
        // And never below 2 s.
        {{4, 8, 4, 8}, {40, 35, 37, 35}, {A::deeper, A::lighter, A::deeper, A::lighter}},
        {{4, 8, 4, 8, 4, 8},
         {40, 35, 37, 35, 37, 35},
         {A::deeper, A::lighter, A::deeper, A::lighter, A::deeper, A::lighter}},
        // The same direction again keeps the step.
        {{4, 4}, {40, 50}, {A::deeper, A::deeper}},
        {{4, 8, 8}, {40, 35, 30}, {A::deeper, A::lighter, A::lighter}},
        // Clamped at hold_max.
        {{4, 4, 4}, {40, 50, 60}, {A::deeper, A::deeper, A::deeper}},
        {{4, 4, 4, 4}, {40, 50, 60, 60}, {A::deeper, A::deeper, A::deeper, A::deeper}},
        // Within the band: keep the hold.
        {{6}, {30}, {A::keep}},
        {{5}, {30}, {A::keep}},
        {{7}, {30}, {A::keep}},
        {{6, 6}, {30, 30}, {A::keep, A::keep}},
        {{6, 7}, {30, 30}, {A::keep, A::keep}},  // rising within the band is no release
        // Pain fell within the band since the previous hold: releasing.
        {{7, 6}, {30, 30}, {A::keep, A::releasing}},
        {{7, 5}, {30, 30}, {A::keep, A::releasing}},
        {{8, 6}, {20, 20}, {A::lighter, A::releasing}},
        // A kept hold does not reset the direction: 4, 6, 8 still halves the step.
        {{4, 6, 8}, {40, 40, 35}, {A::deeper, A::keep, A::lighter}},
        // 2 or less after a hold: released (and the hold would be longer).
        {{2}, {40}, {A::released}},
        {{1}, {40}, {A::released}},
        {{0}, {40}, {A::released}},
        {{6, 2}, {30, 40}, {A::keep, A::released}},
        // 9 and 10: too much, the hold is left as it is.
        {{9}, {30}, {A::too_much}},
        {{10}, {30}, {A::too_much}},
        {{4, 9}, {40, 40}, {A::deeper, A::too_much}},
        // too_much is no change of direction.
        {{4, 9, 8}, {40, 40, 35}, {A::deeper, A::too_much, A::lighter}},
    };

    const Dose d;
    for (const Row& row : table) {
        CAPTURE(show(row.pains));
        REQUIRE(row.holds.size() == row.pains.size());
        REQUIRE(row.advice.size() == row.pains.size());
        auto s = knead::start_hold(d);
        std::vector<int> holds;
        std::vector<std::string> advice, want_advice;
        for (std::size_t i = 0; i < row.pains.size(); ++i) {
            auto dec = knead::after_hold(s, row.pains[i], d);
            CHECK(dec.next_hold == s.hold);
            holds.push_back(dec.next_hold);
            advice.push_back(name(dec.advice));
            want_advice.push_back(name(row.advice[i]));
        }
        CHECK(show(holds) == show(row.holds));
        CHECK(advice == want_advice);
    }
}

TEST_CASE("policy: the step halves on each change of direction and stops at 2") {
    const Dose d;
    auto s = knead::start_hold(d);
    knead::after_hold(s, 4, d);
    CHECK(s.step == 10);
    CHECK(s.direction == +1);
    knead::after_hold(s, 8, d);
    CHECK(s.step == 5);
    CHECK(s.direction == -1);
    knead::after_hold(s, 4, d);
    CHECK(s.step == 2);
    knead::after_hold(s, 8, d);
    CHECK(s.step == 2);
    knead::after_hold(s, 4, d);
    CHECK(s.step == 2);
    CHECK(s.last_pain == 4);
}

TEST_CASE("policy: holds stay within hold_min..hold_max whatever the answers") {
    Dose d;
    d.hold = 25;
    d.hold_min = 22;
    d.hold_max = 33;
    for (unsigned seed = 1; seed <= 50; ++seed) {
        auto s = knead::start_hold(d);
        unsigned x = seed;
        for (int i = 0; i < 40; ++i) {
            x = x * 1103515245u + 12345u;
            int pain = static_cast<int>((x >> 16) % 11);
            auto dec = knead::after_hold(s, pain, d);
            REQUIRE(dec.next_hold >= d.hold_min);
            REQUIRE(dec.next_hold <= d.hold_max);
            REQUIRE(s.step >= knead::kMinStep);
        }
    }
}

TEST_CASE("policy: the band comes from the dose") {
    Dose d;
    d.target = {3, 5};
    auto s = knead::start_hold(d);
    CHECK(knead::after_hold(s, 6, d).advice == Advice::lighter);
    s = knead::start_hold(d);
    CHECK(knead::after_hold(s, 4, d).advice == Advice::keep);
    s = knead::start_hold(d);
    auto dec = knead::after_hold(s, 2, d);
    CHECK(dec.advice == Advice::released);
    CHECK(dec.stop_pressing());

    // The stop threshold is the band's top + 2: 9 for 5-7, 7 for 3-5, never above 10.
    d.target = {3, 5};
    s = knead::start_hold(d);
    CHECK(knead::after_hold(s, 6, d).advice == Advice::lighter);
    CHECK(knead::after_hold(s, 7, d).advice == Advice::too_much);
    d.target = {5, 10};
    s = knead::start_hold(d);
    CHECK(knead::after_hold(s, 9, d).advice == Advice::keep);
    CHECK(knead::after_hold(s, 10, d).advice == Advice::too_much);
    d.stop_pain = 6;  // a routine's own stop_pain wins
    d.target = {3, 5};
    s = knead::start_hold(d);
    CHECK(knead::after_hold(s, 6, d).advice == Advice::too_much);
}

TEST_CASE("policy: stop_pressing is true for released and too_much only") {
    for (Advice a : {Advice::keep, Advice::releasing, Advice::lighter, Advice::deeper}) {
        CAPTURE(name(a));
        CHECK_FALSE(knead::Decision{a, 30}.stop_pressing());
    }
    CHECK(knead::Decision{Advice::released, 30}.stop_pressing());
    CHECK(knead::Decision{Advice::too_much, 30}.stop_pressing());
}
