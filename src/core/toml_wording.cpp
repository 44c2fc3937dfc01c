#include "toml_wording.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "knead/toml_scan.hpp"

namespace knead {
namespace {

bool has(std::string_view s, std::string_view part) {
    return s.find(part) != std::string_view::npos;
}

bool digit(char c) {
    return c >= '0' && c <= '9';
}

// The source line `line`, without its line break.
std::string_view line_text(std::string_view text, const LineIndex& lines, int line) {
    if (line < 1 || line > lines.lines()) return {};
    std::string_view rest = text.substr(std::min(lines.start_of(line), text.size()));
    rest = rest.substr(0, rest.find('\n'));
    if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
    return rest;
}

// The value token around `column` (1-based) of `line`: between blanks, commas, brackets.
std::string_view token_at(std::string_view line, int column) {
    std::size_t from = std::min(static_cast<std::size_t>(std::max(column, 1) - 1), line.size());
    while (from > 0 && std::string_view(" \t=,[{").find(line[from - 1]) == std::string_view::npos)
        --from;
    std::size_t end = line.find_first_of(" \t,]}#", from);
    return line.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from);
}

int days_in(int year, int month) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[static_cast<std::size_t>(month - 1)];
}

int digits_value(std::string_view s, std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
}

// The first date or time outside its range (hour 25, 30 February), outside strings and
// comments: the parser reports those at a position that is not theirs.
std::optional<std::pair<std::size_t, std::string_view>> bad_date_time(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '#') {
            i = skip_toml_comment(s, i);
        } else if (c == '"' || c == '\'') {
            i = skip_toml_string(s, i).end - 1;
        } else if (digit(c) && (i == 0 || !digit(s[i - 1]))) {
            std::size_t end = s.find_first_of(" \t\r\n,]}#", i);
            std::string_view tok =
                s.substr(i, end == std::string_view::npos ? s.size() - i : end - i);
            std::size_t time = std::string_view::npos;
            bool bad = false;
            auto digits = [&](std::size_t at, std::size_t n) {
                if (at + n > tok.size()) return false;
                for (std::size_t k = at; k < at + n; ++k)
                    if (!digit(tok[k])) return false;
                return true;
            };
            if (digits(0, 4) && tok.size() >= 10 && tok[4] == '-' && tok[7] == '-' &&
                digits(5, 2) && digits(8, 2)) {
                int y = digits_value(tok, 0, 4), m = digits_value(tok, 5, 2),
                    d = digits_value(tok, 8, 2);
                bad = m < 1 || m > 12 || d < 1 || d > days_in(y, m);
                if (tok.size() > 11 && (tok[10] == 'T' || tok[10] == 't')) time = 11;
            } else if (digits(0, 2) && tok.size() >= 8 && tok[2] == ':') {
                time = 0;
            }
            if (!bad && time != std::string_view::npos && digits(time, 2) &&
                tok.size() >= time + 8 && tok[time + 2] == ':' && digits(time + 3, 2) &&
                tok[time + 5] == ':' && digits(time + 6, 2))
                bad = digits_value(tok, time, 2) > 23 || digits_value(tok, time + 3, 2) > 59 ||
                      digits_value(tok, time + 6, 2) > 60;
            if (bad) return std::pair{i, tok};
            i += tok.size();
        }
    }
    return std::nullopt;
}

// The first escape in the basic string at the start of `s` that TOML does not have
// (\q, a \u without four hex digits), with its offset in `s`.
std::optional<std::pair<std::size_t, std::string_view>> bad_escape(std::string_view s) {
    const std::size_t end = skip_toml_string(s, 0).end;
    for (std::size_t i = 1; i + 1 < end; ++i) {
        if (s[i] != '\\') continue;
        const char e = s[i + 1];
        if (std::string_view("btnfr\"\\\n\r \t").find(e) != std::string_view::npos) {
            ++i;
            continue;
        }
        std::size_t hex = e == 'u' ? 4 : e == 'U' ? 8 : 0;
        std::size_t n = 0;
        while (n < hex && i + 2 + n < end &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2 + n])))
            ++n;
        if (hex == 0 || n < hex) return std::pair{i, s.substr(i, std::max<std::size_t>(2, 2 + n))};
        i += 1 + hex;
    }
    return std::nullopt;
}

// A string whose escape is wrong, in knead's words, if the one at `at` has such an escape.
std::optional<Worded> escape_wording(std::string_view line, Where at) {
    const auto from = std::min(line.size(), static_cast<std::size_t>(std::max(at.column, 1) - 1));
    if (from >= line.size() || line[from] != '"') return std::nullopt;
    auto bad = bad_escape(line.substr(from));
    if (!bad) return std::nullopt;
    return Worded{fmt::format("`{}` is not an escape TOML knows: use \\\\ for a backslash, "
                              "\\\" for a quote, \\t, \\n, or \\u and four hex digits",
                              one_line(bad->second, 12)),
                  Where{at.line, at.column + static_cast<int>(bad->first)}};
}

// What toml11 says about `key` ("value (\"name\") already exists."): the name.
std::string quoted_name(std::string_view h) {
    auto open = h.find("(\"");
    auto close = h.find("\")", open == std::string_view::npos ? 0 : open);
    if (open == std::string_view::npos || close == std::string_view::npos) return {};
    return std::string(h.substr(open + 2, close - open - 2));
}

}  // namespace

Worded syntax_wording(std::string_view headline, std::string_view note, std::string_view text,
                      const LineIndex& lines, Where at, std::optional<int> first) {
    const std::string both = std::string(headline) + " " + std::string(note);
    const std::string_view line = line_text(text, lines, at.line);
    const std::string tok = one_line(token_at(line, at.column), 40);

    if (has(both, "invalid time") || has(both, "invalid date") || has(both, "RFC3339")) {
        Worded w{
            "not a real date or time: months go 01-12, days must exist in their month, "
            "hours 00-23, minutes 00-59",
            std::nullopt};
        if (auto bad = bad_date_time(text)) {
            w.at = lines.at(bad->first);
            w.message = fmt::format("`{}` is {}", one_line(bad->second, 40), w.message);
        }
        return w;
    }
    if (has(both, "neither table nor")) {  // a = 1, then a.b = 2 or [a.b]
        std::string name = quoted_name(headline);
        auto open = headline.find("target (");
        if (name.empty() && open != std::string_view::npos) {
            auto close = headline.find(')', open);
            if (close != std::string_view::npos)
                name = std::string(headline.substr(open + 8, close - open - 8));
        }
        std::string where = first && *first != at.line ? fmt::format(" on line {}", *first) : "";
        return {fmt::format("{} already holds a value{}, so no key or table can be added "
                            "under it: rename one of them",
                            name.empty() ? std::string("the key") : "`" + one_line(name, 60) + "`",
                            where),
                std::nullopt};
    }
    if (has(both, "array of table") && has(both, "cannot be defined")) {  // [a], then [[a]]
        std::string name = quoted_name(headline);
        std::string where = first && *first != at.line ? fmt::format(" (line {})", *first) : "";
        return {
            fmt::format("{} is already a table{}, so it cannot also be an array of [[tables]]: "
                        "use one of [{}] and [[{}]], or rename one",
                        name.empty() ? std::string("this name") : "`" + one_line(name, 60) + "`",
                        where, one_line(name, 60), one_line(name, 60)),
            std::nullopt};
    }
    if (has(both, "missing value after") || has(both, "but got nothing"))
        return {
            "a value is missing after `=`: write a number, true or false, a \"string\", a "
            "date, an [array] or an {inline table}",
            std::nullopt};
    if (has(both, "empty key"))
        return {"a key is missing before `=`: write it as name = value", std::nullopt};
    if (has(both, "key-value separator"))
        return {"a key needs `=` and a value after it: write it as name = value", std::nullopt};
    if (has(both, "table separator"))
        return {"the keys of an inline table are separated by commas: {a = 1, b = 2}",
                std::nullopt};
    if (has(both, "newline required after") || has(both, "[table.key]"))
        return {
            "a [table] header stands on a line of its own: nothing may follow its ] but "
            "a # comment",
            std::nullopt};
    if (has(both, "invalid line format") || has(both, "expected newline"))
        return {
            "stray text after the value: write one key = value on each line, "
            "with anything else after a #",
            std::nullopt};
    if (has(both, "UTF-8 codepoint") || has(both, "codepoints in the range"))
        return {
            "this \\u or \\U escape is not a character: the codes D800-DFFF and those "
            "above 10FFFF are not",
            std::nullopt};
    if (has(both, "bad time") || has(both, "HH:MM:SS"))
        return {"a time is written HH:MM:SS (seconds included), as in 1979-05-27T07:32:00",
                std::nullopt};
    if (has(both, "not a boolean"))
        return {fmt::format("{}not a valid value: true and false are written in lowercase; "
                            "text goes in \"quotes\"",
                            tok.empty() ? std::string() : "`" + tok + "` is "),
                std::nullopt};
    if (has(both, "already exists") || has(both, "defined twice")) {
        std::string name = quoted_name(headline);
        std::string where =
            first && *first != at.line ? fmt::format(" (first on line {})", *first) : std::string();
        return {fmt::format("{} is defined twice{}: keep one of them, or rename one",
                            name.empty() ? std::string("this key") : "`" + one_line(name, 60) + "`",
                            where),
                std::nullopt};
    }
    if (auto w = escape_wording(line, at)) return *w;
    if (has(both, "multiline") || tok.rfind("\"\"\"", 0) == 0 || tok.rfind("\'\'\'", 0) == 0)
        return {
            "this multi-line string is not closed: end it with the same three quotes it "
            "starts with",
            std::nullopt};
    if (has(both, "not a valid string") || has(both, "literal string")) {
        std::string_view rest =
            line.substr(std::min(line.size(), static_cast<std::size_t>(at.column - 1)));
        for (std::size_t i = 0; i < rest.size(); ++i) {
            auto c = static_cast<unsigned char>(rest[i]);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                Where w{at.line, at.column + static_cast<int>(i)};
                return {fmt::format("a control character (\\x{:02X}) is inside this string: "
                                    "remove it, or write it as an escape such as \\t or \\u{:04X}",
                                    c, c),
                        w};
            }
        }
        return {
            "this string is not closed: end it with its quote on the same line (or use "
            "\"\"\" quotes for text over several lines)",
            std::nullopt};
    }
    if (has(both, "leading zero") || has(both, "bad integer") || has(both, "bad float") ||
        has(both, "bad hex") || has(both, "bad oct") || has(both, "bad bin") ||
        has(both, "bad number") || has(both, "not an integer") || has(both, "not a float")) {
        std::string how = "write it as 12, -3, 0.5, 1e6, 0x1F, 0o17 or 0b101";
        if (tok.size() > 1 && tok[0] == '0' && digit(tok[1]))
            how = "a number cannot start with 0: write 12, not 012";
        else if (tok.rfind("0b", 0) == 0)
            how = "binary digits are 0 and 1 only";
        else if (tok.rfind("0x", 0) == 0)
            how = "hex digits are 0-9 and A-F, at least one after 0x";
        else if (tok.rfind("0o", 0) == 0)
            how = "octal digits are 0 to 7 only";
        else if (tok.find('_') != std::string::npos)
            how = "an _ must stand between two digits, as in 1_000";
        else if (tok.find('.') != std::string::npos)
            how = "a decimal point needs a digit on each side, as in 1.0 or 0.5";
        return {fmt::format("`{}` is not a valid number: {}", tok, how), std::nullopt};
    }
    if (has(both, "curly brace") || has(both, "inline table"))
        return {
            "this inline table is not closed: end it with } on the same line, with commas "
            "between its keys",
            std::nullopt};
    if (has(both, "in an array") || has(both, "array"))
        return {"this array is not valid: separate its items with commas (,) and close it with ]",
                std::nullopt};
    if (has(both, "invalid key") || has(both, "not a valid key") || has(both, "for key"))
        return {
            "not a valid key: a key is letters, digits, _ and - (or a \"quoted\" name), "
            "followed by = and a value; a table header is [name] on a line of its own",
            std::nullopt};
    if (has(both, "unknown value") || has(both, "bad format") || has(both, "invalid format") ||
        has(both, "expected a value"))
        return {fmt::format("{}not a valid value: write a number, true or false, a \"string\", "
                            "a date, an [array] or an {{inline table}}",
                            tok.empty() ? std::string() : "`" + tok + "` is "),
                std::nullopt};
    // Anything else: the parser's words, as the last resort.
    std::string msg(headline);
    if (!note.empty() && note != "here")
        msg += msg.empty() ? std::string(note) : ": " + std::string(note);
    return {msg.empty() ? "invalid TOML" : msg, std::nullopt};
}

}  // namespace knead
