#include "knead/text_plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "knead/log_time.hpp"

namespace knead {
namespace {

constexpr int kAxis = 5;  // "10 |" and one space of margin

// U+2800 plus the dot bits, as UTF-8.
std::string braille(unsigned bits) {
    const unsigned cp = 0x2800 + bits;
    std::string s;
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
    return s;
}

// The bit of a dot in a braille cell, by its column (0-1) and row (0-3) within the cell.
unsigned dot_bit(int col, int row) {
    static constexpr unsigned kBits[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};
    return kBits[col][row];
}

}  // namespace

std::vector<std::string> render_text_plot(const TextPlot& p) {
    const int cols = std::max(10, p.width - kAxis - 1);
    const int rows = std::max(4, p.height);
    // Dots: 2 per column and 4 per row with braille; 1 each in ASCII.
    const int dx = p.ascii ? 1 : 2;
    const int dy = p.ascii ? 1 : 4;
    const int w = cols * dx;
    const int h = rows * dy;
    std::vector<std::vector<bool>> dots(static_cast<std::size_t>(h),
                                        std::vector<bool>(static_cast<std::size_t>(w), false));
    // The points span the width; a single point stands in the middle.
    double x_from = 0, x_to = 0;
    if (!p.points.empty()) {
        x_from = p.points.front().first;
        x_to = p.points.back().first;
    }
    auto px = [&](double x) {
        if (x_to <= x_from) return w / 2;
        return std::clamp(static_cast<int>(std::lround((x - x_from) / (x_to - x_from) * (w - 1))),
                          0, w - 1);
    };
    auto py = [&](double y) {
        return std::clamp(
            static_cast<int>(std::lround((10 - std::clamp(y, 0.0, 10.0)) / 10 * (h - 1))), 0,
            h - 1);
    };
    auto set = [&](int x, int y) {
        dots[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)] = true;
    };
    for (std::size_t i = 0; i < p.points.size(); ++i) {
        const int x1 = px(p.points[i].first), y1 = py(p.points[i].second);
        set(x1, y1);
        if (i == 0) continue;
        const int x0 = px(p.points[i - 1].first), y0 = py(p.points[i - 1].second);
        const int steps = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
        for (int k = 1; k < steps; ++k)
            set(x0 + static_cast<int>(std::lround(static_cast<double>(x1 - x0) * k / steps)),
                y0 + static_cast<int>(std::lround(static_cast<double>(y1 - y0) * k / steps)));
    }

    // The row a pain is drawn in, as py() places it; the even values get labels.
    auto row_of = [&](double pain) { return py(pain) / dy; };
    std::vector<std::string> labels(static_cast<std::size_t>(rows));
    for (int v = 10; v >= 0; v -= 2)
        labels[static_cast<std::size_t>(row_of(v))] = std::to_string(v);
    std::vector<std::string> out;
    for (int r = 0; r < rows; ++r) {
        // A row is in the band when the dots it holds stand for pains inside it.
        bool in_band = false;
        if (p.band)
            for (int j = 0; j < dy; ++j) {
                const double pain = 10.0 * (1.0 - (r * dy + j) / static_cast<double>(h - 1));
                in_band = in_band || (pain >= p.band->lo - 0.25 && pain <= p.band->hi + 0.25);
            }
        const std::string& label = labels[static_cast<std::size_t>(r)];
        std::string line = fmt::format("{:>3} {}", label, p.ascii ? "|" : "\u2502");
        for (int c = 0; c < cols; ++c) {
            unsigned bits = 0;
            for (int i = 0; i < dx; ++i)
                for (int j = 0; j < dy; ++j) {
                    const int row = r * dy + j;
                    const int col = c * dx + i;
                    if (dots[static_cast<std::size_t>(row)][static_cast<std::size_t>(col)])
                        bits |= p.ascii ? 1u : dot_bit(i, j);
                }
            if (bits)
                line += p.ascii ? "*" : braille(bits);
            else if (in_band)
                line += p.ascii ? "." : "\u2591";
            else
                line += " ";
        }
        while (line.ends_with(" ")) line.pop_back();
        out.push_back(line);
    }
    std::string axis = std::string(4, ' ') + (p.ascii ? "+" : "\u2514");
    for (int c = 0; c < cols; ++c) axis += p.ascii ? "-" : "\u2500";
    out.push_back(axis);
    if (!p.points.empty()) {
        const std::string first = date_string(static_cast<std::int64_t>(std::floor(x_from)));
        const std::string last = date_string(static_cast<std::int64_t>(std::floor(x_to)));
        std::string dates = std::string(kAxis, ' ') + first;
        const int gap = cols - static_cast<int>(first.size() + last.size());
        if (last != first && gap >= 1)
            dates += std::string(static_cast<std::size_t>(gap), ' ') + last;
        out.push_back(dates);
    }
    return out;
}

}  // namespace knead
