#include "knead/big_digits.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace knead {
namespace {

using Glyph = std::array<std::string_view, 5>;

// 3x5 glyphs, one string per row; '#' is a lit cell.
constexpr std::array<Glyph, 10> kDigits = {{
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
constexpr Glyph kColon = {" ", "#", " ", "#", " "};
constexpr Glyph kBlank = {"  ", "  ", "  ", "  ", "  "};

// The letters of the step names and sides (LOCATE PRESS HOLD REST STRETCH PAUSED LEFT
// RIGHT), and a few more.
constexpr std::array<Glyph, 26> kLetters = {{
    {"###", "# #", "###", "# #", "# #"},  // A
    {"## ", "# #", "## ", "# #", "## "},  // B
    {"###", "#  ", "#  ", "#  ", "###"},  // C
    {"## ", "# #", "# #", "# #", "## "},  // D
    {"###", "#  ", "## ", "#  ", "###"},  // E
    {"###", "#  ", "## ", "#  ", "#  "},  // F
    {"###", "#  ", "# #", "# #", "###"},  // G
    {"# #", "# #", "###", "# #", "# #"},  // H
    {"###", " # ", " # ", " # ", "###"},  // I
    {"  #", "  #", "  #", "# #", "###"},  // J
    {"# #", "# #", "## ", "# #", "# #"},  // K
    {"#  ", "#  ", "#  ", "#  ", "###"},  // L
    {"# #", "###", "###", "# #", "# #"},  // M
    {"## ", "# #", "# #", "# #", "# #"},  // N
    {"###", "# #", "# #", "# #", "###"},  // O
    {"###", "# #", "###", "#  ", "#  "},  // P
    {"###", "# #", "# #", "###", "  #"},  // Q
    {"## ", "# #", "## ", "# #", "# #"},  // R
    {"###", "#  ", "###", "  #", "###"},  // S
    {"###", " # ", " # ", " # ", " # "},  // T
    {"# #", "# #", "# #", "# #", "###"},  // U
    {"# #", "# #", "# #", "# #", " # "},  // V
    {"# #", "# #", "###", "###", "# #"},  // W
    {"# #", "# #", " # ", "# #", "# #"},  // X
    {"# #", "# #", " # ", " # ", " # "},  // Y
    {"###", "  #", " # ", "#  ", "###"},  // Z
}};

const Glyph& glyph(char c) {
    if (c >= '0' && c <= '9') return kDigits[static_cast<std::size_t>(c - '0')];
    if (c == ':') return kColon;
    auto u = static_cast<unsigned char>(std::toupper(static_cast<unsigned char>(c)));
    if (u >= 'A' && u <= 'Z') return kLetters[u - 'A'];
    return kBlank;
}

// Each cell is as wide as the glyphs are tall allows: square-looking at any height
// (a terminal cell is about twice as high as it is wide).
int cell_width(int rows) {
    return std::max(1, (rows * 2 + 2) / 5);
}

}  // namespace

int big_min_rows(bool ascii) {
    return ascii ? kBigDigitRows : 3;
}

std::vector<std::string> big_text(std::string_view text, int rows, bool ascii) {
    rows = std::max(rows, big_min_rows(ascii));
    const int cw = cell_width(rows);
    // Each row shows two half-cells of height in Unicode, one whole cell in ASCII.
    const int slices = ascii ? rows : rows * 2;
    auto lit = [&](const Glyph& g, int slice, std::size_t col) {
        // The glyph's row under the middle of this slice: symmetric at any height.
        const auto r = static_cast<std::size_t>((2 * slice + 1) * kBigDigitRows / (2 * slices));
        return col < g[r].size() && g[r][col] == '#';
    };
    std::vector<std::string> out(static_cast<std::size_t>(rows));
    for (std::size_t i = 0; i < text.size(); ++i) {
        const Glyph& g = glyph(text[i]);
        for (int r = 0; r < rows; ++r) {
            std::string& line = out[static_cast<std::size_t>(r)];
            if (i > 0) line.append(static_cast<std::size_t>(cw), ' ');
            for (std::size_t col = 0; col < g[0].size(); ++col) {
                std::string_view cell = " ";
                if (ascii) {
                    if (lit(g, r, col)) cell = "#";
                } else {
                    bool top = lit(g, 2 * r, col), bottom = lit(g, 2 * r + 1, col);
                    cell = top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
                }
                for (int k = 0; k < cw; ++k) line += cell;
            }
        }
    }
    return out;
}

int big_text_width(std::string_view text, int rows) {
    const int cw = cell_width(rows);
    int cells = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        cells += (i > 0 ? 1 : 0) + static_cast<int>(glyph(text[i])[0].size());
    return cells * cw;
}

std::string time_text(int seconds) {
    seconds = std::max(seconds, 0);
    std::string t = std::to_string(seconds / 60) + ":";
    t += static_cast<char>('0' + (seconds % 60) / 10);
    t += static_cast<char>('0' + seconds % 10);
    return t;
}

}  // namespace knead
