// `knead list`: the routines on the search path, with their area, size and length.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
#include "knead/routine_cache.hpp"
#include "knead/routine_finder.hpp"
#include "knead/routine_library.hpp"
#include "knead/utf8.hpp"

namespace knead {

int list_command(const Context& ctx, const ListOptions& o) {
    const auto& dirs = ctx.search_path;
    if (o.names_only) {
        // For shell completion and scripts: no header, no loading, nothing on stderr.
        for (const auto& ref : list_routines(dirs, nullptr)) fmt::print(ctx.out, "{}\n", ref.id);
        return exit_code::ok;
    }
    std::vector<Diagnostic> unreadable;
    // The table needs only what the cache keeps beside each routine; the points, all of it.
    const auto library = load_library(dirs, &unreadable, default_routine_cache(),
                                      [&o](const RoutineSummary&) { return o.points_only; });
    for (const auto& d : unreadable) fmt::print(ctx.err, "{}\n", format_diagnostic(d));
    if (library.empty()) {
        fmt::print(ctx.err, "knead: no routines found. Add one to {} or pass --routines DIR.\n",
                   (xdg_config_home() / "knead" / "routines").string());
        return exit_code::failure;
    }
    if (o.points_only) {
        // For shell completion: what `run ROUTINE.POINT` and `history POINT` take.
        for (const auto& [ref, summary, routine] : library) {
            if (!routine) {
                fmt::print(ctx.err, "knead: {} is invalid: run `knead validate {}`\n", ref.id,
                           ref.file.string());
                continue;
            }
            for (const auto& p : routine->points) fmt::print(ctx.out, "{}.{}\n", ref.id, p.id);
        }
        return exit_code::ok;
    }
    std::size_t id_width = 16, area_width = 24;  // wider when a routine needs it
    for (const auto& [ref, summary, routine] : library) {
        id_width = std::max(id_width, ref.id.size());
        if (summary) area_width = std::max(area_width, utf8_length(summary->area));
    }
    fmt::print(ctx.out, "{:<{}} {:<{}} {:>6} {:>8}\n", "ROUTINE", id_width, "AREA", area_width,
               "POINTS", "MINUTES");
    int broken = 0;
    for (const auto& [ref, summary, routine] : library) {
        if (!summary) {
            ++broken;
            fmt::print(ctx.out, "{:<{}} (invalid: run `knead validate {}`)\n", ref.id, id_width,
                       ref.file.string());
            continue;
        }
        const RoutineSummary& r = *summary;
        fmt::print(ctx.out, "{:<{}} {:<{}} {:>6} {:>8}\n", ref.id, id_width, r.area, area_width,
                   r.points, static_cast<int>(std::lround(r.planned_seconds / 60.0)));
    }
    if (broken > 0)
        fmt::print(ctx.err, "knead: {} routine{} could not be loaded\n", broken,
                   broken == 1 ? "" : "s");
    return exit_code::ok;
}

}  // namespace knead
