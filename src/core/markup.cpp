#include "knead/markup.hpp"

#include "knead/utf8.hpp"

namespace knead {
namespace {

// Calls `ascii(c)` for each ASCII character and appends other valid sequences as they
// are; a byte that starts no valid sequence becomes U+FFFD.
template <typename Ascii>
std::string each_char(std::string_view s, Ascii ascii) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else if (len > 1) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            const char c = s[i++];
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                out += '?';
            else
                ascii(out, c);
        }
    }
    return out;
}

}  // namespace

std::string xml_text(std::string_view s) {
    return each_char(s, [](std::string& out, char c) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    });
}

std::string markdown_text(std::string_view s) {
    return each_char(s, [](std::string& out, char c) {
        // What could start emphasis, code, a link, HTML or a table cell; ids keep their
        // dashes readable, since text from the log never starts a line of the report.
        static constexpr std::string_view kSyntax = "\\`*_[]<>|";
        if (kSyntax.find(c) != std::string_view::npos) out += '\\';
        out += c;
    });
}

}  // namespace knead
