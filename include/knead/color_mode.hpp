// When to colour the output: a setting of the config file and of `--color`, and what the
// terminal layer draws with. In the core so that both can name it.
#pragma once

#include <optional>
#include <string_view>

namespace knead {

enum class ColorMode { automatic, always, never };

// "auto", "always" or "never"; any other word is nullopt.
inline std::optional<ColorMode> parse_color_mode(std::string_view word) {
    if (word == "auto") return ColorMode::automatic;
    if (word == "always") return ColorMode::always;
    if (word == "never") return ColorMode::never;
    return std::nullopt;
}

inline std::string_view to_string(ColorMode m) {
    switch (m) {
        case ColorMode::always:
            return "always";
        case ColorMode::never:
            return "never";
        case ColorMode::automatic:
            break;
    }
    return "auto";
}

}  // namespace knead
