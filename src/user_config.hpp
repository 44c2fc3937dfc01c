// The user's config file, read once for the commands that use it.
#pragma once

#include <optional>

#include "knead/config.hpp"

namespace knead {

// Reads $XDG_CONFIG_HOME/knead/config.toml; on errors prints them to stderr and returns
// nullopt (the caller exits with the usage code, as for an invalid routine). The paths
// in it come back absolute (see config_file_path).
std::optional<Config> load_user_config();

}  // namespace knead
