// A picture of where a routine's points send pain: a plain-text body outline, front and
// back side by side, with each point's referral areas marked by the point's letter.
#pragma once

#include <string>
#include <vector>

#include "knead/routine.hpp"

namespace knead {

// The mark of the point at `index`: A-Z, then a-z, then '*' for any further point.
char point_mark(std::size_t index);

// How many cells of the outline the spot `code` of body_words.cpp covers; 0 for a code the
// outline does not have.
std::size_t spot_cells(char code);

// The picture's lines (ASCII only, no colour, at most 72 columns), a blank line, then the
// legend wrapped to `width` columns: each point's mark, name and referral areas. A spot
// that more than one point refers to shows the point that names it earliest in its
// `refers_to` (its main area), or '+' when several name it equally early; areas with no
// spot on the outline are named in the legend only.
std::vector<std::string> draw_body_map(const Routine& r, std::size_t width = 80);

// The same for a window `width` columns wide. A window narrower than the picture gets the
// legend alone (a cut body is no help), and `picture_left_out` says so.
struct WindowMap {
    std::vector<std::string> lines;
    bool picture_left_out = false;
};
WindowMap body_map_for_window(const Routine& r, std::size_t width);

}  // namespace knead
