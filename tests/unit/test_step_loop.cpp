#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <vector>

#include "knead/big_digits.hpp"
#include "knead/step_loop.hpp"
#include "knead/utf8.hpp"

using namespace knead;
using namespace std::chrono_literals;

namespace {

// Events as a script: each is delivered once the virtual clock has reached `at`.
struct Scripted {
    Duration at;
    LoopEvent event;
};

class ScriptedEvents final : public EventSource {
  public:
    ScriptedEvents(VirtualClock& c, std::vector<Scripted> script, Duration stopped_for = 0s)
        : clock_(c), script_(script.begin(), script.end()), stopped_for_(stopped_for) {}

    LoopEvent wait(std::optional<Duration> real) override {
        ++waits;
        CHECK((!real || *real == 0s));  // a virtual clock never asks for real waiting
        REQUIRE(waits < 10000);         // a loop that never ends is a failure, not a hang
        if (script_.empty() || clock_.now() < script_.front().at) return {LoopEvent::timeout};
        LoopEvent e = script_.front().event;
        script_.pop_front();
        return e;
    }
    void suspend() override {
        ++suspends;
        clock_.advance(stopped_for_);  // time passes while the process is stopped
    }

    int waits = 0;
    int suspends = 0;

  private:
    VirtualClock& clock_;
    std::deque<Scripted> script_;
    Duration stopped_for_;
};

// Advances the virtual clock to each redraw, as the real loop's sleeping would.
class Recorder final : public CountdownView {
  public:
    explicit Recorder(VirtualClock& c) : clock_(c) {}
    void draw(const Countdown& c, Duration now) override {
        shown.push_back(c.paused() ? -c.seconds_left(now) : c.seconds_left(now));
        if (auto t = c.next_tick(now); t && !c.done(now)) clock_.real_time_until(*t);
        if (c.paused()) clock_.advance(1s);  // while paused, time goes by all the same
    }
    void note(KeyAction a) override { notes.push_back(a); }

    std::vector<int> shown;  // seconds left at each redraw; negative while paused
    std::vector<KeyAction> notes;

  private:
    VirtualClock& clock_;
};

LoopEvent key(char k) {
    return {LoopEvent::keypress, k};
}

}  // namespace

TEST_CASE("step loop: a countdown runs to its deadline, redrawing once a second") {
    VirtualClock clock;
    Countdown c(clock.now(), 5s);
    ScriptedEvents events(clock, {});
    Recorder view(clock);
    StepRun r = run_countdown(clock, c, events, view);
    CHECK(r.end == StepEnd::done);
    CHECK(clock.now() == 5s);
    CHECK(view.shown == std::vector<int>{5, 4, 3, 2, 1, 0});
}

TEST_CASE("step loop: keys map to actions") {
    CHECK(key_action(' ') == KeyAction::pause);
    CHECK(key_action('s') == KeyAction::skip_step);
    CHECK(key_action('n') == KeyAction::next_point);
    CHECK(key_action('q') == KeyAction::quit);
    CHECK(key_action('+') == KeyAction::add_time);
    CHECK(key_action('-') == KeyAction::remove_time);
    CHECK(key_action('x') == KeyAction::none);
    CHECK(key_action('\n') == KeyAction::none);
}

TEST_CASE("step loop: pause keeps the step's full time") {
    VirtualClock clock;
    Countdown c(clock.now(), 10s);
    // Pause at 3 s, stay paused for 4 s (the recorder moves time while paused), resume.
    ScriptedEvents events(clock, {{3s, key(' ')}, {7s, key(' ')}});
    Recorder view(clock);
    StepRun r = run_countdown(clock, c, events, view);
    CHECK(r.end == StepEnd::done);
    CHECK(c.paused_total() == 4s);
    CHECK(clock.now() == 14s);  // 10 s of countdown plus the pause
    CHECK(c.length() == 10s);   // the step was not cut short
    CHECK(view.notes == std::vector<KeyAction>{KeyAction::pause, KeyAction::pause});
    // While paused, the time left stays at 7.
    bool saw_paused_seven = false;
    for (int s : view.shown) saw_paused_seven |= s == -7;
    CHECK(saw_paused_seven);
}

TEST_CASE("step loop: skip, next point and quit end the countdown early") {
    for (auto [k, end] : {std::pair{'s', StepEnd::skipped}, std::pair{'n', StepEnd::next_point},
                          std::pair{'q', StepEnd::quit}}) {
        VirtualClock clock;
        Countdown c(clock.now(), 30s);
        ScriptedEvents events(clock, {{2s, key(k)}});
        Recorder view(clock);
        StepRun r = run_countdown(clock, c, events, view);
        CHECK(r.end == end);
        CHECK(clock.now() == 2s);
    }
}

TEST_CASE("step loop: + and - move the deadline by 5 s, keeping a second to go") {
    VirtualClock clock;
    Countdown c(clock.now(), 10s);
    ScriptedEvents events(clock, {{1s, key('+')}, {1s, key('+')}});
    Recorder view(clock);
    run_countdown(clock, c, events, view);
    CHECK(clock.now() == 20s);
    CHECK(c.adjusted_total() == 10s);

    VirtualClock clock2;
    Countdown shorter(clock2.now(), 10s);
    ScriptedEvents minus(clock2, {{8s, key('-')}});
    Recorder view2(clock2);
    run_countdown(clock2, shorter, minus, view2);
    CHECK(clock2.now() == 9s);  // 2 s were left: only 1 s could go
    CHECK(shorter.adjusted_total() == -1s);
}

TEST_CASE("step loop: a signal ends the countdown as interrupted, with the signal") {
    VirtualClock clock;
    Countdown c(clock.now(), 30s);
    ScriptedEvents events(clock, {{3s, LoopEvent{LoopEvent::interrupt, 0, 15}}});
    Recorder view(clock);
    StepRun r = run_countdown(clock, c, events, view);
    CHECK(r.end == StepEnd::interrupted);
    CHECK(r.signal == 15);
    CHECK(clock.now() == 3s);
}

TEST_CASE("step loop: the countdown stands still while the process is stopped") {
    VirtualClock clock;
    Countdown c(clock.now(), 10s);
    ScriptedEvents events(clock, {{4s, LoopEvent{LoopEvent::suspend}}}, 60s);
    Recorder view(clock);
    StepRun r = run_countdown(clock, c, events, view);
    CHECK(r.end == StepEnd::done);
    CHECK(events.suspends == 1);
    CHECK(c.paused_total() == 60s);
    CHECK(clock.now() == 70s);
}

TEST_CASE("step loop: a stop while paused by the user leaves it paused") {
    VirtualClock clock;
    Countdown c(clock.now(), 10s);
    c.pause(2s);
    clock.advance(2s);
    CHECK(c.paused());
    CHECK_FALSE(c.next_tick(clock.now()).has_value());  // nothing to redraw while paused
    ScriptedEvents events(clock, {{2s, LoopEvent{LoopEvent::suspend}}, {2s, key(' ')}}, 5s);
    Recorder view(clock);
    run_countdown(clock, c, events, view);
    CHECK(events.suspends == 1);
    CHECK_FALSE(c.paused());
}

TEST_CASE("big digits: five rows of equal width, ASCII and Unicode") {
    auto rows = big_text("1:23", kBigDigitRows, true);
    REQUIRE(rows.size() == kBigDigitRows);
    for (const auto& r : rows) CHECK(static_cast<int>(r.size()) == big_text_width("1:23", 5));
    CHECK(rows[0].substr(0, 6) == "  ##  ");  // the top of a 1
    CHECK(rows[4].substr(0, 6) == "######");  // the foot of a 1

    auto wide = big_text("1:23", kBigDigitRows, false);
    CHECK(wide[4].find("\u2588") != std::string::npos);
    CHECK(wide[4].find('#') == std::string::npos);
    CHECK(time_text(-5) == "0:00");
    CHECK(time_text(83) == "1:23");
    CHECK(big_text_width("10:00", 5) > big_text_width("9:59", 5));  // one more digit
}

TEST_CASE("big text scales from 3 rows up, and draws the step's name and side") {
    using knead::display_width;
    // 3 rows: Unicode half blocks, one column per cell: "0" is 3 wide.
    auto small = big_text("0", 3, false);
    REQUIRE(small.size() == 3);
    CHECK(small[0] == "\u2588\u2580\u2588");  // the top bar, and the sides begin
    CHECK(display_width(small[0]) == 3);
    CHECK(big_text_width("0", 3) == 3);
    // ASCII has no half blocks: never fewer than five rows.
    CHECK(big_text("0", 3, true).size() == kBigDigitRows);
    // Taller is wider, in proportion, and every row has the width it claims.
    for (int rows : {3, 5, 8, 12, 20}) {
        auto t = big_text("HOLD LEFT", rows, false);
        REQUIRE(static_cast<int>(t.size()) == rows);
        for (const auto& r : t)
            CHECK(static_cast<int>(display_width(r)) == big_text_width("HOLD LEFT", rows));
    }
    CHECK(big_text_width("0:30", 20) > 2 * big_text_width("0:30", 5));
    CHECK(big_text("hold", 5, true) == big_text("HOLD", 5, true));
    CHECK(big_text("H", 5, true)[2] == "######");  // the bar of an H
}

namespace {

// Time that passes only by sleeping, as on the real clock: real_time_until() says how
// long to sleep and leaves the clock alone; the event source's wait sleeps that long.
class SleepingClock final : public Clock {
  public:
    Duration now() const override { return now_; }
    WallTime wall() const override {
        return WallTime{} + std::chrono::duration_cast<WallTime::duration>(now_);
    }
    Duration real_time_until(Duration t) override { return std::max(Duration::zero(), t - now_); }
    void sleep(Duration d) { now_ += d; }

  private:
    Duration now_{0};
};

class Sleeper final : public EventSource {
  public:
    explicit Sleeper(SleepingClock& c) : clock_(c) {}
    LoopEvent wait(std::optional<Duration> real) override {
        REQUIRE(real);  // a running countdown always has a next redraw
        REQUIRE(++wakeups < 1000);
        clock_.sleep(*real);
        return {LoopEvent::timeout};
    }
    void suspend() override {}
    int wakeups = 0;

  private:
    SleepingClock& clock_;
};

class DrawCounter final : public CountdownView {
  public:
    void draw(const Countdown& c, Duration now) override {
        at.push_back(now);
        left.push_back(c.seconds_left(now));
    }
    void note(KeyAction) override {}
    std::vector<Duration> at;
    std::vector<int> left;
};

}  // namespace

TEST_CASE("step loop: one wakeup and one redraw a second, each on its second") {
    SleepingClock clock;
    clock.sleep(250ms);  // a step that does not begin on a whole second of the clock
    Countdown c(clock.now(), 30s);
    Sleeper events(clock);
    DrawCounter view;
    StepRun r = run_countdown(clock, c, events, view);
    CHECK(r.end == StepEnd::done);
    CHECK(clock.now() == 30250ms);
    CHECK(events.wakeups == 30);    // not two near each boundary
    REQUIRE(view.at.size() == 31);  // the first draw, then one per wakeup
    for (std::size_t i = 0; i < view.at.size(); ++i) {
        CHECK(view.at[i] == 250ms + std::chrono::seconds(i));
        CHECK(view.left[i] == 30 - static_cast<int>(i));  // never the same second twice
    }
}
