#include "knead/toml_guard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "knead/toml_scan.hpp"
#include "knead/utf8.hpp"
#include "toml_shape.hpp"
#include "toml_wording.hpp"

namespace knead {
namespace {

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

// toml11's parser and its tables recurse on every level of nesting: arrays, inline
// tables, and the parts of dotted keys and [table.headers]. Bound the depth before it
// runs so that a hostile file cannot exhaust the stack. Strings and comments are skipped.
std::optional<std::size_t> too_deep(std::string_view s, int max_nesting) {
    struct Open {
        char bracket;
        int key;  // the dots of the key whose value it opened
    };
    std::vector<Open> open;  // the brackets of values that are open
    int table = 0;           // the parts of the last [table] header
    int key = 0;             // the dots in the key being read
    int outer = 0;           // the dots of the keys of the open inline tables
    bool in_key = true;      // at a key: a line's start, or inside an inline table
    bool in_header = false;
    int header = 0;
    // A key of n parts nests n - 1 tables below the one it is written in.
    auto deeper = [&](int parts) {
        return table + outer + std::max(parts - 1, 0) + static_cast<int>(open.size()) > max_nesting;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        if (ch == '#') {
            i = skip_toml_comment(s, i) - 1;  // the line break is read next
        } else if (ch == '"' || ch == '\'') {
            i = skip_toml_string(s, i).end - 1;
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
            open.push_back({ch, key});
            if (deeper(key + 1)) return i;
            if (ch == '{') {  // its keys nest below the key that named it: {a = {b.c = 1}}
                outer += key;
                in_key = true;
                key = 0;
            }
        } else if ((ch == ']' || ch == '}') && !open.empty()) {
            if (open.back().bracket == '{') outer -= open.back().key;
            key = open.back().key;
            open.pop_back();
        } else if (ch == ',' && !open.empty() && open.back().bracket == '{') {
            in_key = true;
            key = 0;
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
    if (auto nul = text.find('\0'); nul != std::string_view::npos)
        return error(nul, "a NUL byte: this is a binary file, not TOML text");
    if (auto bad = invalid_utf8(text))
        return error(*bad, "invalid UTF-8: save the file as UTF-8 text");
    if (auto deep = too_deep(text, max_nesting))
        return error(*deep, fmt::format("nested more than {} levels deep", max_nesting));
    if (auto line = too_long_line(text))
        return error(*line, fmt::format("line longer than {} bytes: break it up (a string can "
                                        "span lines between \"\"\" quotes)",
                                        kMaxTomlLine));
    if (auto grows = extends_static_array(text)) return error(grows->offset, grows->message);
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
                                  std::string_view text) {
    const LineIndex lines(text);
    std::string_view headline;
    std::string note;
    Where w = fallback;
    std::optional<int> source_line, first_line;
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
            if (!first_line) first_line = n;
        } else if (auto mark = source_line ? caret_mark(line) : std::nullopt) {
            w = {*source_line, mark->first};
            note = mark->second;
        }
    }
    // toml11 parses the text with a newline added when it has none at the end, and so
    // may blame the line after the last one.
    if (w.line > lines.lines()) w = lines.at(std::string_view::npos);
    Worded worded = syntax_wording(headline_message(headline), note, text, lines, w, first_line);
    if (worded.at) w = *worded.at;
    return {file, w.line, w.column, Severity::error, one_line("syntax error: " + worded.message)};
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
