// One resolver for the user's settings: a flag, then the environment, then the config
// file, then the default. Every command reads the result, and `knead config` prints it, so
// what it shows is what the commands do.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knead/color_mode.hpp"
#include "knead/config.hpp"

namespace knead {

// A value and where it came from: "default", "FILE:LINE", a variable's name or a flag.
template <typename T>
struct Setting {
    T value{};
    std::string source = "default";
};

struct Settings {
    Setting<bool> voice;
    Setting<std::vector<std::string>> speech_command;
    Setting<bool> bell{true};
    Setting<ColorMode> color{ColorMode::automatic};
    Setting<bool> big;
    Setting<int> hands_free;  // seconds; 0: off
    Setting<std::filesystem::path> log;
    Setting<PainBand> target_pain;
};

// What the command line said; nullopt where it said nothing.
struct SettingFlags {
    std::optional<bool> voice;                               // --voice
    std::optional<std::vector<std::string>> speech_command;  // --speech-command
    std::optional<bool> bell;                                // --quiet gives false
    std::optional<ColorMode> color;                          // --color
    std::optional<bool> big;                                 // --big
    std::optional<int> hands_free;                           // --hands-free[=N]
    std::optional<std::string> log;                          // --log
};

// Reads one environment variable; nullopt when it is unset.
using Environment = std::function<std::optional<std::string>(std::string_view)>;
Environment process_environment();

// `config` is the loaded config file (its paths already absolute) or the defaults. The
// log's default needs the home directory: `with_log` false leaves it empty for the
// commands that never read the log (and may run without a home).
Settings resolve_settings(const SettingFlags& flags, const Config& config, const Environment& env,
                          bool with_log = true);

}  // namespace knead
