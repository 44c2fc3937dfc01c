// `knead run`'s loop: each step's header, countdown, question and log record, the checks
// before the first step, and how a session ends. Driven through SessionView and
// SessionInput, so that the unit tests run it on a fake terminal and a virtual clock.
#include "session_runner.hpp"

#include <fmt/format.h>

#include <csignal>
#include <functional>

#include "error.hpp"
#include "knead/exit_codes.hpp"
#include "knead/log_record.hpp"
#include "knead/step_loop.hpp"
#include "knead/tips.hpp"

namespace knead {
namespace {

double to_seconds(Duration d) {
    return std::chrono::duration<double>(d).count();
}

// Draws the countdown and speaks its last seconds.
class StepDrawer final : public CountdownView {
  public:
    StepDrawer(SessionView& v, const Session& s, Speaker* speaker)
        : view_(v), session_(s), speaker_(speaker) {}

    void draw(const Countdown& c, Duration now) override {
        view_.countdown(session_, c, now);
        int left = c.seconds_left(now);
        if (speaker_ && left == 10 && last_left_ > 10 && c.length() > std::chrono::seconds(12))
            speaker_->say("Ten seconds.");
        last_left_ = left;
    }
    void note(KeyAction a) override { view_.key_note(a); }
    void resized() override { view_.resized(); }

  private:
    SessionView& view_;
    const Session& session_;
    Speaker* speaker_;
    int last_left_ = 0;
};

class Runner {
  public:
    Runner(Session& s, SessionView& v, Clock& c, LogFile& log, SessionInfo info,
           SessionInput& input, Speaker* speaker, RunnerOptions o)
        : session_(s),
          view_(v),
          clock_(c),
          log_(log),
          info_(std::move(info)),
          in_(input),
          speaker_(speaker),
          options_(o) {}

    int run(const std::vector<Routine>& routines) {
        started_wall_ = clock_.wall();
        log(start_record(clock_.wall(), info_));
        for (const auto& r : routines) view_.routine_intro(r);
        if (auto code = checks()) return *code;
        view_.answer_help();

        std::optional<Decision> last;
        std::optional<std::pair<std::size_t, Side>> shown;
        while (!session_.finished()) {
            const Step step = session_.current();
            const SessionPoint& point = session_.current_point();
            if (shown != std::pair{step.point_index, step.side}) {
                shown = {step.point_index, step.side};
                last.reset();
                view_.point_intro(session_);
            }
            session_.begin_step();
            view_.step_start(session_, last);
            say(spoken_step(session_));

            const Duration began = clock_.now();
            Countdown countdown(began, std::chrono::seconds(step.planned));
            StepDrawer drawer(view_, session_, speaker_);
            flush_speech();
            in_.keys_mode(true);
            StepRun ran = run_countdown(clock_, countdown, in_.countdown_events(), drawer);
            in_.keys_mode(false);
            view_.countdown_done();
            if (step.phase == Phase::hold && ran.end == StepEnd::done) say("Release.");

            StepResult result;
            result.step = step;
            // Time under the countdown, pauses excluded: what the user actually spent.
            result.paused = to_seconds(countdown.paused_total());
            result.actual = to_seconds(clock_.now() - began) - result.paused;
            result.adjusted = static_cast<int>(
                std::chrono::duration_cast<std::chrono::seconds>(countdown.adjusted_total())
                    .count());

            Feedback f;
            switch (ran.end) {
                case StepEnd::interrupted:
                    return interrupted(ran.signal, &step, &point);
                case StepEnd::quit:
                case StepEnd::next_point:
                case StepEnd::whole_point: {
                    // A key that cut the step short: the session machine says what it means.
                    const KeyAction key = ran.end == StepEnd::quit         ? KeyAction::quit
                                          : ran.end == StepEnd::next_point ? KeyAction::next_point
                                                                           : KeyAction::whole_point;
                    result.early = ran.end == StepEnd::quit         ? "quit"
                                   : ran.end == StepEnd::next_point ? "next"
                                                                    : "point";
                    result.answer = ran.end == StepEnd::quit ? "quit" : "skip";
                    f = session_.key(key, clock_.now());
                    break;
                }
                case StepEnd::skipped:
                    result.early = "skip";
                    [[fallthrough]];
                case StepEnd::done: {
                    if (!step.asks()) {
                        f = session_.advance();
                        break;
                    }
                    Answer answer;
                    const Asked got = ask(session_.question(), answer);
                    switch (got) {
                        case Asked::answer:
                            break;
                        case Asked::ended:
                        case Asked::refused:
                            result.answer = "none";
                            log(step_record(clock_.wall(), info_, point, result));
                            return ended(got);
                        case Asked::signal:
                            result.answer = "none";
                            log(step_record(clock_.wall(), info_, point, result));
                            return interrupted(in_.stop_signal().value_or(SIGINT), &step, &point);
                    }
                    record_answer(result, answer);
                    f = session_.answer(answer);
                    break;
                }
            }
            // A hold that moved the staircase: where the next session will start from.
            if (step.phase == Phase::hold && f.decision && f.decision->next_hold != step.planned)
                result.next = f.decision->next_hold;
            log(step_record(clock_.wall(), info_, point, result));
            for (const auto& k : f.skipped) {
                log(skip_record(clock_.wall(), info_, session_.point(k.point_index), k.side,
                                k.why));
                view_.side_skipped(session_, k);
            }

            if (f.outcome == Outcome::red_flag) return red_flag();
            if (f.outcome == Outcome::stopped) {
                view_.quit();
                return finish(exit_code::stopped);
            }
            view_.feedback(session_, f, step);
            say(spoken_feedback(f));
            if (f.decision) last = f.decision;
        }
        return finish(exit_code::ok);
    }

  private:
    // ended: end of input; refused: too many unusable answers from a pipe.
    enum class Asked { answer, ended, signal, refused };

    void log(const Fields& f) { log_.append(format_logfmt(f)); }
    // What to say is gathered until knead next waits (a countdown, a question), then said
    // as one cue: a new cue cuts off the last, and "Release." must not be cut off by the
    // question that follows it at once.
    void say(const std::string& text) {
        if (!speaker_ || text.empty()) return;
        speech_ += (speech_.empty() ? "" : " ") + text;
    }
    void flush_speech() {
        if (speaker_ && !speech_.empty()) speaker_->say(speech_);
        speech_.clear();
    }

    // The checks before the first step: a red flag on the same points, then soreness.
    std::optional<int> checks() {
        while (session_.checking() && !session_.finished()) {
            const Question q = session_.question();
            Answer a;
            if (const RedFlagCheck* c = session_.red_flag_check()) {
                view_.red_flag_follow_up(*c);
                if (options_.yes) {
                    view_.confirmed_by_flag();
                    a.kind = AnswerKind::yes;
                }
            } else if (const SorenessCheck* sc = session_.soreness_check()) {
                view_.soreness_question(*sc);
            }
            if (a.kind != AnswerKind::yes) {
                const Asked got = ask(q, a);
                switch (got) {
                    case Asked::answer:
                        break;
                    case Asked::ended:
                    case Asked::refused:
                        return ended(got);
                    case Asked::signal:
                        return interrupted(in_.stop_signal().value_or(SIGINT));
                }
            }
            const SorenessCheck* sore = session_.soreness_check();
            if (sore && a.kind == AnswerKind::pain)
                log(soreness_record(clock_.wall(), info_, sore->routine, a.pain));
            Feedback f = session_.answer(a);
            if (f.outcome == Outcome::red_flag) return red_flag();
            if (f.outcome == Outcome::stopped) {
                view_.quit();
                return finish(exit_code::stopped);
            }
            if (f.hint == Hint::soreness_ok) view_.soreness_ok(a.pain);
            if (f.hint == Hint::soreness_eased && f.eased)
                view_.soreness_eased(a.pain, f.eased->first, f.eased->second);
        }
        return std::nullopt;
    }

    int red_flag() {
        say("Stop now.");
        view_.red_flag();
        return finish(exit_code::red_flag);
    }

    // The input ended, or gave only unusable answers: stop, with every finished step kept.
    // A read error is no end of input: the session is logged as stopped, and the OS's
    // reason is the error knead exits with.
    int ended(Asked why) {
        session_.stop(Status::stopped);
        if (why == Asked::refused)
            view_.too_many_invalid(kMaxInvalidAnswers);
        else if (read_error_ == 0)
            view_.input_ended();
        const int code = finish(exit_code::stopped);
        if (read_error_ != 0)
            throw os_error("read the answers from", "standard input", read_error_, code);
        return code;
    }

    // Reads one answer line. Job control and resizes are dealt with on the way; on a pipe
    // the line is echoed so a transcript reads like a dialogue.
    Asked read_line(std::string& text, Question q) {
        view_.prompt(q);
        while (true) {
            bool too_long = false;
            auto got = in_.read_line(text, too_long);
            if (got == LineReader::Result::signal) {
                if (in_.stop_signal()) return Asked::signal;
                if (in_.take_suspend()) {
                    in_.suspend();
                    view_.prompt(q);
                }
                in_.take_resize();
                continue;
            }
            if (got != LineReader::Result::line) {
                if (!in_.keys()) view_.echo_answer("");
                if (got == LineReader::Result::error) read_error_ = in_.read_error();
                return Asked::ended;
            }
            if (!in_.keys()) view_.echo_answer(too_long ? text + "..." : text);
            if (too_long) text = "?";  // no answer is that long
            return Asked::answer;
        }
    }

    // On a terminal, one key answers (see read_key_answer); hands-free, no key in time
    // takes the last answer.
    Asked read_keys(std::string& text, Question q, bool& timed_out) {
        // The fallback is the last answer; before the first, the one the plan assumes.
        const bool hands_free =
            options_.hands_free > 0 && q != Question::go_on && q != Question::soreness;
        const std::optional<int> fallback =
            hands_free ? session_.last_pain().value_or(session_.steady_answer().pain)
                       : std::optional<int>();
        in_.discard_typeahead();
        // Key mode before the prompt: a key typed the moment the prompt shows must not be
        // read (and echoed) in line mode, where a Ctrl-D would be lost.
        in_.keys_mode(true);
        view_.prompt(q, fallback);
        std::optional<std::chrono::milliseconds> wait;
        if (hands_free) wait = std::chrono::seconds(options_.hands_free);
        KeyAnswer got = in_.read_key(wait, [&](int left) { view_.answer_countdown(left); });
        in_.keys_mode(false);
        switch (got.kind) {
            case KeyAnswer::signal:
                view_.echo_answer("");
                return Asked::signal;
            case KeyAnswer::ended:
                view_.echo_answer("");
                return Asked::ended;
            case KeyAnswer::timeout:
                timed_out = true;
                view_.answer_timed_out(*fallback);
                say(fmt::format("No key: taking {}.", *fallback));
                return Asked::answer;
            case KeyAnswer::typed:
                break;
        }
        text = got.text;
        view_.echo_answer(
            text.empty() && session_.last_pain() ? std::to_string(*session_.last_pain()) : text);
        return Asked::answer;
    }

    // Asks `q` until it gets an answer the session can take.
    Asked ask(Question q, Answer& answer) {
        say(spoken_question(q));
        flush_speech();
        int invalid = 0;
        while (true) {
            std::string text;
            bool timed_out = false;
            Asked got = in_.keys() ? read_keys(text, q, timed_out) : read_line(text, q);
            if (got != Asked::answer) return got;
            if (timed_out) {
                answer = {AnswerKind::timeout};
                return Asked::answer;
            }
            answer = q == Question::go_on ? parse_confirm(text)
                                          : resolve_same(parse_answer(text), session_.last_pain());
            const bool usable =
                q == Question::go_on ? answer.kind != AnswerKind::invalid
                : q == Question::soreness
                    ? (answer.kind == AnswerKind::pain || answer.kind == AnswerKind::quit ||
                       answer.kind == AnswerKind::red_flag)
                    : (answer.kind != AnswerKind::invalid && answer.kind != AnswerKind::same);
            if (usable) return Asked::answer;
            // A person gets asked again for as long as it takes; a pipe that keeps sending
            // what is not an answer is not going to start.
            if (!in_.keys() && ++invalid >= kMaxInvalidAnswers) return Asked::refused;
            if (q == Question::go_on)
                view_.confirm_invalid();
            else if (answer.kind == AnswerKind::same && q != Question::soreness)
                view_.nothing_to_repeat();
            else
                view_.invalid_answer(q);
        }
    }

    int interrupted(int sig, const Step* step = nullptr, const SessionPoint* point = nullptr) {
        session_.stop(Status::interrupted);
        in_.keys_mode(false);
        // The log first: after a hang-up the screen may be gone.
        log(end_record(clock_.wall(), info_, Status::interrupted, session_.points_started(),
                       to_seconds(clock_.now()), step, point));
        log_.sync();
        view_.countdown_done();
        view_.interrupted(sig);
        return 128 + sig;
    }

    int finish(int code) {
        flush_speech();
        double seconds = to_seconds(clock_.now());
        log(end_record(clock_.wall(), info_, session_.status(), session_.points_started(),
                       seconds));
        log_.sync();
        if (session_.status() != Status::red_flag) {
            unsigned pick = static_cast<unsigned>(std::hash<std::string>{}(info_.id));
            // Wall-clock time: what the session took out of the day, --speed or not.
            double wall = std::chrono::duration<double>(clock_.wall() - started_wall_).count();
            view_.summary(session_, wall, options_.speed, self_care_tip(pick),
                          log_.path().string());
        }
        return code;
    }

    static constexpr int kMaxInvalidAnswers = 20;

    Session& session_;
    SessionView& view_;
    Clock& clock_;
    LogFile& log_;
    SessionInfo info_;
    SessionInput& in_;
    Speaker* speaker_;
    RunnerOptions options_;
    WallTime started_wall_;
    std::string speech_;  // said at the next wait
    int read_error_ = 0;  // errno of a failed read of the answers
};

}  // namespace

int run_session(Session& s, SessionView& v, Clock& c, LogFile& log, SessionInfo info,
                SessionInput& input, Speaker* speaker, RunnerOptions o,
                const std::vector<Routine>& routines) {
    Runner runner(s, v, c, log, std::move(info), input, speaker, o);
    return runner.run(routines);
}

}  // namespace knead
