// `knead run`: wires the session machine to the terminal, the clock and the log.
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/log_file.hpp"
#include "knead/log_record.hpp"
#include "knead/paths.hpp"
#include "knead/session.hpp"
#include "knead/tips.hpp"
#include "line_reader.hpp"
#include "routine_args.hpp"
#include "session_view.hpp"
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
    if (create_private_dirs(dir) == 0) std::ofstream(marker) << "1\n";
}

class Runner {
  public:
    Runner(Session& s, SessionView& v, Clock& c, LogFile& log, SessionInfo info, TerminalCaps caps)
        : session_(s), view_(v), clock_(c), log_(log), info_(std::move(info)), caps_(caps) {}

    int run(const std::vector<Routine>& routines) {
        log(start_record(clock_.wall(), info_));
        for (const auto& r : routines) view_.routine_intro(r);
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
            const Duration began = clock_.now();
            if (!count_down(Countdown(began, std::chrono::seconds(step.planned))))
                return interrupted(step, point);
            StepResult result{step, to_seconds(clock_.now() - began), {}, {}};

            Answer answer;
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
                    return interrupted(step, point);
            }
            if (answer.kind == AnswerKind::pain) result.pain = answer.pain;
            if (answer.kind == AnswerKind::skip) result.answer = "skip";
            if (answer.kind == AnswerKind::quit) result.answer = "quit";
            if (answer.kind == AnswerKind::red_flag) result.answer = "red-flag";
            log(step_record(clock_.wall(), info_, point, result));

            Feedback f = session_.answer(answer);
            if (f.outcome == Outcome::red_flag) {
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

  private:
    enum class Asked { answer, ended, signal };

    void log(const Fields& f) { log_.append(format_logfmt(f)); }

    // Waits out one countdown against its absolute deadline, waking only to redraw.
    bool count_down(const Countdown& c) {
        while (true) {
            const Duration now = clock_.now();
            view_.countdown(session_, c, now);
            if (c.done(now)) break;
            if (wait_for(clock_.real_time_until(c.next_tick(now)), -1) == Wake::signal)
                return false;
        }
        view_.countdown_done(session_);
        return true;
    }

    Asked ask(Answer& answer) {
        // Keys pressed during the countdown are not answers to a question not yet asked.
        if (caps_.in_tty) ::tcflush(STDIN_FILENO, TCIFLUSH);
        std::string text;
        while (true) {
            view_.prompt();
            auto got = reader_.read_line(text);
            if (got == LineReader::Result::signal) return Asked::signal;
            if (got != LineReader::Result::line) {
                if (!caps_.in_tty) view_.echo_answer("");
                return Asked::ended;
            }
            if (!caps_.in_tty) view_.echo_answer(text);
            answer = resolve_same(parse_answer(text), session_.last_pain());
            if (answer.kind == AnswerKind::invalid) {
                view_.invalid_answer();
            } else if (answer.kind == AnswerKind::same) {
                view_.nothing_to_repeat();
            } else {
                return Asked::answer;
            }
        }
    }

    int interrupted(const Step& step, const SessionPoint& point) {
        int sig = signals_.caught().value_or(2);
        session_.stop(Status::interrupted);
        view_.countdown_done(session_);
        view_.interrupted(sig);
        log(end_record(clock_.wall(), info_, Status::interrupted, session_.points_started(),
                       to_seconds(clock_.now()), &step, &point));
        log_.sync();
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
    TerminalCaps caps_;
    SignalGuard signals_;
    LineReader reader_{STDIN_FILENO};
};

}  // namespace

int run_command(const RunOptions& o) {
    auto routines = load_named_routines(o.routines, o.names);
    if (!routines) return exit_code::usage;

    std::vector<SessionPoint> points = session_points(*routines);
    std::vector<std::string> ids;
    for (const auto& r : *routines) ids.push_back(r.id);

    // Open the log before the first step: a log that cannot be written is an error
    // now, not after the user has done the work.
    std::unique_ptr<LogFile> log;
    try {
        log = std::make_unique<LogFile>(log_path(o.log));
    } catch (const LogError& e) {
        fmt::print(stderr, "knead: {}\n", e.what());
        return exit_code::failure;
    }
    if (log->too_open())
        fmt::print(stderr, "knead: warning: others can read your log {}; run: chmod 600 {}\n",
                   log->path().string(), log->path().string());

    TerminalCaps caps = detect_terminal();
    SessionView view(caps, stdout);
    first_run_notice(view);

    std::unique_ptr<Clock> clock;
    if (o.no_wait)
        clock = std::make_unique<VirtualClock>();
    else
        clock = make_steady_clock(o.speed);
    SessionInfo info{make_session_id(clock->wall(), std::random_device{}()), ids,
                     clock->is_virtual()};

    Session session(std::move(points));
    try {
        Runner runner(session, view, *clock, *log, info, caps);
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
