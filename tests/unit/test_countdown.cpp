// Countdown arithmetic: seconds left, redraw ticks tied to the deadline, progress.
#include <doctest/doctest.h>

#include <chrono>
#include <vector>

#include "knead/clock.hpp"
#include "knead/countdown.hpp"

using namespace std::chrono_literals;
using knead::Countdown;
using knead::Duration;

TEST_CASE("countdown: the deadline is start plus length") {
    Countdown cd(5s, 30s);
    CHECK(cd.deadline() == 35s);
    CHECK_FALSE(cd.done(5s));
    CHECK_FALSE(cd.done(35s - 1ns));
    CHECK(cd.done(35s));
    CHECK(cd.done(40s));
}

TEST_CASE("countdown: seconds_left rounds up") {
    Countdown cd(0s, 30s);
    CHECK(cd.seconds_left(0s) == 30);
    CHECK(cd.seconds_left(1ns) == 30);
    CHECK(cd.seconds_left(500ms) == 30);
    CHECK(cd.seconds_left(1s - 1ns) == 30);
    CHECK(cd.seconds_left(1s) == 29);
    CHECK(cd.seconds_left(15300ms) == 15);
    CHECK(cd.seconds_left(29s) == 1);
    CHECK(cd.seconds_left(29999ms) == 1);
    CHECK(cd.seconds_left(30s - 1ns) == 1);  // never 0 before the deadline
    CHECK(cd.seconds_left(30s) == 0);
    CHECK(cd.seconds_left(31s) == 0);

    Countdown frac(0s, 2500ms);
    CHECK(frac.seconds_left(0s) == 3);
    CHECK(frac.seconds_left(500ms) == 2);
    CHECK(frac.seconds_left(2s) == 1);
}

TEST_CASE("countdown: next_tick lands on whole seconds before the deadline, then on it") {
    Countdown cd(0s, 30s);
    CHECK(cd.next_tick(0s) == 1s);
    CHECK(cd.next_tick(300ms) == 1s);
    CHECK(cd.next_tick(1s - 1ns) == 1s);
    CHECK(cd.next_tick(1s) == 2s);
    CHECK(cd.next_tick(1500ms) == 2s);
    CHECK(cd.next_tick(28s) == 29s);
    CHECK(cd.next_tick(29s) == 30s);
    CHECK(cd.next_tick(29900ms) == 30s);
    CHECK(cd.next_tick(30s) == 30s);
    CHECK(cd.next_tick(45s) == 30s);  // late: the deadline, never beyond

    // Whole seconds counted back from the deadline, not from zero.
    Countdown offset(10250ms, 3s);
    CHECK(offset.next_tick(10250ms) == 11250ms);
    CHECK(offset.next_tick(11s) == 11250ms);
    CHECK(offset.next_tick(12250ms) == 13250ms);
    CHECK(offset.next_tick(13s) == 13250ms);

    Countdown frac(0s, 2500ms);
    CHECK(frac.next_tick(0s) == 500ms);
    CHECK(frac.next_tick(500ms) == 1500ms);
    CHECK(frac.next_tick(1500ms) == 2500ms);
}

TEST_CASE("countdown: the display changes exactly at each tick") {
    Countdown cd(7s, 12s);
    Duration now = 7s;
    while (!cd.done(now)) {
        REQUIRE(cd.next_tick(now).has_value());
        Duration tick = *cd.next_tick(now);
        REQUIRE(tick > now);
        CHECK(cd.seconds_left(tick - 1ns) == cd.seconds_left(tick) + 1);
        // Nothing changes between now and the tick.
        CHECK(cd.seconds_left(now) == cd.seconds_left(tick - 1ns));
        now = tick;
    }
    CHECK(now == cd.deadline());
}

TEST_CASE("countdown: progress runs from 0 to 1") {
    Countdown cd(10s, 20s);
    CHECK(cd.progress(0s) == 0.0);  // before the start
    CHECK(cd.progress(10s) == 0.0);
    CHECK(cd.progress(15s) == doctest::Approx(0.25));
    CHECK(cd.progress(20s) == doctest::Approx(0.5));
    CHECK(cd.progress(29s) == doctest::Approx(0.95));
    CHECK(cd.progress(30s) == 1.0);
    CHECK(cd.progress(100s) == 1.0);

    Countdown empty(3s, 0s);
    CHECK(empty.progress(0s) == 1.0);
    CHECK(empty.progress(3s) == 1.0);
    CHECK(empty.done(3s));
}

TEST_CASE("countdown: no drift with late wake-ups") {
    // Each wake-up comes 300 ms after the tick asked for. Ticks are computed from the
    // deadline, so they stay on whole seconds and the last one is the deadline itself.
    knead::VirtualClock clock;
    clock.advance(2s);
    Countdown cd(clock.now(), 30s);
    std::vector<Duration> ticks;
    while (!cd.done(clock.now())) {
        REQUIRE(cd.next_tick(clock.now()).has_value());
        Duration tick = *cd.next_tick(clock.now());
        ticks.push_back(tick);
        CHECK(clock.real_time_until(tick) == Duration::zero());
        CHECK(clock.now() == tick);
        clock.advance(300ms);  // woke up late
    }
    REQUIRE(ticks.size() == 30);
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        CAPTURE(i);
        CHECK(ticks[i] == 2s + std::chrono::seconds(i + 1));
    }
    CHECK(ticks.back() == cd.deadline());
    CHECK(clock.now() == cd.deadline() + 300ms);
}

TEST_CASE("countdown: a very late wake-up skips the missed ticks") {
    knead::VirtualClock clock;
    Countdown cd(clock.now(), 10s);
    clock.real_time_until(cd.next_tick(clock.now()).value());
    CHECK(clock.now() == 1s);
    clock.advance(3700ms);  // slept through three redraws
    CHECK(cd.seconds_left(clock.now()) == 6);
    CHECK(cd.next_tick(clock.now()) == 5s);
}

TEST_CASE("virtual clock: time moves only when waited on") {
    using namespace std::chrono;
    const knead::WallTime start = system_clock::time_point(seconds(1000));
    knead::VirtualClock clock(start);
    CHECK(clock.is_virtual());
    CHECK(clock.now() == Duration::zero());
    CHECK(clock.wall() == start);
    CHECK(clock.real_time_until(5s) == Duration::zero());
    CHECK(clock.now() == 5s);
    CHECK(clock.real_time_until(2s) == Duration::zero());  // never backwards
    CHECK(clock.now() == 5s);
    clock.advance(250ms);
    CHECK(clock.now() == 5250ms);
    CHECK(clock.wall() == start + 5250ms);
}

TEST_CASE("steady clock: not virtual, and a past time needs no sleep") {
    auto clock = knead::make_steady_clock();
    CHECK_FALSE(clock->is_virtual());
    CHECK(clock->now() >= Duration::zero());
    CHECK(clock->real_time_until(Duration::zero()) == Duration::zero());
    CHECK(clock->real_time_until(-5s) == Duration::zero());
    // At double speed a session-time wait of 10 s takes at most 5 s of real time.
    auto fast = knead::make_steady_clock(2.0);
    auto wait = fast->real_time_until(fast->now() + 10s);
    CHECK(wait <= 5s);
    CHECK(wait > 4s);
}

TEST_CASE("countdown: a pause freezes the display and moves the deadline by its length") {
    Countdown cd(0s, 10s);
    CHECK_FALSE(cd.paused());
    cd.pause(3s);
    CHECK(cd.paused());
    // Nothing changes while paused: no tick, the same seconds, never done.
    CHECK_FALSE(cd.next_tick(3s).has_value());
    CHECK_FALSE(cd.next_tick(50s).has_value());
    CHECK(cd.seconds_left(3s) == 7);
    CHECK(cd.seconds_left(9s) == 7);
    CHECK(cd.seconds_left(50s) == 7);
    CHECK_FALSE(cd.done(50s));
    CHECK(cd.progress(9s) == doctest::Approx(0.3));
    cd.pause(5s);  // a second pause while paused changes nothing
    cd.resume(8s);
    CHECK_FALSE(cd.paused());
    CHECK(cd.deadline() == 15s);
    CHECK(cd.paused_total() == 5s);
    CHECK(cd.length() == 10s);  // the step keeps its full time
    CHECK(cd.seconds_left(8s) == 7);
    CHECK(cd.next_tick(8s) == 9s);
    CHECK(cd.progress(8s) == doctest::Approx(0.3));
    CHECK_FALSE(cd.done(14s));
    CHECK(cd.done(15s));
}

TEST_CASE("countdown: pauses add up, and resume without a pause does nothing") {
    Countdown cd(0s, 10s);
    cd.resume(2s);
    CHECK(cd.deadline() == 10s);
    CHECK(cd.paused_total() == 0s);
    cd.pause(1s);
    cd.resume(1500ms);
    cd.pause(4s);
    cd.resume(6s);
    CHECK(cd.paused_total() == 2500ms);
    CHECK(cd.deadline() == 12500ms);
    CHECK(cd.length() == 10s);
    // Ticks stay tied to the moved deadline.
    CHECK(cd.next_tick(6s) == 6500ms);
}

TEST_CASE("countdown: adjust adds or removes time, keeping at least a second to go") {
    SUBCASE("adding") {
        Countdown cd(0s, 10s);
        cd.adjust(5s, 2s);
        CHECK(cd.deadline() == 15s);
        CHECK(cd.adjusted_total() == 5s);
        CHECK(cd.seconds_left(2s) == 13);
        CHECK(cd.length() == 15s);
    }
    SUBCASE("removing") {
        Countdown cd(0s, 10s);
        cd.adjust(-5s, 2s);
        CHECK(cd.deadline() == 5s);
        CHECK(cd.adjusted_total() == -5s);
    }
    SUBCASE("removing more than is left stops one second from now") {
        Countdown cd(0s, 10s);
        cd.adjust(-5s, 8s);
        CHECK(cd.deadline() == 9s);
        CHECK(cd.adjusted_total() == -1s);
        CHECK(cd.seconds_left(8s) == 1);
        CHECK_FALSE(cd.done(8s));
    }
    SUBCASE("removing in the last second changes nothing") {
        Countdown cd(0s, 10s);
        cd.adjust(-5s, 9500ms);
        CHECK(cd.deadline() == 10s);
        CHECK(cd.adjusted_total() == 0s);
    }
    SUBCASE("while paused, the floor is a second after the pause") {
        Countdown cd(0s, 10s);
        cd.pause(6s);
        cd.adjust(-30s, 20s);
        CHECK(cd.deadline() == 7s);
        CHECK(cd.seconds_left(20s) == 1);
        cd.resume(9s);
        CHECK(cd.deadline() == 10s);
    }
}
