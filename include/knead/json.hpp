// The one JSON writer: every command that prints JSON builds it with JsonWriter.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace knead {

// The version of every JSON document knead prints (its "version" field; docs/json.md).
// Documents without the field are version 1. Bump it when a field is renamed or removed.
inline constexpr int kJsonVersion = 2;

// `s` as a JSON string literal with its quotes. Quotes, backslashes and control
// characters are escaped; bytes that are not valid UTF-8 become U+FFFD, so the output
// stays valid JSON whatever the input (a query comes straight from the command line).
std::string json_string(std::string_view s);

// Builds one JSON value, compact, with one layout for every command: an object that is an
// element of an array starts a line of its own, and such an array closes on its own line,
// so that each record (a match, a session, a diagnostic) is one line for line tools.
// Commas come by themselves. Calls must nest as JSON does (a key before each value in an
// object); text() is whole once every object and array is closed.
class JsonWriter {
  public:
    // An object whose first field is "version": kJsonVersion, as every document starts.
    static JsonWriter document();

    JsonWriter& object();
    JsonWriter& array();
    JsonWriter& end();  // closes the innermost object or array
    JsonWriter& key(std::string_view k);

    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    template <std::integral T>
    requires(!std::same_as<T, bool>) JsonWriter& value(T n) {
        return integer(static_cast<std::int64_t>(n));
    }
    JsonWriter& value(std::optional<int> n) { return n ? integer(*n) : null(); }
    // A number with `decimals` digits after the point; null when it is not finite.
    JsonWriter& number(double v, int decimals);
    JsonWriter& number(std::optional<double> v, int decimals) {
        return v ? number(*v, decimals) : null();
    }
    JsonWriter& null();
    // An array of strings, on the line it is on.
    JsonWriter& strings(const std::vector<std::string>& v);

    // The document so far; with a final newline once it is whole.
    std::string text() const;
    // The text written since the last take(), which is then forgotten: a long document
    // can be printed as it is built. The parts, in order, make text().
    std::string take();

  private:
    struct Level {
        bool is_object;
        bool empty = true;
        bool had_object = false;  // an array holding objects closes on a line of its own
    };
    JsonWriter& integer(std::int64_t n);
    void before_value(bool is_object);
    std::string out_;
    std::vector<Level> open_;
    bool after_key_ = false;
};

}  // namespace knead
