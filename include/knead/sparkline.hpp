// Pain 0-10 as a row of bars, one column per value: a trend readable at a glance.
#pragma once

#include <span>
#include <string>

namespace knead {

// Unicode eighth blocks (U+2581..U+2588), or with `ascii` the characters _.-:=+*#, from
// low to high. Values outside 0-10 are clamped.
std::string sparkline(std::span<const int> pains, bool ascii);

}  // namespace knead
