// The report's charts as inline SVG: a line chart over time with an optional shaded band,
// and a calendar of days worked. Pure geometry and text; the page places them.
//
// A line chart's viewBox is kChartWidth x kChartHeight. Its plot area runs from
// kPlotLeft to kChartWidth - kPlotRight across and from kPlotTop to
// kChartHeight - kPlotBottom down; x and y map linearly onto it (y_max at the top). The
// geometry is fixed so that a test can say where a value must be drawn.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "knead/report.hpp"

namespace knead {

// Small enough that its 13-unit labels stay legible when a phone shrinks it to 360 pixels.
inline constexpr double kChartWidth = 480;
inline constexpr double kChartHeight = 210;
inline constexpr double kPlotLeft = 40;
inline constexpr double kPlotRight = 14;
inline constexpr double kPlotTop = 12;
inline constexpr double kPlotBottom = 36;

struct ChartLine {
    std::string label;
    std::string color;  // an SVG colour, e.g. "#1f4e9a"
    bool dashed = false;
    std::vector<std::pair<double, double>> points;  // x (days), y
};

struct LineChart {
    std::string title;  // for screen readers and tooltips
    double x_from = 0;  // days, as PainMark::x
    double x_to = 1;
    double y_min = 0;
    double y_max = 10;
    double y_step = 2;                              // a grid line and label every so much
    std::string y_unit;                             // after the top label, e.g. "s"
    std::optional<std::pair<double, double>> band;  // shaded from .first to .second
    std::vector<ChartLine> lines;
};

// Where a value lands in the chart's viewBox.
double chart_x(const LineChart& c, double x);
double chart_y(const LineChart& c, double y);

// The chart as one <svg> element; a chart without points says so in its plot area.
std::string svg_line_chart(const LineChart& c);

// Days from `from` to `to` (inclusive) as a grid, a column per week Monday to Sunday,
// each day shaded by the minutes worked.
std::string svg_calendar(const std::vector<DayWork>& days, std::int64_t from, std::int64_t to);

// A round step for grid lines from 0 to `max`, and `max` rounded up to it.
std::pair<double, double> nice_scale(double max);

}  // namespace knead
