#include "knead/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "knead/log_time.hpp"
#include "knead/markup.hpp"

namespace knead {
namespace {

constexpr const char* kFont = "font-family=\"sans-serif\" font-size=\"13\" fill=\"#333\"";

// Coordinates with one decimal: enough for any screen, and stable text for golden files.
std::string num(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    if (s == "-0") s = "0";
    return s;
}

std::string label(double v) {
    return std::abs(v - std::round(v)) < 1e-9 ? fmt::format("{}", std::llround(v))
                                              : fmt::format("{:.1f}", v);
}

// Date labels for [from, to): at whole days, a round number of days apart, at most four.
std::vector<std::int64_t> date_ticks(double from, double to) {
    static constexpr std::array<std::int64_t, 12> kSteps = {1,  2,   7,   14,  28,   56,
                                                            91, 182, 364, 728, 1456, 2912};
    const auto first = static_cast<std::int64_t>(std::ceil(from));
    const auto last = static_cast<std::int64_t>(std::floor(to - 1e-9));
    std::vector<std::int64_t> out;
    if (last < first) return out;
    std::int64_t step = kSteps.back();
    for (auto s : kSteps)
        if ((last - first) / s <= 3) {
            step = s;
            break;
        }
    for (std::int64_t d = first; d <= last; d += step) out.push_back(d);
    return out;
}

}  // namespace

double chart_x(const LineChart& c, double x) {
    const double span = c.x_to > c.x_from ? c.x_to - c.x_from : 1;
    return kPlotLeft + (x - c.x_from) / span * (kChartWidth - kPlotLeft - kPlotRight);
}

double chart_y(const LineChart& c, double y) {
    const double span = c.y_max > c.y_min ? c.y_max - c.y_min : 1;
    const double bottom = kChartHeight - kPlotBottom;
    return bottom - (std::clamp(y, c.y_min, c.y_max) - c.y_min) / span * (bottom - kPlotTop);
}

std::pair<double, double> nice_scale(double max) {
    if (!(max > 0)) return {1, 1};
    static constexpr std::array<double, 3> kMantissa = {1, 2, 5};
    double step = 1;
    for (std::size_t k = 0; max / step > 5; ++k) {
        const std::size_t decade = k / 3;
        step = kMantissa[k % 3] * std::pow(10.0, static_cast<double>(decade));
    }
    return {step, std::ceil(max / step - 1e-9) * step};
}

std::string svg_line_chart(const LineChart& c) {
    const double left = kPlotLeft;
    const double right = kChartWidth - kPlotRight;
    const double top = kPlotTop;
    const double bottom = kChartHeight - kPlotBottom;
    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
        "height=\"{1}\" role=\"img\" aria-label=\"{2}\">\n<title>{2}</title>\n"
        "<rect width=\"{0}\" height=\"{1}\" fill=\"#fff\"/>\n",
        num(kChartWidth), num(kChartHeight), xml_text(c.title));

    std::size_t count = 0;
    for (const auto& l : c.lines) count += l.points.size();
    if (count == 0) {
        out += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>\n"
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" {}>Nothing to draw in this "
            "period</text>\n</svg>",
            num(left), num(top), num(right - left), num(bottom - top), num((left + right) / 2),
            num((top + bottom) / 2), kFont);
        return out;
    }

    if (c.band) {
        const double y1 = chart_y(c, c.band->second);
        const double y0 = chart_y(c, c.band->first);
        out +=
            fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#d8eed8\"/>\n",
                        num(left), num(y1), num(right - left), num(y0 - y1));
    }
    // The grid and the value labels, then the dates along the bottom.
    for (double v = c.y_min; v <= c.y_max + 1e-9; v += c.y_step) {
        const double y = chart_y(c, v);
        out += fmt::format(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#ddd\"/>\n"
            "<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\" {5}>{6}</text>\n",
            num(left), num(y), num(right), num(left - 5), num(y + 4), kFont,
            label(v) + (v + c.y_step > c.y_max + 1e-9 ? xml_text(c.y_unit) : ""));
    }
    for (std::int64_t d : date_ticks(c.x_from, c.x_to)) {
        const double x = chart_x(c, static_cast<double>(d));
        const std::string date = date_string(d);
        out += fmt::format(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#333\"/>\n"
            "<text x=\"{0}\" y=\"{3}\" text-anchor=\"{4}\" {5}>{6}</text>\n",
            num(x), num(bottom), num(bottom + 4), num(bottom + 18),
            x < left + 40    ? "start"
            : x > right - 40 ? "end"
                             : "middle",
            kFont, date);
    }
    out += fmt::format(
        "<polyline points=\"{0},{1} {0},{2} {3},{2}\" fill=\"none\" stroke=\"#333\"/>\n", num(left),
        num(top), num(bottom), num(right));

    // Markers while they stay apart; beyond that the line alone reads better.
    const bool markers = count <= 60 * c.lines.size();
    for (const auto& l : c.lines) {
        if (l.points.empty()) continue;
        std::string points;
        for (const auto& [x, y] : l.points)
            points += fmt::format("{}{},{}", points.empty() ? "" : " ", num(chart_x(c, x)),
                                  num(chart_y(c, y)));
        out += fmt::format(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}>"
            "<title>{}</title></polyline>\n",
            points, xml_text(l.color), l.dashed ? " stroke-dasharray=\"7 4\"" : "",
            xml_text(l.label));
        if (!markers && l.points.size() > 1) continue;
        for (const auto& [x, y] : l.points)
            out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>\n",
                               num(chart_x(c, x)), num(chart_y(c, y)), l.dashed ? "3" : "4",
                               xml_text(l.color));
    }
    out += "</svg>";
    return out;
}

std::string svg_calendar(const std::vector<DayWork>& days, std::int64_t from, std::int64_t to) {
    constexpr double kCell = 14;
    constexpr double kPitch = 17;
    constexpr double kLeft = 34;
    constexpr double kTop = 20;
    const std::int64_t first_week = week_start(from);
    const std::int64_t weeks = (week_start(to) - first_week) / 7 + 1;
    const double width = kLeft + static_cast<double>(weeks) * kPitch + 4;
    const double height = kTop + 7 * kPitch + 4;
    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
        "height=\"{1}\" style=\"max-width:{2}px\" role=\"img\" aria-label=\"Days worked\">\n"
        "<title>Days worked</title>\n<rect width=\"{0}\" height=\"{1}\" fill=\"#fff\"/>\n",
        num(width), num(height), num(width * 1.5));
    static constexpr std::array<const char*, 7> kDays = {"Mon", "", "Wed", "", "Fri", "", ""};
    for (int i = 0; i < 7; ++i)
        if (*kDays[static_cast<std::size_t>(i)])
            out += fmt::format(
                "<text x=\"0\" y=\"{}\" font-family=\"sans-serif\" "
                "font-size=\"11\" fill=\"#333\">{}</text>\n",
                num(kTop + i * kPitch + 11), kDays[static_cast<std::size_t>(i)]);
    std::size_t k = 0;
    for (std::int64_t w = 0; w < weeks; ++w) {
        const double x = kLeft + static_cast<double>(w) * kPitch;
        // A month's label over the first week and over the week holding its first day,
        // unless that would run into the previous label.
        for (int i = 0; i < 7; ++i) {
            const std::string date = date_string(first_week + w * 7 + i);
            if ((w == 0 && i == 0) || (date.ends_with("-01") && w >= 3 && w + 2 < weeks))
                out += fmt::format(
                    "<text x=\"{}\" y=\"13\" font-family=\"sans-serif\" "
                    "font-size=\"11\" fill=\"#333\">{}</text>\n",
                    num(x), date.substr(0, 7));
        }
        for (int i = 0; i < 7; ++i) {
            const std::int64_t day = first_week + w * 7 + i;
            if (day < from || day > to) continue;
            while (k < days.size() && days[k].day < day) ++k;
            const DayWork* work = k < days.size() && days[k].day == day ? &days[k] : nullptr;
            const double m = work ? work->minutes : 0;
            const char* fill = !work    ? "#ebedf0"
                               : m < 10 ? "#b7dfa0"
                               : m < 20 ? "#6cbf5c"
                               : m < 30 ? "#2e8b3a"
                                        : "#145a22";
            std::string what = work ? fmt::format("{}: {} session{}, {:.0f} min", date_string(day),
                                                  work->sessions, work->sessions == 1 ? "" : "s", m)
                                    : date_string(day) + ": none";
            out += fmt::format(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}><title>{}</title>"
                "</rect>\n",
                num(x), num(kTop + i * kPitch), num(kCell), num(kCell), fill,
                work ? "" : " stroke=\"#d0d3d8\"", what);
        }
    }
    out += "</svg>";
    return out;
}

}  // namespace knead
