#include "knead/logfmt.hpp"

#include <algorithm>

namespace knead {
namespace {

bool needs_quotes(std::string_view v) {
    if (v.empty()) return true;
    return std::any_of(v.begin(), v.end(), [](char c) {
        return c == ' ' || c == '=' || c == '"' || c == '\\' ||
               static_cast<unsigned char>(c) < 0x20;
    });
}

bool key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

}  // namespace

std::string format_logfmt(const Fields& fields) {
    std::string out;
    for (const auto& [key, value] : fields) {
        if (!out.empty()) out += ' ';
        out += key;
        out += '=';
        if (!needs_quotes(value)) {
            out += value;
            continue;
        }
        out += '"';
        for (char c : value) {
            switch (c) {
                case '"':
                    out += "\\\"";
                    break;
                case '\\':
                    out += "\\\\";
                    break;
                case '\n':
                    out += "\\n";
                    break;
                case '\r':
                    out += "\\r";
                    break;
                case '\t':
                    out += "\\t";
                    break;
                default:
                    // Other control characters would corrupt the line; they have no
                    // business in a log value.
                    if (static_cast<unsigned char>(c) >= 0x20) out += c;
            }
        }
        out += '"';
    }
    return out;
}

std::optional<Fields> parse_logfmt(std::string_view line, std::string* error) {
    auto fail = [&](std::string why) -> std::optional<Fields> {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    Fields fields;
    std::size_t i = 0;
    while (true) {
        while (i < line.size() && line[i] == ' ') ++i;
        if (i >= line.size()) break;
        std::size_t k = i;
        while (i < line.size() && key_char(line[i])) ++i;
        if (i == k) return fail("expected a key at column " + std::to_string(i + 1));
        std::string key(line.substr(k, i - k));
        if (i >= line.size() || line[i] != '=') return fail("expected '=' after `" + key + "`");
        ++i;
        std::string value;
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                char c = line[i++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c != '\\') {
                    value += c;
                    continue;
                }
                if (i >= line.size()) break;
                char e = line[i++];
                value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
            }
            if (!closed) return fail("unterminated quoted value of `" + key + "`");
            if (i < line.size() && line[i] != ' ')
                return fail("expected a space after the value of `" + key + "`");
        } else {
            std::size_t v = i;
            while (i < line.size() && line[i] != ' ') ++i;
            value = line.substr(v, i - v);
        }
        fields.emplace_back(std::move(key), std::move(value));
    }
    return fields;
}

const std::string* find_field(const Fields& fields, std::string_view key) {
    for (const auto& [k, v] : fields)
        if (k == key) return &v;
    return nullptr;
}

}  // namespace knead
