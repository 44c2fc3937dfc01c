#include "knead/logfmt.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
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

// A bare value's end is found eight bytes at a time: values such as the time (25 bytes)
// and the session id (20) are the longest part of a record. Keys are short, and a byte
// loop with the table above measured faster for them than classifying eight at once.
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kLow = kOnes * 0x7F;

// The eight bytes at p, the first one lowest, on any byte order.
std::uint64_t load8(const char* p) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    if constexpr (std::endian::native == std::endian::big) {
        std::uint64_t r = 0;
        for (int i = 0; i < 8; ++i) r = r << 8 | ((w >> (8 * i)) & 0xFF);
        w = r;
    }
    return w;
}

// The high bit of each byte of w that is `c`, exactly (no carries between bytes).
std::uint64_t bytes_equal(std::uint64_t w, unsigned char c) {
    const std::uint64_t x = w ^ (kOnes * c);
    return ~(((x & kLow) + kLow) | x | kLow);
}

// The byte of the lowest high bit set in a mask from bytes_equal.
std::size_t first_byte(std::uint64_t mask) {
    return static_cast<std::size_t>(std::countr_zero(mask)) / 8;
}

// Where the first space from i is, or the line's end.
std::size_t space_from(std::string_view line, std::size_t i) {
    for (; i + 8 <= line.size(); i += 8)
        if (const std::uint64_t m = bytes_equal(load8(line.data() + i), ' '))
            return i + first_byte(m);
    while (i < line.size() && line[i] != ' ') ++i;
    return i;
}

// logfmt_key_word of the key line[k, k + n).
std::uint64_t key_word(std::string_view line, std::size_t k, std::size_t n) {
    if (n > 8) return 0;
    if (k + 8 > line.size()) return logfmt_key_word(line.substr(k, n));
    const std::uint64_t w = load8(line.data() + k);
    return n == 8 ? w : w & ((std::uint64_t{1} << (8 * n)) - 1);
}

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
        const std::uint64_t word = key_word(line, k, i - k);
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
            out.push_back({key, value, word});
        } else {
            const std::size_t v = i;
            i = space_from(line, i);
            out.push_back({key, line.substr(v, i - v), word});
        }
    }
}

}  // namespace knead
