// `knead validate`: checks routines and reports every problem in compiler style, or as
// JSON for editors and CI.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "commands.hpp"
#include "error.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"
#include "knead/suggest.hpp"

namespace knead {
namespace fs = std::filesystem;
namespace {

// A file or directory that exists is checked as it is; anything else that is not a
// path is a routine name, looked up like `knead run` does.
std::vector<fs::path> expand(const std::string& arg, const std::vector<fs::path>& dirs,
                             std::vector<Diagnostic>& problems) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
        std::vector<fs::path> in_dir;
        fs::directory_iterator it(arg, ec);
        for (; !ec && it != fs::directory_iterator(); it.increment(ec))
            if (it->path().extension() == ".toml") in_dir.push_back(it->path());
        if (ec) {  // unreadable, or failing part-way: not the same as empty
            problems.push_back(
                {arg, 0, 0, Severity::error, "cannot read this directory: " + ec.message()});
            return {};
        }
        std::sort(in_dir.begin(), in_dir.end());
        // A mistyped or emptied directory must not pass a script's check.
        if (in_dir.empty())
            problems.push_back({arg, 0, 0, Severity::error, "no .toml routines in this directory"});
        return in_dir;
    }
    if (fs::exists(arg, ec) || looks_like_path(arg) || dangling_link_target(arg)) return {arg};
    if (auto found = find_routine(arg, dirs)) return {*found};
    std::vector<std::string> known;
    for (const auto& r : list_routines(dirs)) known.push_back(r.id);
    std::string msg = "no such file, and no routine of that name on the search path";
    if (auto m = closest_match(arg, known)) msg += fmt::format("; did you mean `{}`?", *m);
    problems.push_back({arg, 0, 0, Severity::error, msg});
    return {};
}

// All of standard input, refused past the loader's size limit; a read error is the OS's.
std::string read_stdin() {
    std::string text;
    char buf[65536];
    while (true) {
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw os_error("read the routine from", "standard input", errno);
        if (n == 0) return text;
        text.append(buf, static_cast<std::size_t>(n));
        // One byte over the limit is enough for the loader to say it is too big.
        if (text.size() > kMaxRoutineBytes) return text;
    }
}

std::string plural(int n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

int validate_command(const Context& ctx, const ValidateOptions& o) {
    const auto& dirs = ctx.search_path;
    const Resolver resolver = search_path_resolver(dirs);
    std::vector<Diagnostic> all;
    int checked = 0, invalid = 0, empty_dirs = 0;
    // With nothing named, the routines of the user's own; they are what `knead new` writes.
    std::vector<std::string> targets = o.targets;
    if (targets.empty()) {
        const auto own = xdg_config_home() / "knead" / "routines";
        std::error_code ec;
        if (!fs::is_directory(own, ec))
            throw usage_error(fmt::format(
                "no routines of your own to check: {} {} (start one with `knead new NAME`, or "
                "name files to check)",
                own.string(),
                ec && ec != std::errc::no_such_file_or_directory ? "cannot be read: " + ec.message()
                                                                 : std::string("does not exist")));
        targets.push_back(own.string());
    }
    for (const auto& arg : targets) {
        if (arg == "-") {  // one routine on standard input
            auto result = load_routine_text(read_stdin(), "<stdin>", "stdin", resolver);
            all.insert(all.end(), result.diagnostics.begin(), result.diagnostics.end());
            ++checked;
            if (!result.routine) ++invalid;
            continue;
        }
        std::vector<Diagnostic> problems;
        auto files = expand(arg, dirs, problems);
        // A name that is not there counts as an invalid routine; an empty directory is
        // not a routine, but fails the check all the same.
        std::error_code ec;
        if (has_errors(problems) && fs::is_directory(arg, ec)) {
            ++empty_dirs;
        } else if (has_errors(problems)) {
            ++checked;
            ++invalid;
        }
        all.insert(all.end(), problems.begin(), problems.end());
        for (const auto& result : load_routine_files(files, resolver).results) {
            all.insert(all.end(), result.diagnostics.begin(), result.diagnostics.end());
            ++checked;
            if (!result.routine) ++invalid;
        }
    }
    const int errors = static_cast<int>(std::count_if(
        all.begin(), all.end(), [](auto& d) { return d.severity == Severity::error; }));
    const int warnings = static_cast<int>(all.size()) - errors;
    std::string count = fmt::format("{} checked: {} valid, {} invalid ({}, {})",
                                    plural(checked, "routine"), checked - invalid, invalid,
                                    plural(errors, "error"), plural(warnings, "warning"));
    if (o.json) {
        // stdout is the JSON alone, so that it can be parsed; the count goes to stderr.
        fmt::print(ctx.out, "{}", diagnostics_json(all));
        fmt::print(ctx.err, "{}\n", count);
    } else {
        for (const auto& d : all) fmt::print(ctx.out, "{}\n", render_diagnostic(d));
        fmt::print(ctx.out, "{}\n", count);
    }
    return invalid == 0 && empty_dirs == 0 ? exit_code::ok : exit_code::usage;
}

}  // namespace knead
