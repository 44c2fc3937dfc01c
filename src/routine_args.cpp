#include "routine_args.hpp"

#include <fmt/format.h>

#include "error.hpp"
#include "knead/paths.hpp"
#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"
#include "knead/suggest.hpp"

namespace knead {

std::optional<std::vector<Routine>> load_named_routines(const RoutineOptions& o,
                                                        const std::vector<std::string>& names,
                                                        std::FILE* err) {
    auto dirs = routine_search_path(o.dirs);
    const Resolver resolver = search_path_resolver(dirs);
    std::vector<Routine> out;
    bool ok = true;
    for (const auto& name : names) {
        auto file = find_routine(name, dirs);
        if (!file) {
            std::vector<std::string> known;
            for (const auto& r : list_routines(dirs)) known.push_back(r.id);
            std::string hint;
            if (auto m = closest_match(name, known)) hint = fmt::format(" Did you mean `{}`?", *m);
            print_error(
                fmt::format("no routine named `{}`.{} `knead list` shows them all.", name, hint),
                err);
            ok = false;
            continue;
        }
        auto loaded = load_routine_file(*file, resolver, o.base);
        for (const auto& d : loaded.diagnostics) fmt::print(err, "{}\n", render_diagnostic(d));
        if (!loaded.routine) {
            ok = false;
            continue;
        }
        out.push_back(std::move(*loaded.routine));
    }
    if (!ok) return std::nullopt;
    return out;
}

}  // namespace knead
