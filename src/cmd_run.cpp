// `knead run`: wires the session machine to the terminal, the clock and the log.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <random>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/learning.hpp"
#include "knead/log_file.hpp"
#include "knead/log_record.hpp"
#include "knead/paths.hpp"
#include "knead/session.hpp"
#include "knead/step_loop.hpp"
#include "knead/tips.hpp"
#include "line_reader.hpp"
#include "log_input.hpp"
#include "routine_args.hpp"
#include "session_view.hpp"
#include "speech.hpp"
#include "terminal.hpp"
#include "user_config.hpp"

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

std::string spoken_cue(const Session& s) {
    const Point& p = s.current_point().point;
    switch (s.current().phase) {
        case Phase::locate:
            return fmt::format("Locate. {}", p.name);
        case Phase::press:
            return "Press. Sink in slowly.";
        case Phase::hold:
            return "Hold. Breathe out.";
        case Phase::stretch:
            return fmt::format("Stretch. {}", p.stretch_cue);
    }
    return {};
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
    Runner(Session& s, SessionView& v, Clock& c, LogFile& log, SessionInfo info, Terminal& term,
           Speaker* speaker)
        : session_(s),
          view_(v),
          clock_(c),
          log_(log),
          info_(std::move(info)),
          term_(term),
          speaker_(speaker) {}

    int run(const std::vector<Routine>& routines) {
        log(start_record(clock_.wall(), info_));
        for (const auto& r : routines) view_.routine_intro(r);
        if (auto code = soreness_check(routines)) return *code;
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
            view_.step_start(session_, last);
            if (speaker_) speaker_->say(spoken_cue(session_));

            const Duration began = clock_.now();
            Countdown countdown(began, std::chrono::seconds(step.planned));
            StepDrawer drawer(view_, session_, speaker_);
            TerminalEvents events(term_, signals_);
            term_.keys_mode(true);
            StepRun ran = run_countdown(clock_, countdown, events, drawer);
            term_.keys_mode(false);
            view_.countdown_done();
            if (speaker_ && step.phase == Phase::hold && ran.end == StepEnd::done)
                speaker_->say("Release.");

            StepResult result;
            result.step = step;
            // Time under the countdown, pauses excluded: what the user actually spent.
            result.paused = to_seconds(countdown.paused_total());
            result.actual = to_seconds(clock_.now() - began) - result.paused;
            result.adjusted = static_cast<int>(
                std::chrono::duration_cast<std::chrono::seconds>(countdown.adjusted_total())
                    .count());

            Answer answer;
            switch (ran.end) {
                case StepEnd::interrupted:
                    return interrupted(ran.signal, &step, &point);
                case StepEnd::quit:
                    answer.kind = AnswerKind::quit;
                    result.early = "quit";
                    break;
                case StepEnd::next_point:
                    answer.kind = AnswerKind::skip;
                    result.early = "next";
                    break;
                case StepEnd::skipped:
                    result.early = "skip";
                    [[fallthrough]];
                case StepEnd::done:
                    switch (ask(answer)) {
                        case Asked::answer:
                            break;
                        case Asked::ended:
                            result.answer = "none";
                            log(step_record(clock_.wall(), info_, point, result));
                            session_.stop(Status::stopped);
                            view_.input_ended();
                            return finish(exit_code::stopped);
                        case Asked::signal:
                            result.answer = "none";
                            log(step_record(clock_.wall(), info_, point, result));
                            return interrupted(signals_.stop_signal().value_or(SIGINT), &step,
                                               &point);
                    }
            }
            if (answer.kind == AnswerKind::pain) result.pain = answer.pain;
            if (answer.kind == AnswerKind::skip) result.answer = "skip";
            if (answer.kind == AnswerKind::quit) result.answer = "quit";
            if (answer.kind == AnswerKind::red_flag) result.answer = "red-flag";
            Feedback f = session_.answer(answer);
            // A hold that moved the staircase: where the next session will start from.
            if (step.phase == Phase::hold && f.decision && f.decision->next_hold != step.planned)
                result.next = f.decision->next_hold;
            log(step_record(clock_.wall(), info_, point, result));

            if (f.outcome == Outcome::red_flag) {
                if (speaker_) speaker_->say("Stop now.");
                view_.red_flag();
                return finish(exit_code::red_flag);
            }
            if (f.outcome == Outcome::stopped) {
                view_.quit();
                return finish(exit_code::stopped);
            }
            view_.feedback(session_, f, step.planned);
            if (f.decision) last = f.decision;
        }
        return finish(exit_code::ok);
    }

    // Areas worked in the last 48 hours: the session first asks how sore they still are.
    void ask_soreness_about(std::vector<RecentArea> areas) { recent_ = std::move(areas); }

  private:
    enum class Asked { answer, ended, signal };

    void log(const Fields& f) { log_.append(format_logfmt(f)); }

    // Reads one answer line. Job control and resizes are dealt with on the way; on a pipe
    // the line is echoed so a transcript reads like a dialogue. `prompt` asks the question
    // (again, after an unusable answer or a suspend).
    template <typename Prompt>
    Asked read_answer(Answer& answer, Prompt prompt) {
        std::string text;
        prompt();
        while (true) {
            auto got = reader_.read_line(text);
            if (got == LineReader::Result::signal) {
                if (signals_.stop_signal()) return Asked::signal;
                if (signals_.take_suspend()) {
                    term_.suspend();
                    prompt();
                }
                signals_.take_resize();
                continue;
            }
            if (got != LineReader::Result::line) {
                if (!term_.caps().in_tty) view_.echo_answer("");
                return Asked::ended;
            }
            if (!term_.caps().in_tty) view_.echo_answer(reader_.too_long() ? text + "..." : text);
            answer = reader_.too_long() ? Answer{AnswerKind::invalid} : parse_answer(text);
            return Asked::answer;
        }
    }

    Asked ask(Answer& answer) {
        if (speaker_) speaker_->say("How much does it hurt?");
        while (true) {
            Asked got = read_answer(answer, [&] { view_.prompt(); });
            if (got != Asked::answer) return got;
            answer = resolve_same(answer, session_.last_pain());
            if (answer.kind == AnswerKind::invalid) {
                view_.invalid_answer();
            } else if (answer.kind == AnswerKind::same) {
                view_.nothing_to_repeat();
            } else {
                return Asked::answer;
            }
        }
    }

    // Asks how sore each recently worked area still is; a sore one goes lighter today:
    // a lower target band and a rep fewer (docs/history.md says why).
    std::optional<int> soreness_check(const std::vector<Routine>& routines) {
        for (const auto& area : recent_) {
            auto r = std::find_if(routines.begin(), routines.end(),
                                  [&](const Routine& x) { return x.id == area.routine; });
            if (r == routines.end()) continue;
            int soreness = 0;
            switch (ask_soreness(*r, area.hours_ago, soreness)) {
                case Asked::answer:
                    break;
                case Asked::ended:
                    session_.stop(Status::stopped);
                    view_.input_ended();
                    return finish(exit_code::stopped);
                case Asked::signal:
                    return interrupted(signals_.stop_signal().value_or(SIGINT));
            }
            if (soreness < 0) {  // q or !
                if (soreness == kRedFlag) {
                    session_.stop(Status::red_flag);
                    view_.red_flag();
                    return finish(exit_code::red_flag);
                }
                session_.stop(Status::stopped);
                view_.quit();
                return finish(exit_code::stopped);
            }
            log(soreness_record(clock_.wall(), info_, area.routine, soreness));
            if (!soreness_is_high(soreness)) {
                view_.soreness_ok(soreness);
                continue;
            }
            std::optional<std::pair<Dose, Dose>> change;
            for (std::size_t i = 0; i < session_.point_count(); ++i) {
                if (session_.point(i).routine != area.routine) continue;
                Dose before = session_.point(i).point.dose;
                Dose after = ease_for_soreness(before);
                if (!change) change = {before, after};
                session_.set_dose(i, after);
            }
            if (change) view_.soreness_eased(soreness, change->first, change->second);
        }
        return std::nullopt;
    }

    static constexpr int kQuit = -1;
    static constexpr int kRedFlag = -2;

    // One line, as the pain answers are read: 0-10, q (kQuit) or ! (kRedFlag); anything
    // else asks again.
    Asked ask_soreness(const Routine& r, int hours_ago, int& soreness) {
        if (speaker_) speaker_->say("How sore is it still?");
        view_.soreness_question(r, hours_ago);
        while (true) {
            Answer a;
            Asked got = read_answer(a, [&] { view_.soreness_prompt(); });
            if (got != Asked::answer) return got;
            if (a.kind == AnswerKind::pain) soreness = a.pain;
            if (a.kind == AnswerKind::quit) soreness = kQuit;
            if (a.kind == AnswerKind::red_flag) soreness = kRedFlag;
            if (a.kind == AnswerKind::pain || a.kind == AnswerKind::quit ||
                a.kind == AnswerKind::red_flag)
                return Asked::answer;
            view_.soreness_invalid();
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
        double seconds = to_seconds(clock_.now());
        log(end_record(clock_.wall(), info_, session_.status(), session_.points_started(),
                       seconds));
        log_.sync();
        if (session_.status() != Status::red_flag) {
            unsigned pick = static_cast<unsigned>(std::hash<std::string>{}(info_.id));
            view_.summary(session_, seconds, self_care_tip(pick), log_.path().string());
        }
        return code;
    }

    Session& session_;
    SessionView& view_;
    Clock& clock_;
    LogFile& log_;
    SessionInfo info_;
    Terminal& term_;
    Speaker* speaker_;
    SignalGuard signals_;
    LineReader reader_{STDIN_FILENO};
    std::vector<RecentArea> recent_;
};

}  // namespace

// Flags win over the config file, which wins over the built-in defaults.
int run_command(const RunOptions& o, const Config& config) {
    auto routines = load_named_routines(o.routines, o.names);
    if (!routines) return exit_code::usage;

    std::vector<SessionPoint> points = session_points(*routines);
    std::vector<std::string> ids;
    for (const auto& r : *routines) ids.push_back(r.id);

    // Open the log before the first step: a log that cannot be written is an error
    // now, not after the user has done the work.
    std::unique_ptr<LogFile> log;
    try {
        log = std::make_unique<LogFile>(log_path(o.log, config.log));
    } catch (const LogError& e) {
        fmt::print(stderr, "knead: {}\n", e.what());
        return exit_code::failure;
    }
    if (log->too_open())
        fmt::print(stderr, "knead: warning: others can read your log {}; run: chmod 600 {}\n",
                   log->path().string(), log->path().string());

    // A closed pipe on stdout or a dead speech command must not kill a session mid-way
    // with its log open; writes report the error instead.
    std::signal(SIGPIPE, SIG_IGN);

    Terminal term(o.color.value_or(color_mode(config.color)));
    SessionView view(term.caps(), {!o.quiet && config.bell, o.big || config.big}, stdout);
    first_run_notice(view);
    std::unique_ptr<Speaker> speaker;
    if (o.voice || config.voice) {
        auto command = !o.speech_command.empty()        ? o.speech_command
                       : !config.speech_command.empty() ? config.speech_command
                                                        : default_speech_command();
        speaker = std::make_unique<Speaker>(command);
    }

    std::unique_ptr<Clock> clock;
    if (o.no_wait)
        clock = std::make_unique<VirtualClock>();
    else
        clock = make_steady_clock(o.speed);
    SessionInfo info{make_session_id(clock->wall(), std::random_device{}()), ids,
                     clock->is_virtual()};

    // What earlier sessions teach this one (docs/history.md); --fresh ignores them.
    std::vector<RecentArea> recent;
    if (!o.fresh)
        recent = recall_for_session(
            log->path(), points,
            std::chrono::duration_cast<std::chrono::seconds>(clock->wall().time_since_epoch())
                .count());

    Session session(std::move(points));
    try {
        Runner runner(session, view, *clock, *log, info, term, speaker.get());
        runner.ask_soreness_about(std::move(recent));
        return runner.run(*routines);
    } catch (const LogError& e) {
        std::fflush(stdout);
        fmt::print(stderr,
                   "\nknead: {}\nknead: stopping: a session that cannot be logged is "
                   "lost. Earlier records are intact.\n",
                   e.what());
        return exit_code::failure;
    }
}

}  // namespace knead
