// Word wrapping for plain terminal text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace knead {

// Breaks `text` at blanks into lines of at most `width` columns (display_width: `ä` is
// one column, a CJK character two); the first line starts with
// `first`, the others with `rest` (a hanging indent). A word longer than a line gets a
// line of its own rather than being cut.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width,
                                   std::string_view first = "", std::string_view rest = "");

// Wraps one line of a two-column listing ("  --log FILE   Append the session..."): the
// continuation lines start where its text column does: at `column` when the label ends
// just before it, else after the first run of two or more blanks past the label, else
// under its leading blanks. A line that fits is returned as it is, blanks and all.
std::vector<std::string> wrap_listing(std::string_view line, std::size_t width,
                                      std::size_t column = 0);

}  // namespace knead
