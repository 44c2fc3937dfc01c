#include "knead/routine_finder.hpp"

#include <algorithm>
#include <map>
#include <system_error>

namespace knead {
namespace fs = std::filesystem;

bool looks_like_path(std::string_view arg) {
    return arg.find('/') != std::string_view::npos ||
           (arg.size() > 5 && arg.substr(arg.size() - 5) == ".toml");
}

std::vector<RoutineRef> list_routines(const std::vector<fs::path>& dirs) {
    std::map<std::string, fs::path> found;
    for (const auto& dir : dirs) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            const auto& p = entry.path();
            if (p.extension() != ".toml" || !entry.is_regular_file(ec)) continue;
            found.try_emplace(p.stem().string(), p);  // the first directory wins
        }
    }
    std::vector<RoutineRef> out;
    for (auto& [id, file] : found) out.push_back({id, file});
    return out;
}

std::optional<fs::path> find_routine(std::string_view name_or_path,
                                     const std::vector<fs::path>& dirs) {
    if (looks_like_path(name_or_path)) return fs::path(name_or_path);
    for (const auto& dir : dirs) {
        fs::path candidate = dir / (std::string(name_or_path) + ".toml");
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

Resolver search_path_resolver(std::vector<fs::path> dirs) {
    auto with_dir = [dirs](const fs::path& from) {
        auto all = dirs;
        if (!from.empty()) all.push_back(from.parent_path());
        return all;
    };
    Resolver r;
    r.find = [with_dir](std::string_view id, const fs::path& from) -> std::optional<fs::path> {
        if (looks_like_path(id)) return std::nullopt;  // a name, never a path
        return find_routine(id, with_dir(from));
    };
    r.known = [with_dir](const fs::path& from) {
        std::vector<std::string> ids;
        for (const auto& ref : list_routines(with_dir(from))) ids.push_back(ref.id);
        return ids;
    };
    return r;
}

}  // namespace knead
