// Where knead keeps things: XDG base directories, the log, the routine search path.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace knead {

// XDG base directories: the variable when it holds an absolute path, else the default
// under $HOME. Relative values are ignored, as the specification asks.
std::filesystem::path xdg_config_home();
std::filesystem::path xdg_data_home();
std::filesystem::path xdg_state_home();

// Creates each missing directory of `dir` with mode 0700 (knead's files are private).
// Returns 0 or the errno of the failure.
int create_private_dirs(const std::filesystem::path& dir);

// --log, then KNEAD_LOG, then the config file's `log`, then
// $XDG_DATA_HOME/knead/sessions.log.
std::filesystem::path log_path(const std::optional<std::string>& flag,
                               const std::string& configured = "");

// --routines DIRs, then KNEAD_ROUTINES (colon-separated), then
// $XDG_CONFIG_HOME/knead/routines, then the built-in routines.
std::vector<std::filesystem::path> routine_search_path(const std::vector<std::string>& flags);

// The built-in routines: beside the installed binary, else the source tree.
std::filesystem::path builtin_routines_dir();

}  // namespace knead
