#include "knead/toml_scan.hpp"

namespace knead {

StringEnd skip_toml_string(std::string_view s, std::size_t at) {
    const char q = s[at];
    const bool basic = q == '"';
    const std::string_view three = basic ? "\"\"\"" : "'''";
    if (s.substr(at, 3) == three) {
        for (std::size_t i = at + 3; i < s.size(); ++i) {
            if (basic && s[i] == '\\') {
                ++i;  // the escaped character, a line break too (a line-ending backslash)
            } else if (s.substr(i, 3) == three) {
                i += 3;
                for (int extra = 0; extra < 2 && i < s.size() && s[i] == q; ++extra) ++i;
                return {i, true};
            }
        }
        return {s.size(), false};
    }
    for (std::size_t i = at + 1; i < s.size(); ++i) {
        if (s[i] == '\n') return {i, false};
        if (basic && s[i] == '\\' && i + 1 < s.size() && s[i + 1] != '\n') {
            ++i;
        } else if (s[i] == q) {
            return {i + 1, true};
        }
    }
    return {s.size(), false};
}

std::size_t skip_toml_comment(std::string_view s, std::size_t at) {
    std::size_t nl = s.find('\n', at);
    return nl == std::string_view::npos ? s.size() : nl;
}

}  // namespace knead
