// UTF-8 checks: routine files must be UTF-8, and JSON output must stay valid UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace knead {

// The length of the valid UTF-8 sequence that starts at s[i], or 0 when there is none.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// The offset of the first byte that does not start a valid UTF-8 sequence, if any.
// Overlong forms, surrogates and code points past U+10FFFF are invalid.
std::optional<std::size_t> invalid_utf8(std::string_view s);

// The length in code points of valid UTF-8 text.
std::size_t utf8_length(std::string_view s);

}  // namespace knead
