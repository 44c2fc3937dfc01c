// `knead config`: the settings in effect, and where each one comes from.
#include <fmt/format.h>

#include <cstdlib>
#include <system_error>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
#include "speech.hpp"
#include "user_config.hpp"

namespace knead {
namespace {

std::string words(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& w : v) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

bool env_set(const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
}

}  // namespace

int config_command(const RoutineOptions& o, const Config& c) {
    std::error_code ec;
    auto file = config_path();
    fmt::print("Config file: {}{}\n\n", file.string(),
               std::filesystem::exists(file, ec) ? "" : " (not present: defaults apply)");

    auto row = [](std::string_view key, std::string_view value, std::string_view from) {
        fmt::print("  {:<15} {:<40} {}\n", key, value, from);
    };
    row("voice", c.voice ? "true" : "false", c.source_of("voice"));
    row("speech_command",
        words(c.speech_command.empty() ? default_speech_command() : c.speech_command),
        c.source_of("speech_command"));
    row("bell", c.bell ? "true" : "false", c.source_of("bell"));
    // The colour variables override the file's "auto" as they override the default.
    std::string color_from(c.source_of("color"));
    if (c.color == "auto" && env_set("NO_COLOR"))
        color_from = "auto (NO_COLOR: never)";
    else if (c.color == "auto" && env_set("CLICOLOR_FORCE"))
        color_from = "auto (CLICOLOR_FORCE)";
    row("color", c.color, color_from);
    row("big", c.big ? "true" : "false", c.source_of("big"));
    row("hands_free", c.hands_free > 0 ? fmt::format("{} s", c.hands_free) : "off",
        c.source_of("hands_free"));
    std::string log_from = env_set("KNEAD_LOG") ? "KNEAD_LOG" : std::string(c.source_of("log"));
    row("log", log_path(std::nullopt, c.log).string(), log_from);
    row("target_pain", fmt::format("[{}, {}]", c.target_pain.lo, c.target_pain.hi),
        c.source_of("target_pain"));

    fmt::print("\nRoutine search path, first match wins:\n");
    for (const auto& dir : routine_search_path(o.dirs)) {
        bool builtin = dir == builtin_routines_dir();
        fmt::print("  {}{}{}\n", dir.string(), builtin ? " (built-in)" : "",
                   std::filesystem::is_directory(dir, ec) ? "" : " (not present)");
    }
    return exit_code::ok;
}

}  // namespace knead
