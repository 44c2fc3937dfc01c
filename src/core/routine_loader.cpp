#include "knead/routine_loader.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "knead/paths.hpp"
#include "knead/policy.hpp"
#include "knead/suggest.hpp"
#include "knead/toml_document.hpp"
#include "knead/utf8.hpp"
#include "table_reader.hpp"

namespace knead {
namespace {

// The point ids of a routine, each with where the point that has it first was read.
using PointIds = std::map<std::string, Where>;

constexpr int kMaxSeconds = 600;
constexpr int kMaxReps = 20;
constexpr int kMaxNesting = 32;
constexpr int kMaxPerDay = 10;
constexpr int kMaxPerWeek = 70;

const std::vector<std::string> kTopKeys = {"schema",   "name",  "area",    "summary", "cautions",
                                           "defaults", "point", "per_day", "per_week"};
const std::vector<std::string> kDoseKeys = {"locate",       "press",       "hold",     "hold_min",
                                            "hold_max",     "stretch",     "reps",     "rest",
                                            "stretch_reps", "target_pain", "stop_pain"};
const std::vector<std::string> kPointKeys = {
    "id",          "name",      "muscle",         "refers_to",     "tool",
    "side",        "locate",    "press",          "stretch",       "hold",
    "hold_min",    "hold_max",  "reps",           "rest",          "stretch_reps",
    "target_pain", "stop_pain", "locate_seconds", "press_seconds", "stretch_seconds"};
// A point that uses another may rename it, choose its sides and change its dose.
const std::vector<std::string> kUseKeys = {
    "use",          "id",          "side",           "hold",          "hold_min",        "hold_max",
    "reps",         "target_pain", "locate_seconds", "press_seconds", "stretch_seconds", "rest",
    "stretch_reps", "stop_pain"};

// The dose keys one table sets; what it leaves out keeps the value it overrides.
struct DoseKeys {
    std::optional<int> locate, press, stretch, hold, hold_min, hold_max, reps, rest, stretch_reps,
        stop_pain;
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
    k.rest = r.integer("rest", 1, kMaxSeconds, "seconds");
    k.stretch_reps = r.integer("stretch_reps", 1, kMaxReps, "repetitions");
    k.stop_pain = r.integer("stop_pain", 1, 10, "pain");
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
    d.rest = k.rest.value_or(d.rest);
    d.stretch_reps = k.stretch_reps.value_or(d.stretch_reps);
    d.stop_pain = k.stop_pain.value_or(d.stop_pain);
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
    if ((k.stop_pain || k.target) && d.stop_pain != 0 && d.stop_pain <= d.target.hi) {
        c.error(r.at(k.stop_pain ? "stop_pain" : "target_pain"),
                fmt::format("stop_pain ({}) must be above the top of target_pain ({}-{}) in {}",
                            d.stop_pain, d.target.lo, d.target.hi, what));
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
                  fmt::format("target_pain reaches {}: knead stops pressing {} above the band's "
                              "top, and a band this high leaves no room before 10, so aim lower "
                              "(the usual band is [5, 7])",
                              k.target->hi, kStopAboveBand));
}

// A file as read and parsed, before its routine is read out of it: all that depends on
// the file alone, so it is done once per file, whichever thread or `use` gets there first.
struct ParsedFile {
    bool read = false;    // its bytes were read (and so parsed, or refused)
    std::string display;  // the path it was read by, as its diagnostics name it
    std::string text;
    std::vector<Diagnostic> diagnostics;  // why there is no document, with their excerpts
    std::optional<TomlDocument> doc;
};

// The files of one load_routine_files by canonical path, shared by its threads. A file
// being parsed is waited for, never parsed twice; parsing waits for nothing else, so
// there is no deadlock. A file whose routine is read and no longer needed is "spent":
// its text and tree are freed, and only a `use` of it reads it again.
class ParsedFiles {
  public:
    using Ptr = std::shared_ptr<const ParsedFile>;
    // The file parsed, or nullptr when it is spent and `again` is false. `keep` pins it
    // (a used file's tree serves every later `use` of it).
    Ptr get(const std::filesystem::path& canon, const std::filesystem::path& path, bool again,
            bool keep);
    void spend(const std::filesystem::path& canon);
    // What canonical_or_same makes of `path`, with each directory made canonical once: a
    // directory of 10,000 routines costs a stat and a readlink for each component of its
    // path once, not once a file.
    std::filesystem::path canonical(const std::filesystem::path& path);
    int parses() const {
        const std::lock_guard lock(m_);
        return parses_;
    }

  private:
    struct Entry {
        Ptr file;
        bool ready = false, kept = false;
    };
    mutable std::mutex m_;
    std::condition_variable cv_;
    std::map<std::filesystem::path, Entry> entries_;
    int parses_ = 0;
    std::map<std::filesystem::path, std::optional<std::filesystem::path>> dirs_;
};

// Loading a routine, and the routines it uses, in one go.
struct Frame {
    std::filesystem::path file;  // canonical; empty for text that has no file
    std::string id;
    std::vector<UsedFile> uses;  // what it read for its `use`, directly or not
};

struct Loading {
    const Resolver& resolver;
    const Dose& base;                                  // the doses where a routine sets none
    std::vector<Frame> stack;                          // the routines being read, outermost first
    std::map<std::filesystem::path, LoadResult> done;  // by canonical path
    int files_read = 0;                                // parsed, whether valid or not
    // load_routine_files: its valid results so far (in its own vector), by canonical
    // path, and what was added to `done` while reading the current file.
    std::map<std::filesystem::path, const LoadResult*> listed;
    std::vector<std::filesystem::path> fresh;
    ParsedFiles* parsed = nullptr;  // load_routine_files: the files parsed so far
    // A worker reading ahead: a `use` stops it (NeedsUse), as only the thread that
    // keeps the order may resolve one.
    bool ahead = false;
};

struct NeedsUse {};

LoadResult load_file(Loading& l, const std::filesystem::path& path,
                     const std::filesystem::path& canon, bool keep);

std::filesystem::path canonical_or_same(const std::filesystem::path& p) {
    std::error_code ec;
    auto c = std::filesystem::weakly_canonical(p, ec);
    return ec ? p : c;
}

// The routine `id` that the routine being read uses; on failure, why not.
const Routine* used_routine(Loading& l, const std::string& id, std::string& why) {
    if (l.ahead) throw NeedsUse{};
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
    const auto canon = l.parsed ? l.parsed->canonical(*file) : canonical_or_same(*file);
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
    auto& done = l.resolver.used ? *l.resolver.used : l.done;
    const LoadResult* found = nullptr;
    if (auto it = done.find(canon); it != done.end()) {
        found = &it->second;
    } else if (auto v = l.listed.find(canon); !l.resolver.used && v != l.listed.end()) {
        found = v->second;
    } else {
        found = &done.emplace(canon, load_file(l, *file, canon, true)).first->second;
        if (!l.resolver.used) l.fresh.push_back(canon);
    }
    const LoadResult& used = *found;
    if (!used.routine) {
        why = fmt::format("routine `{}` cannot be used until it is valid", id);
        for (const auto& d : used.diagnostics) {
            if (d.severity != Severity::error) continue;
            why += fmt::format(" (first problem: {})", format_diagnostic(d));
            break;
        }
        return nullptr;
    }
    if (!l.stack.empty()) {
        auto& uses = l.stack.back().uses;
        uses.push_back({id, from, *file});
        uses.insert(uses.end(), used.uses.begin(), used.uses.end());
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

// Adds a point's id to the routine's, or reports the clash at `at`, naming the line of the
// point that has it first: that one stays, this one is the duplicate.
bool claim_id(Checker& c, PointIds& ids, const std::string& id, Where at,
              std::string_view hint = "") {
    auto [first, added] = ids.emplace(id, at);
    if (added) return true;
    const int line = first->second.line;
    if (hint.empty())
        c.error(at, fmt::format("duplicate point id `{}`: the point at line {} has it first; "
                                "rename this one",
                                id, line));
    else
        c.error(at, fmt::format("duplicate point id `{}`{}; the point at line {} has it first", id,
                                hint, line));
    return false;
}

// A side that is not one of the four words, reported at the value with the word it was
// most likely meant to be ("Left" is "left": the words are lowercase).
void bad_side(Checker& c, const TableReader& named, const std::string& given) {
    static const std::vector<std::string> sides{"both", "left", "right", "center"};
    std::string lower = given;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    // Words a therapist or an anatomy text uses for the same sides, too far from ours in
    // spelling for closest_match to find.
    static const std::vector<std::pair<std::string_view, std::string_view>> same_as{
        {"middle", "center"},  {"mid", "center"},
        {"midline", "center"}, {"central", "center"},
        {"median", "center"},  {"bilateral", "both"},
        {"each", "both"},      {"left-and-right", "both"},
        {"l", "left"},         {"r", "right"},
        {"lt", "left"},        {"rt", "right"}};
    std::string hint;
    const auto synonym = std::find_if(same_as.begin(), same_as.end(),
                                      [&](const auto& p) { return p.first == lower; });
    if (std::find(sides.begin(), sides.end(), lower) != sides.end())
        hint = fmt::format("; did you mean `{}`? (sides are lowercase)", lower);
    else if (synonym != same_as.end())
        hint = fmt::format("; did you mean `{}`?", synonym->second);
    else if (auto m = closest_match(lower, sides))
        hint = fmt::format("; did you mean `{}`?", *m);
    const auto value = named.get("side");
    c.error(value ? value->where() : named.at("side"),
            fmt::format("side `{}` must be \"both\", \"left\", \"right\" or \"center\"{}", given,
                        hint));
}

// A [[point]] with `use = "ROUTINE.POINT"` (one point) or `use = "ROUTINE"` (all of them):
// the points of another routine, in place, with their own cues and dose, and any dose
// keys given here on top.
void read_use_point(Checker& c, Loading& l, TableReader& named, PointIds& ids, Routine& out,
                    int index) {
    const TomlValue use = *named.get("use");
    named.set_context(fmt::format("[[point]] #{} (with `use`)", index));
    const std::string bad_ref =
        "`use` must name a routine and a point, like \"neck.upper-trapezius\", or a whole "
        "routine, like \"neck\"";
    std::string routine_id, point_id;
    bool ok = true;
    if (!use.is(TomlValue::Kind::string)) {
        c.error(use.where(), bad_ref + fmt::format(", not {}", use.kind_name()));
        ok = false;
    } else {
        const std::string& ref = use.as_string();
        auto dot = ref.find('.');
        routine_id = ref.substr(0, dot);
        point_id = dot == std::string::npos ? "" : ref.substr(dot + 1);
        if (!is_slug(routine_id) || (dot != std::string::npos && !is_slug(point_id))) {
            c.error(use.where(), bad_ref);
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
        if (!side) bad_side(c, named, *s);
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
        c.error(use.where(), why);
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
            known.reserve(from->points.size());
            for (const auto& p : from->points) known.push_back(p.id);
            std::string hint;
            if (auto m = closest_match(point_id, known)) {
                hint = fmt::format("; did you mean `{}.{}`?", routine_id, *m);
            } else {
                for (const auto& k : known) hint += (hint.empty() ? "; its points are " : ", ") + k;
            }
            c.error(use.where(),
                    fmt::format("routine `{}` has no point `{}`{}", routine_id, point_id, hint));
            return;
        }
        points.push_back(*it);
    }
    bool first = true;
    for (Point& p : points) {
        if (side) p.side = *side;
        p.dose = apply_dose(p.dose, keys);
        if (p.origin.empty()) p.origin = routine_id + "." + p.id;
        if (rename) p.id = *rename;
        p.from = routine_id;
        const std::string what = fmt::format("point {} (from {})", p.id, routine_id);
        check_dose(p.dose, keys, named, c, what, first);
        if (first && keys.stretch && p.stretch_cue.empty())
            c.warning(named.at("stretch_seconds"),
                      "`stretch_seconds` has no effect: the point has no `stretch` cue");
        first = false;
        claim_id(
            c, ids, p.id, rename ? named.at("id") : use.where(),
            rename ? "" : fmt::format(" (from `{}`): rename it with `id = \"...\"`", routine_id));
        out.points.push_back(std::move(p));
    }
    // The cautions of the routines a point comes from come with it.
    for (const auto& caution : from->cautions)
        if (std::find(out.cautions.begin(), out.cautions.end(), caution) == out.cautions.end())
            out.cautions.push_back(caution);
}

void read_point(Checker& c, Loading& l, const TomlValue& v, const Dose& defaults, PointIds& ids,
                Routine& out, int index) {
    Where at = v.where();
    if (!v.is(TomlValue::Kind::table)) {
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
            bad_side(c, named, *side);
    }
    for (auto [key, dest] : {std::pair{"locate", &p.locate_cue}, std::pair{"press", &p.press_cue},
                             std::pair{"stretch", &p.stretch_cue}}) {
        auto cue = named.get(key);
        if (cue && (cue->is(TomlValue::Kind::integer) || cue->is(TomlValue::Kind::floating))) {
            c.error(cue->where(),
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

Routine read_routine(Checker& c, Loading& l, const TomlValue& root, const std::string& id) {
    Routine r;
    r.id = id;
    r.defaults = l.base;
    TableReader top(c, root, Where{1, 1}, "the routine");

    auto schema = top.get("schema");
    if (!schema) {
        c.error({1, 1}, fmt::format("missing `schema = {}` (the routine format version) at the "
                                    "top of the file",
                                    kSchemaVersion));
    } else if (!schema->is(TomlValue::Kind::integer)) {
        c.error(schema->where(), fmt::format("`schema` must be the integer {}", kSchemaVersion));
    } else if (schema->as_int() != kSchemaVersion) {
        c.error(schema->where(),
                fmt::format("schema {} is not known to this version of knead, which reads schema "
                            "{}: update knead, or rewrite the routine in schema {}",
                            schema->as_int(), kSchemaVersion, kSchemaVersion));
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

    if (auto d = top.get("defaults")) {
        if (!d->is(TomlValue::Kind::table)) {
            c.error(d->where_key("defaults"), "`defaults` must be a table: write [defaults]");
        } else {
            TableReader dr(c, *d, d->where(), "[defaults]");
            const DoseKeys keys = read_dose_keys(dr, false);
            r.defaults = apply_dose(l.base, keys);
            check_dose(r.defaults, keys, dr, c, "[defaults]");
            dr.unknown_keys(kDoseKeys, {{"locate_seconds", "in [defaults] it is `locate`"},
                                        {"press_seconds", "in [defaults] it is `press`"},
                                        {"stretch_seconds", "in [defaults] it is `stretch`"}});
        }
    }

    auto points = top.get("point");
    if (!points) {
        c.error({1, 1}, "the routine has no points: add at least one [[point]] table");
    } else if (!points->is(TomlValue::Kind::array)) {
        c.error(points->where(), "`point` must be an array of tables: write [[point]]");
    } else {
        PointIds ids;
        int index = 0;
        for (const auto& p : points->items()) read_point(c, l, p, r.defaults, ids, r, ++index);
        if (points->items().empty())
            c.error(points->where(), "the routine has no points: add at least one [[point]]");
    }
    return r;
}

// What comes before reading the routine: its size, that it is not blank, and the TOML
// itself. Problems go to `out`; nullopt when there is no document to read.
std::optional<TomlDocument> parse_routine_text(std::string_view text, const std::string& display,
                                               std::vector<Diagnostic>& out) {
    Checker c(display, out);
    // load_file checks the size before reading; text from elsewhere is checked here.
    if (text.size() > kMaxRoutineBytes) {
        c.file_error(fmt::format("too large for a routine ({} bytes; the limit is {} bytes)",
                                 text.size(), kMaxRoutineBytes));
        return std::nullopt;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        c.file_error(
            "the file is empty: a routine needs `schema`, `name`, `area` and "
            "[[point]] tables");
        return std::nullopt;
    }
    return parse_toml(text, display, out, kMaxNesting);
}

// The routine out of a parsed document, and the routines it uses.
LoadResult read_document(Loading& l, const TomlDocument& doc, const std::string& display,
                         const std::string& id, const std::filesystem::path& file) {
    LoadResult result;
    Checker c(display, result.diagnostics);
    l.stack.push_back({file, id, {}});
    Routine r = read_routine(c, l, doc.root(), id);
    result.uses = std::move(l.stack.back().uses);
    l.stack.pop_back();
    sort_diagnostics(result.diagnostics);
    if (!c.failed()) result.routine = std::move(r);
    return result;
}

LoadResult load_text(Loading& l, std::string_view text, const std::string& display,
                     const std::string& id, const std::filesystem::path& file) {
    LoadResult result;
    auto doc = parse_routine_text(text, display, result.diagnostics);
    if (!doc) return result;
    return read_document(l, *doc, display, id, file);
}

// All of the file at `path`, at most one byte past the size limit (enough for the loader
// to say it is too big); false with errno set when it cannot be read.
bool read_all(const std::filesystem::path& path, std::uintmax_t size_hint, std::string& out) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    out.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(size_hint, kMaxRoutineBytes)) + 1);
    std::size_t have = 0;
    while (have <= kMaxRoutineBytes) {
        if (have == out.size()) out.resize(std::min(out.size() * 2, kMaxRoutineBytes + 1));
        const ssize_t n = ::read(fd, out.data() + have, out.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            errno = err;
            return false;
        }
        if (n == 0) break;
        have += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(have);
    return true;
}

// Reads and parses the file at `path`: all that depends on the file alone.
ParsedFile parse_file(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    ParsedFile f;
    f.display = path.string();
    Checker c(f.display, f.diagnostics);
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
        c.file_error("cannot be read: " + ec.message());  // the OS's reason, as it gives it
        return f;
    }
    if (ec || !fs::exists(st)) {
        const auto target = dangling_link_target(path);
        c.file_error(target ? dangling_link_words(*target) : "no such file");
        return f;
    }
    if (fs::is_directory(st)) {
        c.file_error("is a directory, not a routine file");
        return f;
    }
    if (!fs::is_regular_file(st)) {
        // Never opened: a FIFO would wait for a writer.
        c.file_error(fs::is_fifo(st)     ? "is a FIFO, not a routine file"
                     : fs::is_socket(st) ? "is a socket, not a routine file"
                     : fs::is_character_file(st)
                         ? "is a device (such as /dev/zero), not a routine file"
                     : fs::is_block_file(st) ? "is a disk device, not a routine file"
                                             : "is not a regular file, so not a routine file");
        return f;
    }
    auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxRoutineBytes) {
        c.file_error(fmt::format("too large for a routine ({} bytes; the limit is {} bytes)", size,
                                 kMaxRoutineBytes));
        return f;
    }
    errno = 0;
    if (!read_all(path, ec ? 0 : size, f.text)) {
        c.file_error(errno ? fmt::format("cannot be read: {}", std::strerror(errno))
                           : std::string("cannot be read"));
        return f;
    }
    f.read = true;
    f.doc = parse_routine_text(f.text, f.display, f.diagnostics);
    attach_excerpts(f.diagnostics, f.text);
    return f;
}

ParsedFiles::Ptr ParsedFiles::get(const std::filesystem::path& canon,
                                  const std::filesystem::path& path, bool again, bool keep) {
    std::unique_lock lock(m_);
    auto [it, added] = entries_.try_emplace(canon);
    Entry& e = it->second;  // a std::map's entries stay where they are
    if (!added) {
        cv_.wait(lock, [&] { return e.ready; });
        if (e.file || !again) {
            e.kept = e.kept || keep;
            return e.file;
        }
        e.ready = false;  // spent, and wanted again: this thread reads it anew
    }
    lock.unlock();
    Ptr f;
    try {
        f = std::make_shared<const ParsedFile>(parse_file(path));
    } catch (...) {
        lock.lock();
        e.ready = true;  // as if spent: whoever wants it next tries again
        cv_.notify_all();
        throw;
    }
    lock.lock();
    e.file = f;
    e.ready = true;
    e.kept = e.kept || keep;
    if (f->read) ++parses_;
    cv_.notify_all();
    return f;
}

void ParsedFiles::spend(const std::filesystem::path& canon) {
    const std::lock_guard lock(m_);
    auto it = entries_.find(canon);
    if (it != entries_.end() && it->second.ready && !it->second.kept) it->second.file.reset();
}

std::filesystem::path ParsedFiles::canonical(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    // A file that is not a symbolic link is its directory's canonical path and its name;
    // anything else (a link, a file that is not there, `.` or `..`) takes the whole walk.
    const fs::path name = path.filename();
    std::error_code ec;
    const auto st = fs::symlink_status(path, ec);
    if (ec || !fs::exists(st) || fs::is_symlink(st) || name.empty() || name == "." || name == "..")
        return canonical_or_same(path);
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::optional<fs::path> canon_dir;
    {
        const std::lock_guard lock(m_);
        auto [it, added] = dirs_.try_emplace(dir);
        if (added) {
            auto c = fs::canonical(dir, ec);
            if (!ec) it->second = std::move(c);
        }
        canon_dir = it->second;
    }
    return canon_dir ? *canon_dir / name : canonical_or_same(path);
}

// The routine out of a file read and parsed, as `path` names it.
LoadResult read_parsed(Loading& l, const ParsedFile& f, const std::filesystem::path& path,
                       const std::filesystem::path& canon) {
    LoadResult result;
    if (!f.doc) {  // the same problems, named as this path names the file
        result.diagnostics = f.diagnostics;
        for (auto& d : result.diagnostics) d.file = path.string();
        return result;
    }
    result = read_document(l, *f.doc, path.string(), path.stem().string(), canon);
    attach_excerpts(result.diagnostics, f.text);
    if (result.routine) result.routine->path = path;
    return result;
}

// `keep`: the file is used by others, so its tree is kept for their next `use` of it.
LoadResult load_file(Loading& l, const std::filesystem::path& path,
                     const std::filesystem::path& canon, bool keep) {
    if (l.parsed) return read_parsed(l, *l.parsed->get(canon, path, true, keep), path, canon);
    const ParsedFile f = parse_file(path);
    if (f.read) ++l.files_read;
    return read_parsed(l, f, path, canon);
}

// One path of load_routine_files, as far as it can be taken without the others: its
// canonical path, the file parsed (unless another path parsed it and it is spent), and,
// when `whole` and the routine uses no other, its result.
struct Ahead {
    std::filesystem::path canon;
    std::optional<LoadResult> result;
    std::exception_ptr error;
    bool ready = false;
};

void read_ahead(Ahead& a, const std::filesystem::path& path, const Resolver& resolver,
                const Dose& base, ParsedFiles& parsed, bool whole) {
    a.canon = parsed.canonical(path);
    if (!whole) return;
    auto f = parsed.get(a.canon, path, false, false);
    if (!f) return;
    Loading l{resolver, base, {}, {}, 0, {}, {}, nullptr, true};
    try {
        a.result = read_parsed(l, *f, path, a.canon);
    } catch (const NeedsUse&) {
        a.result.reset();  // the thread that keeps the order reads it, from the tree parsed here
    }
}

// Worker threads that read ahead of the loop of load_routine_files, at most kWindow
// paths past the one it is at, so that memory stays bounded whatever the number of files.
class ReadAhead {
  public:
    static constexpr std::size_t kWindow = 64;

    ReadAhead(const std::vector<std::filesystem::path>& paths, const Resolver& resolver,
              const Dose& base, ParsedFiles& parsed, unsigned threads)
        : paths_(paths), resolver_(resolver), base_(base), parsed_(parsed), slots_(paths.size()) {
        for (unsigned t = 0; t < threads; ++t) workers_.emplace_back([this] { work(); });
    }
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;
    ~ReadAhead() {
        {
            const std::lock_guard lock(m_);
            stop_ = true;
        }
        cv_.notify_all();
        for (auto& w : workers_) w.join();
    }

    // Path `i`, read ahead; then, once its result is taken, release(i).
    Ahead& wait(std::size_t i) {
        if (workers_.empty()) {
            read_ahead(slots_[i], paths_[i], resolver_, base_, parsed_, false);
            return slots_[i];
        }
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return slots_[i].ready; });
        if (slots_[i].error) std::rethrow_exception(slots_[i].error);
        return slots_[i];
    }
    void release(std::size_t i) {
        {
            const std::lock_guard lock(m_);
            slots_[i] = Ahead{};
            done_ = i + 1;
        }
        cv_.notify_all();
    }

  private:
    void work() {
        while (true) {
            std::size_t i = 0;
            {
                std::unique_lock lock(m_);
                cv_.wait(lock, [&] {
                    return stop_ || next_ >= slots_.size() || next_ < done_ + kWindow;
                });
                if (stop_ || next_ >= slots_.size()) return;
                i = next_++;
            }
            Ahead a;
            try {
                read_ahead(a, paths_[i], resolver_, base_, parsed_, true);
            } catch (...) {
                a.error = std::current_exception();
            }
            a.ready = true;
            {
                const std::lock_guard lock(m_);
                slots_[i] = std::move(a);
            }
            cv_.notify_all();
        }
    }

    const std::vector<std::filesystem::path>& paths_;
    const Resolver& resolver_;
    const Dose& base_;
    ParsedFiles& parsed_;
    std::vector<Ahead> slots_;
    std::vector<std::thread> workers_;
    std::mutex m_;
    std::condition_variable cv_;
    std::size_t next_ = 0, done_ = 0;
    bool stop_ = false;
};

}  // namespace

LoadResult load_routine_text(std::string_view text, const std::string& display,
                             const std::string& id, const Resolver& resolver, const Dose& base) {
    Loading l{resolver, base, {}, {}, 0, {}, {}};
    LoadResult result = load_text(l, text, display, id, {});
    attach_excerpts(result.diagnostics, text);
    return result;
}

LoadResult load_routine_file(const std::filesystem::path& path, const Resolver& resolver,
                             const Dose& base) {
    Loading l{resolver, base, {}, {}, 0, {}, {}};
    return load_file(l, path, canonical_or_same(path), false);
}

LoadedFiles load_routine_files(const std::vector<std::filesystem::path>& paths,
                               const Resolver& resolver, const Dose& base, unsigned threads) {
    LoadedFiles out;
    ParsedFiles parsed;
    Loading l{resolver, base, {}, {}, 0, {}, {}, &parsed};
    if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
    // One thread needs no helper: the loop reads each file itself, and no further.
    if (threads > paths.size()) threads = static_cast<unsigned>(paths.size());
    ReadAhead ahead(paths, resolver, base, parsed, threads > 1 ? threads : 0);
    out.results.reserve(paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const auto& path = paths[i];
        Ahead& a = ahead.wait(i);
        const auto& canon = a.canon;
        const LoadResult* read = nullptr;
        if (auto it = l.done.find(canon); it != l.done.end())
            read = &it->second;
        else if (auto v = l.listed.find(canon); v != l.listed.end())
            read = v->second;
        if (!read) {
            // Read whole ahead when it uses no other routine; else read here, in order.
            out.results.push_back(a.result ? std::move(*a.result)
                                           : load_file(l, path, canon, false));
        } else {
            // Read already, for a `use` or listed twice: the same routine, named as this
            // file is named.
            LoadResult copy = *read;
            const std::string was = copy.routine->path.string();
            for (auto& d : copy.diagnostics)
                if (d.file == was) d.file = path.string();
            copy.routine->path = path;
            out.results.push_back(std::move(copy));
        }
        // A valid routine is the same whoever uses it; an invalid one's message can
        // depend on the chain of `use` it was read in (a cycle), so it is read anew.
        // Only what this file added can be invalid: the rest was kept for being valid.
        for (const auto& key : l.fresh)
            if (auto it = l.done.find(key); it != l.done.end() && !it->second.routine)
                l.done.erase(it);
        l.fresh.clear();
        // `results` was reserved for every path, so the pointer stays valid.
        if (out.results.back().routine) l.listed.try_emplace(canon, &out.results.back());
        parsed.spend(canon);  // its result is known: a later `use` of it needs no tree
        ahead.release(i);
    }
    out.files_read = parsed.parses();
    return out;
}

}  // namespace knead
