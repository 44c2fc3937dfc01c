// `knead plan`: the timeline of a session, step by step, without running it.
#include <fmt/format.h>

#include <chrono>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
#include "knead/timeline.hpp"
#include "log_input.hpp"
#include "routine_args.hpp"

namespace knead {
namespace {

std::string sides_text(Side s) {
    return s == Side::both ? "both sides" : fmt::format("{} side", to_string(s));
}

}  // namespace

int plan_command(const Context& ctx, const PlanOptions& o) {
    auto routines = load_named_routines(ctx.routines, o.names, ctx.err);
    if (!routines) return exit_code::usage;
    auto points = session_points(*routines);
    // The first holds knead run would start from, learned from the log.
    if (!o.fresh) recall_for_session(ctx.log(), points, *routines, ctx.now_seconds(), ctx.err);
    const Timeline t = plan_timeline(points);

    std::string ids;
    for (const auto& r : *routines) ids += (ids.empty() ? "" : " + ") + r.id;
    fmt::print(ctx.out,
               "Plan for {}: {} point{}, {} (about {} minutes) plus the time you take to answer.\n",
               ids, points.size(), points.size() == 1 ? "" : "s", clock_text(t.total),
               (t.total + 30) / 60);
    fmt::print(ctx.out,
               "Holds are at their starting length; your answers can make them longer or "
               "shorter.\n");

    std::size_t shown = points.size();  // the point whose header is printed
    for (const auto& s : t.steps) {
        const SessionPoint& sp = points[s.point_index];
        const Point& p = sp.point;
        if (s.point_index != shown) {
            if (shown < points.size())
                fmt::print(ctx.out, "  {:>6}  {:<26}{:>6}\n", "", "point total",
                           clock_text(t.point_seconds[shown]));
            shown = s.point_index;
            std::string from = p.from.empty() ? "" : fmt::format(" (from {})", p.from);
            fmt::print(ctx.out, "\n{}.{}{}: {}, {}\n", sp.routine, p.id, from, p.name,
                       sides_text(p.side));
            if (sp.learned_hold)
                fmt::print(ctx.out, "  The first hold starts at {} s, from your last session.\n",
                           *sp.learned_hold);
        }
        // Locate comes once a side, and a rest follows each hold and parts two stretches.
        std::string rep;
        if (s.phase == Phase::stretch)
            rep = fmt::format("round {}/{}", s.rep, p.dose.stretch_reps);
        else if (s.phase == Phase::press || s.phase == Phase::hold)
            rep = fmt::format("rep {}/{}", s.rep, p.dose.reps);
        fmt::print(ctx.out, "  {:>6}  {:<8} {:<7} {:<9}{:>4} s\n", clock_text(s.start),
                   to_string(s.phase), to_string(s.side), rep, s.seconds);
    }
    if (shown < points.size())
        fmt::print(ctx.out, "  {:>6}  {:<26}{:>6}\n", "", "point total",
                   clock_text(t.point_seconds[shown]));
    fmt::print(ctx.out, "\n  {:>6}  {:<26}{:>6}\n", clock_text(t.total), "end of session, total",
               clock_text(t.total));
    return exit_code::ok;
}

}  // namespace knead
