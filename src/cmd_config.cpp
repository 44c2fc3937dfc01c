// `knead config`: the settings in effect, and where each one comes from.
#include <fmt/format.h>

#include <system_error>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"

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

}  // namespace

int config_command(const Context& ctx, const ConfigOptions&) {
    std::error_code ec;
    auto file = config_path();
    fmt::print(ctx.out, "Config file: {}{}\n\n", file.string(),
               std::filesystem::exists(file, ec) ? "" : " (not present: defaults apply)");

    auto row = [&ctx](std::string_view key, std::string_view value, std::string_view from) {
        fmt::print(ctx.out, "  {:<15} {:<40} {}\n", key, value, from);
    };
    auto yes_no = [](const Setting<bool>& s) { return s.value ? "true" : "false"; };
    const Settings& s = ctx.settings;
    row("voice", yes_no(s.voice), s.voice.source);
    row("speech_command", words(s.speech_command.value), s.speech_command.source);
    row("bell", yes_no(s.bell), s.bell.source);
    row("color", to_string(s.color.value), s.color.source);
    row("big", yes_no(s.big), s.big.source);
    row("hands_free", s.hands_free.value > 0 ? fmt::format("{} s", s.hands_free.value) : "off",
        s.hands_free.source);
    row("log", s.log.value.string(), s.log.source);
    row("target_pain", fmt::format("[{}, {}]", s.target_pain.value.lo, s.target_pain.value.hi),
        s.target_pain.source);

    fmt::print(ctx.out, "\nRoutine search path, first match wins:\n");
    for (const auto& dir : ctx.search_path) {
        bool builtin = dir == builtin_routines_dir();
        fmt::print(ctx.out, "  {}{}{}\n", dir.string(), builtin ? " (built-in)" : "",
                   std::filesystem::is_directory(dir, ec) ? "" : " (not present)");
    }
    return exit_code::ok;
}

}  // namespace knead
