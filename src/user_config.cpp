#include "user_config.hpp"

#include <fmt/format.h>

namespace knead {

std::optional<Config> load_user_config() {
    auto result = load_config_file(config_path());
    for (const auto& d : result.diagnostics) fmt::print(stderr, "{}\n", format_diagnostic(d));
    if (!result.config) fmt::print(stderr, "knead: fix the config file above, or move it aside\n");
    return result.config;
}

ColorMode color_mode(const std::string& setting) {
    if (setting == "always") return ColorMode::always;
    if (setting == "never") return ColorMode::never;
    return ColorMode::automatic;
}

}  // namespace knead
