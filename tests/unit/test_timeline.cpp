// The planned timeline: what `knead plan` and `knead show` print.
#include <doctest/doctest.h>

#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"
#include "knead/session.hpp"
#include "knead/timeline.hpp"

using namespace knead;

namespace {

Point sided_point(const std::string& id, Side side, bool stretch) {
    Point p;
    p.id = id;
    p.name = id;
    p.side = side;
    p.locate_cue = "l";
    p.press_cue = "p";
    if (stretch) p.stretch_cue = "s";
    p.dose.locate = 5;
    p.dose.press = 4;
    p.dose.hold = 30;
    p.dose.stretch = 20;
    p.dose.reps = 2;
    p.dose.rest = 6;
    p.dose.stretch_reps = 2;
    return p;
}

}  // namespace

TEST_CASE("each step of a point, side by side, with its start") {
    std::vector<SessionPoint> pts = {{"r", sided_point("a", Side::both, true), {}, false}};
    Timeline t = plan_timeline(pts);
    // Per side: locate 5, 2 x (press 4, hold 30, rest 6), stretch 20, rest 5, stretch 20
    // = 5 + 80 + 45 = 130 s.
    REQUIRE(t.steps.size() == 20);
    CHECK(t.total == 260);
    CHECK(t.point_seconds == std::vector<int>{260});
    CHECK(t.steps[0].phase == Phase::locate);
    CHECK(t.steps[0].side == Side::left);
    CHECK(t.steps[1].phase == Phase::press);
    CHECK(t.steps[2].phase == Phase::hold);
    CHECK(t.steps[2].start == 9);
    CHECK(t.steps[2].seconds == 30);
    CHECK(t.steps[3].phase == Phase::rest);
    CHECK(t.steps[3].seconds == 6);
    CHECK(t.steps[4].phase == Phase::press);  // no second locate
    CHECK(t.steps[4].rep == 2);
    CHECK(t.steps[7].phase == Phase::stretch);
    CHECK(t.steps[7].rep == 1);
    CHECK(t.steps[7].start == 85);
    CHECK(t.steps[8].phase == Phase::rest);
    CHECK(t.steps[8].seconds == 5);
    CHECK(t.steps[9].phase == Phase::stretch);
    CHECK(t.steps[9].rep == 2);
    CHECK(t.steps[10].side == Side::right);
    CHECK(t.steps[10].start == 130);
    REQUIRE(t.sides.size() == 2);
    CHECK(t.sides[1].start == 130);
    CHECK(t.sides[1].seconds == 130);
}

TEST_CASE("a point without a stretch has no stretch step; a center point one side") {
    std::vector<SessionPoint> pts = {{"r", sided_point("a", Side::center, false), {}, false},
                                     {"r", sided_point("b", Side::right, true), {}, false}};
    Timeline t = plan_timeline(pts);
    CHECK(t.point_seconds == std::vector<int>{85, 130});
    CHECK(t.total == 215);
    REQUIRE(t.sides.size() == 2);
    CHECK(t.sides[0].side == Side::center);
    CHECK(t.sides[1].side == Side::right);
    CHECK(t.sides[1].start == 85);
    for (const auto& s : t.steps)
        if (s.point_index == 0) CHECK(s.phase != Phase::stretch);
}

TEST_CASE("a learned hold replaces the starting hold, within hold_min..hold_max") {
    std::vector<SessionPoint> pts = {{"r", sided_point("a", Side::center, false), 45, false},
                                     {"r", sided_point("b", Side::center, false), 500, false}};
    Timeline t = plan_timeline(pts);
    CHECK(t.steps[2].seconds == 45);
    CHECK(t.steps[9].seconds == 60);  // clamped to hold_max
}

TEST_CASE("an empty session plans nothing") {
    Timeline t = plan_timeline({});
    CHECK(t.steps.empty());
    CHECK(t.total == 0);
}

TEST_CASE("the plan is what a session runs when every answer is in the target band") {
    const std::filesystem::path dir = KNEAD_TEST_ROUTINES;
    std::vector<Routine> routines;
    for (const auto& ref : list_routines({dir})) {
        auto r = load_routine_file(ref.file, search_path_resolver({dir}));
        REQUIRE(r.routine);
        routines.push_back(*r.routine);
    }
    const auto points = session_points(routines);
    const Timeline t = plan_timeline(points);
    int sum = 0;
    for (const auto& r : routines) sum += planned_seconds(r);
    CHECK(t.total == sum);

    Session s(points);
    std::size_t i = 0;
    for (; !s.finished() && i < t.steps.size(); ++i) {
        const Step& st = s.current();
        const PlannedStep& ps = t.steps[i];
        INFO("step ", i, " of ", s.current_point().point.id);
        CHECK(st.point_index == ps.point_index);
        CHECK(st.side == ps.side);
        CHECK(st.rep == ps.rep);
        CHECK(st.phase == ps.phase);
        CHECK(st.planned == ps.seconds);
        const PainBand band = s.current_point().point.dose.target;
        if (st.asks())
            s.answer({AnswerKind::pain, (band.lo + band.hi) / 2});
        else
            s.advance();
    }
    CHECK(s.finished());
    CHECK(i == t.steps.size());
}
