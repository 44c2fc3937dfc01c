// The only translation unit that includes toml11.
#include "knead/toml_document.hpp"

#include "knead/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>
#include <toml.hpp>

namespace knead {

using Value = toml::basic_value<toml::discard_comments, std::map, std::vector>;

struct TomlAccess {
    static const Value& value(const TomlValue& v) { return *static_cast<const Value*>(v.v_); }
    static TomlValue wrap(const Value& v) { return TomlValue(&v); }
    static void hold(TomlDocument& d, std::shared_ptr<const Value> root) { d.holder_ = root; }
    static const Value& root(const TomlDocument& d) {
        return *static_cast<const Value*>(d.holder_.get());
    }
};

namespace {

const Value& val(const TomlValue& v) {
    return TomlAccess::value(v);
}

Where where_offset(std::string_view s, std::size_t offset) {
    Where w;
    for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
        if (s[i] == '\n') {
            ++w.line;
            w.column = 1;
        } else {
            ++w.column;
        }
    }
    return w;
}

// toml11's parser and its tables recurse on every level of nesting: arrays, inline
// tables, and the parts of dotted keys and [table.headers]. Bound the depth before it
// runs so that a hostile file cannot exhaust the stack. Strings and comments are skipped.
std::optional<std::size_t> too_deep(std::string_view s, int max_nesting) {
    std::vector<char> open;  // the brackets of values that are open
    int table = 0;           // the parts of the last [table] header
    int key = 0;             // the dots in the key being read
    bool in_key = true;      // at a key: a line's start, or inside an inline table
    bool in_header = false;
    int header = 0;
    // A key of n parts nests n - 1 tables below the one it is written in.
    auto deeper = [&](int parts) {
        return table + std::max(parts - 1, 0) + static_cast<int>(open.size()) > max_nesting;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        if (ch == '#') {
            while (i + 1 < s.size() && s[i + 1] != '\n') ++i;
        } else if (ch == '"' || ch == '\'') {
            bool multi = s.substr(i, 3) == std::string(3, ch);
            std::string_view close = multi ? s.substr(i, 3) : s.substr(i, 1);
            i += close.size();
            while (i < s.size() && s.substr(i, close.size()) != close) {
                if (ch == '"' && s[i] == '\\') ++i;
                if (!multi && i < s.size() && s[i] == '\n') break;
                ++i;
            }
            i += close.size() - 1;
        } else if (ch == '\n') {
            if (open.empty()) {
                in_key = true;
                key = 0;
            }
        } else if (in_header) {
            if (ch == '.' && ++header > max_nesting) return i;
            if (ch == ']') {
                in_header = false;
                table = header;
            }
        } else if (ch == '[' && in_key && open.empty()) {
            while (i + 1 < s.size() && s[i + 1] == '[') ++i;  // [[array.of.tables]]
            in_header = true;
            header = 1;
        } else if (in_key && ch == '.') {
            if (deeper(++key + 1)) return i;  // a key of n dots has n + 1 parts
        } else if (in_key && ch == '=') {
            in_key = false;
        } else if (ch == '[' || ch == '{') {
            open.push_back(ch);
            if (deeper(key + 1)) return i;
            if (ch == '{') {
                in_key = true;
                key = 0;
            }
        } else if ((ch == ']' || ch == '}') && !open.empty()) {
            open.pop_back();
        } else if (ch == ',' && !open.empty() && open.back() == '{') {
            in_key = true;
            key = 0;
        }
    }
    return std::nullopt;
}

// toml11 explains a syntax error over several lines, with carets under the culprit;
// keep its first sentence and the last caret's position and note.
Diagnostic syntax_diagnostic(const std::string& file, const toml::exception& e) {
    std::istringstream in(e.what());
    std::string line, headline, note;
    Where w{static_cast<int>(e.location().line()), static_cast<int>(e.location().column())};
    std::optional<int> source_line;
    static const std::regex source(R"(^\s*(\d+) \| .*$)");
    static const std::regex caret(R"(^(\s*\| )(\s*)[\^~]+-*\s*(.*)$)");
    std::smatch m;
    while (std::getline(in, line)) {
        if (headline.empty()) {
            headline = line;
        } else if (std::regex_match(line, m, source)) {
            source_line = std::stoi(m[1]);
        } else if (source_line && std::regex_match(line, m, caret)) {
            w = {*source_line, static_cast<int>(m[2].length()) + 1};
            note = m[3];
        }
    }
    static const std::regex prefix(R"(^\[error\]\s*(toml::\w+:?\s*)?)");
    std::string msg = std::regex_replace(headline, prefix, "");
    if (!note.empty() && note != "here") msg += msg.empty() ? note : ": " + note;
    if (msg.empty()) msg = "invalid TOML";
    return {file, w.line, w.column, Severity::error, "syntax error: " + msg};
}

}  // namespace

TomlValue::Kind TomlValue::kind() const {
    switch (val(*this).type()) {
        case toml::value_t::boolean:
            return Kind::boolean;
        case toml::value_t::integer:
            return Kind::integer;
        case toml::value_t::floating:
            return Kind::floating;
        case toml::value_t::string:
            return Kind::string;
        case toml::value_t::array:
            return Kind::array;
        case toml::value_t::table:
            return Kind::table;
        default:
            return Kind::other;
    }
}

std::string_view TomlValue::kind_name() const {
    switch (kind()) {
        case Kind::boolean:
            return "a boolean";
        case Kind::integer:
            return "an integer";
        case Kind::floating:
            return "a decimal number";
        case Kind::string:
            return "a string";
        case Kind::array:
            return "an array";
        case Kind::table:
            return "a table";
        case Kind::other:
            return "a date or time";
    }
    return "a value";
}

bool TomlValue::as_bool() const {
    return val(*this).as_boolean();
}
std::int64_t TomlValue::as_int() const {
    return val(*this).as_integer();
}
double TomlValue::as_float() const {
    return val(*this).as_floating();
}
const std::string& TomlValue::as_string() const {
    return val(*this).as_string().str;
}

std::vector<TomlValue> TomlValue::items() const {
    std::vector<TomlValue> out;
    for (const auto& item : val(*this).as_array()) out.push_back(TomlAccess::wrap(item));
    return out;
}

std::vector<std::string> TomlValue::keys() const {
    std::vector<std::string> out;
    for (const auto& [key, v] : val(*this).as_table()) out.push_back(key);
    return out;
}

std::optional<TomlValue> TomlValue::get(std::string_view key) const {
    const auto& table = val(*this).as_table();
    auto it = table.find(std::string(key));
    if (it == table.end()) return std::nullopt;
    return TomlAccess::wrap(it->second);
}

Where TomlValue::where() const {
    auto loc = val(*this).location();
    return {static_cast<int>(loc.line()), static_cast<int>(loc.column())};
}

Where TomlValue::where_key(std::string_view key) const {
    auto loc = val(*this).location();
    Where w{static_cast<int>(loc.line()), static_cast<int>(loc.column())};
    auto pos = loc.line_str().find(key);
    if (pos != std::string::npos && pos < static_cast<std::size_t>(w.column))
        w.column = static_cast<int>(pos) + 1;
    return w;
}

TomlValue TomlDocument::root() const {
    return TomlAccess::wrap(TomlAccess::root(*this));
}

std::optional<TomlDocument> parse_toml(std::string_view text, const std::string& display,
                                       std::vector<Diagnostic>& out, int max_nesting) {
    auto error = [&](Where w, std::string msg) {
        out.push_back({display, w.line, w.column, Severity::error, std::move(msg)});
        return std::nullopt;
    };
    if (text.find('\0') != std::string_view::npos) {
        out.push_back({display, 0, 0, Severity::error, "this is a binary file, not TOML text"});
        return std::nullopt;
    }
    if (auto bad = invalid_utf8(text))
        return error(where_offset(text, *bad), "invalid UTF-8: save the file as UTF-8 text");
    if (auto deep = too_deep(text, max_nesting))
        return error(where_offset(text, *deep),
                     fmt::format("nested more than {} levels deep", max_nesting));
    try {
        std::istringstream in{std::string(text)};
        auto root = std::make_shared<const Value>(
            toml::parse<toml::discard_comments, std::map, std::vector>(in, display));
        TomlDocument doc;
        TomlAccess::hold(doc, std::move(root));
        return doc;
    } catch (const toml::exception& e) {
        out.push_back(syntax_diagnostic(display, e));
    } catch (const std::exception& e) {
        // toml11 throws std::length_error and the like on some malformed input.
        out.push_back(
            {display, 0, 0, Severity::error, fmt::format("cannot read the TOML: {}", e.what())});
    }
    return std::nullopt;
}

}  // namespace knead
