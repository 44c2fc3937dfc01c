// Skipping TOML strings and comments, for the scanners that read a TOML text without the
// parser (the guard's nesting count, the shape check, the search for a bad date): one
// way to find where a string ends, so that they never disagree about what is inside one.
#pragma once

#include <cstddef>
#include <string_view>

namespace knead {

struct StringEnd {
    std::size_t end;  // just past the closing quote(s); for a string not closed, see below
    bool closed;
};

// The string that starts at s[at], which is ' or " (one or three of them). Escapes count
// only in "basic" strings. A one-line string not closed ends at its line break (`end` is
// that break's offset), a multi-line one at the end of `s`. A multi-line string may end
// in up to two quotes of its own before the closing three: """a"""" is `a"`.
StringEnd skip_toml_string(std::string_view s, std::size_t at);

// The comment that starts at s[at] ('#'): the offset of the line break that ends it, or
// s.size().
std::size_t skip_toml_comment(std::string_view s, std::size_t at);

}  // namespace knead
