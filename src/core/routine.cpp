#include "knead/routine.hpp"

namespace knead {

std::string_view to_string(Side s) {
    switch (s) {
        case Side::both:
            return "both";
        case Side::left:
            return "left";
        case Side::right:
            return "right";
        case Side::center:
            return "center";
    }
    return "center";
}

std::optional<Side> parse_side(std::string_view s) {
    for (Side side : {Side::both, Side::left, Side::right, Side::center})
        if (to_string(side) == s) return side;
    return std::nullopt;
}

bool is_slug(std::string_view s) {
    if (s.empty() || s.front() == '-' || s.back() == '-') return false;
    char prev = 0;
    for (char c : s) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && prev != '-');
        if (!ok) return false;
        prev = c;
    }
    return true;
}

std::vector<Side> sides_to_work(Side s) {
    if (s == Side::both) return {Side::left, Side::right};
    return {s};
}

}  // namespace knead
