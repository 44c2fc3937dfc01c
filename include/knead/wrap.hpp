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

}  // namespace knead
