// `knead history POINT --plot`: a line chart drawn with text, for a terminal. Braille
// dots (2 x 4 per character cell) when the terminal takes Unicode, else ASCII.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "knead/routine.hpp"

namespace knead {

struct TextPlot {
    std::vector<std::pair<double, double>> points;  // x in days (see day_position), pain 0-10
    std::optional<PainBand> band;                   // shaded behind the line
    int width = 80;                                 // columns for the whole chart, labels included
    int height = 12;                                // rows of the plot area
    bool ascii = false;
};

// The chart as lines: a pain axis 0-10 on the left, the band shaded, the line through
// the points oldest to newest, and dates under the time axis. No trailing spaces.
std::vector<std::string> render_text_plot(const TextPlot& p);

}  // namespace knead
