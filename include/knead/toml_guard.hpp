// What stands between toml11 and a hostile file. The parser recurses, costs time in the
// square of a line's length, and counts a value's line from the start of the file; these
// checks run before it, positions come from a line index instead, and its multi-line
// errors become one printable line. Free of toml11, so it is cheap to include.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "knead/diagnostic.hpp"

namespace knead {

// A position in a file, 1-based.
struct Where {
    int line = 1;
    int column = 1;
};

inline constexpr std::size_t kMaxTomlLine = 4096;  // bytes

// Refuses what the parser must not see: NUL bytes, invalid UTF-8, nesting deeper than
// `max_nesting` (arrays, inline tables and dotted keys all count), a line longer than
// kMaxTomlLine, a key or header that adds to an array written inline (toml11 crashes on
// it). Reports the first problem to `out` and returns false.
bool check_toml_text(std::string_view text, const std::string& display, int max_nesting,
                     std::vector<Diagnostic>& out);

// Line and column of a byte offset, found by binary search.
class LineIndex {
  public:
    explicit LineIndex(std::string_view text);
    Where at(std::size_t offset) const;
    int lines() const { return static_cast<int>(starts_.size()); }
    std::size_t start_of(int line) const { return starts_[static_cast<std::size_t>(line) - 1]; }

  private:
    std::vector<std::size_t> starts_;  // the offset of each line's first byte
    std::size_t size_ = 0;
};

// toml11's syntax error (its what(): a headline, then the source with carets under the
// culprit) as one diagnostic in knead's words, at the last caret, or at `fallback` when
// there is none. Positions past the end of `text` are moved to its end.
Diagnostic toml_syntax_diagnostic(const std::string& file, std::string_view what, Where fallback,
                                  std::string_view text);

// `s` as one printable line: control characters written as \xNN, cut after `max` bytes.
std::string one_line(std::string_view s, std::size_t max = 300);

}  // namespace knead
