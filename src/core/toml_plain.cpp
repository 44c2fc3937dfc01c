#include "toml_plain.hpp"

#include <algorithm>
#include <utility>

namespace knead {
namespace {

constexpr int kMaxDepth = 8;  // arrays in arrays; deeper ones go to toml11

bool bare_key_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

// What may follow a number or a boolean.
bool ends_value(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '#';
}

PlainNode* find_in(PlainNode& table, std::string_view key) {
    for (auto& v : table.table)
        if (v.key == key) return &v;
    return nullptr;
}

void sort_tables(PlainNode& n) {
    std::sort(n.table.begin(), n.table.end(),
              [](const PlainNode& a, const PlainNode& b) { return a.key < b.key; });
    for (auto& v : n.table) sort_tables(v);
    for (auto& item : n.items) sort_tables(item);
}

class Reader {
  public:
    explicit Reader(std::string_view s) : s_(s) {}

    std::optional<PlainNode> run() {
        PlainNode root;
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // a byte order mark
        root.offset = i_;
        PlainNode* table = &root;  // where keys go: the root or the last header's table
        while (true) {
            skip_blank();
            if (i_ >= s_.size()) break;
            const char c = s_[i_];
            if (c == '#' || c == '\n' || c == '\r') {
                if (!end_line()) return std::nullopt;
            } else if (c == '[') {
                table = header(root);
                if (!table) return std::nullopt;
            } else if (!key_value(*table)) {
                return std::nullopt;
            }
        }
        sort_tables(root);
        return root;
    }

  private:
    bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }

    void skip_blank() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
    }

    // A comment holds tabs and printable characters only.
    bool comment() {
        for (++i_; i_ < s_.size() && s_[i_] != '\n' && s_[i_] != '\r'; ++i_) {
            auto c = static_cast<unsigned char>(s_[i_]);
            if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
        }
        return true;
    }

    // Blanks, a comment, then the end of the line or of the text.
    bool end_line() {
        skip_blank();
        if (at('#') && !comment()) return false;
        if (i_ >= s_.size()) return true;
        if (s_[i_] == '\n') {
            ++i_;
            return true;
        }
        if (s_.substr(i_, 2) == "\r\n") {
            i_ += 2;
            return true;
        }
        return false;
    }

    std::string_view bare_key() {
        const std::size_t from = i_;
        while (i_ < s_.size() && bare_key_char(s_[i_])) ++i_;
        return s_.substr(from, i_ - from);
    }

    // [name] or [[name]] on a line of its own: the table its keys go to.
    PlainNode* header(PlainNode& root) {
        const std::size_t from = i_;
        const bool array = s_.substr(i_, 2) == "[[";
        i_ += array ? 2 : 1;
        const std::string_view name = bare_key();
        if (name.empty() || !at(']')) return nullptr;
        ++i_;
        if (array) {
            if (!at(']')) return nullptr;
            ++i_;
        }
        if (!end_line()) return nullptr;
        PlainNode table;
        table.offset = from;
        table.header = true;
        PlainNode* had = find_in(root, name);
        if (array) {
            if (!had) {
                PlainNode list;
                list.kind = TomlValue::Kind::array;
                list.offset = from;
                list.header = true;
                list.key = name;
                root.table.push_back(std::move(list));
                had = &root.table.back();
            } else if (had->kind != TomlValue::Kind::array || !had->header) {
                return nullptr;
            }
            had->items.push_back(std::move(table));
            return &had->items.back();
        }
        if (had) return nullptr;  // defined twice, or over a key
        table.key = name;
        root.table.push_back(std::move(table));
        return &root.table.back();
    }

    bool key_value(PlainNode& table) {
        const std::string_view key = bare_key();
        if (key.empty()) return false;
        skip_blank();
        if (!at('=')) return false;
        ++i_;
        skip_blank();
        PlainNode v;
        if (!value(v, 0) || !end_line() || find_in(table, key)) return false;
        v.key = key;
        table.table.push_back(std::move(v));
        return true;
    }

    bool value(PlainNode& v, int depth) {
        if (i_ >= s_.size()) return false;
        v.offset = i_;
        switch (s_[i_]) {
            case '"':
                v.kind = TomlValue::Kind::string;
                return basic_string(v.string);
            case '\'':
                v.kind = TomlValue::Kind::string;
                return literal_string(v.string);
            case '[':
                v.kind = TomlValue::Kind::array;
                return depth < kMaxDepth && array(v, depth);
            case 't':
            case 'f':
                v.kind = TomlValue::Kind::boolean;
                return boolean(v.boolean);
            default:
                v.kind = TomlValue::Kind::integer;
                return integer(v.integer);
        }
    }

    // On one line, with the escapes \b \t \n \f \r \" and \\ only.
    bool basic_string(std::string& out) {
        if (s_.substr(i_, 3) == "\"\"\"") return false;
        ++i_;
        while (i_ < s_.size()) {
            const std::size_t from = i_;
            while (i_ < s_.size() && plain_char(s_[i_]) && s_[i_] != '"' && s_[i_] != '\\') ++i_;
            out.append(s_.substr(from, i_ - from));
            if (i_ >= s_.size()) return false;
            if (s_[i_] == '"') {
                ++i_;
                return true;
            }
            if (s_[i_] != '\\' || i_ + 1 >= s_.size()) return false;  // a control character
            switch (s_[i_ + 1]) {
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
                default:
                    return false;  // \u, \U, or not an escape
            }
            i_ += 2;
        }
        return false;
    }

    static bool plain_char(char ch) {
        auto c = static_cast<unsigned char>(ch);
        return (c >= 0x20 || c == '\t') && c != 0x7F;
    }

    bool literal_string(std::string& out) {
        if (s_.substr(i_, 3) == "'''") return false;
        const std::size_t from = ++i_;
        while (i_ < s_.size() && plain_char(s_[i_]) && s_[i_] != '\'') ++i_;
        if (!at('\'')) return false;
        out.assign(s_.substr(from, i_ - from));
        ++i_;
        return true;
    }

    bool boolean(bool& out) {
        for (auto [word, b] : {std::pair{std::string_view("true"), true}, {"false", false}}) {
            if (s_.substr(i_, word.size()) != word) continue;
            i_ += word.size();
            out = b;
            return i_ >= s_.size() || ends_value(s_[i_]);
        }
        return false;
    }

    // [+-]? then 0 or up to 18 digits not starting with 0; anything else (floats, dates,
    // hex, underscores) is toml11's.
    bool integer(std::int64_t& out) {
        bool negative = false;
        if (at('+') || at('-')) negative = s_[i_++] == '-';
        const std::size_t from = i_;
        std::int64_t n = 0;
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9' && i_ - from < 18)
            n = n * 10 + (s_[i_++] - '0');
        const std::size_t digits = i_ - from;
        if (digits == 0 || (digits > 1 && s_[from] == '0')) return false;
        if (i_ < s_.size() && !ends_value(s_[i_])) return false;
        out = negative ? -n : n;
        return true;
    }

    // Blanks, line breaks and comments, as between the items of an array.
    bool skip_space() {
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (c == ' ' || c == '\t' || c == '\n') {
                ++i_;
            } else if (c == '\r') {
                if (s_.substr(i_, 2) != "\r\n") return false;
                i_ += 2;
            } else if (c == '#') {
                if (!comment()) return false;
            } else {
                break;
            }
        }
        return true;
    }

    bool array(PlainNode& v, int depth) {
        ++i_;
        while (true) {
            if (!skip_space() || i_ >= s_.size()) return false;
            if (at(']')) break;
            PlainNode item;
            if (!value(item, depth + 1) || !skip_space()) return false;
            v.items.push_back(std::move(item));
            if (at(',')) {
                ++i_;
            } else if (!at(']')) {
                return false;
            } else {
                break;
            }
        }
        ++i_;
        return true;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

}  // namespace

const PlainNode* PlainNode::find(std::string_view name) const {
    auto it = std::lower_bound(table.begin(), table.end(), name,
                               [](const PlainNode& v, std::string_view k) { return v.key < k; });
    return it != table.end() && it->key == name ? &*it : nullptr;
}

std::optional<PlainNode> read_plain_toml(std::string_view text) {
    return Reader(text).run();
}

}  // namespace knead
