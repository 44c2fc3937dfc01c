// `knead run`: wires the session machine to the terminal, the clock and the log.
#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
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
#include "log_input.hpp"
#include "routine_args.hpp"
#include "session_runner.hpp"
#include "session_view.hpp"
#include "speech.hpp"
#include "terminal.hpp"

namespace knead {
namespace {

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
                   const std::vector<PointChoice>& chosen, std::optional<Side> side,
                   std::FILE* err) {
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
            print_error(fmt::format("routine `{}` has no point `{}`.{}", c.routine, c.point, hint),
                        err);
            return false;
        }
        SessionPoint p = *it;
        if (side) {
            const auto sides = sides_to_work(p.point.side);
            if (std::find(sides.begin(), sides.end(), *side) == sides.end()) {
                print_error(fmt::format("`{}.{}` is worked on the {} only, not the {} side.",
                                        c.routine, c.point,
                                        p.point.side == Side::center
                                            ? "center"
                                            : std::string(to_string(p.point.side)) + " side",
                                        to_string(*side)),
                            err);
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
    auto routines = load_named_routines(ctx.routines, names, ctx.err);
    if (!routines) return exit_code::usage;

    std::vector<SessionPoint> points = session_points(*routines);
    if (!chosen.empty() && chosen.size() != o.names.size())
        throw usage_error("name whole routines or single points, not both");
    if (!choose_points(points, names, chosen, o.side, ctx.err)) return exit_code::usage;
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
        fmt::print(ctx.err, "knead: warning: others can read your log {}; run: chmod 600 {}\n",
                   log->path().string(), log->path().string());

    Terminal term(settings.color.value);
    FdOutput screen(STDOUT_FILENO);
    SessionView view(term.caps(), {settings.bell.value, settings.big.value}, screen);
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
        std::chrono::duration_cast<std::chrono::seconds>(clock->wall().time_since_epoch()).count(),
        ctx.err);
    if (o.fresh) recall.soreness.clear();

    Session session(std::move(points));
    if (recall.red_flag) session.add_check(*recall.red_flag);
    for (auto& c : recall.soreness) session.add_check(std::move(c));
    RunnerOptions run_options{settings.hands_free.value, o.yes, o.no_wait ? 1.0 : o.speed};
    try {
        TerminalInput input(term);
        return run_session(session, view, *clock, *log, info, input, speaker.get(), run_options,
                           *routines);
    } catch (const LogError& e) {
        std::fflush(ctx.out);
        fmt::print(ctx.err, "\n");  // the screen may be mid-line
        throw Error(
            fmt::format("{}; stopping, as a session that cannot be logged is lost. "
                        "Earlier records are intact.",
                        e.what()));
    }
}

}  // namespace knead
