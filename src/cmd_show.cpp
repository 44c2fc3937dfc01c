// `knead show`: everything about one routine, and its planned timeline, without running it.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

#include "commands.hpp"
#include "knead/body_map.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
#include "knead/timeline.hpp"
#include "log_input.hpp"
#include "routine_args.hpp"

namespace knead {
namespace {

std::string minutes(int seconds) {
    return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

}  // namespace

int show_command(const RoutineOptions& o, const std::string& name, const LogOptions& log) {
    auto loaded = load_named_routines(o, {name});
    if (!loaded) return exit_code::usage;
    const Routine& r = loaded->front();

    // The holds a session would start from: learned from the log, as `knead run` does.
    std::vector<SessionPoint> learned = session_points(*loaded);
    if (!log.fresh)
        recall_for_session(log_path(log.log, log.configured), learned, *loaded,
                           std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count());
    bool any_learned = std::any_of(learned.begin(), learned.end(), [](const SessionPoint& p) {
        return p.learned_hold.has_value();
    });

    fmt::print("{} - {}\n", r.name, r.area);
    if (!r.summary.empty()) fmt::print("{}\n", r.summary);
    fmt::print("File: {}\n", r.path.empty() ? r.id : r.path.string());
    if (r.per_day > 0 || r.per_week > 0) {
        auto times = [](int n, std::string_view per) {
            return fmt::format("{} time{} a {}", n, n == 1 ? "" : "s", per);
        };
        std::string often = r.per_day > 0 ? times(r.per_day, "day") : "";
        if (r.per_week > 0) often += (often.empty() ? "" : ", ") + times(r.per_week, "week");
        fmt::print("Meant to be done: {} (`knead due` checks)\n", often);
    }
    if (!r.cautions.empty()) {
        fmt::print("\nCautions:\n");
        for (const auto& c : r.cautions) fmt::print("  - {}\n", c);
    }
    int index = 0;
    for (const auto& p : r.points) {
        const Dose& d = p.dose;
        std::string from = p.from.empty() ? "" : fmt::format(", from {}", p.from);
        fmt::print("\n{}. {} ({}) [{}{}], side: {}\n", ++index, p.name, p.muscle, p.id, from,
                   to_string(p.side));
        if (!p.refers_to.empty())
            fmt::print("   Refers pain to: {}\n", fmt::join(p.refers_to, ", "));
        if (!p.tool.empty()) fmt::print("   Tool:    {}\n", p.tool);
        fmt::print("   Locate:  {}\n", p.locate_cue);
        fmt::print("   Press:   {}\n", p.press_cue);
        if (!p.stretch_cue.empty()) fmt::print("   Stretch: {}\n", p.stretch_cue);
        fmt::print(
            "   Dose:    locate {} s, then {} x (press {} s, hold {} s within {}-{} s, rest {} s) "
            "at pain {}-{} (stop at {})",
            d.locate, d.reps, d.press, d.hold, d.hold_min, d.hold_max, d.rest, d.target.lo,
            d.target.hi, stop_threshold(d));
        if (!p.stretch_cue.empty())
            fmt::print(", then {} x stretch {} s", d.stretch_reps, d.stretch);
        fmt::print("\n");
        if (auto h = learned[static_cast<std::size_t>(index - 1)].learned_hold)
            fmt::print("   Learned: the first hold starts at {} s, from your last session\n", *h);
    }

    // An outline with nothing on it would only take up the screen.
    if (std::any_of(r.points.begin(), r.points.end(),
                    [](const Point& p) { return !p.refers_to.empty(); })) {
        fmt::print("\nWhere these points can send pain (each point's letter marks its areas):\n\n");
        for (const auto& line : draw_body_map(r)) fmt::print("{}\n", line);
    }

    fmt::print("\nPlanned timeline (holds at their starting length{}):\n",
               any_learned ? ", learned from your last session" : "");
    const Timeline t = plan_timeline(learned);
    for (const auto& s : t.sides) {
        const Point& p = r.points[s.point_index];
        std::string side = s.side == Side::center ? "" : fmt::format(" ({})", to_string(s.side));
        fmt::print("  {:>6}  {}{}  {}\n", minutes(s.start), p.name, side, minutes(s.seconds));
    }
    fmt::print("  {:>6}  end (about {} minutes, plus the time you take to answer)\n",
               minutes(t.total), (t.total + 30) / 60);
    return exit_code::ok;
}

}  // namespace knead
