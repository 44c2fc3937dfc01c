// The only translation unit that includes toml11: it is slow to compile.
#include "knead/routine_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <toml.hpp>

#include "knead/policy.hpp"
#include "knead/suggest.hpp"
#include "knead/utf8.hpp"

namespace knead {
namespace {

using Value = toml::basic_value<toml::discard_comments, std::map, std::vector>;
using Table = Value::table_type;

constexpr int kMaxSeconds = 600;
constexpr int kMaxReps = 20;
constexpr int kMaxNesting = 32;
constexpr int kMaxPerDay = 10;
constexpr int kMaxPerWeek = 70;

const std::vector<std::string> kTopKeys = {"schema",   "name",  "area",    "summary", "cautions",
                                           "defaults", "point", "per_day", "per_week"};
const std::vector<std::string> kDoseKeys = {"locate",   "press",   "hold", "hold_min",
                                            "hold_max", "stretch", "reps", "target_pain"};
const std::vector<std::string> kPointKeys = {
    "id",     "name",        "muscle",         "refers_to",     "tool",           "side",
    "locate", "press",       "stretch",        "hold",          "hold_min",       "hold_max",
    "reps",   "target_pain", "locate_seconds", "press_seconds", "stretch_seconds"};
// A point that uses another may rename it, choose its sides and change its dose.
const std::vector<std::string> kUseKeys = {
    "use",  "id",          "side",           "hold",          "hold_min",       "hold_max",
    "reps", "target_pain", "locate_seconds", "press_seconds", "stretch_seconds"};

// Where a problem is: a line and column in the file, 1-based.
struct Where {
    int line = 1;
    int column = 1;
};

class Checker {
  public:
    Checker(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

    void error(Where w, std::string msg) { add(w, Severity::error, std::move(msg)); }
    void warning(Where w, std::string msg) { add(w, Severity::warning, std::move(msg)); }
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

// The dose keys one table sets; what it leaves out keeps the value it overrides.
struct DoseKeys {
    std::optional<int> locate, press, stretch, hold, hold_min, hold_max, reps;
    std::optional<PainBand> target;
};

// Reads the dose keys of a table. `in_point` selects the names of the locate, press and
// stretch lengths: plain in [defaults], `_seconds` in a point (where the plain names are
// cue texts).
DoseKeys read_dose_keys(TableReader& r, bool in_point) {
    const std::string sfx = in_point ? "_seconds" : "";
    DoseKeys k;
    k.locate = r.integer("locate" + sfx, 1, kMaxSeconds, "seconds");
    k.press = r.integer("press" + sfx, 1, kMaxSeconds, "seconds");
    k.stretch = r.integer("stretch" + sfx, 1, kMaxSeconds, "seconds");
    k.hold = r.integer("hold", 1, kMaxSeconds, "seconds");
    k.hold_min = r.integer("hold_min", 1, kMaxSeconds, "seconds");
    k.hold_max = r.integer("hold_max", 1, kMaxSeconds, "seconds");
    k.reps = r.integer("reps", 1, kMaxReps, "repetitions");
    k.target = r.band("target_pain");
    return k;
}

Dose apply_dose(Dose d, const DoseKeys& k) {
    d.locate = k.locate.value_or(d.locate);
    d.press = k.press.value_or(d.press);
    d.stretch = k.stretch.value_or(d.stretch);
    d.hold = k.hold.value_or(d.hold);
    d.hold_min = k.hold_min.value_or(d.hold_min);
    d.hold_max = k.hold_max.value_or(d.hold_max);
    d.reps = k.reps.value_or(d.reps);
    d.target = k.target.value_or(d.target);
    return d;
}

// Checks a dose where the table `r` sets one of its keys, so that each problem is
// reported once, at the key that causes it. Errors break the hold's rules; warnings
// (when `warn`) flag legal values that are probably not what was meant.
void check_dose(const Dose& d, const DoseKeys& k, TableReader& r, Checker& c, std::string_view what,
                bool warn = true) {
    const bool limits = k.hold_min || k.hold_max;
    if (limits && d.hold_min > d.hold_max) {
        c.error(r.at(k.hold_min ? "hold_min" : "hold_max"),
                fmt::format("hold_min ({} s) is above hold_max ({} s) in {}", d.hold_min,
                            d.hold_max, what));
        return;
    }
    if ((k.hold || limits) && (d.hold < d.hold_min || d.hold > d.hold_max)) {
        c.error(r.at(k.hold       ? "hold"
                     : k.hold_min ? "hold_min"
                                  : "hold_max"),
                fmt::format("hold ({} s) is outside hold_min..hold_max ({}..{} s) in {}", d.hold,
                            d.hold_min, d.hold_max, what));
        return;
    }
    if (!warn) return;
    // The study behind knead's holds pressed for 30 s and for 90 s ([HOU] in
    // docs/routines.md); nothing there supports holding longer.
    if (k.hold && *k.hold > kLongHoldSeconds)
        c.warning(r.at("hold"), fmt::format("a hold of {} s is long: the sources knead "
                                            "follows hold pressure for {} s at most",
                                            *k.hold, kLongHoldSeconds));
    if (k.hold_max && *k.hold_max > kLongHoldSeconds)
        c.warning(r.at("hold_max"),
                  fmt::format("hold_max = {} lets holds grow past {} s, which is rarely useful",
                              *k.hold_max, kLongHoldSeconds));
    if (limits && d.hold_min == d.hold_max)
        c.warning(r.at(k.hold_min ? "hold_min" : "hold_max"),
                  fmt::format("hold_min equals hold_max ({} s) in {}: the hold cannot adapt to "
                              "your answers",
                              d.hold_min, what));
    if (k.target && k.target->hi >= kTooMuchAtOrAbove)
        c.warning(r.at("target_pain"),
                  fmt::format("target_pain reaches {}: at {} or more knead stops pressing the "
                              "point, so aim lower (the usual band is [5, 7])",
                              k.target->hi, kTooMuchAtOrAbove));
}

// Loading a routine, and the routines it uses, in one go.
struct Frame {
    std::filesystem::path file;  // canonical; empty for text that has no file
    std::string id;
};

struct Loading {
    const Resolver& resolver;
    std::vector<Frame> stack;                          // the routines being read, outermost first
    std::map<std::filesystem::path, LoadResult> done;  // by canonical path
};

LoadResult load_file(Loading& l, const std::filesystem::path& path);

std::filesystem::path canonical_or_same(const std::filesystem::path& p) {
    std::error_code ec;
    auto c = std::filesystem::weakly_canonical(p, ec);
    return ec ? p : c;
}

// The routine `id` that the routine being read uses; on failure, why not.
const Routine* used_routine(Loading& l, const std::string& id, std::string& why) {
    const std::filesystem::path from = l.stack.empty() ? "" : l.stack.back().file;
    std::optional<std::filesystem::path> file;
    if (l.resolver.find) file = l.resolver.find(id, from);
    if (!file) {
        why = fmt::format("no routine named `{}` on the routine search path", id);
        if (l.resolver.known) {
            auto known = l.resolver.known(from);
            if (auto m = closest_match(id, known)) why += fmt::format("; did you mean `{}`?", *m);
        }
        return nullptr;
    }
    const auto canon = canonical_or_same(*file);
    for (std::size_t i = 0; i < l.stack.size(); ++i) {
        if (l.stack[i].file != canon) continue;
        std::string chain;
        for (std::size_t j = i; j < l.stack.size(); ++j) chain += l.stack[j].id + " -> ";
        why = fmt::format(
            "`use` makes a cycle: {}{}; a routine cannot use itself, directly or "
            "through others",
            chain, id);
        return nullptr;
    }
    if (l.stack.size() >= kMaxUseDepth) {
        why = fmt::format("routines use each other more than {} levels deep", kMaxUseDepth);
        return nullptr;
    }
    auto it = l.done.find(canon);
    if (it == l.done.end()) it = l.done.emplace(canon, load_file(l, *file)).first;
    const LoadResult& used = it->second;
    if (!used.routine) {
        why = fmt::format("routine `{}` cannot be used until it is valid", id);
        for (const auto& d : used.diagnostics) {
            if (d.severity != Severity::error) continue;
            why += fmt::format(" (first problem: {})", format_diagnostic(d));
            break;
        }
        return nullptr;
    }
    return &*used.routine;
}

// The own-point warnings: things a routine may leave out but rarely should.
void warn_point(Checker& c, TableReader& named, Where at, const Point& p, const DoseKeys& k) {
    if (!named.get("stretch"))
        c.warning(at, fmt::format("point `{}` has no `stretch`: a gentle stretch after the "
                                  "pressure helps the muscle keep its length",
                                  p.id));
    if (p.refers_to.empty())
        c.warning(at, fmt::format("point `{}` has no `refers_to`: say where it sends pain, so "
                                  "users can tell it is the point they need",
                                  p.id));
    if (k.stretch && p.stretch_cue.empty())
        c.warning(named.at("stretch_seconds"),
                  "`stretch_seconds` has no effect: the point has no `stretch` cue");
    for (auto [key, cue] : {std::pair{"locate", &p.locate_cue}, std::pair{"press", &p.press_cue},
                            std::pair{"stretch", &p.stretch_cue}}) {
        if (utf8_length(*cue) > kLongCueChars)
            c.warning(named.at(key), fmt::format("the `{}` cue is {} characters long: keep it "
                                                 "under {} so it can be read at a glance",
                                                 key, utf8_length(*cue), kLongCueChars));
    }
}

// Adds a point's id to the routine's, or reports the clash at `at`.
bool claim_id(Checker& c, std::set<std::string>& ids, const std::string& id, Where at,
              std::string_view hint = "") {
    if (ids.insert(id).second) return true;
    c.error(at, fmt::format("duplicate point id `{}`{}", id, hint));
    return false;
}

// A [[point]] with `use = "ROUTINE.POINT"` (one point) or `use = "ROUTINE"` (all of them):
// the points of another routine, in place, with their own cues and dose, and any dose
// keys given here on top.
void read_use_point(Checker& c, Loading& l, TableReader& named, std::set<std::string>& ids,
                    Routine& out, int index) {
    const Value& use = *named.get("use");
    named.set_context(fmt::format("[[point]] #{} (with `use`)", index));
    const std::string bad_ref =
        "`use` must name a routine and a point, like \"neck.upper-trapezius\", or a whole "
        "routine, like \"neck\"";
    std::string routine_id, point_id;
    bool ok = true;
    if (!use.is_string()) {
        c.error(where_value(use), bad_ref + fmt::format(", not {}", type_name(use)));
        ok = false;
    } else {
        const std::string ref = use.as_string().str;
        auto dot = ref.find('.');
        routine_id = ref.substr(0, dot);
        point_id = dot == std::string::npos ? "" : ref.substr(dot + 1);
        if (!is_slug(routine_id) || (dot != std::string::npos && !is_slug(point_id))) {
            c.error(where_value(use), bad_ref);
            ok = false;
        }
    }
    std::optional<std::string> rename = named.text("id", false);
    if (rename && !is_slug(*rename)) {
        c.error(named.at("id"), fmt::format("point id `{}` must be lowercase letters, digits "
                                            "and dashes (like `upper-trapezius`)",
                                            *rename));
        rename.reset();
        ok = false;
    }
    if (rename && ok && point_id.empty()) {
        c.error(named.at("id"), fmt::format("`id` renames one point, and \"{}\" uses all of "
                                            "them: use one, like \"{}.POINT\", to rename it",
                                            routine_id, routine_id));
        ok = false;
    }
    std::optional<Side> side;
    if (auto s = named.text("side", false)) {
        side = parse_side(*s);
        if (!side)
            c.error(named.at("side"), fmt::format("side `{}` must be \"both\", \"left\", "
                                                  "\"right\" or \"center\"",
                                                  *s));
    }
    const DoseKeys keys = read_dose_keys(named, true);
    std::map<std::string, std::string> hints;
    for (const auto& key : kPointKeys)
        if (std::find(kUseKeys.begin(), kUseKeys.end(), key) == kUseKeys.end())
            hints[key] = fmt::format(
                "a point with `use` takes its `{}` from the point it uses; to change it, "
                "copy the point into this file instead",
                key);
    named.unknown_keys(kUseKeys, hints);
    if (!ok) return;

    std::string why;
    const Routine* from = used_routine(l, routine_id, why);
    if (!from) {
        c.error(where_value(use), why);
        return;
    }
    std::vector<Point> points;
    if (point_id.empty()) {
        points = from->points;
    } else {
        auto it = std::find_if(from->points.begin(), from->points.end(),
                               [&](const Point& p) { return p.id == point_id; });
        if (it == from->points.end()) {
            std::vector<std::string> known;
            for (const auto& p : from->points) known.push_back(p.id);
            std::string hint;
            if (auto m = closest_match(point_id, known)) {
                hint = fmt::format("; did you mean `{}.{}`?", routine_id, *m);
            } else {
                for (const auto& k : known) hint += (hint.empty() ? "; its points are " : ", ") + k;
            }
            c.error(where_value(use),
                    fmt::format("routine `{}` has no point `{}`{}", routine_id, point_id, hint));
            return;
        }
        points.push_back(*it);
    }
    bool first = true;
    for (Point& p : points) {
        if (rename) p.id = *rename;
        if (side) p.side = *side;
        p.dose = apply_dose(p.dose, keys);
        p.from = routine_id;
        const std::string what = fmt::format("point {} (from {})", p.id, routine_id);
        check_dose(p.dose, keys, named, c, what, first);
        if (first && keys.stretch && p.stretch_cue.empty())
            c.warning(named.at("stretch_seconds"),
                      "`stretch_seconds` has no effect: the point has no `stretch` cue");
        first = false;
        claim_id(
            c, ids, p.id, rename ? named.at("id") : where_value(use),
            rename ? "" : fmt::format(" (from `{}`): rename it with `id = \"...\"`", routine_id));
        out.points.push_back(std::move(p));
    }
    // The cautions of the routines a point comes from come with it.
    for (const auto& caution : from->cautions)
        if (std::find(out.cautions.begin(), out.cautions.end(), caution) == out.cautions.end())
            out.cautions.push_back(caution);
}

void read_point(Checker& c, Loading& l, const Value& v, const Dose& defaults,
                std::set<std::string>& ids, Routine& out, int index) {
    Where at = where_value(v);
    if (!v.is_table()) {
        c.error(at, "each [[point]] must be a table");
        return;
    }
    TableReader named(c, v, at, fmt::format("[[point]] #{}", index));
    if (named.get("use")) return read_use_point(c, l, named, ids, out, index);
    Point p;
    if (auto id = named.text("id", true)) {
        p.id = *id;
        if (!is_slug(p.id))
            c.error(named.at("id"), fmt::format("point id `{}` must be lowercase letters, digits "
                                                "and dashes (like `upper-trapezius`)",
                                                p.id));
        else
            claim_id(c, ids, p.id, named.at("id"));
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
    const DoseKeys keys = read_dose_keys(named, true);
    p.dose = apply_dose(defaults, keys);
    check_dose(p.dose, keys, named, c, what);
    named.unknown_keys(kPointKeys, {{"locate_time", "did you mean `locate_seconds`?"},
                                    {"press_time", "did you mean `press_seconds`?"},
                                    {"stretch_time", "did you mean `stretch_seconds`?"}});
    if (!p.id.empty()) warn_point(c, named, at, p, keys);
    out.points.push_back(std::move(p));
}

Routine read_routine(Checker& c, Loading& l, const Value& root, const std::string& id) {
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
    // How often it is meant to be done: what `knead due` checks the log against.
    if (auto v = top.integer("per_day", 1, kMaxPerDay, "sessions")) r.per_day = *v;
    if (auto v = top.integer("per_week", 1, kMaxPerWeek, "sessions")) r.per_week = *v;
    top.unknown_keys(kTopKeys, {{"points", "did you mean `[[point]]`?"},
                                {"default", "did you mean `[defaults]`?"}});

    if (const Value* d = top.get("defaults")) {
        if (!d->is_table()) {
            c.error(where_key(*d, "defaults"), "`defaults` must be a table: write [defaults]");
        } else {
            TableReader dr(c, *d, where_value(*d), "[defaults]");
            const DoseKeys keys = read_dose_keys(dr, false);
            r.defaults = apply_dose(Dose{}, keys);
            check_dose(r.defaults, keys, dr, c, "[defaults]");
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
        for (const auto& p : points->as_array()) read_point(c, l, p, r.defaults, ids, r, ++index);
        if (points->as_array().empty())
            c.error(where_value(*points), "the routine has no points: add at least one [[point]]");
    }
    return r;
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

// Reads one routine from text. `file` is its canonical path, when it has one: the
// routines it uses are looked up from there, and a use that leads back to it is a cycle.
LoadResult load_text(Loading& l, std::string_view text, const std::string& display,
                     const std::string& id, const std::filesystem::path& file) {
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
    l.stack.push_back({file, id});
    Routine r = read_routine(c, l, root, id);
    l.stack.pop_back();
    sort_diagnostics(result.diagnostics);
    if (!c.failed()) result.routine = std::move(r);
    return result;
}

LoadResult load_file(Loading& l, const std::filesystem::path& path) {
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
    result = load_text(l, text, path.string(), path.stem().string(), canonical_or_same(path));
    if (result.routine) result.routine->path = path;
    return result;
}

}  // namespace

LoadResult load_routine_text(std::string_view text, const std::string& display,
                             const std::string& id, const Resolver& resolver) {
    Loading l{resolver, {}, {}};
    return load_text(l, text, display, id, {});
}

LoadResult load_routine_file(const std::filesystem::path& path, const Resolver& resolver) {
    Loading l{resolver, {}, {}};
    return load_file(l, path);
}

}  // namespace knead
