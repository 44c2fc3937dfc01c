// The user's settings: $XDG_CONFIG_HOME/knead/config.toml, read like a routine (every
// problem reported with its line), each setting remembering where it came from.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knead/color_mode.hpp"
#include "knead/diagnostic.hpp"
#include "knead/routine.hpp"

namespace knead {

// Hands-free waits: the bare --hands-free, and the longest a question may wait.
inline constexpr int kHandsFreeSeconds = 8;
inline constexpr int kMaxHandsFreeSeconds = 120;

struct Config {
    bool voice = false;
    std::vector<std::string> speech_command;  // empty: the platform's default
    bool bell = true;
    ColorMode color = ColorMode::automatic;
    bool big = false;
    int hands_free = 0;    // seconds a question waits before taking the last answer; 0: off
    std::string log;       // empty: KNEAD_LOG, else the XDG default
    PainBand target_pain;  // for routines that do not set their own band
    // Where each key's value came from: "default", "FILE:LINE", a variable or a flag.
    std::map<std::string, std::string> source;

    void set_source(const std::string& key, std::string from) { source[key] = std::move(from); }
    std::string_view source_of(const std::string& key) const;
};

inline const std::vector<std::string> kConfigKeys = {
    "voice", "speech_command", "bell", "color", "big", "hands_free", "log", "target_pain"};

struct ConfigResult {
    std::optional<Config> config;  // set when there are no errors
    std::vector<Diagnostic> diagnostics;
};

ConfigResult load_config_text(std::string_view text, const std::string& display);
// A missing file is not an error: the defaults apply.
ConfigResult load_config_file(const std::filesystem::path& path);

std::filesystem::path config_path();

}  // namespace knead
