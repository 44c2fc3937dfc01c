// Loading every routine on the path: each file read once, `use` included, and the cache of
// what each file yielded, which an edited file never gets past.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <string>

#include "knead/routine_library.hpp"
#include "test_support.hpp"

using namespace knead;
using knead_test::read_file;
using knead_test::TempDir;
using knead_test::write_file;
namespace fs = std::filesystem;

namespace {

std::string routine_toml(const std::string& name, const std::string& point_name) {
    return "schema = 1\nname = \"" + name + "\"\narea = \"neck\"\n[[point]]\nid = \"p\"\n" +
           "name = \"" + point_name + "\"\nmuscle = \"m\"\nrefers_to = [\"temple\"]\n" +
           "locate = \"Find it.\"\npress = \"Press it.\"\nstretch = \"Stretch it.\"\n";
}

std::string user(const std::string& name) {
    return "schema = 1\nname = \"" + name + "\"\narea = \"neck\"\n[[point]]\nuse = \"base.p\"\n";
}

// Writes `text` and dates the file an hour back, as a file written long before the run.
void write_old(const fs::path& p, const std::string& text) {
    write_file(p, text);
    fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(1));
}

// Rewrites a file with other bytes of the same length and gives it back its old mtime, to
// the nanosecond: only its contents (and ctime) tell the difference.
void edit_in_place(const fs::path& p, const std::string& text) {
    const auto before = fs::last_write_time(p);
    REQUIRE(fs::file_size(p) == text.size());
    write_file(p, text);
    fs::last_write_time(p, before);
    REQUIRE(fs::last_write_time(p) == before);
}

std::string point_name(const std::vector<LibraryRoutine>& lib, std::size_t i) {
    REQUIRE(i < lib.size());
    REQUIRE(lib[i].routine);
    REQUIRE(!lib[i].routine->points.empty());
    return lib[i].routine->points[0].name;
}

// Replaces the first `from` in the cache file with `to` (same length): what a run that
// reads the cache then shows proves where its routine came from.
void tamper(const fs::path& cache, const std::string& from, const std::string& to) {
    std::string text = read_file(cache);
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    write_file(cache, text);
}

}  // namespace

TEST_CASE("routine library: a routine used by several others is read once") {
    TempDir dir;
    write_file(dir.path() / "base.toml", routine_toml("Base", "Alpha"));
    write_file(dir.path() / "one.toml", user("One"));
    write_file(dir.path() / "two.toml", user("Two"));
    std::vector<fs::path> files{dir.path() / "one.toml", dir.path() / "two.toml",
                                dir.path() / "base.toml"};
    auto loaded = load_routine_files(files, search_path_resolver({dir.path()}));
    CHECK(loaded.files_read == 3);  // not 5: each `use` of base reads it again
    REQUIRE(loaded.results.size() == 3);
    for (const auto& r : loaded.results) REQUIRE(r.routine);
    CHECK(loaded.results[2].routine->path == dir.path() / "base.toml");
    CHECK(loaded.results[0].routine->points[0].name == "Alpha");
    CHECK(loaded.results[0].uses.size() == 1);

    // The same results as one file at a time.
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto alone = load_routine_file(files[i], search_path_resolver({dir.path()}));
        REQUIRE(alone.routine);
        CHECK(alone.routine->name == loaded.results[i].routine->name);
        CHECK(alone.routine->points.size() == loaded.results[i].routine->points.size());
        CHECK(alone.diagnostics.size() == loaded.results[i].diagnostics.size());
    }
}

TEST_CASE("routine library: an invalid file is reported as invalid, cached run or not") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "knead" / "routines.cache";
    write_old(dir.path() / "base.toml", routine_toml("Base", "Alpha"));
    write_old(dir.path() / "broken.toml", "schema = 1\nname = \n");
    for (int run = 0; run < 2; ++run) {
        auto lib = load_library({dir.path()}, nullptr, cache);
        REQUIRE(lib.size() == 2);
        CHECK(lib[0].routine);
        CHECK(lib[1].ref.id == "broken");
        CHECK_FALSE(lib[1].routine);
    }
    struct stat st {};
    REQUIRE(::stat(cache.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("routine library: the cache serves unchanged files and never an edited one") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "routines.cache";
    const auto base = dir.path() / "base.toml";
    write_old(base, routine_toml("Base", "Alpha"));
    CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Alpha");

    // Served from the cache: what was altered in it shows.
    tamper(cache, "Alpha", "Omega");
    CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Omega");

    // Edited, same size, same mtime to the nanosecond: read again.
    edit_in_place(base, routine_toml("Base", "Gamma"));
    CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Gamma");
    CHECK(read_file(cache).find("Omega") == std::string::npos);  // the stale entry is gone
}

TEST_CASE("routine library: a routine is read again when a file its `use` read changes") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "routines.cache";
    write_old(dir.path() / "base.toml", routine_toml("Base", "Alpha"));
    write_old(dir.path() / "mine.toml", user("Mine"));
    auto lib = load_library({dir.path()}, nullptr, cache);
    REQUIRE(lib.size() == 2);
    CHECK(point_name(lib, 1) == "Alpha");

    edit_in_place(dir.path() / "base.toml", routine_toml("Base", "Gamma"));
    lib = load_library({dir.path()}, nullptr, cache);
    CHECK(point_name(lib, 0) == "Gamma");
    CHECK(point_name(lib, 1) == "Gamma");  // mine uses base.p: its cached copy is stale

    // A routine of that name earlier on the path is what `use` finds now.
    TempDir front;
    write_old(front.path() / "base.toml", routine_toml("Front", "Delta"));
    lib = load_library({front.path(), dir.path()}, nullptr, cache);
    REQUIRE(lib.size() == 2);
    CHECK(point_name(lib, 1) == "Delta");
}

TEST_CASE("routine library: a damaged cache is ignored and rebuilt") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "routines.cache";
    write_old(dir.path() / "base.toml", routine_toml("Base", "Alpha"));
    CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Alpha");
    const std::string good = read_file(cache);
    for (const std::string& bad : {std::string("garbage"), good.substr(0, good.size() / 2),
                                   good.substr(0, good.find('\n') + 1) + "99999999:x "}) {
        write_file(cache, bad);
        CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Alpha");
        // Rebuilt whole (only the time of the check differs), and served again.
        CHECK(read_file(cache).size() == good.size());
        tamper(cache, "Alpha", "Omega");
        CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Omega");
    }
}

namespace {

struct StatTimes {
    std::int64_t mtime_ns, ctime_ns;
};
StatTimes times_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
#ifdef __APPLE__
    return {st.st_mtimespec.tv_sec * 1'000'000'000LL + st.st_mtimespec.tv_nsec,
            st.st_ctimespec.tv_sec * 1'000'000'000LL + st.st_ctimespec.tv_nsec};
#else
    return {st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec,
            st.st_ctim.tv_sec * 1'000'000'000LL + st.st_ctim.tv_nsec};
#endif
}

// Edits `p` in place (same size, mtime put back) and makes the cache's key of it say the
// new ctime: as on a filesystem whose timestamps are too coarse to tell the edit, the
// file's stat is then exactly what the cache holds.
void edit_unseen(const fs::path& p, const fs::path& cache, const std::string& text) {
    const StatTimes before = times_of(p);
    edit_in_place(p, text);
    const StatTimes after = times_of(p);
    REQUIRE(after.mtime_ns == before.mtime_ns);
    tamper(cache, std::to_string(before.mtime_ns) + " " + std::to_string(before.ctime_ns) + " ",
           std::to_string(after.mtime_ns) + " " + std::to_string(after.ctime_ns) + " ");
}

}  // namespace

namespace {

// One routine, base.toml, loaded once so that it is in the cache.
struct CachedBase {
    TempDir dir, cache_dir;
    fs::path cache = cache_dir.path() / "routines.cache";
    fs::path base = dir.path() / "base.toml";
    explicit CachedBase(bool settled) {
        // Written just now, a file is racily clean once cached; an hour back, settled.
        if (settled)
            write_old(base, routine_toml("Base", "Alpha"));
        else
            write_file(base, routine_toml("Base", "Alpha"));
        REQUIRE(first_point() == "Alpha");
    }
    std::string first_point() { return point_name(load_library({dir.path()}, nullptr, cache), 0); }
};

}  // namespace

TEST_CASE("routine library: an edit in the same second as the cache write is not served") {
    CachedBase c(false);
    // Same size, same mtime, and a stat the cache cannot tell from the one it holds: the
    // file's mtime is too close to when it was checked, so its bytes are hashed again.
    edit_unseen(c.base, c.cache, routine_toml("Base", "Gamma"));
    CHECK(c.first_point() == "Gamma");
    edit_unseen(c.base, c.cache, routine_toml("Base", "Delta"));
    CHECK(c.first_point() == "Delta");
}

TEST_CASE("routine library: a file long settled is trusted on its stat, not read again") {
    CachedBase c(true);
    // What makes a cached run cheap: the file's bytes are not read while its size, times,
    // inode and device are all the same, which an edit made after the check never leaves.
    edit_unseen(c.base, c.cache, routine_toml("Base", "Gamma"));
    CHECK(c.first_point() == "Alpha");
}

TEST_CASE("routine library: a touched-back mtime is caught by ctime and inode") {
    CachedBase c(true);
    const auto& base = c.base;
    const auto& dir = c.dir;

    SUBCASE("rewritten in place, mtime set back") {
        edit_in_place(base, routine_toml("Base", "Gamma"));
    }
    SUBCASE("replaced by another file of the same size and mtime") {
        const auto before = fs::last_write_time(base);
        const auto other = dir.path() / "other.tmp";
        write_file(other, routine_toml("Base", "Gamma"));
        fs::last_write_time(other, before);
        fs::rename(other, base);
        REQUIRE(fs::last_write_time(base) == before);
    }
    CHECK(c.first_point() == "Gamma");
}

TEST_CASE("routine library: every field of a routine comes back from the cache") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "routines.cache";
    // Every field set, none to its default (the cache's static_assert counts them).
    write_old(dir.path() / "full.toml", R"(schema = 1
name = "Full"
area = "everywhere"
summary = "Every field."
cautions = ["One.", "Two."]
per_day = 2
per_week = 9

[defaults]
locate = 11
press = 12
hold = 33
hold_min = 21
hold_max = 61
stretch = 31
reps = 3
rest = 9
stretch_reps = 4
target_pain = [3, 6]
stop_pain = 8

[[point]]
id = "p"
name = "P"
muscle = "m"
refers_to = ["temple", "jaw"]
tool = "ball"
side = "left"
locate = "Find it."
press = "Press it."
stretch = "Stretch it."
hold = 34

[[point]]
use = "base.p"
id = "q"
side = "right"
reps = 1
)");
    write_old(dir.path() / "base.toml", routine_toml("Base", "Alpha"));
    const auto fresh = load_library({dir.path()}, nullptr, cache);
    const auto cached = load_library({dir.path()}, nullptr, cache);
    tamper(cache, "Every field.", "Every field!");  // proves the second run is the cache's
    const auto again = load_library({dir.path()}, nullptr, cache);
    REQUIRE(fresh.size() == 2);
    REQUIRE(cached.size() == 2);
    REQUIRE(again[1].routine);
    CHECK(again[1].routine->summary == "Every field!");
    for (std::size_t i = 0; i < fresh.size(); ++i) {
        REQUIRE(fresh[i].routine);
        REQUIRE(cached[i].routine);
        const Routine& a = *fresh[i].routine;
        const Routine& b = *cached[i].routine;
        CHECK(b.id == a.id);
        CHECK(b.path == a.path);
        CHECK(b.name == a.name);
        CHECK(b.area == a.area);
        CHECK(b.summary == a.summary);
        CHECK(b.cautions == a.cautions);
        auto same_dose = [](const Dose& x, const Dose& y) {
            return x.locate == y.locate && x.press == y.press && x.hold == y.hold &&
                   x.hold_min == y.hold_min && x.hold_max == y.hold_max && x.stretch == y.stretch &&
                   x.reps == y.reps && x.rest == y.rest && x.stretch_reps == y.stretch_reps &&
                   x.stop_pain == y.stop_pain && x.target == y.target;
        };
        CHECK(same_dose(b.defaults, a.defaults));
        CHECK(b.per_day == a.per_day);
        CHECK(b.per_week == a.per_week);
        REQUIRE(b.points.size() == a.points.size());
        for (std::size_t j = 0; j < a.points.size(); ++j) {
            const Point& p = a.points[j];
            const Point& q = b.points[j];
            CHECK(q.id == p.id);
            CHECK(q.name == p.name);
            CHECK(q.muscle == p.muscle);
            CHECK(q.refers_to == p.refers_to);
            CHECK(q.tool == p.tool);
            CHECK(q.side == p.side);
            CHECK(q.locate_cue == p.locate_cue);
            CHECK(q.press_cue == p.press_cue);
            CHECK(q.stretch_cue == p.stretch_cue);
            CHECK(same_dose(q.dose, p.dose));
            CHECK(q.from == p.from);
            CHECK(q.origin == p.origin);
        }
        REQUIRE(cached[i].summary);
        CHECK(*cached[i].summary == summarize(a));
    }
    // Not one of them left at its default, so that a field the cache dropped would show.
    const Routine& full = *fresh[1].routine;
    const Dose d;
    CHECK(full.per_day == 2);
    CHECK(full.per_week == 9);
    CHECK(full.defaults.locate != d.locate);
    CHECK(full.defaults.press != d.press);
    CHECK(full.defaults.stretch != d.stretch);
    CHECK(full.defaults.reps != d.reps);
    CHECK(full.defaults.rest != d.rest);
    CHECK(full.defaults.stretch_reps != d.stretch_reps);
    CHECK(full.defaults.stop_pain != d.stop_pain);
    CHECK(full.defaults.target.lo != d.target.lo);
    CHECK(full.points[0].tool == "ball");
    CHECK(full.points[0].side == Side::left);
    CHECK(full.points[1].from == "base");
    CHECK(full.points[1].origin == "base.p");
    CHECK(full.points[1].side == Side::right);
}

TEST_CASE("routine library: a routine not wanted is not read back, its summary is") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "routines.cache";
    write_old(dir.path() / "base.toml", routine_toml("Base", "Alpha"));
    load_library({dir.path()}, nullptr, cache);
    auto none = [](const RoutineSummary&) { return false; };
    auto lib = load_library({dir.path()}, nullptr, cache, none);
    REQUIRE(lib.size() == 1);
    REQUIRE(lib[0].summary);
    CHECK_FALSE(lib[0].routine);
    CHECK(lib[0].summary->area == "neck");
    CHECK(lib[0].summary->points == 1);
    CHECK(lib[0].summary->planned_seconds > 0);
}

TEST_CASE("routine library: what `where` matches on comes with the summary, cached or not") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "routines.cache";
    write_old(dir.path() / "base.toml", routine_toml("Base", "Alpha"));
    write_old(dir.path() / "user.toml",
              user("User") + "[[point]]\nid = \"own\"\nname = \"Own\"\nmuscle = \"Masseter\"\n" +
                  "refers_to = [\"jaw\", \"ear\"]\nlocate = \"Find it.\"\npress = \"Press it.\"\n");
    auto none = [](const RoutineSummary&) { return false; };
    for (int run = 0; run < 2; ++run) {
        CAPTURE(run);  // the first run parses the files, the second reads the cache
        auto lib = load_library({dir.path()}, nullptr, cache, none);
        REQUIRE(lib.size() == 2);
        REQUIRE(lib[0].summary);
        REQUIRE(lib[1].summary);
        CHECK(lib[0].summary->refer == std::vector<ReferPoint>{{"m", {"temple"}}});
        // The point it uses is base's, matched there: only its own point is here.
        CHECK(lib[1].summary->points == 2);
        CHECK(lib[1].summary->refer == std::vector<ReferPoint>{{"Masseter", {"jaw", "ear"}}});
    }
}

TEST_CASE("routine library: the routines `pick` marks are read back whole, the rest are not") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "routines.cache";
    write_old(dir.path() / "a.toml", routine_toml("A", "Alpha"));
    write_old(dir.path() / "b.toml", routine_toml("B", "Beta"));
    write_old(dir.path() / "c.toml", "schema = 1\nname = \"broken\n");
    auto none = [](const RoutineSummary&) { return false; };
    for (int run = 0; run < 2; ++run) {
        CAPTURE(run);
        std::size_t asked = 0;
        auto pick = [&](std::vector<LibraryRoutine>& lib) {
            ++asked;
            REQUIRE(lib.size() == 3);
            CHECK(lib[0].summary);
            CHECK(lib[1].summary);
            CHECK_FALSE(lib[2].summary);
            return std::vector<bool>{false, true, true};
        };
        auto lib = load_library({dir.path()}, nullptr, cache, none, pick);
        CHECK(asked == 1);
        REQUIRE(lib.size() == 3);
        // Parsed on the first run, so there whole then; read back only when picked after.
        CHECK(lib[0].routine.has_value() == (run == 0));
        CHECK(point_name(lib, 1) == "Beta");
        CHECK_FALSE(lib[2].summary);
        CHECK_FALSE(lib[2].routine);
    }
    // A picked routine that the cache can no longer serve (its point name's length now
    // runs past it) is parsed again.
    tamper(cache, "4:Beta", "9:Beta");
    auto pick_b = [](std::vector<LibraryRoutine>&) { return std::vector<bool>{false, true}; };
    auto lib = load_library({dir.path()}, nullptr, cache, none, pick_b);
    CHECK(point_name(lib, 1) == "Beta");
}
