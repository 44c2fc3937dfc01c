// Finds routines by name on the search path.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knead/routine_loader.hpp"

namespace knead {

struct RoutineRef {
    std::string id;
    std::filesystem::path file;
};

// Every routine on the path, sorted by id; an earlier directory hides a later one's
// routine of the same id, which is how a user's routine overrides a built-in. Any file
// named *.toml counts (loading a FIFO or an unreadable one says what is wrong). A
// directory that exists but cannot be read is reported to `problems` as a warning.
std::vector<RoutineRef> list_routines(const std::vector<std::filesystem::path>& dirs,
                                      std::vector<Diagnostic>* problems = nullptr);

// A path (it contains '/' or ends in .toml) is taken as it is; a name is looked up.
std::optional<std::filesystem::path> find_routine(std::string_view name_or_path,
                                                  const std::vector<std::filesystem::path>& dirs);

bool looks_like_path(std::string_view arg);

// Finds the routines that a `use` names: on the search path, then beside the file that
// names them (so that a draft can use another draft in the same directory).
Resolver search_path_resolver(std::vector<std::filesystem::path> dirs);

}  // namespace knead
