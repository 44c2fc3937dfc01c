// Routines that use points of other routines: resolution, overrides, and the errors
// for cycles and missing references, each at its line.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"
#include "test_support.hpp"

using namespace knead;

namespace {

const std::filesystem::path kDir = std::filesystem::path(KNEAD_TEST_FIXTURES) / "compose";

LoadResult load_composed(const std::string& name) {
    return load_routine_file(kDir / (name + ".toml"), search_path_resolver({kDir}));
}

// The errors of a result, as "LINE: message".
std::vector<std::string> errors(const LoadResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics)
        if (d.severity == Severity::error) out.push_back(std::to_string(d.line) + ": " + d.message);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& part) {
    return std::any_of(v.begin(), v.end(),
                       [&](const std::string& s) { return s.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("a point used by reference keeps its cues and dose, with the overrides on top") {
    auto r = load_composed("one");
    REQUIRE(r.routine);
    CHECK(r.diagnostics.empty());
    REQUIRE(r.routine->points.size() == 2);
    CHECK(r.routine->points[0].from.empty());
    const Point& p = r.routine->points[1];
    CHECK(p.id == "two-again");
    CHECK(p.from == "base");
    CHECK(p.name == "Point two");
    CHECK(p.locate_cue == "Locate two.");
    CHECK(p.side == Side::center);
    CHECK(p.dose.hold == 40);                // overridden here
    CHECK(p.dose.reps == 3);                 // base's [defaults]
    CHECK(p.dose.target == PainBand{3, 5});  // base's point
    CHECK(r.routine->cautions == std::vector<std::string>{"Base caution.", "Shared caution."});
}

TEST_CASE("a whole routine is used in order, its cautions merged without repeats") {
    auto r = load_composed("whole");
    REQUIRE(r.routine);
    REQUIRE(r.routine->points.size() == 2);
    CHECK(r.routine->points[0].id == "p-one");
    CHECK(r.routine->points[1].id == "p-two");
    CHECK(r.routine->points[0].side == Side::left);
    CHECK(r.routine->points[0].dose.reps == 1);
    CHECK(r.routine->points[1].dose.reps == 1);
    CHECK(r.routine->points[1].dose.hold == 25);
    CHECK(r.routine->cautions ==
          std::vector<std::string>{"Shared caution.", "Own caution.", "Base caution."});
}

TEST_CASE("uses nest: a routine may use a point that is itself used") {
    auto r = load_composed("nested");
    REQUIRE(r.routine);
    REQUIRE(r.routine->points.size() == 1);
    CHECK(r.routine->points[0].id == "two-again");
    CHECK(r.routine->points[0].from == "one");
    CHECK(r.routine->points[0].dose.hold == 40);
}

TEST_CASE("a cycle is an error at the line of the use that closes it") {
    auto b = load_composed("cycle-b");
    CHECK_FALSE(b.routine);
    auto e = errors(b);
    REQUIRE(e.size() == 1);
    // cycle-b uses cycle-a (line 15), whose use of cycle-b.x (line 6) leads back.
    CHECK(e[0].rfind("15: ", 0) == 0);
    CHECK(has(e, "cycle-a.toml:6:7: error: `use` makes a cycle: cycle-b -> cycle-a -> cycle-b"));

    auto a = load_composed("cycle-a");
    CHECK_FALSE(a.routine);
    REQUIRE(errors(a).size() == 1);
    CHECK(errors(a)[0].rfind("6: ", 0) == 0);
    CHECK(has(errors(a), "cycle-a -> cycle-b -> cycle-a"));
}

TEST_CASE("a routine that uses itself is a cycle") {
    auto r = load_composed("self");
    CHECK_FALSE(r.routine);
    CHECK(has(errors(r), "15: `use` makes a cycle: self -> self"));
}

TEST_CASE("a missing routine or point is an error at its line, with a suggestion") {
    auto r = load_composed("missing");
    CHECK_FALSE(r.routine);
    auto e = errors(r);
    REQUIRE(e.size() == 3);
    CHECK(e[0] == "6: no routine named `bsae` on the routine search path; did you mean `base`?");
    CHECK(e[1] == "9: routine `base` has no point `p-tow`; did you mean `base.p-two`?");
    // The same point used twice needs a new id the second time.
    CHECK(e[2].rfind("15: duplicate point id `p-one`", 0) == 0);
}

TEST_CASE("a point with `use` takes only use, id, side and dose keys") {
    auto r = load_composed("bad-use");
    CHECK_FALSE(r.routine);
    auto e = errors(r);
    CHECK(has(e, "7: unknown key `name`"));
    CHECK(has(e, "8: hold (99 s) is outside hold_min..hold_max (20..60 s)"));
    CHECK(has(e, "11: `use` must name a routine and a point"));
    CHECK(has(e, "15: `id` renames one point"));
}

TEST_CASE("without a resolver, a use is an error, not a crash") {
    auto r = load_routine_text(
        "schema = 1\nname = \"n\"\narea = \"a\"\n[[point]]\nuse = \"neck\"\n", "t.toml", "t");
    CHECK_FALSE(r.routine);
    CHECK(has(errors(r), "5: no routine named `neck`"));
}

TEST_CASE("the shipped desk-worker routine is composed from the built-ins, without warnings") {
    const std::filesystem::path dir = KNEAD_TEST_ROUTINES;
    auto r = load_routine_file(dir / "desk-worker.toml", search_path_resolver({dir}));
    REQUIRE(r.routine);
    CHECK(r.diagnostics.empty());
    CHECK(r.routine->points.size() >= 3);
    for (const auto& p : r.routine->points) CHECK_FALSE(p.from.empty());
    CHECK_FALSE(r.routine->cautions.empty());
}

TEST_CASE("a resolver's cache of used routines serves later loads without reading again") {
    knead_test::TempDir dir;
    std::filesystem::copy_file(std::filesystem::path(KNEAD_TEST_ROUTINES) / "jaw.toml",
                               dir / "jaw.toml");
    std::map<std::filesystem::path, LoadResult> used;
    Resolver resolver = search_path_resolver({dir.path()});
    resolver.used = &used;
    const std::string text = "schema = 1\nname = \"n\"\narea = \"a\"\n[[point]]\nuse = \"jaw\"\n";
    REQUIRE(load_routine_text(text, "t.toml", "t", resolver).routine);
    CHECK(used.size() == 1);
    // Emptied on disk, it is still the routine that was read.
    knead_test::write_file(dir / "jaw.toml", "");
    CHECK(load_routine_text(text, "t.toml", "t", resolver).routine);
    resolver.used = nullptr;
    CHECK_FALSE(load_routine_text(text, "t.toml", "t", resolver).routine);
}
