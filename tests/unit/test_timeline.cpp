// The planned timeline: what `knead plan` and `knead show` print.
#include <doctest/doctest.h>

#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"
#include "knead/session.hpp"
#include "knead/timeline.hpp"

using namespace knead;

namespace {

Point point(const std::string& id, Side side, bool stretch) {
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
    return p;
}

}  // namespace

TEST_CASE("each step of a point, side by side, with its start") {
    std::vector<SessionPoint> pts = {{"r", point("a", Side::both, true), {}}};
    Timeline t = plan_timeline(pts);
    // Per side: 2 x (locate 5, press 4, hold 30) + stretch 20 = 98 s.
    REQUIRE(t.steps.size() == 14);
    CHECK(t.total == 196);
    CHECK(t.point_seconds == std::vector<int>{196});
    CHECK(t.steps[0].phase == Phase::locate);
    CHECK(t.steps[0].side == Side::left);
    CHECK(t.steps[2].phase == Phase::hold);
    CHECK(t.steps[2].start == 9);
    CHECK(t.steps[2].seconds == 30);
    CHECK(t.steps[3].rep == 2);
    CHECK(t.steps[6].phase == Phase::stretch);
    CHECK(t.steps[6].rep == 2);
    CHECK(t.steps[6].start == 78);
    CHECK(t.steps[7].side == Side::right);
    CHECK(t.steps[7].start == 98);
    REQUIRE(t.sides.size() == 2);
    CHECK(t.sides[1].start == 98);
    CHECK(t.sides[1].seconds == 98);
}

TEST_CASE("a point without a stretch has no stretch step; a center point one side") {
    std::vector<SessionPoint> pts = {{"r", point("a", Side::center, false), {}},
                                     {"r", point("b", Side::right, true), {}}};
    Timeline t = plan_timeline(pts);
    CHECK(t.point_seconds == std::vector<int>{78, 98});
    CHECK(t.total == 176);
    REQUIRE(t.sides.size() == 2);
    CHECK(t.sides[0].side == Side::center);
    CHECK(t.sides[1].side == Side::right);
    CHECK(t.sides[1].start == 78);
    for (const auto& s : t.steps)
        if (s.point_index == 0) CHECK(s.phase != Phase::stretch);
}

TEST_CASE("a learned hold replaces the starting hold, within hold_min..hold_max") {
    std::vector<SessionPoint> pts = {{"r", point("a", Side::center, false), 45},
                                     {"r", point("b", Side::center, false), 500}};
    Timeline t = plan_timeline(pts);
    CHECK(t.steps[2].seconds == 45);
    CHECK(t.steps[8].seconds == 60);  // clamped to hold_max
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
        s.answer({AnswerKind::pain, (band.lo + band.hi) / 2});
    }
    CHECK(s.finished());
    CHECK(i == t.steps.size());
}
