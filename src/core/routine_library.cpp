#include "knead/routine_library.hpp"

#include "knead/routine_cache.hpp"
#include "knead/timeline.hpp"

namespace knead {

RoutineSummary summarize(const Routine& r) {
    return {r.area, r.points.size(), planned_seconds(r), r.per_day, r.per_week};
}

std::vector<LibraryRoutine> load_library(const std::vector<std::filesystem::path>& dirs,
                                         std::vector<Diagnostic>* unreadable,
                                         const std::filesystem::path& cache_file,
                                         const std::function<bool(const RoutineSummary&)>& want) {
    const auto refs = list_routines(dirs, unreadable);
    const Resolver resolver = search_path_resolver(dirs);
    std::optional<RoutineCache> cache;
    if (!cache_file.empty()) cache.emplace(cache_file);
    std::vector<LibraryRoutine> out;
    out.reserve(refs.size());
    std::vector<std::filesystem::path> to_read;
    std::vector<std::size_t> read_into;
    for (const auto& ref : refs) {
        out.push_back({ref, std::nullopt, std::nullopt});
        if (cache) {
            if (auto found = cache->find(ref.file, resolver, want)) {
                out.back().summary = std::move(found->summary);
                out.back().routine = std::move(found->routine);
                continue;
            }
        }
        to_read.push_back(ref.file);
        read_into.push_back(out.size() - 1);
    }
    auto loaded = load_routine_files(to_read, resolver);
    for (std::size_t i = 0; i < to_read.size(); ++i) {
        auto& result = loaded.results[i];
        if (!result.routine) continue;
        out[read_into[i]].summary = summarize(*result.routine);
        if (cache)
            cache->store(to_read[i], *result.routine, *out[read_into[i]].summary, result.uses);
        out[read_into[i]].routine = std::move(result.routine);
    }
    if (cache) cache->save();
    return out;
}

}  // namespace knead
