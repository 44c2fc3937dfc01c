#include "knead/routine_finder.hpp"

#include <algorithm>
#include <map>
#include <system_error>
#include <utility>

namespace knead {
namespace fs = std::filesystem;

bool looks_like_path(std::string_view arg) {
    return arg.find('/') != std::string_view::npos ||
           (arg.size() > 5 && arg.substr(arg.size() - 5) == ".toml");
}

std::vector<RoutineRef> list_routines(const std::vector<fs::path>& dirs,
                                      std::vector<Diagnostic>* problems) {
    std::map<std::string, fs::path> found;
    for (const auto& dir : dirs) {
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        // A directory that is not there is no news (the user's own is often missing);
        // one that is there and cannot be read is.
        if (ec && ec != std::errc::no_such_file_or_directory && problems)
            problems->push_back({dir.string(), 0, 0, Severity::warning,
                                 "cannot read this routine directory: " + ec.message()});
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const auto& p = it->path();
            std::error_code kind;
            if (p.extension() != ".toml" || it->is_directory(kind)) continue;
            found.try_emplace(p.stem().string(), p);  // the first directory wins
        }
    }
    std::vector<RoutineRef> out;
    out.reserve(found.size());
    for (auto& [id, file] : found) out.push_back({id, file});
    return out;
}

std::optional<fs::path> find_routine(std::string_view name_or_path,
                                     const std::vector<fs::path>& dirs) {
    if (looks_like_path(name_or_path)) return fs::path(name_or_path);
    std::optional<fs::path> directory;  // NAME.toml that is a directory: said so, if nothing else
    for (const auto& dir : dirs) {
        fs::path candidate = dir / (std::string(name_or_path) + ".toml");
        std::error_code ec;
        auto st = fs::symlink_status(candidate, ec);
        // Whatever is there, a FIFO or a file that cannot be read, is the routine of that
        // name: loading it says what is wrong with it, where "no routine" would mislead.
        if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory)
            return candidate;
        if (!ec && fs::exists(st) && !fs::is_directory(fs::status(candidate, ec))) return candidate;
        if (!ec && !directory && fs::is_directory(st)) directory = candidate;
    }
    return directory;
}

Resolver search_path_resolver(std::vector<fs::path> dirs) {
    auto with_dir = [dirs = std::move(dirs)](const fs::path& from) {
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
