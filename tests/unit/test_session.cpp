// The session state machine: step order, answers, the summary, and planned time.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "knead/countdown.hpp"
#include "knead/session.hpp"

using knead::Answer;
using knead::AnswerKind;
using knead::Outcome;
using knead::Phase;
using knead::Session;
using knead::SessionPoint;
using knead::Side;
using knead::Status;

namespace {

knead::Point make_point(const std::string& id, Side side, bool stretch = true) {
    knead::Point p;
    p.id = id;
    p.name = "Point " + id;
    p.muscle = id;
    p.side = side;
    p.locate_cue = "find " + id;
    p.press_cue = "press " + id;
    if (stretch) p.stretch_cue = "stretch " + id;
    return p;  // default dose: locate 15, press 10, hold 30 (20..60), stretch 30, 2 reps
}

SessionPoint sp(knead::Point p, std::optional<int> learned = std::nullopt) {
    return SessionPoint{"neck", std::move(p), learned};
}

Answer pain(int n) {
    return {AnswerKind::pain, n};
}

// "side phase rep planned" of the current step.
std::string describe(const Session& s) {
    const auto& st = s.current();
    return std::string(knead::to_string(st.side)) + " " + std::string(knead::to_string(st.phase)) +
           " " + std::to_string(st.rep) + " " + std::to_string(st.planned);
}

// Answers `n` to every step until the session ends; returns the steps met.
std::vector<std::string> run_all(Session& s, int n = 6) {
    std::vector<std::string> steps;
    for (int guard = 0; !s.finished() && guard < 1000; ++guard) {
        steps.push_back(describe(s));
        s.answer(pain(n));
    }
    return steps;
}

}  // namespace

TEST_CASE("session: a bilateral point is worked left then right, reps then stretch") {
    Session s({sp(make_point("trap", Side::both))});
    REQUIRE_FALSE(s.finished());
    CHECK(s.status() == Status::running);
    CHECK(s.point_count() == 1);
    auto steps = run_all(s);
    CHECK(steps == std::vector<std::string>{
                       "left locate 1 15", "left press 1 10", "left hold 1 30", "left locate 2 15",
                       "left press 2 10", "left hold 2 30",
                       "left stretch 2 30",  // the stretch carries the last rep's number
                       "right locate 1 15", "right press 1 10", "right hold 1 30",
                       "right locate 2 15", "right press 2 10", "right hold 2 30",
                       "right stretch 2 30"});
    CHECK(s.status() == Status::completed);
    CHECK(s.finished());
}

TEST_CASE("session: center, left and right points are worked once") {
    for (Side side : {Side::center, Side::left, Side::right}) {
        std::string name(knead::to_string(side));
        CAPTURE(name);
        Session s({sp(make_point("p", side))});
        auto steps = run_all(s);
        CHECK(steps == std::vector<std::string>{name + " locate 1 15", name + " press 1 10",
                                                name + " hold 1 30", name + " locate 2 15",
                                                name + " press 2 10", name + " hold 2 30",
                                                name + " stretch 2 30"});
        CHECK(s.status() == Status::completed);
    }
}

TEST_CASE("session: points are worked in order, each with its own dose") {
    auto a = make_point("a", Side::center);
    a.dose.reps = 1;
    a.dose.locate = 5;
    a.dose.press = 6;
    a.dose.stretch = 7;
    auto b = make_point("b", Side::right);
    b.dose.reps = 1;
    b.dose.hold = 45;
    Session s({sp(a), sp(b)});
    CHECK(s.current_point().point.id == "a");
    auto steps = run_all(s);
    CHECK(steps == std::vector<std::string>{"center locate 1 5", "center press 1 6",
                                            "center hold 1 30", "center stretch 1 7",
                                            "right locate 1 15", "right press 1 10",
                                            "right hold 1 45", "right stretch 1 30"});
}

TEST_CASE("session: a point without a stretch cue has no stretch step") {
    Session s({sp(make_point("p", Side::both, /*stretch=*/false))});
    auto steps = run_all(s);
    CHECK(steps == std::vector<std::string>{"left locate 1 15", "left press 1 10", "left hold 1 30",
                                            "left locate 2 15", "left press 2 10", "left hold 2 30",
                                            "right locate 1 15", "right press 1 10",
                                            "right hold 1 30", "right locate 2 15",
                                            "right press 2 10", "right hold 2 30"});
}

TEST_CASE("session: the current step's point index follows the points") {
    Session s({sp(make_point("a", Side::center)), sp(make_point("b", Side::center))});
    CHECK(s.current().point_index == 0);
    for (int i = 0; i < 7; ++i) s.answer(pain(6));
    CHECK(s.current().point_index == 1);
    CHECK(s.current_point().point.id == "b");
    CHECK(&s.point(1) == &s.current_point());
}

TEST_CASE("session: s skips the rest of the point, both sides") {
    Session s({sp(make_point("a", Side::both)), sp(make_point("b", Side::center))});
    s.answer(pain(6));  // left locate
    REQUIRE(describe(s) == "left press 1 10");
    auto fb = s.answer({AnswerKind::skip});
    CHECK(fb.outcome == Outcome::point_skipped);
    CHECK_FALSE(fb.decision.has_value());
    CHECK(s.current_point().point.id == "b");
    CHECK(describe(s) == "center locate 1 15");
    CHECK(s.status() == Status::running);
    CHECK(s.summary()[0].skipped);
    CHECK(s.summary()[0].started);
    CHECK_FALSE(s.summary()[1].skipped);
}

TEST_CASE("session: s on the right side skips only what is left") {
    Session s({sp(make_point("a", Side::both))});
    for (int i = 0; i < 7; ++i) s.answer(pain(6));  // the whole left side
    REQUIRE(describe(s) == "right locate 1 15");
    s.answer({AnswerKind::skip});
    CHECK(s.status() == Status::completed);
    CHECK(s.summary()[0].skipped);
    CHECK(s.summary()[0].first_hold_pain == 6);
}

TEST_CASE("session: q stops the session") {
    Session s({sp(make_point("a", Side::both))});
    s.answer(pain(6));
    auto before = describe(s);
    auto fb = s.answer({AnswerKind::quit});
    CHECK(fb.outcome == Outcome::stopped);
    CHECK(s.status() == Status::stopped);
    CHECK(s.finished());
    // Answers after the end change nothing.
    auto after = s.answer(pain(6));
    CHECK(after.outcome == Outcome::next);
    CHECK_FALSE(after.decision.has_value());
    CHECK(describe(s) == before);
    CHECK(s.status() == Status::stopped);
}

TEST_CASE("session: ! stops the session on a red flag") {
    Session s({sp(make_point("a", Side::both))});
    for (int i = 0; i < 2; ++i) s.answer(pain(6));
    REQUIRE(describe(s) == "left hold 1 30");
    auto fb = s.answer({AnswerKind::red_flag});
    CHECK(fb.outcome == Outcome::red_flag);
    CHECK(s.status() == Status::red_flag);
    CHECK(s.finished());
    CHECK_FALSE(s.summary()[0].first_hold_pain.has_value());
}

TEST_CASE("session: stop() ends the session from outside") {
    Session s({sp(make_point("a", Side::both))});
    s.stop(Status::interrupted);
    CHECK(s.finished());
    CHECK(s.status() == Status::interrupted);
}

TEST_CASE("session: an empty session is complete at once") {
    Session s({});
    CHECK(s.finished());
    CHECK(s.status() == Status::completed);
    CHECK(s.points_started() == 0);
    CHECK(s.summary().empty());
}

TEST_CASE("session: released after a hold skips the remaining reps and goes to the stretch") {
    Session s({sp(make_point("a", Side::both))});
    s.answer(pain(6));
    s.answer(pain(6));
    REQUIRE(describe(s) == "left hold 1 30");
    auto fb = s.answer(pain(2));
    REQUIRE(fb.decision.has_value());
    CHECK(fb.decision->advice == knead::Advice::released);
    CHECK(fb.outcome == Outcome::next);
    CHECK(describe(s) == "left stretch 1 30");
    CHECK(s.summary()[0].released);
    s.answer(pain(3));
    // The other side starts afresh, from the point's own hold.
    CHECK(describe(s) == "right locate 1 15");
    s.answer(pain(6));
    s.answer(pain(6));
    CHECK(describe(s) == "right hold 1 30");
}

TEST_CASE("session: released on the last point without a stretch ends the session") {
    Session s({sp(make_point("a", Side::center, false))});
    s.answer(pain(6));
    s.answer(pain(6));
    s.answer(pain(1));
    CHECK(s.status() == Status::completed);
    CHECK(s.summary()[0].released);
}

TEST_CASE("session: 9 or 10 before a hold goes to the stretch") {
    SUBCASE("9 after press") {
        Session s({sp(make_point("a", Side::both))});
        s.answer(pain(6));
        REQUIRE(describe(s) == "left press 1 10");
        auto fb = s.answer(pain(9));
        REQUIRE(fb.decision.has_value());
        CHECK(fb.decision->advice == knead::Advice::too_much);
        CHECK(fb.decision->stop_pressing());
        CHECK(describe(s) == "left stretch 1 30");
        CHECK_FALSE(s.summary()[0].first_hold_pain.has_value());
        CHECK_FALSE(s.summary()[0].released);
    }
    SUBCASE("10 after locate") {
        Session s({sp(make_point("a", Side::center))});
        auto fb = s.answer(pain(10));
        REQUIRE(fb.decision.has_value());
        CHECK(fb.decision->advice == knead::Advice::too_much);
        CHECK(describe(s) == "center stretch 1 30");
    }
    SUBCASE("9 after press on a point without a stretch goes on to the next side") {
        Session s({sp(make_point("a", Side::both, false))});
        s.answer(pain(6));
        s.answer(pain(9));
        CHECK(describe(s) == "right locate 1 15");
    }
    SUBCASE("8 after press carries on to the hold") {
        Session s({sp(make_point("a", Side::both))});
        s.answer(pain(6));
        auto fb = s.answer(pain(8));
        CHECK_FALSE(fb.decision.has_value());
        CHECK(describe(s) == "left hold 1 30");
    }
}

TEST_CASE("session: 9 after a hold stops pressing the point on that side") {
    Session s({sp(make_point("a", Side::both))});
    s.answer(pain(6));
    s.answer(pain(6));
    auto fb = s.answer(pain(9));
    REQUIRE(fb.decision.has_value());
    CHECK(fb.decision->advice == knead::Advice::too_much);
    CHECK(describe(s) == "left stretch 1 30");
    CHECK(s.summary()[0].last_hold_pain == 9);
}

TEST_CASE("session: answers after a hold adapt the next hold") {
    Session s({sp(make_point("a", Side::center))});
    s.answer(pain(6));
    s.answer(pain(6));
    auto fb = s.answer(pain(8));
    REQUIRE(fb.decision.has_value());
    CHECK(fb.decision->advice == knead::Advice::lighter);
    CHECK(fb.decision->next_hold == 20);
    CHECK(describe(s) == "center locate 2 15");
    s.answer(pain(6));
    s.answer(pain(6));
    CHECK(describe(s) == "center hold 2 20");
}

TEST_CASE("session: locate and press answers carry no decision") {
    Session s({sp(make_point("a", Side::center))});
    auto fb = s.answer(pain(3));
    CHECK(fb.outcome == Outcome::next);
    CHECK_FALSE(fb.decision.has_value());
    fb = s.answer(pain(0));
    CHECK_FALSE(fb.decision.has_value());
    fb = s.answer(pain(6));  // the hold
    CHECK(fb.decision.has_value());
}

TEST_CASE("session: the summary records first and last hold pain per point") {
    Session s({sp(make_point("a", Side::both)), sp(make_point("b", Side::center))});
    CHECK(s.summary().size() == 2);
    CHECK(s.summary()[0].routine == "neck");
    CHECK(s.summary()[0].point_id == "a");
    CHECK(s.summary()[0].name == "Point a");
    CHECK(s.summary()[0].started);
    CHECK_FALSE(s.summary()[1].started);

    // Left: holds 7, 6; right: holds 5, 4 (the last one below the band).
    for (int hold_pain : {7, 6}) {
        s.answer(pain(3));
        s.answer(pain(4));
        s.answer(pain(hold_pain));
    }
    s.answer(pain(2));  // left stretch: not a hold
    for (int hold_pain : {5, 4}) {
        s.answer(pain(3));
        s.answer(pain(4));
        s.answer(pain(hold_pain));
    }
    REQUIRE(describe(s) == "right stretch 2 30");
    s.answer(pain(1));
    const auto& a = s.summary()[0];
    CHECK(a.first_hold_pain == 7);
    CHECK(a.last_hold_pain == 4);
    CHECK_FALSE(a.released);
    CHECK_FALSE(a.skipped);
    CHECK(s.summary()[1].started);
    CHECK_FALSE(s.summary()[1].first_hold_pain.has_value());
}

TEST_CASE("session: points_started counts the points reached") {
    Session s({sp(make_point("a", Side::center)), sp(make_point("b", Side::center)),
               sp(make_point("c", Side::center))});
    CHECK(s.points_started() == 1);
    s.answer({AnswerKind::skip});
    CHECK(s.points_started() == 2);
    s.answer(pain(6));
    s.answer({AnswerKind::quit});
    CHECK(s.points_started() == 2);
    CHECK(s.status() == Status::stopped);
    CHECK_FALSE(s.summary()[2].started);
}

TEST_CASE("session: a learned hold is the starting hold, clamped into bounds") {
    SUBCASE("within bounds") {
        Session s({sp(make_point("a", Side::both), 45)});
        s.answer(pain(6));
        s.answer(pain(6));
        CHECK(describe(s) == "left hold 1 45");
        for (int i = 0; i < 5; ++i) s.answer(pain(6));  // the rest of the side
        REQUIRE(describe(s) == "right locate 1 15");
        s.answer(pain(6));
        s.answer(pain(6));
        CHECK(describe(s) == "right hold 1 45");
    }
    SUBCASE("above hold_max") {
        Session s({sp(make_point("a", Side::center), 100)});
        s.answer(pain(6));
        s.answer(pain(6));
        CHECK(describe(s) == "center hold 1 60");
    }
    SUBCASE("below hold_min") {
        Session s({sp(make_point("a", Side::center), 3)});
        s.answer(pain(6));
        s.answer(pain(6));
        CHECK(describe(s) == "center hold 1 20");
    }
}

TEST_CASE("session: an invalid or unresolved `same` answer leaves the session unchanged") {
    Session s({sp(make_point("a", Side::both))});
    s.answer(pain(6));
    s.answer(pain(5));
    REQUIRE(describe(s) == "left hold 1 30");
    for (AnswerKind k : {AnswerKind::invalid, AnswerKind::same}) {
        CAPTURE(static_cast<int>(k));
        auto fb = s.answer({k, 7});
        CHECK(fb.outcome == Outcome::next);
        CHECK_FALSE(fb.decision.has_value());
        CHECK(describe(s) == "left hold 1 30");
        CHECK(s.last_pain() == 5);
        CHECK(s.status() == Status::running);
        CHECK_FALSE(s.summary()[0].first_hold_pain.has_value());
    }
}

TEST_CASE("session: last_pain follows numeric answers only") {
    Session s({sp(make_point("a", Side::center)), sp(make_point("b", Side::center))});
    CHECK_FALSE(s.last_pain().has_value());
    s.answer(pain(4));
    CHECK(s.last_pain() == 4);
    s.answer({AnswerKind::skip});
    CHECK(s.last_pain() == 4);
    s.answer(pain(0));
    CHECK(s.last_pain() == 0);
    // The caller resolves `same` with it.
    auto a = knead::resolve_same({AnswerKind::same}, s.last_pain());
    CHECK(a.kind == AnswerKind::pain);
    CHECK(a.pain == 0);
}

TEST_CASE("session: on a virtual clock a whole session's planned time adds up") {
    using namespace std::chrono;
    auto a = make_point("a", Side::both);
    auto b = make_point("b", Side::center, false);
    b.dose.reps = 3;
    b.dose.locate = 7;
    auto c = make_point("c", Side::left);
    c.dose.hold = 45;
    knead::Routine r;
    r.points = {a, b, c};
    const int expected = knead::planned_seconds(r);
    // a: 2 sides x (2 x (15+10+30) + 30); b: 3 x (7+10+30); c: 2 x (15+10+45) + 30.
    REQUIRE(expected == 2 * (2 * 55 + 30) + 3 * 47 + (2 * 70 + 30));

    const knead::WallTime start = system_clock::time_point(seconds(1764085201));
    knead::VirtualClock clock(start);
    Session s({sp(a), sp(b), sp(c)});
    int planned_sum = 0;
    int ticks = 0;
    bool always_instant = true;
    while (!s.finished()) {
        const int planned = s.current().planned;
        planned_sum += planned;
        knead::Countdown cd(clock.now(), seconds(planned));
        while (!cd.done(clock.now())) {
            auto tick = cd.next_tick(clock.now()).value();
            if (clock.real_time_until(tick) != knead::Duration::zero()) always_instant = false;
            ++ticks;
        }
        s.answer(pain(6));  // within the band: holds keep their length
    }
    CHECK(s.status() == Status::completed);
    CHECK(always_instant);
    CHECK(planned_sum == expected);
    CHECK(clock.now() == seconds(expected));
    CHECK(clock.wall() == start + seconds(expected));
    CHECK(ticks == expected);  // one redraw per second of the session
}

TEST_CASE("session: adapted holds are what the clock spends") {
    using namespace std::chrono;
    knead::VirtualClock clock;
    Session s({sp(make_point("a", Side::center))});
    int planned_sum = 0;
    while (!s.finished()) {
        const auto& st = s.current();
        planned_sum += st.planned;
        knead::Countdown cd(clock.now(), seconds(st.planned));
        while (!cd.done(clock.now())) clock.real_time_until(cd.next_tick(clock.now()).value());
        s.answer(pain(st.phase == Phase::hold ? 8 : 5));
    }
    // 15 + 10 + 30, then 15 + 10 + 20 (lighter), then the 30 s stretch.
    CHECK(planned_sum == 130);
    CHECK(clock.now() == seconds(130));
}

TEST_CASE("session: to_string of phases and statuses") {
    CHECK(knead::to_string(Phase::locate) == "locate");
    CHECK(knead::to_string(Phase::press) == "press");
    CHECK(knead::to_string(Phase::hold) == "hold");
    CHECK(knead::to_string(Phase::stretch) == "stretch");
    CHECK(knead::to_string(Status::running) == "running");
    CHECK(knead::to_string(Status::completed) == "completed");
    CHECK(knead::to_string(Status::stopped) == "stopped");
    CHECK(knead::to_string(Status::red_flag) == "red-flag");
    CHECK(knead::to_string(Status::interrupted) == "interrupted");
}
