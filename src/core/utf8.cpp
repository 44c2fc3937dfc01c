#include "knead/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <utility>

namespace knead {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b = byte(i);
    const std::size_t len = b < 0x80           ? 1
                            : (b >> 5) == 0x6  ? 2
                            : (b >> 4) == 0xE  ? 3
                            : (b >> 3) == 0x1E ? 4
                                               : 0;
    if (len == 0 || i + len > s.size()) return 0;
    std::uint32_t cp = len == 1 ? b : b & (0xFFu >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) >> 6) != 0x2) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not valid UTF-8.
    constexpr std::uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

std::optional<std::size_t> invalid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) return i;
        i += len;
    }
    return std::nullopt;
}

void append_printable(std::string& out, std::string_view s) {
    // Most text is plain printable ASCII: one scan, one append.
    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; })) {
        out.append(s);
        return;
    }
    out.reserve(out.size() + s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t len = utf8_sequence_length(s, i);
        // U+0080-U+009F, the C1 controls, are 0xC2 0x80-0x9F in UTF-8.
        const bool c1 = len == 2 && b == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0;
        if (len == 0 || c1 || b < 0x20 || b == 0x7F) {
            out += '?';
            i += len == 0 ? 1 : len;
            continue;
        }
        out.append(s, i, len);
        i += len;
    }
}

std::string printable(std::string_view s) {
    std::string out;
    append_printable(out, s);
    return out;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) >> 6) != 0x2) ++n;  // not a continuation byte
    return n;
}

}  // namespace knead

namespace knead {
namespace {

struct Range {
    std::uint32_t lo, hi;
};

// Combining marks and other characters that take no column of their own.
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
};

// East Asian wide and fullwidth characters, and emoji: two columns.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F5},   {0x26FA, 0x26FD},
    {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},   {0x274C, 0x274C},
    {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F004, 0x1F004},
    {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F2FF},
    {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F900, 0x1F9FF},
    {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

template <std::size_t N>
bool in(const Range (&table)[N], std::uint32_t cp) {
    auto it = std::upper_bound(std::begin(table), std::end(table), cp,
                               [](std::uint32_t c, const Range& r) { return c < r.lo; });
    return it != std::begin(table) && cp <= std::prev(it)->hi;
}

std::uint32_t code_point(std::string_view s, std::size_t i, std::size_t len) {
    auto b = static_cast<unsigned char>(s[i]);
    if (len == 1) return b;
    std::uint32_t cp = b & (0xFFu >> (len + 1));
    for (std::size_t k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    return cp;
}

// The length of the CSI sequence (ESC [ ... final byte) at s[i], or 0.
std::size_t escape_length(std::string_view s, std::size_t i) {
    if (s[i] != '\033' || i + 1 >= s.size() || s[i + 1] != '[') return 0;
    std::size_t j = i + 2;
    while (j < s.size() && (s[j] < 0x40 || s[j] > 0x7E)) ++j;
    return j < s.size() ? j + 1 - i : s.size() - i;
}

// The columns of the character at s[i] and its length in bytes.
std::pair<std::size_t, std::size_t> character(std::string_view s, std::size_t i) {
    std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) return {1, 1};
    std::uint32_t cp = code_point(s, i, len);
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return {0, len};
    if (in(kZeroWidth, cp)) return {0, len};
    return {in(kWide, cp) ? 2 : 1, len};
}

}  // namespace

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (std::size_t esc = escape_length(s, i)) {
            i += esc;
            continue;
        }
        auto [columns, len] = character(s, i);
        width += columns;
        i += len;
    }
    return width;
}

std::string fit_width(std::string_view s, std::size_t columns) {
    std::string out;
    std::size_t width = 0;
    bool colored = false;
    for (std::size_t i = 0; i < s.size();) {
        if (std::size_t esc = escape_length(s, i)) {
            std::string_view seq = s.substr(i, esc);
            if (seq.back() == 'm') colored = seq != "\033[0m" && seq != "\033[m";
            out += seq;
            i += esc;
            continue;
        }
        auto [w, len] = character(s, i);
        if (width + w > columns) break;
        width += w;
        out += s.substr(i, len);
        i += len;
    }
    if (colored && out.size() < s.size()) out += "\033[0m";
    return out;
}

}  // namespace knead
