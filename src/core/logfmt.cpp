#include "knead/logfmt.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace knead {
namespace {

bool needs_quotes(std::string_view v) {
    if (v.empty()) return true;
    return std::any_of(v.begin(), v.end(), [](char c) {
        return c == ' ' || c == '=' || c == '"' || c == '\\' ||
               static_cast<unsigned char>(c) < 0x20;
    });
}

// logfmt_key_char as a table: the tokenizer asks it of every byte of every key.
constexpr std::array<bool, 256> kKeyChar = [] {
    std::array<bool, 256> t{};
    for (std::size_t c = 0; c < t.size(); ++c) t[c] = logfmt_key_char(static_cast<char>(c));
    return t;
}();

// The escapes format_logfmt writes, undone into scratch from `used` on.
std::string_view unescape(std::string_view quoted, std::string& scratch, std::size_t& used) {
    const std::size_t from = used;
    for (std::size_t j = 0; j < quoted.size(); ++j) {
        char c = quoted[j];
        if (c == '\\' && j + 1 < quoted.size()) {
            const char e = quoted[++j];
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
        }
        scratch[used++] = c;
    }
    return {scratch.data() + from, used - from};
}

}  // namespace

std::string format_logfmt(const Fields& fields) {
    std::string out;
    for (const auto& [key, value] : fields) {
        if (!out.empty()) out += ' ';
        out += key;
        out += '=';
        if (!needs_quotes(value)) {
            out += value;
            continue;
        }
        out += '"';
        for (char c : value) {
            switch (c) {
                case '"':
                    out += "\\\"";
                    break;
                case '\\':
                    out += "\\\\";
                    break;
                case '\n':
                    out += "\\n";
                    break;
                case '\r':
                    out += "\\r";
                    break;
                case '\t':
                    out += "\\t";
                    break;
                default:
                    // Other control characters would corrupt the line; they have no
                    // business in a log value.
                    if (static_cast<unsigned char>(c) >= 0x20) out += c;
            }
        }
        out += '"';
    }
    return out;
}

// Values point into the line, or into scratch when they held escapes.
bool tokenize_logfmt(std::string_view line, std::string& scratch, std::vector<LogField>& out,
                     std::string& why) {
    out.clear();
    std::size_t used = 0;  // bytes of scratch taken by this line
    const std::size_t n = line.size();
    std::size_t i = 0;
    auto fail = [&](std::string text) {
        why = std::move(text);
        return false;
    };
    while (true) {
        while (i < n && line[i] == ' ') ++i;
        if (i >= n) return true;
        const std::size_t k = i;
        while (i < n && kKeyChar[static_cast<unsigned char>(line[i])]) ++i;
        if (i == k) return fail(fmt::format("expected a key at column {}", i + 1));
        const std::string_view key = line.substr(k, i - k);
        if (i >= n || line[i] != '=') return fail(fmt::format("expected '=' after `{}`", key));
        ++i;
        if (i < n && line[i] == '"') {
            const std::size_t v = ++i;
            bool escaped = false;
            for (; i < n && line[i] != '"'; ++i)
                if (line[i] == '\\') {
                    escaped = true;
                    ++i;
                }
            if (i >= n) return fail(fmt::format("unterminated quoted value of `{}`", key));
            std::string_view value = line.substr(v, i - v);
            if (escaped) {
                // Sized once per line, before any view into it is taken.
                if (used == 0 && scratch.size() < n) scratch.resize(n);
                value = unescape(value, scratch, used);
            }
            ++i;
            if (i < n && line[i] != ' ')
                return fail(fmt::format("expected a space after the value of `{}`", key));
            out.push_back({key, value});
        } else {
            // Values are short: a plain loop beats a call to memchr for each.
            const std::size_t v = i;
            while (i < n && line[i] != ' ') ++i;
            out.push_back({key, line.substr(v, i - v)});
        }
    }
}

}  // namespace knead
