#include "settings.hpp"

#include <cstdlib>

#include "knead/paths.hpp"
#include "speech.hpp"

namespace knead {
namespace {

// The config file's value and line when it sets the key, else the default as it stands.
template <typename T>
Setting<T> from_config(const Config& config, const std::string& key, T value, T fallback) {
    std::string_view from = config.source_of(key);
    if (from == "default") return {std::move(fallback), "default"};
    return {std::move(value), std::string(from)};
}

template <typename T>
void flag_wins(Setting<T>& s, const std::optional<T>& flag, std::string_view name) {
    if (flag) s = {*flag, std::string(name)};
}

// A variable counts when it is set and not empty.
std::optional<std::string> non_empty(const Environment& env, std::string_view name) {
    auto v = env(name);
    if (v && v->empty()) v.reset();
    return v;
}

}  // namespace

Environment process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        const char* v = std::getenv(std::string(name).c_str());
        if (!v) return std::nullopt;
        return std::string(v);
    };
}

Settings resolve_settings(const SettingFlags& flags, const Config& config, const Environment& env,
                          bool with_log) {
    const Config defaults;
    Settings s;
    s.voice = from_config(config, "voice", config.voice, defaults.voice);
    flag_wins(s.voice, flags.voice, "--voice");

    s.speech_command =
        from_config(config, "speech_command", config.speech_command, default_speech_command());
    flag_wins(s.speech_command, flags.speech_command, "--speech-command");

    s.bell = from_config(config, "bell", config.bell, defaults.bell);
    flag_wins(s.bell, flags.bell, "--quiet");

    // NO_COLOR (no-color.org) and CLICOLOR_FORCE speak for every program; a value of "0"
    // for CLICOLOR_FORCE is "do not force".
    s.color = from_config(config, "color", config.color, defaults.color);
    if (auto force = non_empty(env, "CLICOLOR_FORCE"); force && *force != "0")
        s.color = {ColorMode::always, "CLICOLOR_FORCE"};
    if (non_empty(env, "NO_COLOR")) s.color = {ColorMode::never, "NO_COLOR"};
    flag_wins(s.color, flags.color, "--color");

    s.big = from_config(config, "big", config.big, defaults.big);
    flag_wins(s.big, flags.big, "--big");

    s.hands_free = from_config(config, "hands_free", config.hands_free, defaults.hands_free);
    flag_wins(s.hands_free, flags.hands_free, "--hands-free");

    s.target_pain = from_config(config, "target_pain", config.target_pain, defaults.target_pain);

    if (with_log) {
        s.log = {xdg_data_home() / "knead" / "sessions.log", "default"};
        if (!config.log.empty()) s.log = {config.log, std::string(config.source_of("log"))};
        if (auto v = non_empty(env, "KNEAD_LOG")) s.log = {*v, "KNEAD_LOG"};
        // An empty --log is refused by the parser; here it would mean the default.
        if (flags.log && !flags.log->empty()) s.log = {*flags.log, "--log"};
    }
    return s;
}

}  // namespace knead
