#include "table_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "knead/suggest.hpp"

namespace knead {
namespace {

// The first control character in `s` (C0, DEL or C1), if any. Texts from these files
// are printed to the terminal, where such characters would move the cursor or retitle
// the window.
std::optional<unsigned> control_character(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) return c;
        if (c == 0xC2 && i + 1 < s.size()) {
            auto next = static_cast<unsigned char>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return next;
        }
    }
    return std::nullopt;
}

std::string control_message(const std::string& key, unsigned c) {
    return fmt::format(
        "`{}` contains a control character (U+{:04X}): texts must be plain "
        "text on one line",
        key, c);
}

}  // namespace

void Checker::add(Where w, Severity s, std::string_view msg) {
    if (reported_ < kMaxReported) {
        ++reported_;
        // Messages quote keys and values from the file: keep each one printable line.
        out_.push_back({file_, w.line, w.column, s, one_line(msg)});
        return;
    }
    // The count is for the whole file (line 0), so it is listed first; it is an error
    // when an error is among the problems it stands for.
    if (dropped_++ == 0) {
        note_ = out_.size();
        out_.push_back({file_, 0, 0, s, ""});
    }
    Diagnostic& note = out_[note_];
    if (s == Severity::error) note.severity = s;
    note.message = fmt::format("{} more problems not shown: fix these first", dropped_);
}

Where TableReader::at(std::string_view key) const {
    auto v = get(key);
    return v ? v->where_key(key) : at_;
}

std::optional<std::string> TableReader::text(const std::string& key, bool required) {
    auto v = get(key);
    if (!v) {
        if (required) c_.error(at_, fmt::format("{} is missing required key `{}`", context_, key));
        return std::nullopt;
    }
    if (!v->is(TomlValue::Kind::string)) {
        c_.error(v->where(), fmt::format("`{}` must be a string, not {}", key, v->kind_name()));
        return std::nullopt;
    }
    const std::string& s = v->as_string();
    if (auto c = control_character(s)) {
        c_.error(v->where(), control_message(key, *c));
        return std::nullopt;
    }
    if (std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isspace(ch); })) {
        c_.error(v->where(), fmt::format("`{}` is empty", key));
        return std::nullopt;
    }
    return s;
}

std::optional<std::vector<std::string>> TableReader::texts(const std::string& key) {
    auto v = get(key);
    if (!v) return std::vector<std::string>{};
    if (!v->is(TomlValue::Kind::array)) {
        c_.error(v->where(),
                 fmt::format("`{}` must be an array of strings, not {}", key, v->kind_name()));
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (const auto& item : v->items()) {
        if (!item.is(TomlValue::Kind::string) || item.as_string().empty()) {
            c_.error(item.where(),
                     fmt::format(
                         "`{}` must hold non-empty strings, not {}", key,
                         item.is(TomlValue::Kind::string) ? "an empty string" : item.kind_name()));
            ok = false;
        } else if (auto c = control_character(item.as_string())) {
            c_.error(item.where(), control_message(key, *c));
            ok = false;
        } else {
            out.push_back(item.as_string());
        }
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<int> TableReader::integer(const std::string& key, int lo, int hi,
                                        std::string_view unit) {
    auto v = get(key);
    if (!v) return std::nullopt;
    if (v->is(TomlValue::Kind::floating)) {
        double d = v->as_float();
        c_.error(v->where(),
                 std::isnan(d)
                     ? fmt::format("`{}` is not a number (nan)", key)
                     : fmt::format("`{}` must be a whole number of {}, not {}", key, unit, d));
        return std::nullopt;
    }
    if (!v->is(TomlValue::Kind::integer)) {
        c_.error(v->where(), fmt::format("`{}` must be a whole number of {}, not {}", key, unit,
                                         v->kind_name()));
        return std::nullopt;
    }
    auto n = v->as_int();
    // toml11 clamps numbers beyond 64 bits to the limits; do not echo the clamped value.
    if (n == std::numeric_limits<std::int64_t>::max() ||
        n == std::numeric_limits<std::int64_t>::min()) {
        c_.error(v->where(), fmt::format("`{}` is far out of range: use {} to {}", key, lo, hi));
        return std::nullopt;
    }
    if (n < lo || n > hi) {
        std::string why = n < 0 ? "cannot be negative"
                          : n > hi && unit == "seconds"
                              ? fmt::format("is over {} seconds ({} minutes)", hi, hi / 60)
                              : fmt::format("must be from {} to {}", lo, hi);
        c_.error(v->where(), fmt::format("`{}` = {} {}", key, n, why));
        return std::nullopt;
    }
    return static_cast<int>(n);
}

std::optional<bool> TableReader::boolean(const std::string& key) {
    auto v = get(key);
    if (!v) return std::nullopt;
    if (!v->is(TomlValue::Kind::boolean)) {
        c_.error(v->where(),
                 fmt::format("`{}` must be true or false, not {}", key, v->kind_name()));
        return std::nullopt;
    }
    return v->as_bool();
}

std::optional<PainBand> TableReader::band(const std::string& key) {
    auto v = get(key);
    if (!v) return std::nullopt;
    auto bad = [&] {
        c_.error(v->where(),
                 fmt::format("`{}` must be two whole numbers [low, high] from 0 to 10", key));
        return std::nullopt;
    };
    if (!v->is(TomlValue::Kind::array)) return bad();
    auto a = v->items();
    if (a.size() != 2 || !a[0].is(TomlValue::Kind::integer) || !a[1].is(TomlValue::Kind::integer))
        return bad();
    auto lo = a[0].as_int(), hi = a[1].as_int();
    if (lo < 0 || lo > 10 || hi < 0 || hi > 10) return bad();
    if (lo > hi) {
        c_.error(v->where(),
                 fmt::format("`{}` = [{}, {}] is reversed: write [{}, {}]", key, lo, hi, hi, lo));
        return std::nullopt;
    }
    return PainBand{static_cast<int>(lo), static_cast<int>(hi)};
}

std::optional<std::string> TableReader::choice(const std::string& key,
                                               const std::vector<std::string>& choices) {
    auto s = text(key, false);
    if (!s) return std::nullopt;
    if (std::find(choices.begin(), choices.end(), *s) != choices.end()) return s;
    std::string list;
    for (const auto& c : choices) {
        if (!list.empty()) list += ", ";
        list += fmt::format("\"{}\"", c);
    }
    c_.error(get(key)->where(), fmt::format("`{}` = \"{}\" must be one of {}", key, *s, list));
    return std::nullopt;
}

void TableReader::unknown_keys(const std::vector<std::string>& allowed,
                               const std::map<std::string, std::string>& hints) {
    for (const auto& key : table_.keys()) {
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        std::string msg = fmt::format("unknown key `{}` in {}", key, context_);
        if (auto h = hints.find(key); h != hints.end())
            msg += "; " + h->second;
        else if (auto m = closest_match(key, allowed))
            msg += fmt::format("; did you mean `{}`?", *m);
        c_.error(at(key), msg);
    }
}

}  // namespace knead
