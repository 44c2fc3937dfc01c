// knead report's model: what one pass over the log gathers, in bounded memory, and the
// charts and tables drawn from it.
#include <doctest/doctest.h>

#include <string>

#include "knead/day_table.hpp"
#include "knead/log_time.hpp"
#include "knead/markup.hpp"
#include "knead/report.hpp"
#include "knead/report_page.hpp"
#include "knead/svg_chart.hpp"
#include "knead/text_plot.hpp"

using namespace knead;

namespace {

std::string two(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

// A session on day `day` of November 2026: the left and right trap, one or two holds
// each, with the pains given (a negative pain: the hold was skipped with s).
std::string session(int day, int left1, int left2, int right1, const std::string& end = "completed",
                    bool rehearsal = false) {
    const std::string id = "S" + two(day) + (rehearsal ? "v" : "");
    const std::string t = "time=2026-11-" + two(day) + "T07:";
    auto hold = [&](const std::string& minute, const std::string& side, int rep, int pain) {
        return t + minute + ":00+01:00 session=" + id + " routine=neck point=trap side=" + side +
               " rep=" + std::to_string(rep) + " step=hold planned=30 actual=" +
               (pain < 0 ? "10.0 answer=skip early=skip" : "30.0 pain=" + std::to_string(pain)) +
               "\n";
    };
    std::string s = t + "30:00+01:00 session=" + id +
                    " event=start routines=neck clock=" + (rehearsal ? "virtual" : "real") + "\n";
    s += hold("31", "left", 1, left1);
    if (left2 != 0) s += hold("32", "left", 2, left2);
    s += hold("33", "right", 1, right1);
    if (!end.empty())
        s += t + "36:00+01:00 session=" + id + " event=end status=" + end +
             " points=1 duration=360.0\n";
    return s;
}

Report report_of(const std::string& log, ReportQuery q = {}) {
    if (q.today == 0) q.today = *parse_date("2026-11-30");
    Report r;
    read_report_text(log, q, r);
    return r;
}

}  // namespace

TEST_CASE("report: a series per point and side, with its first and last hold pains") {
    const Report r = report_of(session(2, 7, 5, 6) + session(3, 6, 4, 5) + session(5, 4, 3, 4));
    REQUIRE(r.series.size() == 2);
    CHECK(r.sessions == 3);
    const PainSeries& left = r.series[0];
    CHECK(left.side == "left");
    CHECK(left.sessions == 3);
    CHECK(left.first_pain == 7);
    CHECK(left.latest_pain == 4);
    REQUIRE(left.marks.size() == 3);
    CHECK(left.marks[1].first == 6);
    CHECK(left.marks[1].last == 4);
    CHECK(left.marks[0].x == doctest::Approx(*parse_date("2026-11-02") + 7.5 / 24));
    CHECK(r.series[1].side == "right");
    CHECK(r.series[1].marks[0].last == 6);  // one hold: first and last are the same
    CHECK(series_summary(left) ==
          "pain at first hold fell from 7 to 4 over 3 sessions; within a session it eased from "
          "5.7 to 4 on average");
    // Dose: three holds of 30 s planned and done per session.
    REQUIRE(r.dose.size() == 3);
    CHECK(r.dose[0].planned == 90);
    CHECK(r.dose[0].done == 90);
    REQUIRE(r.days.size() == 3);
    CHECK(r.days[0].minutes == doctest::Approx(6));
    CHECK(r.calendar_to == *parse_date("2026-11-30"));
    CHECK(r.period_from == *parse_date("2026-11-02"));
}

TEST_CASE("report: rehearsals are counted and left out; --since and subjects select") {
    const std::string log =
        session(2, 7, 5, 6) + session(3, 9, 9, 9, "completed", true) + session(4, 5, 4, 5);
    Report r = report_of(log);
    CHECK(r.sessions == 2);
    CHECK(r.rehearsals == 1);
    CHECK(r.series[0].marks.size() == 2);

    ReportQuery since;
    since.since_day = parse_date("2026-11-04");
    r = report_of(log, since);
    CHECK(r.sessions == 1);
    CHECK(r.rehearsals == 0);
    CHECK(r.period_from == *parse_date("2026-11-04"));

    ReportQuery q;
    q.subjects = {"neck.trap", "jaw"};
    r = report_of(log, q);
    CHECK(r.sessions == 2);
    REQUIRE(r.unmatched.size() == 1);
    CHECK(r.unmatched[0] == "jaw");
    q.subjects = {"masseter"};
    r = report_of(log, q);
    CHECK(r.sessions == 0);
    CHECK(r.series.empty());
}

TEST_CASE("report: red flags, skips, soreness and unfinished sessions") {
    std::string log = session(2, -1, 5, 6);  // the left's first hold skipped with s
    log +=
        "time=2026-11-03T07:30:00+01:00 session=R event=start routines=neck clock=real\n"
        "time=2026-11-03T07:30:10+01:00 session=R event=soreness routine=neck pain=6\n"
        "time=2026-11-03T07:31:00+01:00 session=R routine=neck point=trap side=left rep=1 "
        "step=press planned=10 actual=3.0 answer=red-flag\n"
        "time=2026-11-03T07:31:01+01:00 session=R event=end status=red-flag points=1 "
        "duration=61.0\n";
    // A red flag at the soreness question: no step under way.
    log +=
        "time=2026-11-04T07:30:00+01:00 session=Q event=start routines=neck clock=real\n"
        "time=2026-11-04T07:30:05+01:00 session=Q event=end status=red-flag points=0 "
        "duration=5.0\n";
    log += session(5, 5, 4, 4, "");  // killed: no end record
    const Report r = report_of(log);
    CHECK(r.sessions == 4);
    CHECK(r.unfinished == 1);
    REQUIRE(r.red_flags.size() == 2);
    CHECK(r.red_flags[0].time == "2026-11-03T07:31:00+01:00");
    CHECK(r.red_flags[0].step == "press");
    CHECK(r.red_flags[0].side == "left");
    CHECK(r.red_flags[1].step.empty());
    CHECK(r.red_flags[1].time == "2026-11-04T07:30:05+01:00");  // when it stopped
    REQUIRE(r.skips.size() == 1);
    CHECK(r.skips[0].why == "answered s (skip)");
    CHECK(r.skips[0].times == 1);
    REQUIRE(r.soreness.size() == 1);
    CHECK(r.soreness[0].pain == 6);
    // The skipped hold counts in the dose as it ran, not in the pains.
    CHECK(r.dose[0].done == 70);
    CHECK(r.series[0].first_pain == 5);
}

TEST_CASE("report: memory stays bounded on a long log") {
    std::string log;
    for (int y = 2020; y <= 2025; ++y)
        for (int m = 1; m <= 12; ++m)
            for (int d = 1; d <= 28; ++d) {
                const std::string id = std::to_string(y) + two(m) + two(d);
                const std::string t =
                    "time=" + std::to_string(y) + "-" + two(m) + "-" + two(d) + "T07:";
                log.append(t).append("30:00Z session=").append(id);
                log += " event=start routines=neck clock=real\n";
                log.append(t).append("31:00Z session=").append(id);
                log +=
                    " routine=neck point=trap side=left rep=1 step=hold planned=30 actual=30.0 "
                    "pain=";
                log.append(std::to_string(d % 2 ? 4 : 6)).append("\n");
                log.append(t).append("32:00Z session=").append(id);
                log += " event=end status=completed points=1 duration=120.0\n";
            }
    ReportQuery q;
    q.today = *parse_date("2025-12-31");
    const Report r = report_of(log, q);
    CHECK(r.sessions == 6 * 12 * 28);
    REQUIRE(r.series.size() == 1);
    CHECK(r.series[0].marks.size() <= kMaxMarks);
    CHECK(r.series[0].per_mark == 8);
    // Merged marks keep the mean: alternating 4 and 6 average to 5.
    CHECK(r.series[0].marks[10].first == doctest::Approx(5));
    CHECK(r.dose.size() <= kMaxMarks);
    // The calendar keeps 53 weeks; the charts span the whole period.
    CHECK(r.days.size() <= static_cast<std::size_t>(kCalendarDays));
    CHECK(r.calendar_from == *parse_date("2025-12-31") - kCalendarDays + 1);
    CHECK(r.period_from == *parse_date("2020-01-01"));
}

TEST_CASE("report: a side skipped whole is listed with why, from its skip record") {
    std::string log = session(2, 5, 0, 6);
    const std::string skip =
        "time=2026-11-02T07:34:00+01:00 session=S02 event=skip routine=neck point=trap "
        "side=right why=next\n";
    log.insert(log.find("time=2026-11-02T07:36:00"), skip);
    const Report r = report_of(log);
    REQUIRE(r.skips.size() == 1);
    CHECK(r.skips[0].why == "side skipped with n");
    CHECK(r.skips[0].side == "right");
    CHECK(r.skips[0].step.empty());
}

TEST_CASE("report: a damaged line is skipped and counted, the rest still read") {
    ReportQuery q;
    q.today = *parse_date("2026-11-30");
    Report r;
    const LogScan scan =
        read_report_text(session(2, 7, 5, 6) + "not a record\n" + session(3, 6, 5, 5), q, r);
    CHECK(scan.problems.damaged == 1);
    CHECK(r.sessions == 2);
}

TEST_CASE("markup: text from the log never becomes markup") {
    CHECK(xml_text("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
    CHECK(xml_text("x\x01y") == "x?y");
    CHECK(xml_text("bad\xff") == "bad\xEF\xBF\xBD");
    CHECK(xml_text("caf\xC3\xA9") == "caf\xC3\xA9");
    CHECK(markdown_text("a|b*c_d") == "a\\|b\\*c\\_d");
    CHECK(markdown_text("upper-trapezius") == "upper-trapezius");
}

TEST_CASE("svg chart: values land where the geometry says; an empty chart says so") {
    LineChart c;
    c.x_from = 100;
    c.x_to = 110;
    CHECK(chart_x(c, 100) == doctest::Approx(kPlotLeft));
    CHECK(chart_x(c, 110) == doctest::Approx(kChartWidth - kPlotRight));
    CHECK(chart_y(c, 10) == doctest::Approx(kPlotTop));
    CHECK(chart_y(c, 0) == doctest::Approx(kChartHeight - kPlotBottom));
    CHECK(chart_y(c, 14) == doctest::Approx(kPlotTop));  // clamped to the plot
    const std::string empty = svg_line_chart(c);
    CHECK(empty.find("Nothing to draw in this period") != std::string::npos);
    CHECK(empty.find("<polyline") == std::string::npos);

    c.title = "a < b";
    c.band = std::pair<double, double>(5, 7);
    c.lines.push_back({"first", "#1f4e9a", false, {{102.5, 8}}});
    const std::string one = svg_line_chart(c);
    CHECK(one.find("aria-label=\"a &lt; b\"") != std::string::npos);
    // One point: a dot where it belongs, at x = 40 + 2.5/10 * 426 and y = 174 - 0.8 * 162.
    CHECK(one.find("<circle cx=\"146.5\" cy=\"44.4\"") != std::string::npos);
    CHECK(one.find("fill=\"#d8eed8\"") != std::string::npos);
    CHECK(one.find(">2026-") == std::string::npos);  // day 100 is in 1970
    CHECK(one.find(">1970-04-11<") != std::string::npos);
}

TEST_CASE("svg chart: round scales") {
    CHECK(nice_scale(232) == std::pair<double, double>(50, 250));
    CHECK(nice_scale(9) == std::pair<double, double>(2, 10));
    CHECK(nice_scale(0) == std::pair<double, double>(1, 1));
    CHECK(nice_scale(1000) == std::pair<double, double>(200, 1000));
}

TEST_CASE("svg calendar: a square per day, shaded by minutes") {
    const auto from = *parse_date("2026-11-02");  // a Monday
    std::vector<DayWork> days = {{from, 1, 7}, {from + 2, 2, 35}};
    const std::string svg = svg_calendar(days, from, from + 13);
    CHECK(svg.find("<title>2026-11-02: 1 session, 7 min</title>") != std::string::npos);
    CHECK(svg.find("<title>2026-11-04: 2 sessions, 35 min</title>") != std::string::npos);
    CHECK(svg.find("<title>2026-11-03: none</title>") != std::string::npos);
    CHECK(svg.find("2026-11-16") == std::string::npos);
}

TEST_CASE("text plot: axes, band and line in ASCII") {
    TextPlot p;
    const double d = static_cast<double>(*parse_date("2026-11-01"));
    p.points = {{d, 10}, {d + 9, 0}};
    p.band = PainBand{4, 6};
    p.width = 16;
    p.height = 6;
    p.ascii = true;
    auto lines = render_text_plot(p);
    REQUIRE(lines.size() == 8);
    CHECK(lines[0] == " 10 |*");
    CHECK(lines[1] == "  8 | **");
    CHECK(lines[2] == "  6 |...**.....");
    CHECK(lines[3] == "  4 |.....**...");
    CHECK(lines[5] == "  0 |         *");
    CHECK(lines[6] == "    +----------");
    CHECK(lines[7] == "     2026-11-01");  // no room for the last date
    p.width = 36;
    lines = render_text_plot(p);
    CHECK(lines[7] == "     2026-11-01          2026-11-10");
    // Braille: four dots a row, two a column; the band is a light shade.
    p.ascii = false;
    lines = render_text_plot(p);
    CHECK(lines[0].starts_with(" 10 \u2502\u2809"));  // dots 1 and 4: the top of the line
    CHECK(lines[2].find("\u2591") != std::string::npos);
}

TEST_CASE("day table: days by routines, minutes and the mean pain at first hold") {
    const auto from = *parse_date("2026-11-02");
    DayTableBuilder b(from, from + 2);
    scan_sessions_text(
        session(2, 7, 5, 6) + session(4, 4, 3, 4) + session(3, 9, 9, 9, "completed", true),
        [&](LoggedSession&& s) { b.add(s); });
    const auto lines = render_day_table(b.rows(), from, from + 2);
    REQUIRE(lines.size() == 7);
    CHECK(lines[0] == "Wk  Date       Day Routines Sessions     Time  Pain    Total");
    CHECK(lines[2] == "W45 2026-11-02 Mon neck            1  0:06:00     7  0:06:00");
    CHECK(lines[3] == "    2026-11-03 Tue");
    CHECK(lines[4] == "    2026-11-04 Wed neck            1  0:06:00     4  0:06:00");
    CHECK(lines[6] == "                                                     0:12:00");
}

TEST_CASE("log time: dates back and forth, places on a time axis") {
    CHECK(date_string(*parse_date("2026-02-28") + 1) == "2026-03-01");
    CHECK(date_string(0) == "1970-01-01");
    CHECK(date_string(-1) == "1969-12-31");
    CHECK(day_position(10, "2026-11-02T18:00:00+01:00") == doctest::Approx(10.75));
    CHECK(day_position(10, "nonsense") == 10);
}
