#include "toml_shape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

#include "knead/toml_guard.hpp"
#include "knead/toml_scan.hpp"

namespace knead {
namespace {

using Path = std::vector<std::string>;

bool bare_key_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

void append_utf8(std::string& out, unsigned long cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// "a.b", with parts that are not bare keys quoted, printable and short.
std::string show(const Path& p) {
    std::string out;
    for (const auto& part : p) {
        if (!out.empty()) out += '.';
        bool bare = !part.empty() && std::all_of(part.begin(), part.end(), bare_key_char);
        out += bare ? part : "\"" + part + "\"";
    }
    return one_line(out, 60);
}

bool starts_with(const Path& p, const Path& prefix) {
    return p.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), p.begin());
}

// The arrays written inline in one table that keys are relative to: the document, or an
// inline table. Keyed by path, with the offset of the key that made each.
using Arrays = std::map<Path, std::size_t>;

class ShapeReader {
  public:
    explicit ShapeReader(std::string_view s) : s_(s) {}

    std::optional<ShapeProblem> run() {
        Arrays doc;
        Path table;
        while (!problem_) {
            skip_blank();
            if (i_ >= s_.size()) break;
            if (s_[i_] == '#' || s_[i_] == '\n' || s_[i_] == '\r') {
                if (!end_of_line()) break;
                continue;
            }
            if (s_[i_] == '[') {
                if (!header(doc, table)) break;
            } else {
                std::size_t at = i_;
                Path key;
                if (!read_key(key) || !expect('=')) break;
                Path full = table;
                full.insert(full.end(), key.begin(), key.end());
                if (!check(doc, full, at, "the key `" + show(full) + "`", false)) break;
                skip_blank();
                if (!value(full, &doc)) break;
            }
            if (!end_of_line()) break;
        }
        return problem_;
    }

  private:
    std::string_view s_;
    std::size_t i_ = 0;
    std::optional<ShapeProblem> problem_;

    bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }
    bool at(std::string_view t) const { return s_.substr(i_, t.size()) == t; }
    void skip_blank() {
        while (at(' ') || at('\t')) ++i_;
    }
    bool expect(char c) {
        skip_blank();
        if (!at(c)) return false;
        ++i_;
        return true;
    }
    // Blanks, an optional comment and a line break (or the end).
    bool end_of_line() {
        skip_blank();
        if (at('#')) i_ = skip_toml_comment(s_, i_);
        if (at("\r\n")) ++i_;
        if (at('\n')) {
            ++i_;
            return true;
        }
        return i_ >= s_.size();
    }
    // Inside an array: blanks, line breaks and comments.
    void skip_space() {
        for (;;) {
            skip_blank();
            if (at('#')) {
                i_ = skip_toml_comment(s_, i_);
            } else if (at('\n') || at("\r\n")) {
                i_ += at('\r') ? 2 : 1;
            } else {
                return;
            }
        }
    }

    // `[a.b]` or `[[a.b]]`: the table that the keys below it are in.
    bool header(Arrays& doc, Path& table) {
        std::size_t start = i_;
        bool of_tables = at("[[");
        i_ += of_tables ? 2 : 1;
        Path path;
        if (!read_key(path) || !expect(']') || (of_tables && !(at(']') && ++i_))) return false;
        std::string what =
            of_tables ? "the header [[" + show(path) + "]]" : "the header [" + show(path) + "]";
        if (!check(doc, path, start, what, true)) return false;
        if (of_tables) {  // a new table in the array: the arrays of the last one are gone
            auto it = doc.lower_bound(path);
            while (it != doc.end() && starts_with(it->first, path)) it = doc.erase(it);
        }
        table = std::move(path);
        return true;
    }

    // Refuses `key` when a part before its last (or, for a header, any part) names an
    // array written inline.
    bool check(const Arrays& arrays, const Path& key, std::size_t offset, const std::string& what,
               bool whole) {
        Path prefix;
        std::size_t parts = whole ? key.size() : key.size() - 1;
        for (std::size_t n = 0; n < parts; ++n) {
            prefix.push_back(key[n]);
            auto it = arrays.find(prefix);
            if (it == arrays.end()) continue;
            problem_ = ShapeProblem{
                offset, it->second,
                fmt::format("{} adds to `{}`, which line {} sets to an array with `= [...]`: "
                            "such an array cannot grow; write its items inside the brackets, "
                            "or make each one a [[{}]] table instead",
                            what, show(prefix), line_of(it->second), show(prefix))};
            return false;
        }
        return true;
    }

    int line_of(std::size_t offset) const {
        return 1 + static_cast<int>(
                       std::count(s_.begin(), s_.begin() + static_cast<long>(offset), '\n'));
    }

    // A dotted key: bare, "basic" or 'literal' parts, blanks around the dots.
    bool read_key(Path& out) {
        for (;;) {
            skip_blank();
            std::string part;
            if (at('"')) {
                if (!basic_key(part)) return false;
            } else if (at('\'')) {
                std::size_t end = s_.find_first_of("'\n", i_ + 1);
                if (end == std::string_view::npos || s_[end] != '\'') return false;
                part = s_.substr(i_ + 1, end - i_ - 1);
                i_ = end + 1;
            } else {
                std::size_t start = i_;
                while (i_ < s_.size() && bare_key_char(s_[i_])) ++i_;
                if (i_ == start) return false;
                part = s_.substr(start, i_ - start);
            }
            out.push_back(std::move(part));
            skip_blank();
            if (!at('.')) return true;
            ++i_;
        }
    }

    // A "quoted" key with its escapes decoded, so that "\u0061" and a are one key.
    bool basic_key(std::string& out) {
        for (++i_; i_ < s_.size(); ++i_) {
            char c = s_[i_];
            if (c == '"') {
                ++i_;
                return true;
            }
            if (c == '\n') return false;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (++i_ >= s_.size()) return false;
            switch (s_[i_]) {
                case 'b':
                    out += '\b';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case 'u':
                case 'U': {
                    std::size_t digits = s_[i_] == 'u' ? 4 : 8;
                    if (i_ + digits >= s_.size()) return false;
                    unsigned long cp = 0;
                    for (std::size_t k = 1; k <= digits; ++k) {
                        char h = s_[i_ + k];
                        int d = h >= '0' && h <= '9'   ? h - '0'
                                : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                       : -1;
                        if (d < 0) return false;
                        cp = cp * 16 + static_cast<unsigned long>(d);
                    }
                    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
                    append_utf8(out, cp);
                    i_ += digits;
                    break;
                }
                default:
                    return false;
            }
        }
        return false;
    }

    // The value of `path`. An array written here is recorded in `arrays` (none for an
    // array's items, which have no key of their own).
    bool value(const Path& path, Arrays* arrays) {
        if (at('"') || at('\'')) {
            auto str = skip_toml_string(s_, i_);
            i_ = str.end;
            return str.closed;
        }
        if (at('[')) {
            if (arrays) arrays->emplace(path, i_);
            ++i_;
            for (;;) {
                skip_space();
                if (at(']')) break;
                if (!value({}, nullptr)) return false;
                skip_space();
                if (at(']')) break;
                if (!at(',')) return false;
                ++i_;
            }
            ++i_;
            return true;
        }
        if (at('{')) return inline_table();
        std::size_t start = i_;
        while (i_ < s_.size() &&
               std::string_view(",]}#\r\n").find(s_[i_]) == std::string_view::npos)
            ++i_;
        return i_ > start;
    }

    // `{a = 1, b.c = []}`: its keys are relative to it, and it has arrays of its own.
    bool inline_table() {
        Arrays own;
        ++i_;
        skip_blank();
        if (at('}')) return ++i_, true;
        for (;;) {
            skip_blank();
            std::size_t start = i_;
            Path key;
            if (!read_key(key) || !expect('=')) return false;
            if (!check(own, key, start, "the key `" + show(key) + "`", false)) return false;
            skip_blank();
            if (!value(key, &own)) return false;
            skip_blank();
            if (at('}')) return ++i_, true;
            if (!at(',')) return false;
            ++i_;
        }
    }
};

}  // namespace

std::optional<ShapeProblem> extends_static_array(std::string_view text) {
    return ShapeReader(text).run();
}

}  // namespace knead
