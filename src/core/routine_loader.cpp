// The only translation unit that includes toml11: it is slow to compile.
#include "knead/routine_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <toml.hpp>

#include "knead/suggest.hpp"

namespace knead {
namespace {

using Value = toml::basic_value<toml::discard_comments, std::map, std::vector>;
using Table = Value::table_type;

constexpr int kMaxSeconds = 600;
constexpr int kMaxReps = 20;
constexpr int kMaxNesting = 32;

const std::vector<std::string> kTopKeys = {"schema",   "name",     "area", "summary",
                                           "cautions", "defaults", "point"};
const std::vector<std::string> kDoseKeys = {"locate",   "press",   "hold", "hold_min",
                                            "hold_max", "stretch", "reps", "target_pain"};
const std::vector<std::string> kPointKeys = {
    "id",     "name",        "muscle",         "refers_to",     "tool",           "side",
    "locate", "press",       "stretch",        "hold",          "hold_min",       "hold_max",
    "reps",   "target_pain", "locate_seconds", "press_seconds", "stretch_seconds"};

// Where a problem is: a line and column in the file, 1-based.
struct Where {
    int line = 1;
    int column = 1;
};

class Checker {
  public:
    Checker(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

    void error(Where w, std::string msg) { add(w, Severity::error, std::move(msg)); }
    void file_error(std::string msg) {
        out_.push_back({file_, 0, 0, Severity::error, std::move(msg)});
    }
    bool failed() const { return has_errors(out_); }
    const std::string& file() const { return file_; }

  private:
    void add(Where w, Severity s, std::string msg) {
        out_.push_back({file_, w.line, w.column, s, std::move(msg)});
    }
    std::string file_;
    std::vector<Diagnostic>& out_;
};

// toml11 locates values, not keys; the key is found on the value's line so that the
// column points at what the user typed.
Where where_key(const Value& v, const std::string& key) {
    auto loc = v.location();
    Where w{static_cast<int>(loc.line()), static_cast<int>(loc.column())};
    auto line = loc.line_str();
    auto pos = line.find(key);
    if (pos != std::string::npos && pos < static_cast<std::size_t>(w.column))
        w.column = static_cast<int>(pos) + 1;
    return w;
}

Where where_value(const Value& v) {
    auto loc = v.location();
    return {static_cast<int>(loc.line()), static_cast<int>(loc.column())};
}

std::string type_name(const Value& v) {
    switch (v.type()) {
        case toml::value_t::boolean:
            return "a boolean";
        case toml::value_t::integer:
            return "an integer";
        case toml::value_t::floating:
            return "a decimal number";
        case toml::value_t::string:
            return "a string";
        case toml::value_t::array:
            return "an array";
        case toml::value_t::table:
            return "a table";
        case toml::value_t::empty:
            return "nothing";
        default:
            return "a date or time";
    }
}

// The first control character in `s` (C0, DEL or C1), if any. Routine texts are printed
// to the terminal, where such characters would move the cursor or retitle the window.
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
        "`{}` contains a control character (U+{:04X}): routine texts must be "
        "plain text on one line",
        key, c);
}

// Reads the typed keys of one table, reporting every problem it meets.
class TableReader {
  public:
    TableReader(Checker& c, const Value& table, Where table_at, std::string context)
        : c_(c), table_(table.as_table()), at_(table_at), context_(std::move(context)) {}

    const Value* get(const std::string& key) const {
        auto it = table_.find(key);
        return it == table_.end() ? nullptr : &it->second;
    }
    Where at(const std::string& key) const {
        const Value* v = get(key);
        return v ? where_key(*v, key) : at_;
    }

    std::optional<std::string> text(const std::string& key, bool required) {
        const Value* v = get(key);
        if (!v) {
            if (required)
                c_.error(at_, fmt::format("{} is missing required key `{}`", context_, key));
            return std::nullopt;
        }
        if (!v->is_string()) {
            c_.error(where_value(*v),
                     fmt::format("`{}` must be a string, not {}", key, type_name(*v)));
            return std::nullopt;
        }
        std::string s = v->as_string().str;
        if (auto c = control_character(s)) {
            c_.error(where_value(*v), control_message(key, *c));
            return std::nullopt;
        }
        if (std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isspace(ch); })) {
            c_.error(where_value(*v), fmt::format("`{}` is empty", key));
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::vector<std::string>> texts(const std::string& key) {
        const Value* v = get(key);
        if (!v) return std::vector<std::string>{};
        if (!v->is_array()) {
            c_.error(where_value(*v),
                     fmt::format("`{}` must be an array of strings, not {}", key, type_name(*v)));
            return std::nullopt;
        }
        std::vector<std::string> out;
        bool ok = true;
        for (const auto& item : v->as_array()) {
            if (!item.is_string() || item.as_string().str.empty()) {
                c_.error(where_value(item),
                         fmt::format("`{}` must hold non-empty strings, not {}", key,
                                     item.is_string() ? "an empty string" : type_name(item)));
                ok = false;
                continue;
            }
            if (auto c = control_character(item.as_string().str)) {
                c_.error(where_value(item), control_message(key, *c));
                ok = false;
                continue;
            }
            out.push_back(item.as_string().str);
        }
        if (!ok) return std::nullopt;
        return out;
    }

    // An integer within [lo, hi]; `unit` words the message ("seconds").
    std::optional<int> integer(const std::string& key, int lo, int hi, std::string_view unit) {
        const Value* v = get(key);
        if (!v) return std::nullopt;
        if (v->is_floating()) {
            double d = v->as_floating();
            c_.error(where_value(*v),
                     std::isnan(d)
                         ? fmt::format("`{}` is not a number (nan)", key)
                         : fmt::format("`{}` must be a whole number of {}, not {}", key, unit, d));
            return std::nullopt;
        }
        if (!v->is_integer()) {
            c_.error(where_value(*v), fmt::format("`{}` must be a whole number of {}, not {}", key,
                                                  unit, type_name(*v)));
            return std::nullopt;
        }
        auto n = v->as_integer();
        // toml11 clamps numbers beyond 64 bits to the limits; do not echo the clamped value.
        if (n == std::numeric_limits<std::int64_t>::max() ||
            n == std::numeric_limits<std::int64_t>::min()) {
            c_.error(where_value(*v),
                     fmt::format("`{}` is far out of range: use {} to {}", key, lo, hi));
            return std::nullopt;
        }
        if (n < lo || n > hi) {
            std::string why = n < 0 ? "cannot be negative"
                              : n > hi && unit == "seconds"
                                  ? fmt::format("is over {} seconds ({} minutes)", hi, hi / 60)
                                  : fmt::format("must be from {} to {}", lo, hi);
            c_.error(where_value(*v), fmt::format("`{}` = {} {}", key, n, why));
            return std::nullopt;
        }
        return static_cast<int>(n);
    }

    std::optional<PainBand> band(const std::string& key) {
        const Value* v = get(key);
        if (!v) return std::nullopt;
        auto bad = [&] {
            c_.error(where_value(*v),
                     fmt::format("`{}` must be two whole numbers [low, high] from 0 to 10", key));
            return std::nullopt;
        };
        if (!v->is_array() || v->as_array().size() != 2) return bad();
        const auto& a = v->as_array();
        if (!a[0].is_integer() || !a[1].is_integer()) return bad();
        auto lo = a[0].as_integer(), hi = a[1].as_integer();
        if (lo < 0 || hi > 10 || lo > 10 || hi < 0) return bad();
        if (lo > hi) {
            c_.error(where_value(*v), fmt::format("`{}` = [{}, {}] is reversed: write [{}, {}]",
                                                  key, lo, hi, hi, lo));
            return std::nullopt;
        }
        return PainBand{static_cast<int>(lo), static_cast<int>(hi)};
    }

    void set_context(std::string context) { context_ = std::move(context); }

    // Reports keys that are not in `allowed`, with the nearest allowed key as a hint.
    void unknown_keys(const std::vector<std::string>& allowed,
                      const std::map<std::string, std::string>& hints = {}) {
        for (const auto& [key, v] : table_) {
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            std::string msg = fmt::format("unknown key `{}` in {}", key, context_);
            if (auto h = hints.find(key); h != hints.end())
                msg += "; " + h->second;
            else if (auto m = closest_match(key, allowed))
                msg += fmt::format("; did you mean `{}`?", *m);
            c_.error(where_key(v, key), msg);
        }
    }

  private:
    Checker& c_;
    const Table& table_;
    Where at_;
    std::string context_;
};

// Reads the dose keys of a table over `base`. `prefix_seconds` selects the names for the
// locate/press/stretch lengths: plain in [defaults], `_seconds` in a point (where the
// plain names are cue texts).
Dose read_dose(TableReader& r, Checker& c, Dose base, bool in_point, std::string_view what) {
    Dose d = base;
    const std::string sfx = in_point ? "_seconds" : "";
    if (auto v = r.integer("locate" + sfx, 1, kMaxSeconds, "seconds")) d.locate = *v;
    if (auto v = r.integer("press" + sfx, 1, kMaxSeconds, "seconds")) d.press = *v;
    if (auto v = r.integer("stretch" + sfx, 1, kMaxSeconds, "seconds")) d.stretch = *v;
    auto hold = r.integer("hold", 1, kMaxSeconds, "seconds");
    auto lo = r.integer("hold_min", 1, kMaxSeconds, "seconds");
    auto hi = r.integer("hold_max", 1, kMaxSeconds, "seconds");
    if (hold) d.hold = *hold;
    if (lo) d.hold_min = *lo;
    if (hi) d.hold_max = *hi;
    if (auto v = r.integer("reps", 1, kMaxReps, "repetitions")) d.reps = *v;
    if (auto v = r.band("target_pain")) d.target = *v;

    // Relations are checked where one of their keys is set, so each is reported once.
    if ((lo || hi) && d.hold_min > d.hold_max) {
        c.error(r.at(lo ? "hold_min" : "hold_max"),
                fmt::format("hold_min ({} s) is above hold_max ({} s) in {}", d.hold_min,
                            d.hold_max, what));
    } else if ((hold || lo || hi) && (d.hold < d.hold_min || d.hold > d.hold_max)) {
        c.error(r.at(hold ? "hold"
                     : lo ? "hold_min"
                          : "hold_max"),
                fmt::format("hold ({} s) is outside hold_min..hold_max ({}..{} s) in {}", d.hold,
                            d.hold_min, d.hold_max, what));
    }
    return d;
}

bool is_slug(const std::string& s) {
    static const std::regex slug("[a-z0-9]+(-[a-z0-9]+)*");
    return std::regex_match(s, slug);
}

void read_point(Checker& c, const Value& v, const Dose& defaults, std::set<std::string>& ids,
                Routine& out, int index) {
    Where at = where_value(v);
    if (!v.is_table()) {
        c.error(at, "each [[point]] must be a table");
        return;
    }
    TableReader named(c, v, at, fmt::format("[[point]] #{}", index));
    Point p;
    if (auto id = named.text("id", true)) {
        p.id = *id;
        if (!is_slug(p.id))
            c.error(named.at("id"), fmt::format("point id `{}` must be lowercase letters, digits "
                                                "and dashes (like `upper-trapezius`)",
                                                p.id));
        else if (!ids.insert(p.id).second)
            c.error(named.at("id"), fmt::format("duplicate point id `{}`", p.id));
        named.set_context(fmt::format("point `{}`", p.id));
    }
    const std::string what = p.id.empty() ? fmt::format("point #{}", index) : "point " + p.id;
    p.name = named.text("name", true).value_or("");
    p.muscle = named.text("muscle", true).value_or("");
    p.refers_to = named.texts("refers_to").value_or(std::vector<std::string>{});
    p.tool = named.text("tool", false).value_or("");
    if (auto side = named.text("side", false)) {
        if (auto s = parse_side(*side))
            p.side = *s;
        else
            c.error(named.at("side"), fmt::format("side `{}` must be \"both\", \"left\", "
                                                  "\"right\" or \"center\"",
                                                  *side));
    }
    for (auto [key, dest] : {std::pair{"locate", &p.locate_cue}, std::pair{"press", &p.press_cue},
                             std::pair{"stretch", &p.stretch_cue}}) {
        const Value* cue = named.get(key);
        if (cue && (cue->is_integer() || cue->is_floating())) {
            c.error(where_value(*cue),
                    fmt::format("in a [[point]], `{0}` is the cue text; set its length in "
                                "seconds with `{0}_seconds`",
                                key));
            continue;
        }
        *dest = named.text(key, std::string_view(key) != "stretch").value_or("");
    }
    p.dose = read_dose(named, c, defaults, true, what);
    named.unknown_keys(kPointKeys, {{"locate_time", "did you mean `locate_seconds`?"},
                                    {"press_time", "did you mean `press_seconds`?"},
                                    {"stretch_time", "did you mean `stretch_seconds`?"}});
    out.points.push_back(std::move(p));
}

Routine read_routine(Checker& c, const Value& root, const std::string& id) {
    Routine r;
    r.id = id;
    TableReader top(c, root, Where{1, 1}, "the routine");

    const Value* schema = top.get("schema");
    if (!schema) {
        c.error({1, 1}, fmt::format("missing `schema = {}` (the routine format version) at the "
                                    "top of the file",
                                    kSchemaVersion));
    } else if (!schema->is_integer()) {
        c.error(where_value(*schema),
                fmt::format("`schema` must be the integer {}", kSchemaVersion));
    } else if (schema->as_integer() != kSchemaVersion) {
        c.error(where_value(*schema),
                fmt::format("schema {} is not known to this version of knead, which reads schema "
                            "{}: update knead, or rewrite the routine in schema {}",
                            schema->as_integer(), kSchemaVersion, kSchemaVersion));
        return r;  // the rest is written in a format we do not know
    }

    r.name = top.text("name", true).value_or("");
    r.area = top.text("area", true).value_or("");
    r.summary = top.text("summary", false).value_or("");
    r.cautions = top.texts("cautions").value_or(std::vector<std::string>{});
    top.unknown_keys(kTopKeys, {{"points", "did you mean `[[point]]`?"},
                                {"default", "did you mean `[defaults]`?"}});

    if (const Value* d = top.get("defaults")) {
        if (!d->is_table()) {
            c.error(where_key(*d, "defaults"), "`defaults` must be a table: write [defaults]");
        } else {
            TableReader dr(c, *d, where_value(*d), "[defaults]");
            r.defaults = read_dose(dr, c, Dose{}, false, "[defaults]");
            dr.unknown_keys(kDoseKeys, {{"locate_seconds", "in [defaults] it is `locate`"},
                                        {"press_seconds", "in [defaults] it is `press`"},
                                        {"stretch_seconds", "in [defaults] it is `stretch`"}});
        }
    }

    const Value* points = top.get("point");
    if (!points) {
        c.error({1, 1}, "the routine has no points: add at least one [[point]] table");
    } else if (!points->is_array()) {
        c.error(where_value(*points), "`point` must be an array of tables: write [[point]]");
    } else {
        std::set<std::string> ids;
        int index = 0;
        for (const auto& p : points->as_array()) read_point(c, p, r.defaults, ids, r, ++index);
        if (points->as_array().empty())
            c.error(where_value(*points), "the routine has no points: add at least one [[point]]");
    }
    return r;
}

// Returns the position of the first byte that is not valid UTF-8, if any.
std::optional<std::size_t> invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = b < 0x80           ? 1
                          : (b >> 5) == 0x6  ? 2
                          : (b >> 4) == 0xE  ? 3
                          : (b >> 3) == 0x1E ? 4
                                             : 0;
        if (len == 0 || i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return i;
        std::uint32_t cp = len == 1 ? b : b & (0xFF >> (len + 1));
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
        static constexpr std::array<std::uint32_t, 5> min_cp = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::nullopt;
}

Where where_offset(std::string_view s, std::size_t offset) {
    Where w;
    for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
        if (s[i] == '\n') {
            ++w.line;
            w.column = 1;
        } else {
            ++w.column;
        }
    }
    return w;
}

// toml11's parser recurses on nested arrays and inline tables; bound the depth before
// it runs so a hostile file cannot exhaust the stack. Strings and comments are skipped.
std::optional<std::size_t> too_deep(std::string_view s) {
    int depth = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        if (ch == '#') {
            while (i < s.size() && s[i] != '\n') ++i;
        } else if (ch == '"' || ch == '\'') {
            bool multi = s.substr(i, 3) == std::string(3, ch);
            std::string_view close = multi ? s.substr(i, 3) : s.substr(i, 1);
            i += close.size();
            while (i < s.size() && s.substr(i, close.size()) != close) {
                if (ch == '"' && s[i] == '\\') ++i;
                if (!multi && s[i] == '\n') break;
                ++i;
            }
            i += close.size() - 1;
        } else if (ch == '[' || ch == '{') {
            if (++depth > kMaxNesting) return i;
        } else if ((ch == ']' || ch == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

// toml11 explains a syntax error over several lines, with carets under the culprit;
// keep its first sentence and the last caret's position and note.
Diagnostic syntax_diagnostic(const std::string& file, const toml::exception& e) {
    std::istringstream in(e.what());
    std::string line, headline, note;
    Where w{static_cast<int>(e.location().line()), static_cast<int>(e.location().column())};
    std::optional<int> source_line;
    static const std::regex source(R"(^\s*(\d+) \| .*$)");
    static const std::regex caret(R"(^(\s*\| )(\s*)[\^~]+-*\s*(.*)$)");
    std::smatch m;
    while (std::getline(in, line)) {
        if (headline.empty()) {
            headline = line;
        } else if (std::regex_match(line, m, source)) {
            source_line = std::stoi(m[1]);
        } else if (source_line && std::regex_match(line, m, caret)) {
            w = {*source_line, static_cast<int>(m[2].length()) + 1};
            note = m[3];
        }
    }
    static const std::regex prefix(R"(^\[error\]\s*(toml::\w+:?\s*)?)");
    std::string msg = std::regex_replace(headline, prefix, "");
    if (!note.empty() && note != "here") msg += msg.empty() ? note : ": " + note;
    if (msg.empty()) msg = "invalid TOML";
    return {file, w.line, w.column, Severity::error, "syntax error: " + msg};
}

}  // namespace

LoadResult load_routine_text(std::string_view text, const std::string& display,
                             const std::string& id) {
    LoadResult result;
    Checker c(display, result.diagnostics);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        c.file_error(
            "the file is empty: a routine needs `schema`, `name`, `area` and "
            "[[point]] tables");
        return result;
    }
    if (text.find('\0') != std::string_view::npos) {
        c.file_error("this is a binary file, not a TOML routine");
        return result;
    }
    if (auto bad = invalid_utf8(text)) {
        c.error(where_offset(text, *bad), "invalid UTF-8: save the file as UTF-8 text");
        return result;
    }
    if (auto deep = too_deep(text)) {
        c.error(where_offset(text, *deep),
                fmt::format("nested more than {} levels deep: not a routine", kMaxNesting));
        return result;
    }
    Value root;
    try {
        std::istringstream in{std::string(text)};
        root = toml::parse<toml::discard_comments, std::map, std::vector>(in, display);
    } catch (const toml::exception& e) {
        result.diagnostics.push_back(syntax_diagnostic(display, e));
        return result;
    } catch (const std::exception& e) {
        c.file_error(fmt::format("cannot read the TOML: {}", e.what()));
        return result;
    }
    Routine r = read_routine(c, root, id);
    sort_diagnostics(result.diagnostics);
    if (!c.failed()) result.routine = std::move(r);
    return result;
}

LoadResult load_routine_file(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    LoadResult result;
    Checker c(path.string(), result.diagnostics);
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
        c.file_error("no such file");
        return result;
    }
    if (fs::is_directory(st)) {
        c.file_error("is a directory, not a routine file");
        return result;
    }
    if (!fs::is_regular_file(st)) {
        c.file_error("not a regular file");
        return result;
    }
    auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxRoutineBytes) {
        c.file_error(fmt::format("too large for a routine ({} bytes; the limit is {} bytes)", size,
                                 kMaxRoutineBytes));
        return result;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        c.file_error("cannot be read (permission denied?)");
        return result;
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        c.file_error("cannot be read");
        return result;
    }
    result = load_routine_text(text, path.string(), path.stem().string());
    if (result.routine) result.routine->path = path;
    return result;
}

}  // namespace knead
