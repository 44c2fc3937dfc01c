// Just enough JSON to write it: a string literal, quoted and escaped.
#pragma once

#include <string>
#include <string_view>

namespace knead {

// `s` as a JSON string literal with its quotes. Quotes, backslashes and control
// characters are escaped; bytes that are not valid UTF-8 become U+FFFD, so the output
// stays valid JSON whatever the input (a query comes straight from the command line).
std::string json_string(std::string_view s);

}  // namespace knead
