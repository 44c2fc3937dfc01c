// A parsed TOML file, seen through a small interface, so that only one translation unit
// includes toml11 (slow to compile) and the loaders are plain C++.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knead/diagnostic.hpp"
#include "knead/toml_guard.hpp"

namespace knead {

struct ParsedToml;

// One value of a parsed document. Cheap to copy; valid while its TomlDocument lives.
class TomlValue {
  public:
    enum class Kind { boolean, integer, floating, string, array, table, other };

    Kind kind() const;
    bool is(Kind k) const { return kind() == k; }
    // "an integer", "a string"...: for messages.
    std::string_view kind_name() const;

    bool as_bool() const;
    std::int64_t as_int() const;
    double as_float() const;
    const std::string& as_string() const;
    std::vector<TomlValue> items() const;   // an array's items
    std::vector<std::string> keys() const;  // a table's keys, sorted
    std::optional<TomlValue> get(std::string_view key) const;

    // Where the value is (looked up in a line index: cheap).
    Where where() const;
    // Where `key` (whose value this is) is written: the key, when it is on the value's
    // line, else the value.
    Where where_key(std::string_view key) const;

  private:
    friend struct TomlAccess;
    TomlValue(const void* v, const ParsedToml* doc) : v_(v), doc_(doc) {}
    const void* v_;
    const ParsedToml* doc_;
};

class TomlDocument {
  public:
    TomlValue root() const;

  private:
    friend struct TomlAccess;
    std::shared_ptr<const ParsedToml> holder_;
};

// Parses `text`, first refusing what would make the parser misbehave (see
// check_toml_text). Problems go to `out` as diagnostics naming `display`; nullopt when
// there is no document to read.
std::optional<TomlDocument> parse_toml(std::string_view text, const std::string& display,
                                       std::vector<Diagnostic>& out, int max_nesting = 32);

}  // namespace knead
