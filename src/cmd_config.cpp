// `knead config`: the settings in effect, and where each one comes from.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <system_error>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
#include "knead/utf8.hpp"

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

    // The value column is as wide as its widest value, so that a long log path does not
    // push its source out of line with the others.
    struct Row {
        std::string_view key;
        std::string value;
        std::string_view from;
    };
    auto yes_no = [](const Setting<bool>& s) { return std::string(s.value ? "true" : "false"); };
    const Settings& s = ctx.settings;
    const Row rows[] = {
        {"voice", yes_no(s.voice), s.voice.source},
        {"speech_command", words(s.speech_command.value), s.speech_command.source},
        {"bell", yes_no(s.bell), s.bell.source},
        {"color", std::string(to_string(s.color.value)), s.color.source},
        {"big", yes_no(s.big), s.big.source},
        {"hands_free", s.hands_free.value > 0 ? fmt::format("{} s", s.hands_free.value) : "off",
         s.hands_free.source},
        {"log", s.log.value.string(), s.log.source},
        {"target_pain", fmt::format("[{}, {}]", s.target_pain.value.lo, s.target_pain.value.hi),
         s.target_pain.source},
    };
    std::size_t width = 0;
    for (const auto& r : rows) width = std::max(width, display_width(r.value));
    for (const auto& r : rows) {
        fmt::print(ctx.out, "  {:<15} {}{:{}} {}\n", r.key, r.value, "",
                   width - display_width(r.value), r.from);
    }

    fmt::print(ctx.out, "\nRoutine search path, first match wins:\n");
    for (const auto& dir : ctx.search_path) {
        bool builtin = dir == builtin_routines_dir();
        fmt::print(ctx.out, "  {}{}{}\n", dir.string(), builtin ? " (built-in)" : "",
                   std::filesystem::is_directory(dir, ec) ? "" : " (not present)");
    }
    return exit_code::ok;
}

}  // namespace knead
