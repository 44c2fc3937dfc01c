// The session state machine: step order, what each answer and key does, the checks
// before the first step, the summary, and planned time on the virtual clock.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "knead/countdown.hpp"
#include "knead/session.hpp"
#include "knead/timeline.hpp"

using knead::Advice;
using knead::Answer;
using knead::AnswerKind;
using knead::Hint;
using knead::KeyAction;
using knead::Outcome;
using knead::Phase;
using knead::Question;
using knead::Session;
using knead::SessionPoint;
using knead::Side;
using knead::SkipWhy;
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
    // default dose: locate 15, press 10, hold 30 (20..60), rest 10, stretch 30 x 2, 2 reps
    return p;
}

SessionPoint sp(knead::Point p, std::optional<int> learned = std::nullopt) {
    return SessionPoint{"neck", std::move(p), learned, false};
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

// Ends the current step: answers `n` when it asks, else lets the rest run out.
knead::Feedback step(Session& s, int n = 6) {
    return s.current().asks() ? s.answer(pain(n)) : s.advance();
}

// Answers `n` to every question until the session ends; returns the steps met.
std::vector<std::string> run_all(Session& s, int n = 6) {
    std::vector<std::string> steps;
    for (int guard = 0; !s.finished() && guard < 1000; ++guard) {
        steps.push_back(describe(s));
        step(s, n);
    }
    return steps;
}

// Moves on until the current step is `what` (a describe() text).
void until(Session& s, const std::string& what, int n = 6) {
    for (int guard = 0; !s.finished() && describe(s) != what && guard < 1000; ++guard) step(s, n);
    REQUIRE(describe(s) == what);
}

const std::vector<std::string> kOneSide = {
    "locate 1 15", "press 1 10", "hold 1 30",    "rest 1 10", "press 2 10",
    "hold 2 30",   "rest 2 10",  "stretch 1 30", "rest 1 5",  "stretch 2 30",
};

std::vector<std::string> side_steps(const std::string& side,
                                    const std::vector<std::string>& steps = kOneSide) {
    std::vector<std::string> out;
    out.reserve(steps.size());
    for (const auto& s : steps) out.push_back(std::string(side).append(" ").append(s));
    return out;
}

}  // namespace

TEST_CASE("session: locate once a side, press-hold-rest per rep, then the stretch twice") {
    Session s({sp(make_point("trap", Side::both))});
    REQUIRE_FALSE(s.finished());
    CHECK(s.status() == Status::running);
    auto expected = side_steps("left");
    auto right = side_steps("right");
    expected.insert(expected.end(), right.begin(), right.end());
    CHECK(run_all(s) == expected);
    CHECK(s.status() == Status::completed);
}

TEST_CASE("session: a rest asks nothing and moves on by itself") {
    Session s({sp(make_point("a", Side::center))});
    until(s, "center rest 1 10");
    CHECK_FALSE(s.current().asks());
    CHECK(s.question() == Question::none);
    // An answer to a rest changes nothing; advance() ends it.
    auto f = s.answer(pain(6));
    CHECK(f.outcome == Outcome::next);
    CHECK(describe(s) == "center rest 1 10");
    s.advance();
    CHECK(describe(s) == "center press 2 10");
    // advance() on a step that asks does nothing.
    s.advance();
    CHECK(describe(s) == "center press 2 10");
}

TEST_CASE("session: the questions after each step") {
    CHECK(knead::question_after(Phase::locate) == Question::tenderness);
    CHECK(knead::question_after(Phase::press) == Question::pain);
    CHECK(knead::question_after(Phase::hold) == Question::hold);
    CHECK(knead::question_after(Phase::rest) == Question::none);
    CHECK(knead::question_after(Phase::stretch) == Question::stretch);
}

TEST_CASE("session: rest and stretch_reps come from the dose") {
    auto p = make_point("a", Side::right);
    p.dose.reps = 1;
    p.dose.rest = 3;
    p.dose.stretch_reps = 3;
    Session s({sp(p)});
    CHECK(run_all(s) ==
          std::vector<std::string>{"right locate 1 15", "right press 1 10", "right hold 1 30",
                                   "right rest 1 3", "right stretch 1 30", "right rest 1 3",
                                   "right stretch 2 30", "right rest 2 3", "right stretch 3 30"});
}

TEST_CASE("session: a point without a stretch cue has no stretch step") {
    Session s({sp(make_point("p", Side::center, /*stretch=*/false))});
    CHECK(run_all(s) == std::vector<std::string>{"center locate 1 15", "center press 1 10",
                                                 "center hold 1 30", "center rest 1 10",
                                                 "center press 2 10", "center hold 2 30",
                                                 "center rest 2 10"});
}

TEST_CASE("session: locate 1 or less looks again once, then presses") {
    Session s({sp(make_point("a", Side::center))});
    auto f = s.answer(pain(1));
    CHECK(f.hint == Hint::not_tender);
    CHECK(describe(s) == "center locate 1 15");
    f = s.answer(pain(0));
    CHECK(f.hint == Hint::still_not_tender);
    CHECK(describe(s) == "center press 1 10");
    CHECK_FALSE(s.current().lighter);
}

TEST_CASE("session: tenderness at or above the band's top starts the press lighter") {
    Session s({sp(make_point("a", Side::center))});
    auto f = s.answer(pain(7));  // band 5-7
    CHECK(f.hint == Hint::start_lighter);
    CHECK(describe(s) == "center press 1 10");
    CHECK(s.current().lighter);
    s.answer(pain(6));
    CHECK_FALSE(s.current().lighter);

    Session t({sp(make_point("a", Side::center))});
    CHECK(t.answer(pain(6)).hint == Hint::none);
    CHECK_FALSE(t.current().lighter);
}

TEST_CASE("session: pain above the band after press says ease off before the hold") {
    Session s({sp(make_point("a", Side::center))});
    s.answer(pain(5));
    auto f = s.answer(pain(8));
    CHECK(f.hint == Hint::ease_off);
    CHECK_FALSE(f.decision);
    CHECK(describe(s) == "center hold 1 30");
    CHECK(s.current().lighter);
}

TEST_CASE("session: the stop threshold is the band's top + 2, or stop_pain") {
    SUBCASE("5-7 stops at 9") {
        knead::Dose d;
        CHECK(knead::stop_threshold(d) == 9);
        Session s({sp(make_point("a", Side::both))});
        s.answer(pain(5));
        auto f = s.answer(pain(9));
        REQUIRE(f.decision);
        CHECK(f.decision->advice == Advice::too_much);
        CHECK(f.hint == Hint::stop_pressing);
        // Let go, then the stretch: no hold.
        CHECK(describe(s) == "left rest 1 10");
        s.advance();
        CHECK(describe(s) == "left stretch 1 30");
        CHECK(s.sides()[0].stopped_at == 9);
        CHECK(s.sides()[0].holds == 0);
    }
    SUBCASE("3-5 stops at 7, not 9") {
        auto p = make_point("a", Side::center);
        p.dose.target = {3, 5};
        CHECK(knead::stop_threshold(p.dose) == 7);
        Session s({sp(p)});
        s.answer(pain(4));
        s.answer(pain(6));  // above the band, below 7: ease off
        REQUIRE(describe(s) == "center hold 1 30");
        auto f = s.answer(pain(7));
        REQUIRE(f.decision);
        CHECK(f.decision->advice == Advice::too_much);
        CHECK(describe(s) == "center rest 1 10");
        s.advance();
        CHECK(describe(s) == "center stretch 1 30");
        CHECK(s.sides()[0].stopped_at == 7);
    }
    SUBCASE("stop_pain overrides") {
        auto p = make_point("a", Side::center);
        p.dose.stop_pain = 8;
        CHECK(knead::stop_threshold(p.dose) == 8);
        Session s({sp(p)});
        s.answer(pain(5));
        CHECK(s.answer(pain(8)).hint == Hint::stop_pressing);
    }
    SUBCASE("never above 10") {
        knead::Dose d;
        d.target = {7, 9};
        CHECK(knead::stop_threshold(d) == 10);
    }
    SUBCASE("at locate: too tender to press") {
        Session s({sp(make_point("a", Side::center))});
        auto f = s.answer(pain(10));
        CHECK(f.hint == Hint::stop_pressing);
        CHECK(describe(s) == "center stretch 1 30");
    }
}

TEST_CASE("session: released after a hold skips the remaining reps and goes to the stretch") {
    Session s({sp(make_point("a", Side::both))});
    until(s, "left hold 1 30");
    auto fb = s.answer(pain(2));
    REQUIRE(fb.decision.has_value());
    CHECK(fb.decision->advice == Advice::released);
    CHECK(describe(s) == "left rest 1 10");
    s.advance();
    CHECK(describe(s) == "left stretch 1 30");
    CHECK(s.sides()[0].released);
    // The other side starts afresh, from the point's own hold.
    until(s, "right hold 1 30");
}

TEST_CASE("session: answers after a hold adapt the next hold") {
    Session s({sp(make_point("a", Side::center))});
    s.answer(pain(6));
    s.answer(pain(6));
    auto fb = s.answer(pain(8));
    REQUIRE(fb.decision.has_value());
    CHECK(fb.decision->advice == Advice::lighter);
    CHECK(fb.decision->next_hold == 20);
    s.advance();
    s.answer(pain(6));
    CHECK(describe(s) == "center hold 2 20");
}

TEST_CASE("session: a strong stretch makes the point's next stretches gentler") {
    Session s({sp(make_point("a", Side::both))});
    until(s, "left stretch 1 30");
    CHECK_FALSE(s.current().gentle);
    auto f = s.answer(pain(7));
    CHECK(f.hint == Hint::gentler_stretch);
    s.advance();
    REQUIRE(describe(s) == "left stretch 2 30");
    CHECK(s.current().gentle);
    CHECK(s.answer(pain(8)).hint == Hint::none);  // said once
    until(s, "right stretch 1 30");
    CHECK(s.current().gentle);

    Session mild({sp(make_point("a", Side::center))});
    until(mild, "center stretch 1 30");
    CHECK(mild.answer(pain(6)).hint == Hint::none);
    mild.advance();
    CHECK_FALSE(mild.current().gentle);

    // Learned from the last session.
    auto learned = sp(make_point("a", Side::center));
    learned.gentle_stretch = true;
    Session next({learned});
    until(next, "center stretch 1 30");
    CHECK(next.current().gentle);
}

TEST_CASE("session: s skips the rest of the point, every side logged as skipped") {
    Session s({sp(make_point("a", Side::both)), sp(make_point("b", Side::center))});
    s.begin_step();
    s.answer(pain(6));
    auto fb = s.answer({AnswerKind::skip});
    CHECK(fb.outcome == Outcome::point_skipped);
    REQUIRE(fb.skipped.size() == 2);
    CHECK(fb.skipped[0].side == Side::left);
    CHECK(fb.skipped[1].side == Side::right);
    CHECK(fb.skipped[0].why == SkipWhy::answer);
    CHECK(describe(s) == "center locate 1 15");
    CHECK(s.sides()[0].skipped == SkipWhy::answer);
    CHECK(s.sides()[1].skipped == SkipWhy::answer);
    CHECK_FALSE(s.sides()[2].skipped);
}

TEST_CASE("session: n goes to the next side, then the next point") {
    using namespace std::chrono;
    Session s({sp(make_point("a", Side::both)), sp(make_point("b", Side::center))});
    auto f = s.key(KeyAction::next_point, seconds(5));
    CHECK(f.outcome == Outcome::side_skipped);
    REQUIRE(f.skipped.size() == 1);
    CHECK(f.skipped[0].side == Side::left);
    CHECK(f.skipped[0].why == SkipWhy::next_side);
    CHECK(describe(s) == "right locate 1 15");
    f = s.key(KeyAction::next_point, seconds(20));  // not within a second: one side
    CHECK(f.skipped.size() == 1);
    CHECK(s.current_point().point.id == "b");
    CHECK(s.sides()[0].skipped == SkipWhy::next_side);
    CHECK(s.sides()[1].skipped == SkipWhy::next_side);
}

TEST_CASE("session: N, or n twice within a second, skips the whole point") {
    using namespace std::chrono;
    SUBCASE("N") {
        Session s({sp(make_point("a", Side::both)), sp(make_point("b", Side::center))});
        auto f = s.key(KeyAction::whole_point, seconds(1));
        CHECK(f.outcome == Outcome::point_skipped);
        CHECK(f.skipped.size() == 2);
        CHECK(f.skipped[0].why == SkipWhy::whole_point);
        CHECK(s.current_point().point.id == "b");
    }
    SUBCASE("n n") {
        Session s({sp(make_point("a", Side::both)), sp(make_point("b", Side::center))});
        s.key(KeyAction::next_point, milliseconds(5000));
        CHECK(describe(s) == "right locate 1 15");
        auto f = s.key(KeyAction::next_point, milliseconds(5600));
        CHECK(f.outcome == Outcome::point_skipped);
        REQUIRE(f.skipped.size() == 1);  // the left side was skipped by the first n
        CHECK(f.skipped[0].side == Side::right);
        CHECK(f.skipped[0].why == SkipWhy::whole_point);
        CHECK(s.current_point().point.id == "b");
        CHECK(s.sides()[1].skipped == SkipWhy::whole_point);
    }
    SUBCASE("a second n after the point is already done skips nothing more") {
        Session s({sp(make_point("a", Side::center)), sp(make_point("b", Side::center))});
        s.key(KeyAction::next_point, milliseconds(5000));
        REQUIRE(s.current_point().point.id == "b");
        auto f = s.key(KeyAction::next_point, milliseconds(5500));
        CHECK(f.skipped.empty());
        CHECK(describe(s) == "center locate 1 15");
    }
}

TEST_CASE("session: q stops the session, by answer or by key") {
    using namespace std::chrono;
    Session s({sp(make_point("a", Side::both))});
    s.answer(pain(6));
    auto before = describe(s);
    auto fb = s.answer({AnswerKind::quit});
    CHECK(fb.outcome == Outcome::stopped);
    CHECK(s.status() == Status::stopped);
    // Answers after the end change nothing.
    auto after = s.answer(pain(6));
    CHECK(after.outcome == Outcome::next);
    CHECK(describe(s) == before);

    Session k({sp(make_point("a", Side::both))});
    CHECK(k.key(KeyAction::quit, seconds(1)).outcome == Outcome::stopped);
    CHECK(k.status() == Status::stopped);
}

TEST_CASE("session: ! stops the session on a red flag") {
    Session s({sp(make_point("a", Side::both))});
    until(s, "left hold 1 30");
    auto fb = s.answer({AnswerKind::red_flag});
    CHECK(fb.outcome == Outcome::red_flag);
    CHECK(s.status() == Status::red_flag);
    CHECK_FALSE(s.sides()[0].first_hold_pain.has_value());
}

TEST_CASE("session: a hands-free timeout goes on as the last answer but moves no staircase") {
    Session s({sp(make_point("a", Side::center))});
    s.answer(pain(6));
    s.answer(pain(8));  // above the band after press: the hold eases off
    REQUIRE(describe(s) == "center hold 1 30");
    auto f = s.answer({AnswerKind::timeout});
    REQUIRE(f.decision);
    CHECK(f.decision->advice == Advice::keep);
    CHECK(f.decision->next_hold == 30);
    CHECK(s.sides()[0].holds == 1);
    CHECK_FALSE(s.sides()[0].first_hold_pain);  // no pain was given
    CHECK(s.last_pain() == 8);                  // nor remembered as given
    s.advance();
    // After press, the timeout acts as the last answer: 8 is above the band.
    CHECK(s.answer({AnswerKind::timeout}).hint == Hint::ease_off);
}

TEST_CASE("session: an invalid or unresolved `same` answer leaves the session unchanged") {
    Session s({sp(make_point("a", Side::both))});
    s.answer(pain(6));
    s.answer(pain(5));
    REQUIRE(describe(s) == "left hold 1 30");
    for (AnswerKind k : {AnswerKind::invalid, AnswerKind::same}) {
        auto fb = s.answer({k, 7});
        CHECK(fb.outcome == Outcome::next);
        CHECK_FALSE(fb.decision.has_value());
        CHECK(describe(s) == "left hold 1 30");
        CHECK(s.last_pain() == 5);
    }
}

TEST_CASE("session: the summary is per side: holds, first and last hold pain, how it ended") {
    Session s({sp(make_point("a", Side::both)), sp(make_point("b", Side::center))});
    REQUIRE(s.sides().size() == 3);
    CHECK(s.sides()[0].side == Side::left);
    CHECK(s.sides()[1].side == Side::right);
    CHECK(s.sides()[0].name == "Point a");
    CHECK_FALSE(s.sides()[0].started);  // until its first step is shown

    s.begin_step();
    s.answer(pain(3));
    s.answer(pain(4));
    s.answer(pain(7));
    s.advance();
    s.answer(pain(4));
    s.answer(pain(6));
    until(s, "right locate 1 15");
    s.begin_step();
    s.answer(pain(3));
    s.answer(pain(4));
    s.answer(pain(2));  // released
    until(s, "center locate 1 15");
    s.begin_step();
    s.answer({AnswerKind::quit});

    const auto& left = s.sides()[0];
    CHECK(left.finished);
    CHECK(left.holds == 2);
    CHECK(left.first_hold_pain == 7);
    CHECK(left.last_hold_pain == 6);
    CHECK_FALSE(left.released);
    CHECK(s.sides()[1].released);
    CHECK(s.sides()[1].holds == 1);
    CHECK(s.sides()[2].started);
    CHECK_FALSE(s.sides()[2].finished);
    CHECK(s.points_started() == 2);
}

TEST_CASE("session: no point is started before its first step is shown") {
    Session s({sp(make_point("a", Side::center))});
    s.add_check(knead::SorenessCheck{"neck", "Neck", 5, {0}});
    CHECK(s.points_started() == 0);
    s.answer({AnswerKind::quit});
    CHECK(s.status() == Status::stopped);
    CHECK(s.points_started() == 0);
}

TEST_CASE("session: the soreness check eases the dose of the points it covers") {
    Session s({sp(make_point("a", Side::center)), sp(make_point("b", Side::center))});
    s.add_check(knead::SorenessCheck{"neck", "Neck", 5, {0}});
    REQUIRE(s.checking());
    CHECK(s.question() == Question::soreness);
    REQUIRE(s.soreness_check());
    CHECK(s.soreness_check()->hours_ago == 5);
    // Not an answer to this question: asked again.
    s.answer({AnswerKind::skip});
    CHECK(s.checking());
    auto f = s.answer(pain(6));
    CHECK(f.hint == Hint::soreness_eased);
    REQUIRE(f.eased);
    CHECK(f.eased->second.target == knead::PainBand{3, 5});
    CHECK_FALSE(s.checking());
    CHECK(s.current_point().point.dose.reps == 1);
    CHECK(s.point(1).point.dose.reps == 2);  // not covered
    CHECK(s.question() == Question::tenderness);

    Session ok({sp(make_point("a", Side::center))});
    ok.add_check(knead::SorenessCheck{"neck", "Neck", 5, {0}});
    CHECK(ok.answer(pain(4)).hint == Hint::soreness_ok);
    CHECK(ok.current_point().point.dose.reps == 2);
}

TEST_CASE("session: after a red flag, go on only on yes") {
    knead::RedFlagCheck flag{"2026-11-24T07:31:01+00:00", 3, {"Point a"}};
    SUBCASE("no, or Enter, stops") {
        Session s({sp(make_point("a", Side::center))});
        s.add_check(flag);
        CHECK(s.question() == Question::go_on);
        REQUIRE(s.red_flag_check());
        CHECK(knead::parse_confirm("").kind == AnswerKind::no);
        auto f = s.answer(knead::parse_confirm(""));
        CHECK(f.outcome == Outcome::stopped);
        CHECK(s.status() == Status::stopped);
        CHECK(s.points_started() == 0);
    }
    SUBCASE("yes goes on, to the soreness check and the steps") {
        Session s({sp(make_point("a", Side::center))});
        s.add_check(flag);
        s.add_check(knead::SorenessCheck{"neck", "Neck", 5, {0}});
        s.answer(knead::parse_confirm("maybe"));
        CHECK(s.question() == Question::go_on);  // invalid: asked again
        s.answer(knead::parse_confirm("y"));
        CHECK(s.question() == Question::soreness);
        s.answer(pain(0));
        CHECK(s.question() == Question::tenderness);
    }
}

TEST_CASE("session: the plan's steady answer changes nothing") {
    Session s({sp(make_point("a", Side::both), 45)});
    const auto steps = run_all(s);
    Session t({sp(make_point("a", Side::both), 45)});
    std::vector<std::string> steady;
    while (!t.finished()) {
        steady.push_back(describe(t));
        if (t.current().asks())
            t.answer(t.steady_answer());
        else
            t.advance();
    }
    CHECK(steady == steps);
    CHECK(steady[2] == "left hold 1 45");
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
    // a: 2 sides x (15 + 2 x (10+30+10) + 30+5+30); b: 7 + 3 x (10+30+10);
    // c: 15 + 2 x (10+45+10) + 30+5+30.
    REQUIRE(expected == 2 * (15 + 100 + 65) + (7 + 150) + (15 + 130 + 65));

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
        step(s);  // within the band: holds keep their length
    }
    CHECK(s.status() == Status::completed);
    CHECK(always_instant);
    CHECK(planned_sum == expected);
    CHECK(clock.now() == seconds(expected));
    CHECK(clock.wall() == start + seconds(expected));
    CHECK(ticks == expected);  // one redraw per second of the session
}

TEST_CASE("session: an empty session is complete at once") {
    Session s({});
    CHECK(s.finished());
    CHECK(s.status() == Status::completed);
    CHECK(s.points_started() == 0);
    CHECK(s.sides().empty());
}

TEST_CASE("session: to_string of phases, statuses and skip reasons") {
    CHECK(knead::to_string(Phase::locate) == "locate");
    CHECK(knead::to_string(Phase::press) == "press");
    CHECK(knead::to_string(Phase::hold) == "hold");
    CHECK(knead::to_string(Phase::rest) == "rest");
    CHECK(knead::to_string(Phase::stretch) == "stretch");
    CHECK(knead::to_string(Status::red_flag) == "red-flag");
    CHECK(knead::to_string(Status::interrupted) == "interrupted");
    CHECK(knead::to_string(SkipWhy::answer) == "answer");
    CHECK(knead::to_string(SkipWhy::next_side) == "next");
    CHECK(knead::to_string(SkipWhy::whole_point) == "point");
}
