// Every routine on the search path, loaded: what `where`, `list` and `due` show.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "knead/refer_match.hpp"
#include "knead/routine_finder.hpp"

namespace knead {

// What `list`, `due` and `where` need of a valid routine, kept in the routine cache beside
// it so that they need not read back the whole routine.
struct RoutineSummary {
    std::string area;
    std::size_t points = 0;
    int planned_seconds = 0;  // planned_seconds() of the routine
    int per_day = 0;
    int per_week = 0;
    std::vector<ReferPoint> refer;  // of its own points (those without `from`), in order
    friend bool operator==(const RoutineSummary&, const RoutineSummary&) = default;
};
RoutineSummary summarize(const Routine& r);

struct LibraryRoutine {
    RoutineRef ref;
    std::optional<RoutineSummary> summary;  // nullopt: invalid (`knead validate FILE` says why)
    // The routine itself, whenever it is valid and wanted (it may be there otherwise).
    std::optional<Routine> routine;
};

// The routines of list_routines(dirs), in its order, each loaded with the search path's
// resolver and the built-in dose. A file used by several is read once. With a
// `cache_file` (see routine_cache.hpp), unchanged valid routines come from it and the new
// ones go into it; invalid ones are always read again, so they are always reported.
// `want` says of a routine's summary whether the routine itself is needed (empty: all
// are); one that is not and comes from the cache is not read back from it. `pick`, when
// given, is asked once every summary is known, with the routines as they are then (it may
// take what it needs from their summaries): of those it marks true (by index), the ones
// not wanted are read back too.
std::vector<LibraryRoutine> load_library(
    const std::vector<std::filesystem::path>& dirs, std::vector<Diagnostic>* unreadable = nullptr,
    const std::filesystem::path& cache_file = {},
    const std::function<bool(const RoutineSummary&)>& want = {},
    const std::function<std::vector<bool>(std::vector<LibraryRoutine>&)>& pick = {});

}  // namespace knead
