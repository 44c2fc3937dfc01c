// logfmt lines: key=value pairs, values quoted when they hold blanks, quotes or '='.
// One writer (format_logfmt) and one tokenizer (tokenize_logfmt), which the log reader
// uses for every line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace knead {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string format_logfmt(const Fields& fields);

// The characters of a key.
constexpr bool logfmt_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

// A key of at most 8 bytes as one number, its first byte lowest; 0 for a longer key. Key
// characters are never 0, so two keys of at most 8 bytes have the same word only when they
// are the same: the log reader finds the keys knead writes by it.
constexpr std::uint64_t logfmt_key_word(std::string_view key) {
    if (key.size() > 8) return 0;
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < key.size(); ++i)
        w |= std::uint64_t{static_cast<unsigned char>(key[i])} << (8 * i);
    return w;
}

struct LogField {
    std::string_view key;
    std::string_view value;  // unquoted and unescaped
    std::uint64_t word = 0;  // logfmt_key_word(key)
};

// Splits one line, as format_logfmt writes it, into `out` (cleared first). Values point
// into `line`, or into `scratch` when they held escapes; both must outlive the views.
// On a malformed line returns false and says why in `why`.
bool tokenize_logfmt(std::string_view line, std::string& scratch, std::vector<LogField>& out,
                     std::string& why);

}  // namespace knead
