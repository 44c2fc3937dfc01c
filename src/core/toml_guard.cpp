#include "knead/toml_guard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>

namespace knead {
namespace {

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

// The start of the first line longer than kMaxTomlLine, if any.
std::optional<std::size_t> too_long_line(std::string_view s) {
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = std::min(s.find('\n', start), s.size());
        if (end - start > kMaxTomlLine) return start;
        start = end + 1;
    }
    return std::nullopt;
}

// The index of the last character of the string that starts at `i`: its closing quote,
// or the character before the newline or the end of the text that cuts it off.
std::size_t string_end(std::string_view s, std::size_t i) {
    const char quote = s[i];
    const bool multi = s.substr(i, 3) == std::string(3, quote);
    const std::string_view close = s.substr(i, multi ? 3 : 1);
    for (i += close.size(); i < s.size(); ++i) {
        if (s.substr(i, close.size()) == close) return i + close.size() - 1;
        if (!multi && s[i] == '\n') return i - 1;
        if (quote == '"' && s[i] == '\\') ++i;  // an escaped character never closes it
    }
    return s.size() - 1;
}

// Where nesting first goes deeper than `max`, if it does. toml11 recurses on arrays and
// inline tables, and on dotted keys (`a.b.c` is two tables below `a`), both to parse and
// to free what it built. A key's dots count until the value it names ends: at a comma,
// a closing bracket, or the end of a top-level line. A number's decimal point counts as
// a level too, which at most costs one level. Strings and comments are skipped.
std::optional<std::size_t> too_deep(std::string_view s, int max) {
    std::vector<int> dots_outside;  // for each open bracket, the key depth around it
    int dots = 0;
    auto deep = [&] { return static_cast<int>(dots_outside.size()) + dots > max; };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char ch = s[i];
        if (ch == '#') {
            while (i + 1 < s.size() && s[i + 1] != '\n') ++i;
        } else if (ch == '"' || ch == '\'') {
            i = string_end(s, i);
        } else if (ch == '[' || ch == '{') {
            dots_outside.push_back(dots);
            if (deep()) return i;
        } else if ((ch == ']' || ch == '}') && !dots_outside.empty()) {
            dots = dots_outside.back();
            dots_outside.pop_back();
        } else if (ch == ',') {
            dots = dots_outside.empty() ? 0 : dots_outside.back();
        } else if (ch == '\n' && dots_outside.empty()) {
            dots = 0;
        } else if (ch == '.') {
            ++dots;
            if (deep()) return i;
        }
    }
    return std::nullopt;
}

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
}

// "  12 | source text": the line number it shows.
std::optional<int> source_line_number(std::string_view line) {
    line = trim_left(line);
    int n = 0;
    std::size_t digits = 0;
    while (digits < line.size() && digits < 9 && line[digits] >= '0' && line[digits] <= '9')
        n = n * 10 + (line[digits++] - '0');
    if (digits == 0 || line.substr(digits, 3) != " | ") return std::nullopt;
    return n;
}

// "     |     ^--- note": the caret's column in the source line above, and the note.
std::optional<std::pair<int, std::string_view>> caret_mark(std::string_view line) {
    line = trim_left(line);
    if (line.substr(0, 2) != "| ") return std::nullopt;
    line.remove_prefix(2);
    std::size_t col = line.find_first_not_of(' ');
    if (col == std::string_view::npos || (line[col] != '^' && line[col] != '~'))
        return std::nullopt;
    std::size_t note = std::min(line.find_first_not_of("^~-", col), line.size());
    return std::pair{static_cast<int>(col) + 1, trim_left(line.substr(note))};
}

// "[error] toml::parse_array: message" -> "message"
std::string_view headline_message(std::string_view h) {
    if (h.substr(0, 7) == "[error]") h = trim_left(h.substr(7));
    if (h.substr(0, 6) != "toml::") return h;
    h.remove_prefix(6);
    while (!h.empty() && (std::isalnum(static_cast<unsigned char>(h[0])) || h[0] == '_'))
        h.remove_prefix(1);
    if (!h.empty() && h[0] == ':') h.remove_prefix(1);
    return trim_left(h);
}

}  // namespace

bool check_toml_text(std::string_view text, const std::string& display, int max_nesting,
                     std::vector<Diagnostic>& out) {
    auto error = [&](std::size_t offset, std::string msg) {
        Where w = LineIndex(text.substr(0, offset)).at(offset);
        out.push_back({display, w.line, w.column, Severity::error, std::move(msg)});
        return false;
    };
    if (text.find('\0') != std::string_view::npos) {
        out.push_back({display, 0, 0, Severity::error, "this is a binary file, not TOML text"});
        return false;
    }
    if (auto bad = invalid_utf8(text))
        return error(*bad, "invalid UTF-8: save the file as UTF-8 text");
    if (auto deep = too_deep(text, max_nesting))
        return error(*deep, fmt::format("nested more than {} levels deep", max_nesting));
    if (auto line = too_long_line(text))
        return error(*line, fmt::format("line longer than {} bytes: break it up (a string can "
                                        "span lines between \"\"\" quotes)",
                                        kMaxTomlLine));
    return true;
}

LineIndex::LineIndex(std::string_view text) : size_(text.size()) {
    starts_.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
        starts_.push_back(i + 1);
}

Where LineIndex::at(std::size_t offset) const {
    offset = std::min(offset, size_);
    auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
    auto line = static_cast<std::size_t>(after - starts_.begin());  // 1-based
    return {static_cast<int>(line), static_cast<int>(offset - starts_[line - 1]) + 1};
}

Diagnostic toml_syntax_diagnostic(const std::string& file, std::string_view what, Where fallback,
                                  const LineIndex& lines) {
    std::string_view headline;
    std::string note;
    Where w = fallback;
    std::optional<int> source_line;
    bool first = true;
    while (!what.empty()) {
        std::size_t nl = std::min(what.find('\n'), what.size());
        std::string_view line = what.substr(0, nl);
        what.remove_prefix(std::min(nl + 1, what.size()));
        if (first) {
            headline = line;
            first = false;
        } else if (auto n = source_line_number(line)) {
            source_line = n;
        } else if (auto mark = source_line ? caret_mark(line) : std::nullopt) {
            w = {*source_line, mark->first};
            note = mark->second;
        }
    }
    // toml11 parses the text with a newline added when it has none at the end, and so
    // may blame the line after the last one.
    if (w.line > lines.lines()) w = lines.at(std::string_view::npos);
    std::string msg(headline_message(headline));
    if (!note.empty() && note != "here") msg += msg.empty() ? note : ": " + note;
    if (msg.empty()) msg = "invalid TOML";
    return {file, w.line, w.column, Severity::error, one_line("syntax error: " + msg)};
}

std::string one_line(std::string_view s, std::size_t max) {
    std::string out;
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        // Cut only before the first byte of a UTF-8 sequence, never inside one.
        if (out.size() >= max && (c & 0xC0) != 0x80) return out + "...";
        if (c < 0x20 || c == 0x7F)
            out += fmt::format("\\x{:02X}", c);
        else
            out += ch;
    }
    return out;
}

}  // namespace knead
