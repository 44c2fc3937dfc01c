// The shape of a TOML text (its keys, headers and which values are arrays), read without
// toml11, to refuse what toml11 3.7.1 crashes on: a key or header that reaches inside an
// array written with `= [...]`. Such an array has a fixed size; TOML forbids adding to
// it, and toml11 dereferences a null pointer when it is empty.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace knead {

struct ShapeProblem {
    std::size_t offset;  // of the key or header that reaches inside the array
    std::size_t array;   // of the key that made the array
    std::string message;
};

// The first key or header that adds to an array written inline. Stops quietly at the
// first thing it does not understand: toml11 stops there too, with a syntax error.
std::optional<ShapeProblem> extends_static_array(std::string_view text);

}  // namespace knead
