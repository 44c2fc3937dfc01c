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

std::vector<std::vector<std::string>> soreness_rows(const Report& r) {
    std::vector<std::vector<std::string>> rows;
    rows.reserve(r.soreness.size());
    for (const auto& s : r.soreness)
        rows.push_back({when(s.time), s.routine, std::to_string(s.pain)});
    return rows;
}

std::vector<std::vector<std::string>> red_flag_rows(const Report& r) {
    std::vector<std::vector<std::string>> rows;
    rows.reserve(r.red_flags.size());
    for (const auto& f : r.red_flags)
        rows.push_back({when(f.time), f.routine, f.point, f.side,
                        f.step.empty() ? "before any step" : f.step});
    return rows;
}

std::vector<std::vector<std::string>> skip_rows(const Report& r) {
    std::vector<std::vector<std::string>> rows;
    rows.reserve(r.skips.size());
    for (const auto& k : r.skips)
        rows.push_back({k.routine + "." + k.point, k.side,
                        k.step.empty() ? "the whole side" : k.step, k.why, std::to_string(k.times),
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

using Rows = std::vector<std::vector<std::string>>;

// The page's parts, written in either format: the report is laid out once (write_page)
// and each writer renders the same parts, so the two formats hold the same facts.
class PageWriter {
  public:
    virtual ~PageWriter() = default;
    virtual void heading(int level, const std::string& text) = 0;
    virtual void paragraph(const std::string& text) = 0;
    virtual void notes(const std::vector<std::string>& items) = 0;
    // Items of a "label: text." list, the label in bold.
    virtual void labelled(const std::vector<std::pair<std::string, std::string>>& items) = 0;
    virtual void table(const std::vector<std::string>& head, const Rows& rows) = 0;
    // A chart and its figures: HTML draws `svg`, with `legend` (how to read it) and `text`
    // under it; Markdown gives `text`, then the figures as a table, or `none` without any.
    virtual void figure(const std::string& svg, const std::string& legend, const std::string& text,
                        const std::vector<std::string>& head, const Rows& rows,
                        const std::string& none) = 0;
};

class HtmlWriter final : public PageWriter {
  public:
    std::string out;
    void heading(int level, const std::string& text) override {
        out += fmt::format("<h{0}>{1}</h{0}>\n", level, xml_text(text));
    }
    void paragraph(const std::string& text) override { out += "<p>" + xml_text(text) + "</p>\n"; }
    void notes(const std::vector<std::string>& items) override {
        if (items.empty()) return;
        out += "<ul class=\"meta\">\n";
        for (const auto& i : items) out += "<li>" + xml_text(i) + "</li>\n";
        out += "</ul>\n";
    }
    void labelled(const std::vector<std::pair<std::string, std::string>>& items) override {
        if (items.empty()) return;
        out += "<ul>\n";
        for (const auto& [label, text] : items)
            out += "<li><strong>" + xml_text(label) + "</strong>: " + xml_text(text) + ".</li>\n";
        out += "</ul>\n";
    }
    void table(const std::vector<std::string>& head, const Rows& rows) override {
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
    void figure(const std::string& svg, const std::string& legend, const std::string& text,
                const std::vector<std::string>&, const Rows&, const std::string&) override {
        out += "<figure>\n" + svg + "\n<figcaption>" + xml_text(legend) +
               (text.empty() ? "" : " " + xml_text(text)) + "</figcaption>\n</figure>\n";
    }
};

class MarkdownWriter final : public PageWriter {
  public:
    std::string out;
    void heading(int level, const std::string& text) override {
        out +=
            std::string(static_cast<std::size_t>(level), '#') + " " + markdown_text(text) + "\n\n";
    }
    void paragraph(const std::string& text) override { out += markdown_text(text) + "\n\n"; }
    void notes(const std::vector<std::string>& items) override {
        for (const auto& i : items) out += "- " + markdown_text(i) + "\n";
        if (!items.empty()) out += "\n";
    }
    void labelled(const std::vector<std::pair<std::string, std::string>>& items) override {
        for (const auto& [label, text] : items)
            out += "- **" + markdown_text(label) + "**: " + markdown_text(text) + ".\n";
        if (!items.empty()) out += "\n";
    }
    void table(const std::vector<std::string>& head, const Rows& rows) override {
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
    void figure(const std::string&, const std::string&, const std::string& text,
                const std::vector<std::string>& head, const Rows& rows,
                const std::string& none) override {
        if (!text.empty()) paragraph(text);
        if (rows.empty())
            paragraph(none);
        else
            table(head, rows);
    }
};

void write_page(const ReportPage& p, PageWriter& w) {
    const Report& r = *p.report;
    w.paragraph(fmt::format(
        "Made {} from the session log {}. It shows only what that log holds (and the names, "
        "referral areas and target bands of the routines it names, from their routine files). "
        "It is a record of your own answers, not medical advice.",
        p.made, p.log));
    w.paragraph(fmt::format(
        "Period: {}.{}", period_text(p),
        p.subjects.empty() ? "" : fmt::format(" Only: {}.", fmt::join(p.subjects, ", "))));
    w.notes(notes(p));

    w.heading(2, "Summary");
    w.paragraph(totals(r));
    std::vector<std::pair<std::string, std::string>> summaries;
    summaries.reserve(r.series.size());
    for (const auto& s : r.series) summaries.emplace_back(series_title(p, s), series_summary(s));
    w.labelled(summaries);

    w.heading(2, "Days worked");
    Rows days;
    for (const auto& d : r.days)
        days.push_back({date_string(d.day), std::to_string(d.sessions), one(d.minutes)});
    w.figure(
        svg_calendar(r.days, r.calendar_from, r.calendar_to),
        "A square per day, a column per week (Monday at the top). Grey: no session; "
        "lighter to darker green: under 10, 10 to 20, 20 to 30, and 30 or more minutes.",
        fmt::format("From {} to {}.", date_string(r.calendar_from), date_string(r.calendar_to)),
        {"date", "sessions", "minutes"}, days, "No session in this period.");

    w.heading(2, "Pain at the first and last hold");
    if (r.series.empty()) w.paragraph("No hold was answered with a number in this period.");
    for (const auto& s : r.series) {
        const PainBand band = band_for(p, s);
        w.heading(3, series_title(p, s));
        Rows marks;
        for (const auto& m : s.marks)
            marks.push_back(
                {mark_date(m.x), one(m.first), one(m.last), std::to_string(m.sessions)});
        w.figure(
            svg_line_chart(pain_chart(p, s)),
            "Pain 0-10 per session: solid blue line and dots, at the first hold; dashed red, "
            "at the last hold. Shaded: the target band.",
            fmt::format("Target band {}-{}. {}.", band.lo, band.hi, capital(series_summary(s))),
            {"date", "first hold", "last hold", "sessions"}, marks, "");
    }

    w.heading(2, "Hold dose");
    Rows dose;
    for (const auto& m : r.dose)
        dose.push_back({mark_date(m.x), one(m.planned), one(m.done), std::to_string(m.sessions)});
    w.figure(svg_line_chart(dose_chart(p)),
             "Dashed grey: as planned (after the session adapted the holds); solid blue: as done "
             "(pauses excluded, steps cut short counted as they ran).",
             "Seconds of holding per session, summed over the points.",
             {"date", "planned", "done", "sessions"}, dose, "No hold in this period.");

    w.heading(2, "Soreness answers");
    if (r.soreness.empty())
        w.paragraph("No soreness question was answered in this period.");
    else
        w.table(kSorenessHead, soreness_rows(r));

    w.heading(2, "Red-flag stops");
    if (r.red_flags.empty())
        w.paragraph("None: no session stopped on a red flag in this period.");
    else
        w.table(kRedFlagHead, red_flag_rows(r));

    w.heading(2, "Skipped");
    if (r.skips.empty())
        w.paragraph("Nothing was skipped in this period.");
    else
        w.table(kSkipHead, skip_rows(r));

    w.heading(2, "Routines and their points");
    if (p.routines.empty()) w.paragraph("No routine to describe.");
    for (const auto& rt : p.routines) {
        w.heading(3, fmt::format("{} ({})", rt.name, rt.id));
        w.paragraph(about(rt));
        w.table(kPointHead, point_rows(rt));
    }
}

constexpr const char* kStyle =
    R"(body{font-family:sans-serif;line-height:1.45;color:#222;max-width:52rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem;margin-bottom:.3rem}
figure{margin:.5rem 0 1.2rem}svg{width:100%;height:auto;max-width:40rem;display:block}
figcaption,.meta{font-size:.9rem;color:#444}
table{border-collapse:collapse;margin:.5rem 0;font-size:.95rem}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
td.n{text-align:right}.wide{overflow-x:auto}
@media print{body{max-width:none}figure,table{break-inside:avoid}h2{break-after:avoid}}
)";

}  // namespace

std::string report_html(const ReportPage& p) {
    HtmlWriter w;
    w.out = std::string("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n") +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
            "<title>knead report</title>\n<style>\n" + kStyle + "</style>\n</head>\n<body>\n";
    w.heading(1, "knead report");
    write_page(p, w);
    return w.out + "</body>\n</html>\n";
}

std::string report_markdown(const ReportPage& p) {
    MarkdownWriter w;
    w.heading(1, "knead report");
    write_page(p, w);
    while (w.out.ends_with("\n\n")) w.out.pop_back();
    return w.out;
}

}  // namespace knead
