// Time left, and the step's name and side, in large block letters, readable from the floor.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace knead {

// The glyphs are 3 cells wide and 5 high, drawn at any height: with Unicode half blocks
// from 3 rows up (two cells of height per row), with '#' (`ascii`) from 5 rows up.
inline constexpr int kBigDigitRows = 5;

// The smallest height big_text() draws at.
int big_min_rows(bool ascii);

// `text` (digits, ':', letters, blanks; other characters draw as blanks) as `rows`
// lines of equal width, the glyphs scaled to that height. Letters are drawn in capitals.
std::vector<std::string> big_text(std::string_view text, int rows, bool ascii);

// The width in columns of big_text(text, rows, ...).
int big_text_width(std::string_view text, int rows);

// "1:23" for 83 seconds; negative counts as 0.
std::string time_text(int seconds);

}  // namespace knead
