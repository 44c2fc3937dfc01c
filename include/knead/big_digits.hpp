// Time left in large block digits, readable from the floor.
#pragma once

#include <string>
#include <vector>

namespace knead {

inline constexpr int kBigDigitRows = 5;

// "0:23" as kBigDigitRows lines of blocks (Unicode full blocks, or '#' when `ascii`).
std::vector<std::string> big_time(int seconds, bool ascii);

// The width in columns of big_time(seconds, ...).
int big_time_width(int seconds);

}  // namespace knead
