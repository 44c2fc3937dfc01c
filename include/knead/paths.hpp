// Where knead keeps things: XDG base directories, the log, the routine search path.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace knead {

// A home directory that cannot be known: a relative HOME, or none at all.
class PathError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// $HOME when it is absolute; when it is unset or empty, the password database's entry.
// Throws PathError for a relative HOME, never falling back to the current directory.
std::filesystem::path home_dir();

// A path written in the config file: `~` and `~/...` are in the home directory, and any
// other relative path is relative to `config_dir`, the config file's directory.
std::filesystem::path config_file_path(std::string_view value,
                                       const std::filesystem::path& config_dir);

// XDG base directories: the variable when it holds an absolute path, else the default
// under $HOME. Relative values are ignored, as the specification asks.
std::filesystem::path xdg_config_home();
std::filesystem::path xdg_data_home();
std::filesystem::path xdg_state_home();
std::filesystem::path xdg_cache_home();

// Creates each missing directory of `dir` with mode 0700 (knead's files are private),
// except the home directory itself. Returns 0 or the errno of the failure.
int create_private_dirs(const std::filesystem::path& dir);

// --routines DIRs, then KNEAD_ROUTINES (colon-separated), then
// $XDG_CONFIG_HOME/knead/routines, then the built-in routines.
std::vector<std::filesystem::path> routine_search_path(const std::vector<std::string>& flags);

// When `p` is a symbolic link to nothing: what the link points at, as it says. Such a
// file is not missing to the user (it is listed, it was made on purpose), so it is
// reported as the broken link it is, never as "no such file" or as a default.
std::optional<std::filesystem::path> dangling_link_target(const std::filesystem::path& p);

// "is a symbolic link to TARGET, which does not exist", for the messages about `p`.
std::string dangling_link_words(const std::filesystem::path& target);

// Why an operation on `p` failed with `err`, in the words of every "cannot ..." message:
// the OS's reason, or for a link to nothing, what it links to and what to do.
std::string os_reason(const std::filesystem::path& p, int err);

// The built-in routines: beside the installed binary, else the source tree.
std::filesystem::path builtin_routines_dir();

}  // namespace knead
