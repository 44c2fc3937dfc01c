// Fuzz target for the routine loader. Whatever the bytes, load_routine_text must return
// a routine or diagnostics (never both, never neither), each diagnostic one printable
// line, and a routine only with doses inside the documented ranges. A `use` finds the
// built-in routines. The same bytes go through the config loader, the other reader of
// TOML. Built with libFuzzer by
// scripts/fuzz, and with replay_main.cpp as a test that replays the seed corpus.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "knead/config.hpp"
#include "knead/routine_loader.hpp"
#include "knead/utf8.hpp"

namespace {

void require(bool ok, const char* what, const std::string& detail = {}) {
    if (ok) return;
    std::fprintf(stderr, "routine_loader_fuzz: broken invariant: %s %s\n", what, detail.c_str());
    std::abort();
}

bool printable_line(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7F) return false;
    return true;
}

void check_diagnostics(const std::vector<knead::Diagnostic>& ds, std::string_view text) {
    std::size_t lines = 1;
    for (char c : text) lines += c == '\n';
    for (const auto& d : ds) {
        require(!d.message.empty(), "empty diagnostic");
        require(d.line >= 0 && static_cast<std::size_t>(d.line) <= lines,
                "diagnostic line outside the file", std::to_string(d.line));
        require(d.column >= 0, "negative column");
        require(printable_line(d.message), "diagnostic is not one printable line", d.message);
        require(d.message.size() <= 400, "diagnostic too long", std::to_string(d.message.size()));
        // The excerpt: none without a line, else the source line and the caret, each
        // printable and cut to fit a terminal.
        if (d.line == 0) require(d.excerpt.empty(), "excerpt without a line");
        if (d.excerpt.empty()) continue;
        const auto nl = d.excerpt.find('\n');
        require(nl != std::string::npos && d.excerpt.find('\n', nl + 1) == std::string::npos,
                "excerpt is not two lines", d.excerpt);
        for (auto part : {std::string_view(d.excerpt).substr(0, nl),
                          std::string_view(d.excerpt).substr(nl + 1)}) {
            require(printable_line(part), "excerpt line not printable", d.excerpt);
            require(knead::display_width(part) <= 90, "excerpt line too wide", d.excerpt);
        }
        require(d.excerpt.back() == '^', "excerpt without its caret", d.excerpt);
    }
}

void check_dose(const knead::Dose& d) {
    for (int s : {d.locate, d.press, d.hold, d.hold_min, d.hold_max, d.stretch})
        require(s >= 1 && s <= 600, "duration out of range", std::to_string(s));
    require(d.hold_min <= d.hold && d.hold <= d.hold_max, "hold outside hold_min..hold_max");
    require(d.reps >= 1 && d.reps <= 20, "reps out of range");
    require(0 <= d.target.lo && d.target.lo <= d.target.hi && d.target.hi <= 10,
            "pain band out of range");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // Per-exec work is the guard, the parser and the checks: the built-in routines are
    // listed once, and each is read and parsed once, on its first `use`.
    static std::map<std::filesystem::path, knead::LoadResult> used;
    static const knead::Resolver builtin{
        [](std::string_view id,
           const std::filesystem::path&) -> std::optional<std::filesystem::path> {
            static const std::map<std::string, std::filesystem::path, std::less<>> files = [] {
                std::map<std::string, std::filesystem::path, std::less<>> m;
                for (const auto& e : std::filesystem::directory_iterator(KNEAD_FUZZ_ROUTINES))
                    if (e.is_regular_file() && e.path().extension() == ".toml")
                        m.emplace(e.path().stem().string(), e.path());
                return m;
            }();
            auto it = files.find(id);
            if (it == files.end()) return std::nullopt;
            return it->second;
        },
        {},
        &used};
    auto result = knead::load_routine_text(text, "fuzz.toml", "fuzz", builtin);

    require(result.routine.has_value() != knead::has_errors(result.diagnostics),
            "a routine must come without errors, and errors without a routine");
    check_diagnostics(result.diagnostics, text);

    auto config = knead::load_config_text(text, "config.toml");
    require(config.config.has_value() != knead::has_errors(config.diagnostics),
            "a config must come without errors, and errors without a config");
    check_diagnostics(config.diagnostics, text);

    if (!result.routine) return 0;

    const knead::Routine& r = *result.routine;
    require(!r.name.empty() && !r.area.empty() && !r.points.empty(), "routine missing basics");
    check_dose(r.defaults);
    std::set<std::string> ids;
    for (const auto& p : r.points) {
        require(ids.insert(p.id).second, "duplicate point id", p.id);
        require(!p.locate_cue.empty() && !p.press_cue.empty(), "point without cues", p.id);
        check_dose(p.dose);
    }
    return 0;
}
