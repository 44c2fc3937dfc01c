// `knead show`: everything about one routine, and its planned timeline, without running it.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "commands.hpp"
#include "knead/body_map.hpp"
#include "knead/exit_codes.hpp"
#include "knead/timeline.hpp"
#include "routine_args.hpp"

namespace knead {
namespace {

std::string minutes(int seconds) {
    return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

}  // namespace

int show_command(const RoutineOptions& o, const std::string& name) {
    auto loaded = load_named_routines(o, {name});
    if (!loaded) return exit_code::usage;
    const Routine& r = loaded->front();

    fmt::print("{} - {}\n", r.name, r.area);
    if (!r.summary.empty()) fmt::print("{}\n", r.summary);
    fmt::print("File: {}\n", r.path.empty() ? r.id : r.path.string());
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
            "   Dose:    {} x (locate {} s, press {} s, hold {} s within {}-{} s) at pain "
            "{}-{}",
            d.reps, d.locate, d.press, d.hold, d.hold_min, d.hold_max, d.target.lo, d.target.hi);
        if (!p.stretch_cue.empty()) fmt::print(", then stretch {} s", d.stretch);
        fmt::print("\n");
    }

    // An outline with nothing on it would only take up the screen.
    if (std::any_of(r.points.begin(), r.points.end(),
                    [](const Point& p) { return !p.refers_to.empty(); })) {
        fmt::print("\nWhere these points can send pain (each point's letter marks its areas):\n\n");
        for (const auto& line : draw_body_map(r)) fmt::print("{}\n", line);
    }

    fmt::print("\nPlanned timeline (holds at their starting length):\n");
    const Timeline t = plan_timeline(session_points(*loaded));
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
