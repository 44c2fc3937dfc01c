#include "user_config.hpp"

#include <fmt/format.h>

#include "knead/paths.hpp"

namespace knead {

std::optional<Config> load_user_config() {
    const auto file = config_path();
    auto result = load_config_file(file);
    for (const auto& d : result.diagnostics) fmt::print(stderr, "{}\n", render_diagnostic(d));
    if (!result.config) fmt::print(stderr, "knead: fix the config file above, or move it aside\n");
    // `~/notes/knead.log` or `notes/knead.log` must not depend on where knead runs.
    if (result.config && !result.config->log.empty())
        result.config->log = config_file_path(result.config->log, file.parent_path()).string();
    return result.config;
}

ColorMode color_mode(const std::string& setting) {
    if (setting == "always") return ColorMode::always;
    if (setting == "never") return ColorMode::never;
    return ColorMode::automatic;
}

}  // namespace knead
