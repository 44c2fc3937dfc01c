// `knead list`: the routines on the search path, with their area, size and length.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"
#include "knead/timeline.hpp"
#include "knead/utf8.hpp"

namespace knead {

int list_command(const Context& ctx, const ListOptions& o) {
    const bool names_only = o.names_only;
    const auto& dirs = ctx.search_path;
    std::vector<Diagnostic> unreadable;
    auto refs = list_routines(dirs, names_only ? nullptr : &unreadable);
    for (const auto& d : unreadable) fmt::print(stderr, "{}\n", format_diagnostic(d));
    if (names_only) {
        // For shell completion and scripts: no header, no loading, nothing on stderr.
        for (const auto& ref : refs) fmt::print("{}\n", ref.id);
        return exit_code::ok;
    }
    if (refs.empty()) {
        fmt::print(stderr, "knead: no routines found. Add one to {} or pass --routines DIR.\n",
                   (xdg_config_home() / "knead" / "routines").string());
        return exit_code::failure;
    }
    const Resolver resolver = search_path_resolver(dirs);
    std::vector<std::optional<Routine>> loaded;
    std::size_t id_width = 16, area_width = 24;  // wider when a routine needs it
    for (const auto& ref : refs) {
        loaded.push_back(load_routine_file(ref.file, resolver).routine);
        id_width = std::max(id_width, ref.id.size());
        if (loaded.back()) area_width = std::max(area_width, utf8_length(loaded.back()->area));
    }
    fmt::print("{:<{}} {:<{}} {:>6} {:>8}\n", "ROUTINE", id_width, "AREA", area_width, "POINTS",
               "MINUTES");
    int broken = 0;
    for (std::size_t i = 0; i < refs.size(); ++i) {
        if (!loaded[i]) {
            ++broken;
            fmt::print("{:<{}} (invalid: run `knead validate {}`)\n", refs[i].id, id_width,
                       refs[i].file.string());
            continue;
        }
        const Routine& r = *loaded[i];
        fmt::print("{:<{}} {:<{}} {:>6} {:>8}\n", r.id, id_width, r.area, area_width,
                   r.points.size(), static_cast<int>(std::lround(planned_seconds(r) / 60.0)));
    }
    if (broken > 0)
        fmt::print(stderr, "knead: {} routine{} could not be loaded\n", broken,
                   broken == 1 ? "" : "s");
    return exit_code::ok;
}

}  // namespace knead
