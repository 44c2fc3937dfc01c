// `knead run`: wires the session machine to the terminal, the clock and the log.
#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <random>

#include "commands.hpp"
#include "error.hpp"
#include "knead/exit_codes.hpp"
#include "knead/learning.hpp"
#include "knead/log_file.hpp"
#include "knead/log_record.hpp"
#include "knead/paths.hpp"
#include "knead/session.hpp"
#include "knead/step_loop.hpp"
#include "knead/suggest.hpp"
#include "knead/tips.hpp"
#include "line_reader.hpp"
#include "log_input.hpp"
#include "routine_args.hpp"
#include "session_view.hpp"
#include "speech.hpp"
#include "terminal.hpp"

namespace knead {
namespace {

double to_seconds(Duration d) {
    return std::chrono::duration<double>(d).count();
}

// Shows the "not medical advice" note the first time knead runs a session for a user.
void first_run_notice(SessionView& view) {
    auto dir = xdg_state_home() / "knead";
    auto marker = dir / "notice-shown";
    std::error_code ec;
    if (std::filesystem::exists(marker, ec)) return;
    view.notice_first_run();
    if (create_private_dirs(dir) != 0) return;
    int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
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
    struct Options {
        int hands_free = 0;  // seconds; 0: off
        bool yes = false;    // --yes: go on after a red flag without asking
        double speed = 1.0;
    };

    Runner(Session& s, SessionView& v, Clock& c, LogFile& log, SessionInfo info, Terminal& term,
           Speaker* speaker, Options o)
        : session_(s),
          view_(v),
          clock_(c),
          log_(log),
          info_(std::move(info)),
          term_(term),
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
            TerminalEvents events(term_, signals_);
            flush_speech();
            term_.keys_mode(true);
            StepRun ran = run_countdown(clock_, countdown, events, drawer);
            term_.keys_mode(false);
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
                            return interrupted(signals_.stop_signal().value_or(SIGINT), &step,
                                               &point);
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
                        return interrupted(signals_.stop_signal().value_or(SIGINT));
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
            auto got = reader_.read_line(text);
            if (got == LineReader::Result::signal) {
                if (signals_.stop_signal()) return Asked::signal;
                if (signals_.take_suspend()) {
                    term_.suspend();
                    view_.prompt(q);
                }
                signals_.take_resize();
                continue;
            }
            if (got != LineReader::Result::line) {
                if (!term_.caps().in_tty) view_.echo_answer("");
                if (got == LineReader::Result::error) read_error_ = reader_.error();
                return Asked::ended;
            }
            if (!term_.caps().in_tty) view_.echo_answer(reader_.too_long() ? text + "..." : text);
            if (reader_.too_long()) text = "?";  // no answer is that long
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
        term_.discard_typeahead();
        view_.prompt(q, fallback);
        std::optional<std::chrono::milliseconds> wait;
        if (hands_free) wait = std::chrono::seconds(options_.hands_free);
        KeyAnswer got =
            read_key_answer(term_, signals_, wait, [&](int left) { view_.answer_countdown(left); });
        term_.keys_mode(false);
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
            Asked got = term_.caps().in_tty ? read_keys(text, q, timed_out) : read_line(text, q);
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
            if (!term_.caps().in_tty && ++invalid >= kMaxInvalidAnswers) return Asked::refused;
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
        term_.keys_mode(false);
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
    Terminal& term_;
    Speaker* speaker_;
    Options options_;
    SignalGuard signals_;
    LineReader reader_{STDIN_FILENO};
    WallTime started_wall_{};
    std::string speech_;  // said at the next wait
    int read_error_ = 0;  // errno of a failed read of the answers
};

// `ROUTINE.POINT` on the command line: one point of a routine.
struct PointChoice {
    std::string routine;
    std::string point;
};

std::optional<PointChoice> point_choice(const std::string& name) {
    auto dot = name.find('.');
    if (dot == std::string::npos || name.find('/') != std::string::npos || name.ends_with(".toml"))
        return std::nullopt;
    return PointChoice{name.substr(0, dot), name.substr(dot + 1)};
}

// Keeps the chosen points and sides. Prints why not and returns false when one is not there.
bool choose_points(std::vector<SessionPoint>& points, const std::vector<std::string>& names,
                   const std::vector<PointChoice>& chosen, std::optional<Side> side) {
    if (chosen.empty()) return true;
    std::vector<SessionPoint> kept;
    for (const auto& c : chosen) {
        auto it = std::find_if(points.begin(), points.end(), [&](const SessionPoint& p) {
            return p.routine == c.routine && p.point.id == c.point;
        });
        if (it == points.end()) {
            std::vector<std::string> known;
            for (const auto& p : points)
                if (p.routine == c.routine) known.push_back(p.point.id);
            std::string hint;
            if (auto m = closest_match(c.point, known))
                hint = fmt::format(" Did you mean `{}.{}`?", c.routine, *m);
            else
                hint = fmt::format(" Its points: {}.", fmt::join(known, ", "));
            print_error(fmt::format("routine `{}` has no point `{}`.{}", c.routine, c.point, hint));
            return false;
        }
        SessionPoint p = *it;
        if (side) {
            const auto sides = sides_to_work(p.point.side);
            if (std::find(sides.begin(), sides.end(), *side) == sides.end()) {
                print_error(fmt::format(
                    "`{}.{}` is worked on the {} only, not the {} side.", c.routine, c.point,
                    p.point.side == Side::center ? "center"
                                                 : std::string(to_string(p.point.side)) + " side",
                    to_string(*side)));
                return false;
            }
            p.point.side = *side;
        }
        kept.push_back(std::move(p));
    }
    (void)names;
    points = std::move(kept);
    return true;
}

}  // namespace

int run_command(const Context& ctx, const RunOptions& o) {
    const Settings& settings = ctx.settings;
    // ROUTINE.POINT works one point; its routine is loaded as a whole, once.
    std::vector<std::string> names;
    std::vector<PointChoice> chosen;
    for (const auto& name : o.names) {
        std::string routine = name;
        if (auto c = point_choice(name)) {
            chosen.push_back(*c);
            routine = c->routine;
        }
        if (std::find(names.begin(), names.end(), routine) == names.end()) names.push_back(routine);
    }
    if (o.side && chosen.empty())
        throw usage_error(fmt::format("--side works one point: knead run ROUTINE.POINT --side {}",
                                      to_string(*o.side)));
    auto routines = load_named_routines(ctx.routines, names);
    if (!routines) return exit_code::usage;

    std::vector<SessionPoint> points = session_points(*routines);
    if (!chosen.empty() && chosen.size() != o.names.size())
        throw usage_error("name whole routines or single points, not both");
    if (!choose_points(points, names, chosen, o.side)) return exit_code::usage;
    std::vector<std::string> ids;
    for (const auto& r : *routines) ids.push_back(r.id);

    // Open the log before the first step: a log that cannot be written is an error
    // now, not after the user has done the work.
    std::unique_ptr<LogFile> log;
    try {
        log = std::make_unique<LogFile>(ctx.log());
    } catch (const LogError& e) {
        throw Error(e.what());
    }
    if (log->too_open())
        fmt::print(stderr, "knead: warning: others can read your log {}; run: chmod 600 {}\n",
                   log->path().string(), log->path().string());

    // A closed pipe on stdout or a dead speech command must not kill a session mid-way
    // with its log open; writes report the error instead.
    std::signal(SIGPIPE, SIG_IGN);

    Terminal term(settings.color.value);
    SessionView view(term.caps(), {settings.bell.value, settings.big.value}, stdout);
    first_run_notice(view);
    std::unique_ptr<Speaker> speaker;
    if (settings.voice.value) speaker = std::make_unique<Speaker>(settings.speech_command.value);

    std::unique_ptr<Clock> clock;
    if (o.no_wait)
        clock = std::make_unique<VirtualClock>(ctx.now());
    else
        clock = make_steady_clock(o.speed);
    SessionInfo info{make_session_id(clock->wall(), std::random_device{}()), ids,
                     clock->is_virtual()};

    // What earlier sessions teach this one (docs/history.md); --fresh ignores them.
    // --fresh learns nothing from the log, but a red flag is asked about all the same.
    std::vector<SessionPoint> unlearned = points;
    SessionRecall recall = recall_for_session(
        log->path(), o.fresh ? unlearned : points, *routines,
        std::chrono::duration_cast<std::chrono::seconds>(clock->wall().time_since_epoch()).count());
    if (o.fresh) recall.soreness.clear();

    Session session(std::move(points));
    if (recall.red_flag) session.add_check(*recall.red_flag);
    for (auto& c : recall.soreness) session.add_check(std::move(c));
    Runner::Options run_options{settings.hands_free.value, o.yes, o.no_wait ? 1.0 : o.speed};
    try {
        Runner runner(session, view, *clock, *log, info, term, speaker.get(), run_options);
        return runner.run(*routines);
    } catch (const LogError& e) {
        std::fflush(stdout);
        fmt::print(stderr, "\n");  // the screen may be mid-line
        throw Error(
            fmt::format("{}; stopping, as a session that cannot be logged is lost. "
                        "Earlier records are intact.",
                        e.what()));
    }
}

}  // namespace knead
