// The only translation unit that includes toml11.
#include "knead/toml_document.hpp"

#include <fmt/format.h>

#include <map>
#include <toml.hpp>

namespace knead {

using Value = toml::basic_value<toml::discard_comments, std::map, std::vector>;

// The parsed tree with the text it came from, for positions.
struct ParsedToml {
    ParsedToml(Value r, std::string_view t) : root(std::move(r)), text(t), lines(text) {}
    Value root;
    std::string text;
    LineIndex lines;
};

struct TomlAccess {
    static const Value& value(const TomlValue& v) { return *static_cast<const Value*>(v.v_); }
    static const ParsedToml& doc(const TomlValue& v) { return *v.doc_; }
    static TomlValue wrap(const Value& v, const ParsedToml& doc) { return TomlValue(&v, &doc); }
    static void hold(TomlDocument& d, std::shared_ptr<const ParsedToml> p) {
        d.holder_ = std::move(p);
    }
    static const ParsedToml& parsed(const TomlDocument& d) { return *d.holder_; }
};

namespace {

const Value& val(const TomlValue& v) {
    return TomlAccess::value(v);
}

// The value's offset in the text. toml11's own location() counts the newlines before
// it, which makes reporting many errors quadratic in the size of the file.
std::optional<std::size_t> offset_of(const Value& v) {
    const auto* r = dynamic_cast<const toml::detail::region*>(toml::detail::get_region(v));
    if (!r || !r->is_ok()) return std::nullopt;  // a table toml11 made up, as for `a.b = 1`
    return static_cast<std::size_t>(r->first() - r->begin());
}

// What toml::parse(std::istream&) does, from the text itself rather than a stream holding
// a copy of it: toml11 wants its own buffer, ending in a newline. toml11 copies the name
// it is given into every region it makes (several for each character of a string): a
// name short enough for std::string's inline buffer saves a malloc and a free each time,
// and the diagnostics name the file themselves.
Value parse_text(std::string_view text) {
    std::vector<char> letters;
    letters.reserve(text.size() + 1);
    letters.assign(text.begin(), text.end());
    if (!letters.empty() && letters.back() != '\n' && letters.back() != '\r')
        letters.push_back('\n');
    toml::detail::location loc("routine", std::move(letters));
    if (text.substr(0, 3) == "\xEF\xBB\xBF") loc.advance(3);  // a byte order mark
    auto data = toml::detail::parse_toml_file<Value>(loc);
    if (!data) throw toml::syntax_error(data.unwrap_err(), toml::source_location(loc));
    return std::move(data.unwrap());
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
    for (const auto& item : val(*this).as_array())
        out.push_back(TomlAccess::wrap(item, TomlAccess::doc(*this)));
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
    return TomlAccess::wrap(it->second, TomlAccess::doc(*this));
}

Where TomlValue::where() const {
    if (auto offset = offset_of(val(*this))) return TomlAccess::doc(*this).lines.at(*offset);
    auto loc = val(*this).location();
    return {static_cast<int>(loc.line()), static_cast<int>(loc.column())};
}

Where TomlValue::where_key(std::string_view key) const {
    Where w = where();
    const ParsedToml& doc = TomlAccess::doc(*this);
    if (w.line < 1 || w.line > doc.lines.lines()) return w;
    std::string_view line = std::string_view(doc.text).substr(doc.lines.start_of(w.line));
    auto pos = line.substr(0, line.find('\n')).find(key);
    if (pos != std::string::npos && pos < static_cast<std::size_t>(w.column))
        w.column = static_cast<int>(pos) + 1;
    return w;
}

TomlValue TomlDocument::root() const {
    const ParsedToml& p = TomlAccess::parsed(*this);
    return TomlAccess::wrap(p.root, p);
}

std::optional<TomlDocument> parse_toml(std::string_view text, const std::string& display,
                                       std::vector<Diagnostic>& out, int max_nesting) {
    if (!check_toml_text(text, display, max_nesting, out)) return std::nullopt;
    try {
        auto parsed = std::make_shared<const ParsedToml>(parse_text(text), text);
        TomlDocument doc;
        TomlAccess::hold(doc, std::move(parsed));
        return doc;
    } catch (const toml::exception& e) {
        const auto& loc = e.location();
        out.push_back(toml_syntax_diagnostic(
            display, e.what(), {static_cast<int>(loc.line()), static_cast<int>(loc.column())},
            text));
    } catch (const std::exception& e) {
        // toml11 throws std::length_error and the like on some malformed input.
        out.push_back({display, 0, 0, Severity::error,
                       one_line(fmt::format("cannot read the TOML: {}", e.what()))});
    }
    return std::nullopt;
}

}  // namespace knead
