// `knead list`: the routines on the search path.
#include <fmt/format.h>

#include <cmath>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"

namespace knead {

int list_command(const RoutineOptions& o) {
    auto refs = list_routines(routine_search_path(o.dirs));
    if (refs.empty()) {
        fmt::print(stderr, "knead: no routines found. Add one to {} or pass --routines DIR.\n",
                   (xdg_config_home() / "knead" / "routines").string());
        return exit_code::failure;
    }
    fmt::print("{:<16} {:<24} {:>6} {:>8}\n", "ROUTINE", "AREA", "POINTS", "MINUTES");
    int broken = 0;
    for (const auto& ref : refs) {
        auto loaded = load_routine_file(ref.file);
        if (!loaded.routine) {
            ++broken;
            fmt::print("{:<16} (invalid: run `knead validate {}`)\n", ref.id, ref.file.string());
            continue;
        }
        const Routine& r = *loaded.routine;
        fmt::print("{:<16} {:<24} {:>6} {:>8}\n", r.id, r.area, r.points.size(),
                   static_cast<int>(std::lround(planned_seconds(r) / 60.0)));
    }
    if (broken > 0)
        fmt::print(stderr, "knead: {} routine{} could not be loaded\n", broken,
                   broken == 1 ? "" : "s");
    return exit_code::ok;
}

}  // namespace knead
