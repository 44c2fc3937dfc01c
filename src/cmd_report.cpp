// `knead report`: the log of a period as one self-contained page (HTML, or Markdown),
// written privately (0600) where --out says, its path printed.
#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "commands.hpp"
#include "error.hpp"
#include "knead/exit_codes.hpp"
#include "knead/log_record.hpp"
#include "knead/log_time.hpp"
#include "knead/paths.hpp"
#include "knead/private_file.hpp"
#include "knead/report.hpp"
#include "knead/report_page.hpp"
#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"

namespace knead {
namespace {

// When the report is made: SOURCE_DATE_EPOCH when set (reproducible pages, as for the
// sample in docs/), else now.
WallTime made_at(const Context& ctx) {
    if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) {
        char* end = nullptr;
        errno = 0;
        const long long v = std::strtoll(e, &end, 10);
        if (errno == 0 && *end == '\0' && v >= 0) return WallTime(std::chrono::seconds(v));
    }
    return ctx.now();
}

// "YYYY-MM-DD", or "Nd" for the last N days, today included.
std::optional<std::int64_t> since_day(const std::string& s, std::int64_t today) {
    if (auto d = parse_date(s)) return d;
    if (s.size() < 2 || s.size() > 6 || s.back() != 'd') return std::nullopt;
    long n = 0;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        n = n * 10 + (s[i] - '0');
    }
    if (n < 1) return std::nullopt;
    return today - n + 1;
}

}  // namespace

int report_command(const Context& ctx, const ReportOptions& o) {
    const WallTime now = made_at(ctx);
    ReportQuery q;
    q.subjects = o.subjects;
    q.today = local_day(now);
    if (o.since) {
        q.since_day = since_day(*o.since, q.today);
        if (!q.since_day)
            throw usage_error(fmt::format(
                "--since wants a date as YYYY-MM-DD (like 2026-11-01) or a number of days (like "
                "30d), not `{}`",
                *o.since));
    }

    const std::filesystem::path& log = ctx.log();
    Report report;
    LogScan scan = read_report(log, q, report);
    for (const auto& w : log_warnings(scan.problems, log.string()))
        fmt::print(ctx.err, "knead: warning: {}\n", w);
    if (!scan.error.empty())
        throw Error(fmt::format("cannot read the log {}: {}", log.string(), scan.error));

    ReportPage page;
    page.report = &report;
    page.log = log.string();
    page.made = iso8601(now);
    page.log_missing = scan.missing;
    page.problems = scan.problems;
    page.subjects = o.subjects;
    page.since_day = q.since_day;
    page.default_band = ctx.routines.base.target;
    const auto& dirs = ctx.search_path;
    const Resolver resolver = search_path_resolver(dirs);
    for (const auto& id : report.routines) {
        auto file = find_routine(id, dirs);
        auto loaded = file ? load_routine_file(*file, resolver, ctx.routines.base) : LoadResult{};
        if (loaded.routine)
            page.routines.push_back(std::move(*loaded.routine));
        else
            page.missing_routines.push_back(id);
    }

    const bool md = o.format == ReportFormat::markdown;
    const std::string text = md ? report_markdown(page) : report_html(page);
    if (o.out == "-") {
        fmt::print(ctx.out, "{}", text);
        return exit_code::ok;
    }
    const std::filesystem::path out =
        o.out.empty() ? std::filesystem::path(md ? "knead-report.md" : "knead-report.html")
                      : std::filesystem::path(o.out);
    if (int err = replace_private_file(out, text)) throw os_error("write the report to", out, err);
    fmt::print(ctx.out, "{}\n", out.string());
    return exit_code::ok;
}

}  // namespace knead
