#include "knead/big_digits.hpp"

#include <array>
#include <string_view>

namespace knead {
namespace {

// 3x5 glyphs, one string per row; '#' is a lit cell. Each cell is drawn two columns
// wide so the digits come out roughly square.
constexpr std::array<std::array<std::string_view, 5>, 10> kDigits = {{
    {"###", "# #", "# #", "# #", "###"},
    {" # ", "## ", " # ", " # ", "###"},
    {"###", "  #", "###", "#  ", "###"},
    {"###", "  #", "###", "  #", "###"},
    {"# #", "# #", "###", "  #", "  #"},
    {"###", "#  ", "###", "  #", "###"},
    {"###", "#  ", "###", "# #", "###"},
    {"###", "  #", "  #", "  #", "  #"},
    {"###", "# #", "###", "# #", "###"},
    {"###", "# #", "###", "  #", "###"},
}};
constexpr std::array<std::string_view, 5> kColon = {" ", "#", " ", "#", " "};

std::string text_of(int seconds) {
    if (seconds < 0) seconds = 0;
    std::string t = std::to_string(seconds / 60) + ":";
    t += static_cast<char>('0' + (seconds % 60) / 10);
    t += static_cast<char>('0' + seconds % 10);
    return t;
}

}  // namespace

std::vector<std::string> big_time(int seconds, bool ascii) {
    const std::string_view lit = ascii ? "##" : "\u2588\u2588";
    std::vector<std::string> rows(kBigDigitRows);
    const std::string text = text_of(seconds);
    for (std::size_t i = 0; i < text.size(); ++i) {
        for (int r = 0; r < kBigDigitRows; ++r) {
            std::string_view glyph = text[i] == ':' ? kColon[r] : kDigits[text[i] - '0'][r];
            if (i > 0) rows[r] += "  ";
            for (char cell : glyph) rows[r] += cell == '#' ? lit : std::string_view("  ");
        }
    }
    return rows;
}

int big_time_width(int seconds) {
    const std::string text = text_of(seconds);
    int width = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        width += (i > 0 ? 2 : 0) + (text[i] == ':' ? 2 : 6);
    return width;
}

}  // namespace knead
