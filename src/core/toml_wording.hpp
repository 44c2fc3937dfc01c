// knead's own sentence for a TOML syntax error: what is wrong and how to fix it, in place
// of the parser's wording (which names its internals, or the wrong cause).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "knead/toml_guard.hpp"

namespace knead {

struct Worded {
    std::string message;      // without the "syntax error: " prefix
    std::optional<Where> at;  // a better position than the parser's, when known
};

// `headline` and `note` are the parser's; `text` is the file, `at` where it points, and
// `first` the first line its message shows (for a key defined twice, the first one).
Worded syntax_wording(std::string_view headline, std::string_view note, std::string_view text,
                      const LineIndex& lines, Where at, std::optional<int> first);

}  // namespace knead
