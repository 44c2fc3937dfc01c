// `knead validate`: checks routine files and reports every problem in compiler style.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/routine_loader.hpp"

namespace knead {

int validate_command(const std::vector<std::string>& args) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    int empty_dirs = 0;
    for (const auto& a : args) {
        std::error_code ec;
        if (!fs::is_directory(a, ec)) {
            files.emplace_back(a);
            continue;
        }
        std::vector<fs::path> in_dir;
        for (const auto& e : fs::directory_iterator(a, ec))
            if (e.path().extension() == ".toml") in_dir.push_back(e.path());
        std::sort(in_dir.begin(), in_dir.end());
        if (in_dir.empty()) {
            fmt::print("{}: error: no .toml routines in this directory\n", a);
            ++empty_dirs;
        }
        files.insert(files.end(), in_dir.begin(), in_dir.end());
    }

    int invalid = 0, errors = 0, warnings = 0;
    for (const auto& f : files) {
        auto result = load_routine_file(f);
        for (const auto& d : result.diagnostics) {
            fmt::print("{}\n", format_diagnostic(d));
            (d.severity == Severity::error ? errors : warnings)++;
        }
        if (!result.routine) ++invalid;
    }
    auto plural = [](int n, std::string_view word) {
        return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
    };
    fmt::print("{} checked: {} valid, {} invalid ({}, {})\n",
               plural(static_cast<int>(files.size()), "routine"),
               static_cast<int>(files.size()) - invalid, invalid, plural(errors, "error"),
               plural(warnings, "warning"));
    return invalid == 0 && empty_dirs == 0 ? exit_code::ok : exit_code::usage;
}

}  // namespace knead
