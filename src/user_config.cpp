#include "user_config.hpp"

#include <fmt/format.h>

#include "error.hpp"
#include "knead/paths.hpp"

namespace knead {

std::optional<Config> load_user_config() {
    const auto file = config_path();
    auto result = load_config_file(file);
    for (const auto& d : result.diagnostics) fmt::print(stderr, "{}\n", render_diagnostic(d));
    if (!result.config) print_error("fix the config file above, or move it aside");
    // `~/notes/knead.log` or `notes/knead.log` must not depend on where knead runs.
    if (result.config && !result.config->log.empty())
        result.config->log = config_file_path(result.config->log, file.parent_path()).string();
    return result.config;
}

}  // namespace knead
