// The step runner of `knead run`, driven on a virtual clock through a fake terminal:
// scripted answers (lines from a pipe, or keys from a person), scripted countdown events.
#include <doctest/doctest.h>

#include <chrono>
#include <deque>
#include <sstream>
#include <string>
#include <vector>

#include "fake_terminal.hpp"
#include "knead/exit_codes.hpp"
#include "knead/log_file.hpp"
#include "sample_point.hpp"
#include "session_runner.hpp"
#include "test_support.hpp"

using namespace knead;
using namespace std::chrono_literals;
using knead_test::FakeScreen;

namespace {

// An event in the countdown of step `step` (0 is the first), `at` into it.
struct StepEvent {
    int step;
    Duration at;
    LoopEvent event;
};

class ScriptedInput final : public SessionInput, private EventSource {
  public:
    explicit ScriptedInput(VirtualClock& c, bool keys = false) : clock_(c), keys_(keys) {}

    std::deque<std::string> lines;      // answers from a pipe
    std::deque<KeyAnswer> key_answers;  // answers from a person
    std::deque<StepEvent> events;
    int countdowns = 0;
    int wakeups = 0;
    std::optional<int> stop;

    bool keys() const override { return keys_; }
    void keys_mode(bool) override {}
    void discard_typeahead() override {}
    void suspend() override {}
    EventSource& countdown_events() override {
        ++countdowns;
        began_ = clock_.now();
        return *this;
    }
    LineReader::Result read_line(std::string& text, bool& too_long) override {
        too_long = false;
        if (lines.empty()) return LineReader::Result::eof;
        text = lines.front();
        lines.pop_front();
        return LineReader::Result::line;
    }
    KeyAnswer read_key(std::optional<std::chrono::milliseconds>,
                       const std::function<void(int)>& tick) override {
        REQUIRE(!key_answers.empty());
        KeyAnswer a = key_answers.front();
        key_answers.pop_front();
        if (a.kind == KeyAnswer::timeout && tick) tick(1);
        return a;
    }
    std::optional<int> stop_signal() const override { return stop; }
    bool take_suspend() override { return false; }
    bool take_resize() override { return false; }

  private:
    LoopEvent wait(std::optional<Duration> real) override {
        REQUIRE(++wakeups < 100000);
        CHECK((!real || *real == 0s));  // the virtual clock has jumped there already
        if (!events.empty() && events.front().step == countdowns - 1 &&
            clock_.now() - began_ >= events.front().at) {
            LoopEvent e = events.front().event;
            events.pop_front();
            if (e.kind == LoopEvent::interrupt) stop = e.signal;
            return e;
        }
        return {LoopEvent::timeout};
    }

    VirtualClock& clock_;
    bool keys_;
    Duration began_{0};
};

// Steps of a few seconds, one of each, on one side.
Point short_point() {
    Point p = knead_test::trapezius(Side::center);
    p.dose.locate = 3;
    p.dose.press = 2;
    p.dose.hold = 4;
    p.dose.hold_min = 4;
    p.dose.hold_max = 4;
    p.dose.rest = 2;
    p.dose.stretch = 3;
    p.dose.stretch_reps = 1;
    p.dose.reps = 1;
    return p;
}

struct Run {
    knead_test::TempDir dir;
    VirtualClock clock{WallTime{} + std::chrono::hours(24 * 365 * 50)};
    TerminalCaps caps;
    FakeScreen screen;
    std::optional<LogFile> log;
    ScriptedInput input;
    explicit Run(bool keys = false) : input(clock, keys) {
        caps.in_tty = keys;
        log.emplace(dir / "knead.log");
    }
    int go(RunnerOptions o = {}) {
        SessionView view(caps, {}, screen);
        Session session({SessionPoint{"neck", short_point(), std::nullopt, false}});
        Routine r;
        r.id = "neck";
        r.name = "Neck";
        return run_session(session, view, clock, *log, SessionInfo{"s1", {"neck"}, true}, input,
                           nullptr, o, {r});
    }
    std::vector<std::string> records() {
        std::vector<std::string> out;
        std::istringstream in(knead_test::read_file(log->path()));
        for (std::string l; std::getline(in, l);)
            if (l.find(" session=s1 ") != std::string::npos) out.push_back(l);
        return out;
    }
    int count(const std::string& what) const {
        const std::string text = screen.text();
        int n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    }
};

}  // namespace

TEST_CASE("runner: a session on a pipe runs every step on the virtual clock and logs it") {
    Run run;
    run.input.lines = {"6", "6", "6", "6"};  // the locate, the press, the hold, the stretch
    CHECK(run.go() == exit_code::ok);
    CHECK(run.clock.now() == 14s);  // 3 + 2 + 4 + 2 + 3: no step longer than planned
    CHECK(run.input.countdowns == 5);
    CHECK(run.input.wakeups == 14);  // one a second of countdown, not two
    CHECK(run.count("  Pain 0-10") + run.count("  Hold pain 0-10") + run.count("  Stretch 0-10") +
              run.count("  Tenderness 0-10") ==
          4);
    CHECK(run.count("Session complete: 1 of 1 points") == 1);
    CHECK(run.screen.text().find('\033') == std::string::npos);  // a pipe gets no codes
    const auto rec = run.records();
    REQUIRE(rec.size() == 7);  // start, five steps, end
    CHECK(rec.front().find("event=start") != std::string::npos);
    CHECK(rec.back().find("event=end") != std::string::npos);
    CHECK(rec.back().find("status=completed") != std::string::npos);
}

TEST_CASE("runner: a hang-up during a countdown logs the session as interrupted, exit 129") {
    Run run;
    run.input.lines = {"6"};
    run.input.events = {{1, 1s, {LoopEvent::interrupt, 0, SIGHUP}}};  // in the press
    CHECK(run.go() == 129);
    CHECK(run.clock.now() == 4s);
    CHECK(run.count("Interrupted (hang-up): the session is logged as interrupted.") == 1);
    CHECK(run.count("Session complete") == 0);
    const auto rec = run.records();
    REQUIRE(!rec.empty());
    CHECK(rec.back().find("status=interrupted") != std::string::npos);
}

TEST_CASE("runner: q in a countdown stops the session, exit 3") {
    Run run;
    run.input.events = {{0, 2s, {LoopEvent::keypress, 'q'}}};
    CHECK(run.go() == exit_code::stopped);
    CHECK(run.clock.now() == 2s);
    CHECK(run.count("Stopping the session. Every finished step is logged.") == 1);
    CHECK(run.records().back().find("status=stopped") != std::string::npos);
}

TEST_CASE("runner: input that ends before the session does stops it with every step logged") {
    Run run;
    run.input.lines = {"6"};
    CHECK(run.go() == exit_code::stopped);
    CHECK(run.count("Input ended before the session did") == 1);
    const auto rec = run.records();
    CHECK(rec.back().find("status=stopped") != std::string::npos);
}

TEST_CASE("runner: twenty unusable answers from a pipe end the session") {
    Run run;
    run.input.lines.assign(25, "what");
    CHECK(run.go() == exit_code::stopped);
    CHECK(run.count("  Please type a number from 0 to 10") == 19);
    CHECK(run.count("20 answers in a row were not answers") == 1);
    CHECK(run.input.lines.size() == 5);
}

TEST_CASE("runner: hands-free, a question without a key takes the default answer") {
    Run run(true);
    run.input.key_answers = {{KeyAnswer::timeout, {}},
                             {KeyAnswer::typed, "5"},
                             {KeyAnswer::typed, ""},  // Enter: the same as last time
                             {KeyAnswer::typed, "4"}};
    CHECK(run.go({5, false, 1.0}) == exit_code::ok);
    CHECK(run.count(" [5 if no key]: ") + run.count(" [6 if no key]: ") +
              run.count(" [4 if no key]: ") ==
          4);
    CHECK(run.count(" (no key)\n") == 1);
    CHECK(run.records().back().find("status=completed") != std::string::npos);
}
