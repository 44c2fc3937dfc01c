#include "knead/body_map.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string_view>

#include "knead/body_words.hpp"
#include "knead/utf8.hpp"
#include "knead/wrap.hpp"

namespace knead {
namespace {

// Front view on the left (the person faces you), back view on the right. Every letter
// or digit is a spot that body_words.cpp names (t temple, q back of the head, C calf...);
// unmarked spots print as blanks, so the outline itself uses punctuation only.
constexpr std::array<std::string_view, 26> kOutline = {
    R"(               FRONT                                BACK)",
    R"(              .-"""-.                              .-"""-.)",
    R"(             / f   f \                            /   o   \)",
    R"(            | t b b t |                          | z     z |)",
    R"(           e|  y   y  |e                        r|  q   q  |r)",
    R"(            |  c m c  |                          |         |)",
    R"(             \ j n j /                            \       /)",
    R"(              '-._.-'                              '-._.-')",
    R"(              s|h h|s                              s|v v|s)",
    R"(        .-----'     '-----.                  .-----'  N  '-----.)",
    R"(       /  p   k  4  k   p  \                /  W  X   M   X  W  \)",
    R"(      /  /|   k  4  k   |\  \              /  /|  B   M   B  |\  \)",
    R"(     / u/ |0           0| \u \            / U/ |  B   M   B  | \U \)",
    R"(    / i/  |      a      |  \i \          / 1/  |      J      |  \1 \)",
    R"(   / d/   |      a      |   \d \        / F/   |  L   J   L  |   \F \)",
    R"(  / w/    |H           H|    \w \      / 2/    |H L 6   6 L H|    \2 \)",
    R"( ( l)     |  g       g  |     (l )    ( 3)     |  Y   7   Y  |     (3 ))",
    R"(  \x)     |      |      |     (x/      \5)     |  Y   |   Y  |     (5/)",
    R"(          |O T   |   T O|                      |O G   |   G O|)",
    R"(          |O T I | I T O|                      |O G   |   G O|)",
    R"(          | Q K 9|9 K Q |                      | Q P  |  P Q |)",
    R"(          |  S   |   S  |                      |  C   |   C  |)",
    R"(          |  S   |   S  |                      |  C   |   C  |)",
    R"(          |V A   |   A V|                      |  D   |   D  |)",
    R"(         / Z8 R\ | /R 8Z \                    /  E  \ | /  E  \)",
    R"(        (______/ | \______)                  (______/ | \______))",
};

bool is_spot(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::size_t spot_cells(char code) {
    if (!is_spot(code)) return 0;
    std::size_t n = 0;
    for (std::size_t i = 1; i < kOutline.size(); ++i)
        n += static_cast<std::size_t>(std::count(kOutline[i].begin(), kOutline[i].end(), code));
    return n;
}

char point_mark(std::size_t index) {
    if (index < 26) return static_cast<char>('A' + index);
    if (index < 52) return static_cast<char>('a' + (index - 26));
    return '*';
}

std::vector<std::string> draw_body_map(const Routine& r, std::size_t width) {
    // spot code -> point -> where the point's list first names an area on that spot.
    std::map<char, std::map<std::size_t, std::size_t>> marks;
    std::vector<std::string> undrawn;
    std::set<std::string> undrawn_keys;
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const auto& areas = r.points[i].refers_to;
        for (std::size_t a = 0; a < areas.size(); ++a) {
            const BodyWord* w = find_body_word(areas[a]);
            if (!w || w->spots.empty()) {
                if (undrawn_keys.insert(body_word_key(areas[a])).second)
                    undrawn.push_back(areas[a]);
                continue;
            }
            for (char code : w->spots) marks[code].emplace(i, a);  // keeps the first
        }
    }

    // A spot that several points share shows the point whose main area it is (named
    // earliest in its list), so that each point keeps its letter where it matters most
    // with many points on one picture; '+' only where they name it equally early.
    std::vector<std::string> lines;
    bool shared = false;
    bool resolved = false;
    auto draw = [&](std::string_view row) {
        std::string line(row);
        for (char& c : line) {
            if (!is_spot(c)) continue;
            auto it = marks.find(c);
            if (it == marks.end()) {
                c = ' ';
                continue;
            }
            std::size_t first = SIZE_MAX;
            for (const auto& [point, index] : it->second) first = std::min(first, index);
            std::vector<std::size_t> owners;
            for (const auto& [point, index] : it->second)
                if (index == first) owners.push_back(point);
            if (owners.size() > 1) {
                c = '+';
                shared = true;
            } else {
                c = point_mark(owners.front());
                resolved = resolved || it->second.size() > 1;
            }
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        lines.push_back(std::move(line));
    };
    lines.emplace_back(kOutline[0]);  // the FRONT and BACK labels are not spots
    for (std::size_t i = 1; i < kOutline.size(); ++i) draw(kOutline[i]);

    lines.emplace_back();
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const Point& p = r.points[i];
        std::string areas = p.refers_to.empty() ? "(no referral areas given)"
                                                : fmt::format("{}", fmt::join(p.refers_to, ", "));
        for (auto& l :
             wrap_text(p.name + ": " + areas, width, std::string(1, point_mark(i)) + "  ", "   "))
            lines.push_back(std::move(l));
    }
    if (shared) lines.emplace_back("+  more than one of these points");
    if (resolved)
        for (auto& l : wrap_text("A spot that several points share shows the one it is the main "
                                 "area of (named first in its list).",
                                 width, "", ""))
            lines.push_back(std::move(l));
    if (!undrawn.empty())
        for (auto& l : wrap_text(fmt::format("{}", fmt::join(undrawn, ", ")), width,
                                 "Not on the picture: ", "   "))
            lines.push_back(std::move(l));
    return lines;
}

WindowMap body_map_for_window(const Routine& r, std::size_t width) {
    WindowMap out{draw_body_map(r, width)};
    auto& map = out.lines;
    const auto legend = std::find(map.begin(), map.end(), std::string());
    if (std::any_of(map.begin(), legend,
                    [&](const std::string& l) { return display_width(l) > width; })) {
        map.erase(map.begin(), legend + (legend == map.end() ? 0 : 1));
        out.picture_left_out = true;
    }
    return out;
}

}  // namespace knead
