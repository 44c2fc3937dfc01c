#include "knead/sparkline.hpp"

#include <algorithm>
#include <string_view>

namespace knead {

std::string sparkline(std::span<const int> pains, bool ascii) {
    static constexpr std::string_view kBlocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                                   "\u2585", "\u2586", "\u2587", "\u2588"};
    static constexpr std::string_view kAscii = "_.-:=+*#";
    std::string out;
    for (int p : pains) {
        // 0-10 onto eight levels, rounded: 0 lowest, 10 full.
        int level = (std::clamp(p, 0, 10) * 7 + 5) / 10;
        if (ascii)
            out += kAscii[static_cast<std::size_t>(level)];
        else
            out += kBlocks[level];
    }
    return out;
}

}  // namespace knead
