// Learned holds, the soreness window and the lighter dose for a sore area.
#include <doctest/doctest.h>

#include <string>

#include "knead/learning.hpp"
#include "knead/log_time.hpp"
#include "knead/session.hpp"

using knead::Dose;
using knead::Point;
using knead::Recall;
using knead::RecallBuilder;

namespace {

Recall recall(const std::string& log, std::vector<std::string> routines = {"neck"}) {
    RecallBuilder b(std::move(routines));
    knead::scan_sessions_text(log, [&](knead::LoggedSession&& s) { b.add(s); });
    return b.recall();
}

Point trap() {
    Point p;
    p.id = "trap";
    p.name = "Trap";
    p.stretch_cue = "Stretch.";
    return p;  // default dose: hold 30 within 20-60, band 5-7, 2 reps
}

// The point as a session of `routine` works it.
knead::SessionPoint at(const std::string& routine, const Point& p = trap()) {
    return {routine, p, std::nullopt, false};
}

const char* kTwoSessions =
    "time=2026-11-24T07:30:00Z session=A event=start routines=neck clock=real\n"
    "time=2026-11-24T07:31:00Z session=A routine=neck point=trap step=hold planned=30 pain=4 "
    "next=40\n"
    "time=2026-11-24T07:35:00Z session=A event=end status=completed points=1 duration=300\n"
    "time=2026-11-25T07:30:00Z session=B event=start routines=neck clock=real\n"
    "time=2026-11-25T07:31:00Z session=B routine=neck point=trap step=hold planned=40 pain=8 "
    "next=30\n"
    "time=2026-11-25T07:32:00Z session=B routine=neck point=trap step=hold planned=30 pain=6\n"
    "time=2026-11-25T07:35:00Z session=B event=end status=completed points=1 duration=300\n";

const std::int64_t kB_end =
    knead::days_from_civil(2026, 11, 25) * 86400 + std::int64_t{7} * 3600 + std::int64_t{35} * 60;

}  // namespace

TEST_CASE("the first hold starts where the last session left the point") {
    auto r = recall(kTwoSessions);
    CHECK(knead::learned_hold(r, at("neck", trap())) == 30);
    CHECK_FALSE(knead::learned_hold(r, at("jaw", trap())));
    Point other = trap();
    other.id = "sub";
    CHECK_FALSE(knead::learned_hold(r, at("neck", other)));
}

TEST_CASE("the latest session wins, whatever order the sessions ended in") {
    // A ended after B in the file (it ran long), but B started later.
    std::string log =
        "time=2026-11-24T07:30:00Z session=A event=start routines=neck clock=real\n"
        "time=2026-11-24T08:30:00Z session=B event=start routines=neck clock=real\n"
        "time=2026-11-24T08:31:00Z session=B routine=neck point=trap step=hold planned=30 pain=4 "
        "next=45\n"
        "time=2026-11-24T08:35:00Z session=B event=end status=completed points=1 duration=300\n"
        "time=2026-11-24T08:40:00Z session=A routine=neck point=trap step=hold planned=30 pain=8 "
        "next=25\n"
        "time=2026-11-24T08:41:00Z session=A event=end status=completed points=1 duration=4260\n";
    CHECK(knead::learned_hold(recall(log), at("neck", trap())) == 45);
}

TEST_CASE("a learned hold stays within the point's bounds") {
    std::string log =
        "time=2026-11-24T07:30:00Z session=A event=start routines=neck clock=real\n"
        "time=2026-11-24T07:31:00Z session=A routine=neck point=trap step=hold planned=90 pain=4 "
        "next=100\n"
        "time=2026-11-24T07:35:00Z session=A event=end status=completed points=1 duration=300\n";
    CHECK(knead::learned_hold(recall(log), at("neck", trap())) == 60);
    Point tight = trap();
    tight.dose.hold_min = 10;
    tight.dose.hold_max = 25;
    CHECK(knead::learned_hold(recall(log), at("neck", tight)) == 25);
}

TEST_CASE("nothing is learned from rehearsals or from other routines") {
    std::string log =
        "time=2026-11-24T07:30:00Z session=A event=start routines=neck clock=virtual\n"
        "time=2026-11-24T07:31:00Z session=A routine=neck point=trap step=hold planned=30 pain=4 "
        "next=40\n"
        "time=2026-11-24T07:35:00Z session=A event=end status=completed points=1 duration=300\n"
        "time=2026-11-24T08:30:00Z session=J event=start routines=jaw clock=real\n"
        "time=2026-11-24T08:31:00Z session=J routine=jaw point=trap step=hold planned=30 pain=4 "
        "next=40\n"
        "time=2026-11-24T08:35:00Z session=J event=end status=completed points=1 duration=300\n";
    auto r = recall(log);
    CHECK(r.holds.empty());
    CHECK(r.worked.empty());
}

TEST_CASE("an area counts as worked recently for 48 hours after its last real session") {
    auto r = recall(kTwoSessions);
    CHECK(knead::worked_recently(r, at("neck"), kB_end + 3600) == kB_end);
    CHECK(knead::worked_recently(r, at("neck"), kB_end + std::int64_t{47} * 3600 + 3599) == kB_end);
    CHECK_FALSE(knead::worked_recently(r, at("neck"), kB_end + std::int64_t{48} * 3600));
    CHECK_FALSE(knead::worked_recently(r, at("jaw"), kB_end));
}

TEST_CASE("a session that never got to a hold did not work the area") {
    std::string log =
        "time=2026-11-25T07:30:00Z session=A event=start routines=neck clock=real\n"
        "time=2026-11-25T07:31:00Z session=A routine=neck point=trap step=locate planned=15 "
        "answer=quit\n"
        "time=2026-11-25T07:31:01Z session=A event=end status=stopped points=1 duration=15\n";
    CHECK_FALSE(knead::worked_recently(recall(log), at("neck"), kB_end));
}

TEST_CASE("soreness of 5 or more goes lighter: band 2 lower, not below 1-3, one rep fewer") {
    CHECK_FALSE(knead::soreness_is_high(4));
    CHECK(knead::soreness_is_high(5));
    CHECK(knead::soreness_is_high(10));

    Dose d;  // 5-7, 2 reps
    Dose e = knead::ease_for_soreness(d);
    CHECK(e.target == knead::PainBand{3, 5});
    CHECK(e.reps == 1);
    CHECK(e.hold == d.hold);
    CHECK(e.hold_min == d.hold_min);

    Dose low;
    low.target = {2, 4};
    low.reps = 1;
    Dose el = knead::ease_for_soreness(low);
    CHECK(el.target == knead::PainBand{1, 3});
    CHECK(el.reps == 1);

    Dose lower;
    lower.target = {1, 2};
    CHECK(knead::ease_for_soreness(lower).target == knead::PainBand{1, 2});  // never raised
}

TEST_CASE("a session takes the lighter dose before its first answer") {
    Point p = trap();
    knead::Session s({at("neck", p)});
    s.set_dose(0, knead::ease_for_soreness(p.dose));
    CHECK(s.current_point().point.dose.target == knead::PainBand{3, 5});
    // One rep: after the first hold comes the stretch, not a second rep.
    knead::Answer six{knead::AnswerKind::pain, 6};
    s.answer(six);  // locate
    s.answer(six);  // press
    CHECK(s.current().phase == knead::Phase::hold);
    CHECK(s.current().lighter);  // 6 was above 3-5 after the press: ease off now
    auto f = s.answer(six);      // 6 is above 3-5 now: lighter
    REQUIRE(f.decision);
    CHECK(f.decision->advice == knead::Advice::lighter);
    CHECK(s.current().phase == knead::Phase::rest);
    s.advance();
    CHECK(s.current().phase == knead::Phase::stretch);
}

TEST_CASE("a learned hold is the session's first hold") {
    knead::Session s({{"neck", trap(), 45, false}});
    knead::Answer six{knead::AnswerKind::pain, 6};
    s.answer(six);
    s.answer(six);
    CHECK(s.current().phase == knead::Phase::hold);
    CHECK(s.current().planned == 45);
}

TEST_CASE("a point taken with `use` learns and is sore as the point it was written as") {
    // desk-worker's trap is neck's: the log keys both by neck.trap.
    Point used = trap();
    used.id = "shoulder-top";
    used.from = "neck";
    used.origin = "neck.trap";
    auto desk = at("desk-worker", used);
    CHECK(desk.origin_routine() == "neck");
    CHECK(desk.origin_point() == "trap");
    auto r = recall(kTwoSessions);
    CHECK(knead::learned_hold(r, desk) == 30);
    CHECK(knead::worked_recently(r, desk, kB_end + 3600) == kB_end);
}

TEST_CASE("a strong last stretch makes the next session's stretch gentler") {
    std::string log =
        "time=2026-11-24T07:30:00Z session=A event=start routines=neck clock=real\n"
        "time=2026-11-24T07:31:00Z session=A routine=neck point=trap step=stretch planned=30 "
        "pain=8\n"
        "time=2026-11-24T07:35:00Z session=A event=end status=completed points=1 duration=300\n";
    CHECK(knead::learned_gentle_stretch(recall(log), at("neck")));
    std::string mild = log;
    mild.replace(mild.find("pain=8"), 6, "pain=4");
    CHECK_FALSE(knead::learned_gentle_stretch(recall(mild), at("neck")));
}

TEST_CASE("a red flag is followed up until a later session works one of its points") {
    const std::string flag =
        "time=2026-11-24T07:30:00Z session=A event=start routines=neck clock=real\n"
        "time=2026-11-24T07:31:00Z session=A routine=neck point=trap step=press planned=10 "
        "answer=red-flag\n"
        "time=2026-11-24T07:31:01Z session=A event=end status=red-flag points=1 duration=70\n";
    const std::int64_t end = knead::days_from_civil(2026, 11, 24) * 86400 + std::int64_t{7} * 3600 +
                             std::int64_t{31} * 60 + 1;
    auto r = recall(flag);
    auto c = knead::red_flag_follow_up(r, {at("neck")}, end + 3600);
    REQUIRE(c);
    CHECK(c->hours_ago == 1);
    CHECK(c->points == std::vector<std::string>{"Trap"});
    Point other = trap();
    other.id = "sub";
    CHECK_FALSE(knead::red_flag_follow_up(r, {at("neck", other)}, end));

    knead::Routine neck;
    neck.id = "neck";
    neck.points = {trap()};
    CHECK(knead::red_flag_recently(r, neck, end + std::int64_t{47} * 3600));
    CHECK_FALSE(knead::red_flag_recently(r, neck, end + std::int64_t{48} * 3600));

    // A session declined at the question works nothing: still to follow up.
    const std::string declined =
        flag +
        "time=2026-11-24T09:00:00Z session=B event=start routines=neck clock=real\n"
        "time=2026-11-24T09:00:05Z session=B event=end status=stopped points=0 duration=5\n";
    CHECK(knead::red_flag_follow_up(recall(declined), {at("neck")}, end + 7200));
    const std::string went_on =
        flag +
        "time=2026-11-24T09:00:00Z session=C event=start routines=neck clock=real\n"
        "time=2026-11-24T09:00:20Z session=C routine=neck point=trap step=locate planned=15 "
        "pain=4\n"
        "time=2026-11-24T09:05:00Z session=C event=end status=completed points=1 duration=300\n";
    CHECK_FALSE(knead::red_flag_follow_up(recall(went_on), {at("neck")}, end + 7200));
}
