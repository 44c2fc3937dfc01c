// The only translation unit that includes toml11.
#include "knead/toml_document.hpp"

#include <fmt/format.h>

#include <array>
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

// The position of the first byte that is not valid UTF-8, if any.
std::optional<std::size_t> invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = b < 0x80           ? 1
                          : (b >> 5) == 0x6  ? 2
                          : (b >> 4) == 0xE  ? 3
                          : (b >> 3) == 0x1E ? 4
                                             : 0;
        if (len == 0 || i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return i;
        std::uint32_t cp = len == 1 ? b : b & (0xFF >> (len + 1));
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
        static constexpr std::array<std::uint32_t, 5> min_cp = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::nullopt;
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

// toml11's parser recurses on nested arrays and inline tables; bound the depth before
// it runs so a hostile file cannot exhaust the stack. Strings and comments are skipped.
std::optional<std::size_t> too_deep(std::string_view s, int max_nesting) {
    int depth = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        if (ch == '#') {
            while (i < s.size() && s[i] != '\n') ++i;
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
        } else if (ch == '[' || ch == '{') {
            if (++depth > max_nesting) return i;
        } else if ((ch == ']' || ch == '}') && depth > 0) {
            --depth;
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
