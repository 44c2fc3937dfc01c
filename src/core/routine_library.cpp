#include "knead/routine_library.hpp"

#include "knead/routine_cache.hpp"
#include "knead/timeline.hpp"

namespace knead {

RoutineSummary summarize(const Routine& r) {
    RoutineSummary s{r.area, r.points.size(), planned_seconds(r), r.per_day, r.per_week, {}};
    for (const Point& p : r.points)
        if (p.from.empty()) s.refer.push_back({p.muscle, p.refers_to});
    return s;
}

std::vector<LibraryRoutine> load_library(
    const std::vector<std::filesystem::path>& dirs, std::vector<Diagnostic>* unreadable,
    const std::filesystem::path& cache_file, const std::function<bool(const RoutineSummary&)>& want,
    const std::function<std::vector<bool>(std::vector<LibraryRoutine>&)>& pick) {
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
    // Parses to_read into the entries read_into names, and keeps each valid one in the
    // cache. One that is invalid now has no summary, whatever it had before.
    auto read_files = [&] {
        auto loaded = load_routine_files(to_read, resolver);
        for (std::size_t i = 0; i < to_read.size(); ++i) {
            auto& result = loaded.results[i];
            auto& into = out[read_into[i]];
            into.summary.reset();
            if (result.routine) {
                into.summary = summarize(*result.routine);
                if (cache) cache->store(to_read[i], *result.routine, *into.summary, result.uses);
            }
            into.routine = std::move(result.routine);
        }
    };
    read_files();
    if (pick) {
        // Read back what `pick` asks for; one the cache can no longer serve is parsed.
        const auto picked = pick(out);
        to_read.clear();
        read_into.clear();
        for (std::size_t i = 0; i < out.size() && i < picked.size(); ++i) {
            if (!picked[i] || out[i].routine || !out[i].summary) continue;
            if (cache)
                if (auto found = cache->find(out[i].ref.file, resolver)) {
                    out[i].routine = std::move(found->routine);
                    continue;
                }
            to_read.push_back(out[i].ref.file);
            read_into.push_back(i);
        }
        read_files();
    }
    if (cache) cache->save();
    return out;
}

}  // namespace knead
