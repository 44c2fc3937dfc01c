// Every routine on the search path, loaded: what `where`, `list` and `due` show.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "knead/routine_finder.hpp"

namespace knead {

struct LibraryRoutine {
    RoutineRef ref;
    std::optional<Routine> routine;  // nullopt: invalid (`knead validate FILE` says why)
};

// The routines of list_routines(dirs), in its order, each loaded with the search path's
// resolver and the built-in dose. A file used by several is read once. With a
// `cache_file` (see routine_cache.hpp), unchanged valid routines come from it and the new
// ones go into it; invalid ones are always read again, so they are always reported.
std::vector<LibraryRoutine> load_library(const std::vector<std::filesystem::path>& dirs,
                                         std::vector<Diagnostic>* unreadable = nullptr,
                                         const std::filesystem::path& cache_file = {});

}  // namespace knead
