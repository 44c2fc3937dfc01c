// A quick reader for plain TOML, the part of the language routines are written in: bare
// keys, [table] and [[array]] headers of one bare name, basic and literal strings on one
// line, decimal integers, booleans and arrays of those. toml11 costs several times more
// on such a file. The reader declines anything else, and anything wrong, so that toml11
// reads those files and every message still comes from one parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knead/toml_document.hpp"

namespace knead {

struct PlainNode {
    TomlValue::Kind kind = TomlValue::Kind::table;
    std::size_t offset = 0;  // where toml11's region of the value starts in the text
    bool boolean = false;
    std::int64_t integer = 0;
    std::string string;
    std::vector<PlainNode> items;  // an array's
    std::vector<PlainNode> table;  // a table's values, sorted by key
    std::string key;               // the key of a table's value
    bool header = false;           // made by a [table] or [[array]] header, not by `key =`

    const PlainNode* find(std::string_view name) const;
};

// The tree toml11 would build from `text` (the same values, keys and positions), or
// nullopt when the text is not plain TOML or is not valid.
std::optional<PlainNode> read_plain_toml(std::string_view text);

}  // namespace knead
