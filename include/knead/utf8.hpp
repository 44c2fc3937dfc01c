// UTF-8 checks: routine files must be UTF-8, and JSON output must stay valid UTF-8.
// And the columns text takes on a terminal, to wrap and fit it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace knead {

// The length of the valid UTF-8 sequence that starts at s[i], or 0 when there is none.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// The offset of the first byte that does not start a valid UTF-8 sequence, if any.
// Overlong forms, surrogates and code points past U+10FFFF are invalid.
std::optional<std::size_t> invalid_utf8(std::string_view s);

// The length in code points of valid UTF-8 text.
std::size_t utf8_length(std::string_view s);

// `s` safe to show on a terminal or in a TSV cell: each control character (C0 with tab
// and newline, DEL, and C1 as UTF-8) and each byte that is not valid UTF-8 becomes `?`,
// so text from a file or the command line cannot move the cursor or change colours.
std::string printable(std::string_view s);
// printable(s) appended to `out`, for a caller that builds a line of many fields.
void append_printable(std::string& out, std::string_view s);

// The columns `s` takes on a terminal: most characters one, East Asian wide ones and
// emoji two, combining marks and control characters none. CSI escape sequences
// (colours) take none; a byte that is not valid UTF-8 counts as one. Its own table,
// not wcwidth(): that needs the user's locale set, and differs between systems.
std::size_t display_width(std::string_view s);

// `s` cut to at most `columns` columns on a character boundary, escape sequences kept;
// a colour still on where it is cut is turned off.
std::string fit_width(std::string_view s, std::size_t columns);

}  // namespace knead
