#include "knead/json.hpp"

#include <fmt/format.h>

#include <cassert>
#include <cmath>

#include "knead/utf8.hpp"

namespace knead {

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        const std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) {
            out += "\\ufffd";
            ++i;
            continue;
        }
        if (len > 1) {
            out.append(s.substr(i, len));
            i += len;
            continue;
        }
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
                if (static_cast<unsigned char>(c) < 0x20)
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                else
                    out += c;
        }
        ++i;
    }
    out += '"';
    return out;
}

JsonWriter JsonWriter::document() {
    JsonWriter w;
    w.object().key("version").value(kJsonVersion);
    return w;
}

void JsonWriter::before_value(bool is_object) {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (open_.empty()) return;
    Level& in = open_.back();
    assert(!in.is_object && "a value in an object needs its key first");
    if (!in.empty) out_ += ',';
    in.empty = false;
    if (is_object) {
        out_ += '\n';
        in.had_object = true;
    }
}

JsonWriter& JsonWriter::object() {
    before_value(true);
    out_ += '{';
    open_.push_back({true});
    return *this;
}

JsonWriter& JsonWriter::array() {
    before_value(false);
    out_ += '[';
    open_.push_back({false});
    return *this;
}

JsonWriter& JsonWriter::end() {
    assert(!open_.empty() && !after_key_);
    const Level in = open_.back();
    open_.pop_back();
    if (in.is_object) {
        out_ += '}';
    } else {
        out_ += in.had_object ? "\n]" : "]";
    }
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
    assert(!open_.empty() && open_.back().is_object && !after_key_);
    Level& in = open_.back();
    if (!in.empty) out_ += ',';
    in.empty = false;
    out_ += json_string(k);
    out_ += ':';
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    before_value(false);
    out_ += json_string(s);
    return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t n) {
    before_value(false);
    out_ += std::to_string(n);
    return *this;
}

JsonWriter& JsonWriter::number(double v, int decimals) {
    if (!std::isfinite(v)) return null();
    before_value(false);
    out_ += fmt::format("{:.{}f}", v, decimals);
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value(false);
    out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& v) {
    array();
    for (const auto& s : v) value(s);
    return end();
}

std::string JsonWriter::text() const {
    return open_.empty() && !out_.empty() ? out_ + '\n' : out_;
}

std::string JsonWriter::take() {
    std::string part = open_.empty() && !out_.empty() ? out_ + '\n' : std::move(out_);
    out_.clear();
    return part;
}

}  // namespace knead
