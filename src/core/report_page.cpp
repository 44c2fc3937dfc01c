#include "knead/report_page.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "knead/log_time.hpp"
#include "knead/markup.hpp"
#include "knead/svg_chart.hpp"

namespace knead {
namespace {

constexpr const char* kFirstColor = "#1f4e9a";
constexpr const char* kLastColor = "#c0392b";
constexpr const char* kPlannedColor = "#777777";

const Routine* routine_named(const ReportPage& p, const std::string& id) {
    for (const auto& r : p.routines)
        if (r.id == id) return &r;
    return nullptr;
}

const Point* point_named(const ReportPage& p, const std::string& routine,
                         const std::string& point) {
    if (const Routine* r = routine_named(p, routine))
        for (const auto& pt : r->points)
            if (pt.id == point) return &pt;
    return nullptr;
}

PainBand band_for(const ReportPage& p, const PainSeries& s) {
    const Point* pt = point_named(p, s.routine, s.point);
    return pt ? pt->dose.target : p.default_band;
}

// "Upper trapezius, left side (neck.upper-trapezius)"
std::string series_title(const ReportPage& p, const PainSeries& s) {
    const Point* pt = point_named(p, s.routine, s.point);
    std::string name = pt ? pt->name : s.point;
    if (s.side == "left" || s.side == "right") name += ", " + s.side + " side";
    return fmt::format("{} ({}.{})", name, s.routine, s.point);
}

std::string mark_date(double x) {
    return date_string(static_cast<std::int64_t>(std::floor(x)));
}

std::string one(double v) {
    if (std::abs(v - std::round(v)) < 0.05) return fmt::format("{}", std::llround(v));
    return fmt::format("{:.1f}", v);
}

// A time as logged, "2026-11-25T07:30:12+01:00", as "2026-11-25 07:30".
std::string when(const std::string& time) {
    return time.size() >= 16 ? time.substr(0, 10) + " " + time.substr(11, 5) : time;
}

std::string capital(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string plural(std::size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string period_text(const ReportPage& p) {
    const Report& r = *p.report;
    std::string range =
        fmt::format("{} to {}", date_string(r.period_from), date_string(r.calendar_to));
    if (p.since_day) return fmt::format("{} (since {})", range, date_string(*p.since_day));
    return range + " (the whole log)";
}

double total_minutes(const Report& r) {
    double m = 0;
    for (const auto& d : r.days) m += d.minutes;
    return m;
}

std::string totals(const Report& r) {
    if (r.sessions == 0) return "No session in this period.";
    return fmt::format("{} on {}, {} minutes in all.", plural(r.sessions, "session"),
                       plural(r.days.size(), "day"), one(total_minutes(r)));
}

// What a reader should know about where the figures come from, as plain sentences.
std::vector<std::string> notes(const ReportPage& p) {
    const Report& r = *p.report;
    std::vector<std::string> out;
    if (p.log_missing) out.push_back("There is no log at this path yet: nothing to show.");
    if (r.rehearsals > 0)
        out.push_back(
            fmt::format("{} run with --no-wait (a rehearsal, no real time passed) {} left out.",
                        plural(r.rehearsals, "session"), r.rehearsals == 1 ? "is" : "are"));
    if (r.unfinished > 0)
        out.push_back(fmt::format(
            "{} no end record (killed, or the machine lost power): {} steps up to the last one "
            "logged are counted.",
            r.unfinished == 1 ? "1 session has" : fmt::format("{} sessions have", r.unfinished),
            r.unfinished == 1 ? "its" : "their"));
    if (p.problems.damaged > 0)
        out.push_back(fmt::format(
            "{} in the log could not be read and {} skipped (the first, line "
            "{}: {}).",
            plural(p.problems.damaged, "line"), p.problems.damaged == 1 ? "was" : "were",
            p.problems.first_line, p.problems.first_why));
    if (p.problems.newer_version)
        out.push_back(
            fmt::format("The log says it is format v{}, newer than this knead reads: "
                        "what it understands is shown.",
                        *p.problems.newer_version));
    for (const auto& s : r.unmatched)
        out.push_back(fmt::format("Nothing in the log names \"{}\".", s));
    for (const auto& id : p.missing_routines)
        out.push_back(
            fmt::format("The routine \"{}\" was not found on the routine search path: its "
                        "points show by id, with the default target band {}-{}.",
                        id, p.default_band.lo, p.default_band.hi));
    if (r.calendar_from > r.period_from)
        out.push_back("The calendar of days worked shows the last 53 weeks of the period.");
    int per_mark = r.dose_per_mark;
    for (const auto& s : r.series) per_mark = std::max(per_mark, s.per_mark);
    if (per_mark > 1)
        out.push_back(
            fmt::format("The period holds more sessions than a chart has room for: "
                        "each mark is the mean of up to {} neighbouring sessions.",
                        per_mark));
    if (r.soreness_more > 0)
        out.push_back(
            fmt::format("Soreness: only the last {} answers are listed, {} older ones are not.",
                        r.soreness.size(), r.soreness_more));
    if (r.red_flags_more > 0)
        out.push_back(fmt::format("Red flags: only the last {} are listed, {} older ones are not.",
                                  r.red_flags.size(), r.red_flags_more));
    return out;
}

LineChart pain_chart(const ReportPage& p, const PainSeries& s) {
    const Report& r = *p.report;
    const PainBand band = band_for(p, s);
    LineChart c;
    c.title = "Pain at the first and last hold: " + series_title(p, s);
    c.x_from = static_cast<double>(r.period_from);
    c.x_to = static_cast<double>(r.calendar_to + 1);
    c.band = std::pair<double, double>(band.lo, band.hi);
    ChartLine first{"pain at the first hold", kFirstColor, false, {}};
    ChartLine last{"pain at the last hold", kLastColor, true, {}};
    for (const auto& m : s.marks) {
        first.points.emplace_back(m.x, m.first);
        last.points.emplace_back(m.x, m.last);
    }
    c.lines = {std::move(last), std::move(first)};  // the first hold's line on top
    return c;
}

LineChart dose_chart(const ReportPage& p) {
    const Report& r = *p.report;
    LineChart c;
    c.title = "Hold seconds per session, planned and done";
    c.x_from = static_cast<double>(r.period_from);
    c.x_to = static_cast<double>(r.calendar_to + 1);
    double max = 0;
    ChartLine planned{"planned", kPlannedColor, true, {}};
    ChartLine done{"done", kFirstColor, false, {}};
    for (const auto& m : r.dose) {
        planned.points.emplace_back(m.x, m.planned);
        done.points.emplace_back(m.x, m.done);
        max = std::max({max, m.planned, m.done});
    }
    std::tie(c.y_step, c.y_max) = nice_scale(max);
    c.y_unit = " s";
    c.lines = {std::move(planned), std::move(done)};
    return c;
}

// ---- HTML ----------------------------------------------------------------------------

constexpr const char* kStyle =
    R"(body{font-family:sans-serif;line-height:1.45;color:#222;max-width:52rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem;margin-bottom:.3rem}
figure{margin:.5rem 0 1.2rem}svg{width:100%;height:auto;max-width:40rem;display:block}
figcaption,.meta{font-size:.9rem;color:#444}
table{border-collapse:collapse;margin:.5rem 0;font-size:.95rem}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
td.n{text-align:right}.wide{overflow-x:auto}
@media print{body{max-width:none}figure,table{break-inside:avoid}h2{break-after:avoid}}
)";

void html_table(std::string& out, const std::vector<std::string>& head,
                const std::vector<std::vector<std::string>>& rows) {
    out += "<div class=\"wide\"><table>\n<thead><tr>";
    for (const auto& h : head) out += "<th>" + xml_text(h) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
        out += "<tr>";
        for (const auto& cell : row) {
            const bool numeric =
                !cell.empty() && cell.find_first_not_of("0123456789.") == std::string::npos;
            out += (numeric ? "<td class=\"n\">" : "<td>") + xml_text(cell) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody></table></div>\n";
}

std::vector<std::vector<std::string>> soreness_rows(const Report& r) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : r.soreness)
        rows.push_back({when(s.time), s.routine, std::to_string(s.pain)});
    return rows;
}

std::vector<std::vector<std::string>> red_flag_rows(const Report& r) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : r.red_flags)
        rows.push_back({when(f.time), f.routine, f.point, f.side,
                        f.step.empty() ? "before any step" : f.step});
    return rows;
}

std::vector<std::vector<std::string>> skip_rows(const Report& r) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& k : r.skips)
        rows.push_back({k.routine + "." + k.point, k.side, k.step, k.why, std::to_string(k.times),
                        k.last_time.substr(0, 10)});
    return rows;
}

std::string about(const Routine& r) {
    return r.area.empty() ? r.summary : fmt::format("Area: {}. {}", r.area, r.summary);
}

std::vector<std::vector<std::string>> point_rows(const Routine& r) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& pt : r.points) {
        std::string refers;
        for (const auto& a : pt.refers_to) refers += (refers.empty() ? "" : ", ") + a;
        rows.push_back({pt.name, pt.id, pt.muscle, refers.empty() ? "-" : refers,
                        fmt::format("{}-{}", pt.dose.target.lo, pt.dose.target.hi)});
    }
    return rows;
}

const std::vector<std::string> kSorenessHead = {"date", "routine", "soreness 0-10"};
const std::vector<std::string> kRedFlagHead = {"date", "routine", "point", "side", "step"};
const std::vector<std::string> kSkipHead = {"point", "side", "step", "why", "times", "last"};
const std::vector<std::string> kPointHead = {"point", "id", "muscle", "refers to", "target band"};

}  // namespace

std::string report_html(const ReportPage& p) {
    const Report& r = *p.report;
    std::string out;
    out +=
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>knead report</title>\n<style>\n";
    out += kStyle;
    out += "</style>\n</head>\n<body>\n<h1>knead report</h1>\n";
    out += fmt::format(
        "<p class=\"meta\">Made {} from the session log {}. It shows only what that log holds "
        "(and the names, referral areas and target bands of the routines it names, from "
        "their routine files). It is a record of your own answers, not medical "
        "advice.</p>\n<p class=\"meta\">Period: {}.{}</p>\n",
        xml_text(p.made), xml_text(p.log), xml_text(period_text(p)),
        p.subjects.empty()
            ? ""
            : " Only: " + xml_text(fmt::format("{}", fmt::join(p.subjects, ", "))) + ".");
    const auto ns = notes(p);
    if (!ns.empty()) {
        out += "<ul class=\"meta\">\n";
        for (const auto& n : ns) out += "<li>" + xml_text(n) + "</li>\n";
        out += "</ul>\n";
    }

    out += "<h2>Summary</h2>\n<p>" + xml_text(totals(r)) + "</p>\n";
    if (!r.series.empty()) {
        out += "<ul>\n";
        for (const auto& s : r.series)
            out += "<li><strong>" + xml_text(series_title(p, s)) +
                   "</strong>: " + xml_text(series_summary(s)) + ".</li>\n";
        out += "</ul>\n";
    }

    out += "<h2>Days worked</h2>\n<figure>\n";
    out += svg_calendar(r.days, r.calendar_from, r.calendar_to);
    out += fmt::format(
        "\n<figcaption>A square per day from {} to {}, a column per week (Monday at the top). "
        "Grey: no session; lighter to darker green: under 10, 10 to 20, 20 to 30, and 30 or "
        "more minutes.</figcaption>\n</figure>\n",
        date_string(r.calendar_from), date_string(r.calendar_to));

    out += "<h2>Pain at the first and last hold</h2>\n";
    if (r.series.empty()) out += "<p>No hold was answered with a number in this period.</p>\n";
    for (const auto& s : r.series) {
        const PainBand band = band_for(p, s);
        out += "<h3>" + xml_text(series_title(p, s)) + "</h3>\n<figure>\n";
        out += svg_line_chart(pain_chart(p, s));
        out += fmt::format(
            "\n<figcaption>Pain 0-10 per session: solid blue line and dots, at the first hold; "
            "dashed red, at the last hold. Shaded: the target band {}-{}. {}.</figcaption>\n"
            "</figure>\n",
            band.lo, band.hi, xml_text(capital(series_summary(s))));
    }

    out += "<h2>Hold dose</h2>\n<figure>\n";
    out += svg_line_chart(dose_chart(p));
    out +=
        "\n<figcaption>Seconds of holding per session, summed over the points: dashed grey, "
        "as planned (after the session adapted the holds); solid blue, as done (pauses "
        "excluded, steps cut short counted as they ran).</figcaption>\n</figure>\n";

    out += "<h2>Soreness answers</h2>\n";
    if (r.soreness.empty())
        out += "<p>No soreness question was answered in this period.</p>\n";
    else
        html_table(out, kSorenessHead, soreness_rows(r));

    out += "<h2>Red-flag stops</h2>\n";
    if (r.red_flags.empty())
        out += "<p>None: no session stopped on a red flag in this period.</p>\n";
    else
        html_table(out, kRedFlagHead, red_flag_rows(r));

    out += "<h2>Skipped</h2>\n";
    if (r.skips.empty())
        out += "<p>Nothing was skipped in this period.</p>\n";
    else
        html_table(out, kSkipHead, skip_rows(r));

    out += "<h2>Routines and their points</h2>\n";
    if (p.routines.empty()) out += "<p>No routine to describe.</p>\n";
    for (const auto& rt : p.routines) {
        out += fmt::format("<h3>{} ({})</h3>\n<p>{}</p>\n", xml_text(rt.name), xml_text(rt.id),
                           xml_text(about(rt)));
        html_table(out, kPointHead, point_rows(rt));
    }
    out += "</body>\n</html>\n";
    return out;
}

namespace {

void md_table(std::string& out, const std::vector<std::string>& head,
              const std::vector<std::vector<std::string>>& rows) {
    out += "|";
    for (const auto& h : head) out += " " + markdown_text(h) + " |";
    out += "\n|";
    for (std::size_t i = 0; i < head.size(); ++i) out += " --- |";
    out += "\n";
    for (const auto& row : rows) {
        out += "|";
        for (const auto& cell : row) out += " " + markdown_text(cell) + " |";
        out += "\n";
    }
    out += "\n";
}

}  // namespace

std::string report_markdown(const ReportPage& p) {
    const Report& r = *p.report;
    std::string out = "# knead report\n\n";
    out += fmt::format(
        "Made {} from the session log {}. It shows only what that log holds (and the names, "
        "referral areas and target bands of the routines it names, from their routine files). "
        "It is a record of your own answers, not medical advice.\n\nPeriod: {}.{}\n\n",
        markdown_text(p.made), markdown_text(p.log), markdown_text(period_text(p)),
        p.subjects.empty()
            ? ""
            : " Only: " + markdown_text(fmt::format("{}", fmt::join(p.subjects, ", "))) + ".");
    for (const auto& n : notes(p)) out += "- " + markdown_text(n) + "\n";
    if (!notes(p).empty()) out += "\n";

    out += "## Summary\n\n";
    out += markdown_text(totals(r)) + "\n\n";
    for (const auto& s : r.series)
        out += "- **" + markdown_text(series_title(p, s)) +
               "**: " + markdown_text(series_summary(s)) + ".\n";
    if (!r.series.empty()) out += "\n";

    out += fmt::format("## Days worked\n\nFrom {} to {}.\n\n", date_string(r.calendar_from),
                       date_string(r.calendar_to));
    if (r.days.empty()) {
        out += "No session in this period.\n\n";
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& d : r.days)
            rows.push_back({date_string(d.day), std::to_string(d.sessions), one(d.minutes)});
        md_table(out, {"date", "sessions", "minutes"}, rows);
    }

    out += "## Pain at the first and last hold\n\n";
    if (r.series.empty()) out += "No hold was answered with a number in this period.\n\n";
    for (const auto& s : r.series) {
        const PainBand band = band_for(p, s);
        out +=
            fmt::format("### {}\n\nTarget band {}-{}. {}.\n\n", markdown_text(series_title(p, s)),
                        band.lo, band.hi, markdown_text(capital(series_summary(s))));
        std::vector<std::vector<std::string>> rows;
        for (const auto& m : s.marks)
            rows.push_back({mark_date(m.x), one(m.first), one(m.last), std::to_string(m.sessions)});
        md_table(out, {"date", "first hold", "last hold", "sessions"}, rows);
    }

    out += "## Hold dose\n\nSeconds of holding per session, summed over the points.\n\n";
    if (r.dose.empty()) {
        out += "No hold in this period.\n\n";
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& m : r.dose)
            rows.push_back(
                {mark_date(m.x), one(m.planned), one(m.done), std::to_string(m.sessions)});
        md_table(out, {"date", "planned", "done", "sessions"}, rows);
    }

    out += "## Soreness answers\n\n";
    if (r.soreness.empty())
        out += "No soreness question was answered in this period.\n\n";
    else
        md_table(out, kSorenessHead, soreness_rows(r));

    out += "## Red-flag stops\n\n";
    if (r.red_flags.empty())
        out += "None: no session stopped on a red flag in this period.\n\n";
    else
        md_table(out, kRedFlagHead, red_flag_rows(r));

    out += "## Skipped\n\n";
    if (r.skips.empty())
        out += "Nothing was skipped in this period.\n\n";
    else
        md_table(out, kSkipHead, skip_rows(r));

    out += "## Routines and their points\n\n";
    if (p.routines.empty()) out += "No routine to describe.\n\n";
    for (const auto& rt : p.routines) {
        out += fmt::format("### {} ({})\n\n{}\n\n", markdown_text(rt.name), markdown_text(rt.id),
                           markdown_text(about(rt)));
        md_table(out, kPointHead, point_rows(rt));
    }
    while (out.ends_with("\n\n")) out.pop_back();
    return out;
}

}  // namespace knead
