// The routine loader: valid routines, defaults, overrides, and every kind of error with
// its position.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "knead/routine_loader.hpp"
#include "test_support.hpp"

using knead::Diagnostic;
using knead::LoadResult;
using knead::Side;

namespace {

// Lines 1-3: the top-level keys.
constexpr const char* kHead = R"(schema = 1
name = "Neck"
area = "neck"
)";

// Lines 4-9 after kHead: one minimal point. A key added after it lands on line 10.
constexpr const char* kPoint = R"([[point]]
id = "upper-trapezius"
name = "Upper trapezius"
muscle = "upper trapezius"
locate = "Find the thick muscle on top of the shoulder."
press = "Pinch it and squeeze slowly."
)";

// These tests are about errors; the warnings a minimal point draws (no stretch, no
// refers_to) have their own tests in test_warnings.cpp.
LoadResult errors_only(LoadResult r) {
    std::erase_if(r.diagnostics,
                  [](const Diagnostic& d) { return d.severity == knead::Severity::warning; });
    return r;
}

LoadResult load(const std::string& text) {
    return errors_only(knead::load_routine_text(text, "r.toml", "r"));
}

// A routine of kHead, kPoint and `extra` (which starts on line 10).
LoadResult load_point_with(const std::string& extra) {
    return load(std::string(kHead) + kPoint + extra);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string all_messages(const LoadResult& r) {
    std::string out;
    for (const auto& d : r.diagnostics) out += knead::format_diagnostic(d) + "\n";
    return out;
}

// Exactly one error, at `line` (and `column` unless 0), whose message holds `text`.
void check_one_error(const LoadResult& r, int line, int column, const std::string& text) {
    INFO("diagnostics:\n" << all_messages(r));
    CHECK_FALSE(r.routine.has_value());
    REQUIRE(r.diagnostics.size() == 1);
    const Diagnostic& d = r.diagnostics[0];
    CHECK(d.severity == knead::Severity::error);
    CHECK(d.file == "r.toml");
    CHECK(d.line == line);
    if (column != 0) CHECK(d.column == column);
    CHECK_MESSAGE(contains(d.message, text), "message: " << d.message);
}

}  // namespace

TEST_CASE("loader: a valid routine is read into the model") {
    const std::string text = R"(# a comment
schema = 1
name = "Neck"
area = "neck"
summary = "Tension at the base of the skull."
cautions = ["Never press where you feel a pulse.", "Stop if dizzy."]

[[point]]
id = "upper-trapezius"
name = "Upper trapezius"
muscle = "upper trapezius"
refers_to = ["temple", "behind the ear"]
tool = "pincer grip"
side = "both"
locate = "Find the thick muscle."
press = "Pinch and squeeze."
stretch = "Tilt your ear away."

[[point]]
id = "suboccipitals"
name = "Suboccipitals"
muscle = "suboccipitals"
side = "center"
locate = "Below the ridge."
press = "Let the head sink."
)";
    auto r = errors_only(knead::load_routine_text(text, "neck.toml", "neck"));
    INFO(all_messages(r));
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.routine.has_value());
    const auto& rt = *r.routine;
    CHECK(rt.id == "neck");
    CHECK(rt.name == "Neck");
    CHECK(rt.area == "neck");
    CHECK(rt.summary == "Tension at the base of the skull.");
    CHECK(rt.cautions ==
          std::vector<std::string>{"Never press where you feel a pulse.", "Stop if dizzy."});
    REQUIRE(rt.points.size() == 2);

    const auto& a = rt.points[0];
    CHECK(a.id == "upper-trapezius");
    CHECK(a.name == "Upper trapezius");
    CHECK(a.muscle == "upper trapezius");
    CHECK(a.refers_to == std::vector<std::string>{"temple", "behind the ear"});
    CHECK(a.tool == "pincer grip");
    CHECK(a.side == Side::both);
    CHECK(a.locate_cue == "Find the thick muscle.");
    CHECK(a.press_cue == "Pinch and squeeze.");
    CHECK(a.stretch_cue == "Tilt your ear away.");

    const auto& b = rt.points[1];
    CHECK(b.id == "suboccipitals");
    CHECK(b.side == Side::center);
    CHECK(b.refers_to.empty());
    CHECK(b.tool.empty());
    CHECK(b.stretch_cue.empty());  // no stretch: the point has no stretch step
}

TEST_CASE("loader: optional keys have their defaults") {
    auto r = load(std::string(kHead) + kPoint);
    INFO(all_messages(r));
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.routine);
    CHECK(r.routine->summary.empty());
    CHECK(r.routine->cautions.empty());
    REQUIRE(r.routine->points.size() == 1);
    const auto& p = r.routine->points[0];
    CHECK(p.side == Side::both);

    for (const knead::Dose* d : std::vector<const knead::Dose*>{&r.routine->defaults, &p.dose}) {
        CHECK(d->locate == 15);
        CHECK(d->press == 10);
        CHECK(d->hold == 30);
        CHECK(d->hold_min == 20);
        CHECK(d->hold_max == 60);
        CHECK(d->stretch == 30);
        CHECK(d->reps == 2);
        CHECK(d->target.lo == 5);
        CHECK(d->target.hi == 7);
    }
}

TEST_CASE("loader: [defaults] override the built-in doses for every point") {
    auto r = load(std::string(kHead) + R"(
[defaults]
locate = 20
press = 12
hold = 40
hold_min = 25
hold_max = 90
stretch = 45
reps = 3
target_pain = [4, 6]

)" + kPoint);
    INFO(all_messages(r));
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.routine);
    for (const knead::Dose* d :
         std::vector<const knead::Dose*>{&r.routine->defaults, &r.routine->points.at(0).dose}) {
        CHECK(d->locate == 20);
        CHECK(d->press == 12);
        CHECK(d->hold == 40);
        CHECK(d->hold_min == 25);
        CHECK(d->hold_max == 90);
        CHECK(d->stretch == 45);
        CHECK(d->reps == 3);
        CHECK(d->target == knead::PainBand{4, 6});
    }
}

TEST_CASE("loader: a point overrides its own dose and inherits the rest") {
    auto r = load(std::string(kHead) + R"(
[defaults]
locate = 20
reps = 3

)" + kPoint + R"(
[[point]]
id = "b"
name = "B"
muscle = "m"
locate = "l"
press = "p"
stretch = "s"
hold = 50
hold_min = 30
hold_max = 70
reps = 1
target_pain = [3, 5]
locate_seconds = 5
press_seconds = 6
stretch_seconds = 7

[[point]]
id = "c"
name = "C"
muscle = "m"
locate = "l"
press = "p"
hold = 25
)");
    INFO(all_messages(r));
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.routine);
    REQUIRE(r.routine->points.size() == 3);

    const auto& a = r.routine->points[0].dose;  // only [defaults]
    CHECK(a.locate == 20);
    CHECK(a.reps == 3);
    CHECK(a.hold == 30);

    const auto& b = r.routine->points[1].dose;  // everything overridden
    CHECK(b.hold == 50);
    CHECK(b.hold_min == 30);
    CHECK(b.hold_max == 70);
    CHECK(b.reps == 1);
    CHECK(b.target == knead::PainBand{3, 5});
    CHECK(b.locate == 5);
    CHECK(b.press == 6);
    CHECK(b.stretch == 7);

    const auto& c = r.routine->points[2].dose;  // one key overridden
    CHECK(c.hold == 25);
    CHECK(c.locate == 20);
    CHECK(c.reps == 3);
    CHECK(c.hold_min == 20);
    CHECK(c.hold_max == 60);
    CHECK(c.press == 10);
    CHECK(c.stretch == 30);
    CHECK(c.target == knead::PainBand{5, 7});
}

TEST_CASE("loader: each side value is accepted") {
    for (auto [text, side] : {std::pair{"both", Side::both}, std::pair{"left", Side::left},
                              std::pair{"right", Side::right}, std::pair{"center", Side::center}}) {
        const char* word = text;  // CAPTURE's lambda cannot take a binding before clang 16
        CAPTURE(word);
        auto r = load_point_with(std::string("side = \"") + word + "\"\n");
        REQUIRE(r.routine);
        CHECK(r.routine->points.at(0).side == side);
    }
}

// --- syntax errors -------------------------------------------------------------------

TEST_CASE("loader: syntax errors carry the line and column of the culprit") {
    SUBCASE("unterminated string") {
        auto r = load(std::string(kHead) + "summary = \"never closed\n" + kPoint);
        check_one_error(r, 4, 11, "syntax error");
    }
    SUBCASE("missing =") {
        auto r = load(std::string(kHead) + "summary \"x\"\n" + kPoint);
        check_one_error(r, 4, 0, "syntax error");
        CHECK(contains(r.diagnostics.at(0).message, "="));
    }
    SUBCASE("duplicate key") {
        auto r = load(std::string(kHead) + "name = \"Again\"\n" + kPoint);
        check_one_error(r, 4, 8, "syntax error");
    }
    SUBCASE("array missing a separator") {
        auto r = load(std::string(kHead) + "cautions = [\"a\" \"b\"]\n" + kPoint);
        check_one_error(r, 4, 17, "syntax error");
        CHECK(contains(r.diagnostics.at(0).message, ","));
    }
    SUBCASE("an error far down the file") {
        auto r = load_point_with("stretch = \"ok\"\nhold = = 3\n");
        check_one_error(r, 11, 0, "syntax error");
    }
}

// --- wrong types ---------------------------------------------------------------------

TEST_CASE("loader: a value of the wrong type is an error at the value") {
    SUBCASE("string where an integer belongs") {
        check_one_error(load_point_with("hold = \"30\"\n"), 10, 8,
                        "`hold` must be a whole number of seconds, not a string");
    }
    SUBCASE("float where an integer belongs") {
        check_one_error(load_point_with("hold = 30.5\n"), 10, 8,
                        "`hold` must be a whole number of seconds, not 30.5");
    }
    SUBCASE("float reps") {
        check_one_error(load_point_with("reps = 2.0\n"), 10, 8, "`reps` must be a whole number");
    }
    SUBCASE("integer where a string belongs") {
        check_one_error(load_point_with("tool = 3\n"), 10, 8,
                        "`tool` must be a string, not an integer");
    }
    SUBCASE("top-level name and area") {
        auto r = load("schema = 1\nname = 3\narea = true\n" + std::string(kPoint));
        INFO(all_messages(r));
        REQUIRE(r.diagnostics.size() == 2);
        CHECK(r.diagnostics[0].line == 2);
        CHECK(r.diagnostics[0].column == 8);
        CHECK(contains(r.diagnostics[0].message, "`name` must be a string, not an integer"));
        CHECK(r.diagnostics[1].line == 3);
        CHECK(contains(r.diagnostics[1].message, "`area` must be a string, not a boolean"));
    }
    SUBCASE("schema as a string") {
        check_one_error(load("schema = \"1\"\nname = \"N\"\narea = \"a\"\n" + std::string(kPoint)),
                        1, 10, "`schema` must be the integer 1");
    }
    SUBCASE("cautions not an array") {
        check_one_error(load(std::string(kHead) + "cautions = \"x\"\n" + kPoint), 4, 12,
                        "`cautions` must be an array of strings");
    }
    SUBCASE("refers_to holding an empty string and a number") {
        auto r = load_point_with("refers_to = [\"a\", \"\", 3]\n");
        INFO(all_messages(r));
        REQUIRE(r.diagnostics.size() == 2);
        CHECK(r.diagnostics[0].line == 10);
        CHECK(r.diagnostics[0].column == 19);
        CHECK(contains(r.diagnostics[0].message, "an empty string"));
        CHECK(r.diagnostics[1].column == 23);
        CHECK(contains(r.diagnostics[1].message, "an integer"));
    }
    SUBCASE("an empty required string") {
        check_one_error(load("schema = 1\nname = \"   \"\narea = \"a\"\n" + std::string(kPoint)), 2,
                        8, "`name` is empty");
    }
    SUBCASE("defaults that are not a table") {
        check_one_error(load(std::string(kHead) + "defaults = 3\n" + kPoint), 4, 1,
                        "`defaults` must be a table");
    }
}

// --- out of range --------------------------------------------------------------------

TEST_CASE("loader: numbers out of range are errors at the value") {
    SUBCASE("negative") {
        check_one_error(load_point_with("hold = -5\n"), 10, 8, "`hold` = -5 cannot be negative");
    }
    SUBCASE("negative reps") {
        check_one_error(load_point_with("reps = -1\n"), 10, 8, "`reps` = -1 cannot be negative");
    }
    SUBCASE("nan") {
        check_one_error(load_point_with("hold = nan\n"), 10, 8, "`hold` is not a number (nan)");
    }
    SUBCASE("inf") {
        check_one_error(load_point_with("hold = inf\n"), 10, 8,
                        "`hold` must be a whole number of seconds");
    }
    SUBCASE("a hold over 600 s") {
        check_one_error(load_point_with("hold = 601\n"), 10, 8,
                        "`hold` = 601 is over 600 seconds (10 minutes)");
    }
    SUBCASE("an absurd number") {
        check_one_error(load_point_with("stretch_seconds = 86400\n"), 10, 19,
                        "is over 600 seconds");
    }
    SUBCASE("zero seconds") {
        check_one_error(load_point_with("press_seconds = 0\n"), 10, 17, "must be from 1 to 600");
    }
    SUBCASE("600 s is still allowed") {
        auto r = load_point_with("hold_max = 600\nhold = 600\n");
        INFO(all_messages(r));
        CHECK(r.diagnostics.empty());
        REQUIRE(r.routine);
        CHECK(r.routine->points.at(0).dose.hold == 600);
    }
    SUBCASE("hold_min above hold_max") {
        check_one_error(load_point_with("hold_min = 50\nhold_max = 40\n"), 10, 1,
                        "hold_min (50 s) is above hold_max (40 s) in point upper-trapezius");
    }
    SUBCASE("hold above hold_max") {
        check_one_error(load_point_with("hold = 70\n"), 10, 1,
                        "hold (70 s) is outside hold_min..hold_max (20..60 s)");
    }
    SUBCASE("hold below hold_min") {
        check_one_error(load_point_with("hold = 10\n"), 10, 1,
                        "hold (10 s) is outside hold_min..hold_max (20..60 s)");
    }
    SUBCASE("a point's hold_max below the inherited hold") {
        check_one_error(load_point_with("stretch = \"s\"\nhold_max = 25\n"), 11, 1,
                        "hold (30 s) is outside hold_min..hold_max (20..25 s)");
    }
    SUBCASE("[defaults] hold_min above the built-in hold") {
        check_one_error(load(std::string(kHead) + "[defaults]\nhold_min = 40\n" + kPoint), 5, 1,
                        "hold (30 s) is outside hold_min..hold_max (40..60 s) in [defaults]");
    }
    SUBCASE("reversed pain band") {
        check_one_error(load_point_with("target_pain = [7, 5]\n"), 10, 15,
                        "`target_pain` = [7, 5] is reversed: write [5, 7]");
    }
    SUBCASE("0 reps") {
        check_one_error(load_point_with("reps = 0\n"), 10, 8, "`reps` = 0 must be from 1 to 20");
    }
    SUBCASE("21 reps") {
        check_one_error(load_point_with("reps = 21\n"), 10, 8, "must be from 1 to 20");
    }
    SUBCASE("band above 10") {
        check_one_error(load_point_with("target_pain = [5, 11]\n"), 10, 15,
                        "`target_pain` must be two whole numbers [low, high] from 0 to 10");
    }
    SUBCASE("band below 0") {
        check_one_error(load_point_with("target_pain = [-1, 5]\n"), 10, 15, "from 0 to 10");
    }
    SUBCASE("band of one number") {
        check_one_error(load_point_with("target_pain = [5]\n"), 10, 15, "two whole numbers");
    }
    SUBCASE("band of decimals") {
        check_one_error(load_point_with("target_pain = [5.0, 7]\n"), 10, 15, "two whole numbers");
    }
    SUBCASE("a number beyond 64 bits") {
        auto r = load_point_with("hold = 99999999999999999999\n");
        check_one_error(r, 10, 8, "`hold` is far out of range: use 1 to 600");
        // Not the value toml11 clamps it to.
        CHECK_FALSE(contains(r.diagnostics.at(0).message, "9223372036854775807"));
    }
    SUBCASE("a negative number beyond 64 bits") {
        check_one_error(load_point_with("reps = -99999999999999999999\n"), 10, 8,
                        "`reps` is far out of range: use 1 to 20");
    }
    SUBCASE("band 0..10 is allowed") {
        auto r = load_point_with("target_pain = [0, 10]\n");
        REQUIRE(r.routine);
        CHECK(r.routine->points.at(0).dose.target == knead::PainBand{0, 10});
    }
}

// --- control characters ------------------------------------------------------------------

TEST_CASE("loader: texts with control characters are errors") {
    SUBCASE("an escape sequence") {
        check_one_error(load_point_with(R"(tool = "red\u001b[31m")"
                                        "\n"),
                        10, 8, "`tool` contains a control character (U+001B)");
    }
    SUBCASE("a newline in a cue") {
        check_one_error(load_point_with(R"(stretch = "one\ntwo")"
                                        "\n"),
                        10, 11, "`stretch` contains a control character (U+000A)");
    }
    SUBCASE("a multi-line string") {
        check_one_error(load_point_with("stretch = \"\"\"\none\ntwo\"\"\"\n"), 10, 11,
                        "control character");
    }
    SUBCASE("DEL") {
        check_one_error(load_point_with(R"(tool = "a\u007f")"
                                        "\n"),
                        10, 8, "(U+007F)");
    }
    SUBCASE("a C1 control") {
        check_one_error(load_point_with(R"(tool = "a\u0085")"
                                        "\n"),
                        10, 8, "(U+0085)");
    }
    SUBCASE("in an array of texts") {
        auto r = load_point_with(R"(refers_to = ["ok", "tab\there"])"
                                 "\n");
        check_one_error(r, 10, 20, "`refers_to` contains a control character (U+0009)");
    }
    SUBCASE("at the top") {
        check_one_error(load("schema = 1\nname = \"N\\r\"\narea = \"a\"\n" + std::string(kPoint)),
                        2, 8, "`name` contains a control character (U+000D)");
    }
    SUBCASE("non-ASCII letters are not control characters") {
        auto r = load_point_with("tool = \"\xc2\xa0\xc3\xa9\xc5\x93\"\n");  // NBSP, é, œ
        INFO(all_messages(r));
        CHECK(r.diagnostics.empty());
    }
}

// --- missing keys --------------------------------------------------------------------

TEST_CASE("loader: missing required top-level keys") {
    SUBCASE("schema") {
        check_one_error(load("name = \"N\"\narea = \"a\"\n" + std::string(kPoint)), 1, 1,
                        "missing `schema = 1`");
    }
    SUBCASE("name") {
        check_one_error(load("schema = 1\narea = \"a\"\n" + std::string(kPoint)), 1, 1,
                        "missing required key `name`");
    }
    SUBCASE("area") {
        check_one_error(load("schema = 1\nname = \"N\"\n" + std::string(kPoint)), 1, 1,
                        "missing required key `area`");
    }
}

TEST_CASE("loader: a point missing its required keys reports each one at its [[point]]") {
    auto r = load(std::string(kHead) + "\n[[point]]\ntool = \"thumb\"\n");
    INFO(all_messages(r));
    CHECK_FALSE(r.routine);
    REQUIRE(r.diagnostics.size() == 5);
    std::vector<std::string> keys = {"id", "name", "muscle", "locate", "press"};
    for (std::size_t i = 0; i < keys.size(); ++i) {
        CAPTURE(keys[i]);
        CHECK(r.diagnostics[i].line == 5);
        CHECK(contains(r.diagnostics[i].message, "missing required key `" + keys[i] + "`"));
        CHECK(contains(r.diagnostics[i].message, "[[point]] #1"));
    }
}

TEST_CASE("loader: one missing point key names the point") {
    std::string text = std::string(kHead) + kPoint + R"(
[[point]]
id = "levator"
name = "Levator"
locate = "l"
press = "p"
)";
    auto r = load(text);
    check_one_error(r, 11, 0, "missing required key `muscle`");
    CHECK(contains(r.diagnostics.at(0).message, "levator"));
}

// --- ids ------------------------------------------------------------------------------

TEST_CASE("loader: duplicate point ids are an error at the second id") {
    auto r = load(std::string(kHead) + kPoint + kPoint);
    check_one_error(r, 11, 1, "duplicate point id `upper-trapezius`");
    // Which one is the first and which the duplicate: both lines are named.
    CHECK(contains(r.diagnostics.at(0).message, "the point at line 5 has it first"));
}

TEST_CASE("loader: a wrong side is reported at its value, with the side it was meant to be") {
    for (auto [text, meant] :
         {std::pair{"Left", "`left`? (sides are lowercase)"}, std::pair{"bouth", "`both`?"},
          std::pair{"rihgt", "`right`?"}, std::pair{"middle", "`center`?"},
          std::pair{"Midline", "`center`?"}, std::pair{"bilateral", "`both`?"},
          std::pair{"L", "`left`?"}, std::pair{"rt", "`right`?"}}) {
        const char* given = text;  // CAPTURE's lambda cannot take a binding before clang 16
        CAPTURE(given);
        auto r = load(std::string(kHead) + kPoint + "side = \"" + given + "\"\n");
        check_one_error(r, 10, 8, std::string("side `") + given + "` must be");
        CHECK(contains(r.diagnostics.at(0).message, std::string("did you mean ") + meant));
    }
}

TEST_CASE("loader: a point id must be a slug") {
    for (const char* bad : {"Upper_Trap", "upper trapezius", "-lead", "trail-", "a--b", "é"}) {
        CAPTURE(bad);
        std::string text = std::string(kHead) + "[[point]]\nid = \"" + bad +
                           "\"\nname = \"A\"\nmuscle = \"m\"\nlocate = \"l\"\npress = \"p\"\n";
        check_one_error(load(text), 5, 1, "must be lowercase letters, digits and dashes");
    }
    for (const char* good : {"a", "upper-trapezius", "l4-l5", "2nd"}) {
        CAPTURE(good);
        std::string text = std::string(kHead) + "[[point]]\nid = \"" + good +
                           "\"\nname = \"A\"\nmuscle = \"m\"\nlocate = \"l\"\npress = \"p\"\n";
        auto r = load(text);
        CHECK(r.diagnostics.empty());
        CHECK(r.routine.has_value());
    }
}

// --- unknown keys ---------------------------------------------------------------------

TEST_CASE("loader: unknown keys are errors with a suggestion") {
    SUBCASE("holdd in a point") {
        check_one_error(load_point_with("holdd = 30\n"), 10, 1,
                        "unknown key `holdd` in point `upper-trapezius`; did you mean `hold`?");
    }
    SUBCASE("an indented key points at the key") {
        check_one_error(load_point_with("  strech = \"x\"\n"), 10, 3, "did you mean `stretch`?");
    }
    SUBCASE("locate_seconds in [defaults]") {
        check_one_error(load(std::string(kHead) + "[defaults]\nlocate_seconds = 20\n" + kPoint), 5,
                        1,
                        "unknown key `locate_seconds` in [defaults]; in [defaults] it is `locate`");
    }
    SUBCASE("stretch_seconds in [defaults]") {
        check_one_error(load(std::string(kHead) + "[defaults]\nstretch_seconds = 20\n" + kPoint), 5,
                        1, "in [defaults] it is `stretch`");
    }
    SUBCASE("locate_time in a point") {
        check_one_error(load_point_with("locate_time = 3\n"), 10, 1,
                        "did you mean `locate_seconds`?");
    }
    SUBCASE("a top-level typo") {
        check_one_error(load(std::string(kHead) + "sumary = \"x\"\n" + kPoint), 4, 1,
                        "unknown key `sumary` in the routine; did you mean `summary`?");
    }
    SUBCASE("[default] for [defaults]") {
        check_one_error(load(std::string(kHead) + "[default]\nhold = 30\n" + kPoint), 4, 1,
                        "did you mean `[defaults]`?");
    }
    SUBCASE("a far-off key gets no suggestion") {
        auto r = load_point_with("colour = \"red\"\n");
        check_one_error(r, 10, 1, "unknown key `colour`");
        CHECK_FALSE(contains(r.diagnostics.at(0).message, "did you mean"));
    }
}

TEST_CASE("loader: a number for a cue explains the _seconds key") {
    std::string text = std::string(kHead) +
                       "[[point]]\nid = \"a\"\nname = \"A\"\nmuscle = \"m\"\nlocate = 20\n"
                       "press = \"p\"\n";
    auto r = load(text);
    // One diagnostic: the hint, not also "missing required key `locate`".
    check_one_error(r, 8, 10,
                    "in a [[point]], `locate` is the cue text; set its length in seconds with "
                    "`locate_seconds`");
}

TEST_CASE("loader: an unknown schema version stops before the rest") {
    // The rest of the file has an error too, but it is in a format we do not know.
    auto r = load("schema = 2\nname = \"N\"\narea = \"a\"\n" + std::string(kPoint) + "holdd = 3\n");
    check_one_error(r, 1, 10, "schema 2 is not known to this version of knead");
}

TEST_CASE("loader: [point] instead of [[point]]") {
    std::string point(kPoint);
    point.replace(0, std::string("[[point]]").size(), "[point]");
    check_one_error(load(std::string(kHead) + point), 4, 1,
                    "`point` must be an array of tables: write [[point]]");
}

TEST_CASE("loader: a routine without points") {
    SUBCASE("no point at all") {
        check_one_error(load(kHead), 1, 1, "the routine has no points");
    }
    SUBCASE("an empty point array") {
        check_one_error(load(std::string(kHead) + "point = []\n"), 4, 9,
                        "the routine has no points");
    }
    SUBCASE("[[points]]") {
        std::string point(kPoint);
        point.replace(0, std::string("[[point]]").size(), "[[points]]");
        auto r = load(std::string(kHead) + point);
        INFO(all_messages(r));
        REQUIRE(r.diagnostics.size() == 2);
        CHECK(contains(r.diagnostics[0].message, "the routine has no points"));
        CHECK(r.diagnostics[1].line == 4);
        CHECK(contains(r.diagnostics[1].message, "did you mean `[[point]]`?"));
    }
}

// --- whole-file problems ---------------------------------------------------------------

TEST_CASE("loader: an empty file") {
    auto r = load("");
    check_one_error(r, 0, 0, "the file is empty");
}

TEST_CASE("loader: a whitespace-only file is empty") {
    auto r = load("  \n\t\r\n   \n");
    check_one_error(r, 0, 0, "the file is empty");
}

TEST_CASE("loader: a file holding NUL is binary") {
    std::string text = std::string(kHead) + kPoint;
    text.insert(text.begin() + 12, '\0');
    check_one_error(load(text), 2, 2, "binary file");  // the NUL's own position
}

TEST_CASE("loader: invalid UTF-8 is reported at its line") {
    SUBCASE("a stray continuation byte") {
        auto r = load(std::string(kHead) + kPoint + "tool = \"th\xffumb\"\n");
        check_one_error(r, 10, 11, "invalid UTF-8");
    }
    SUBCASE("a truncated sequence at the end") {
        auto r = load(std::string(kHead) + "summary = \"caf\xc3");
        check_one_error(r, 4, 15, "invalid UTF-8");
    }
    SUBCASE("an overlong encoding") {
        check_one_error(load("schema = 1\nname = \"\xc0\xaf\"\n"), 2, 9, "invalid UTF-8");
    }
    SUBCASE("a surrogate") {
        check_one_error(load("schema = 1\nname = \"\xed\xa0\x80\"\n"), 2, 9, "invalid UTF-8");
    }
    SUBCASE("valid multi-byte text is fine") {
        auto r = load_point_with("tool = \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x92\xaa\"\n");
        CHECK(r.diagnostics.empty());
        REQUIRE(r.routine);
        CHECK(r.routine->points.at(0).tool == "\xc3\xa9\xe2\x82\xac\xf0\x9f\x92\xaa");
    }
}

TEST_CASE("loader: deep nesting is refused quickly without recursing") {
    SUBCASE("100000 brackets") {
        auto t0 = std::chrono::steady_clock::now();
        auto r = load("schema = 1\nx = " + std::string(100000, '['));
        auto took = std::chrono::steady_clock::now() - t0;
        // 33 brackets in, starting at column 5 of line 2.
        check_one_error(r, 2, 37, "nested more than 32 levels deep");
        // Not a timing test: only a runaway parse would come near this bound.
        CHECK(took < std::chrono::seconds(5));
    }
    SUBCASE("inline tables count too") {
        std::string deep;
        for (int i = 0; i < 40; ++i) deep += "{a = ";
        auto r = load("schema = 1\nx = " + deep);
        check_one_error(r, 2, 0, "nested more than 32 levels deep");
    }
    SUBCASE("32 levels are within the limit") {
        auto r = load("schema = 1\nx = " + std::string(32, '[') + std::string(32, ']') + "\n");
        INFO(all_messages(r));
        for (const auto& d : r.diagnostics) CHECK_FALSE(contains(d.message, "nested"));
        CHECK(r.diagnostics.size() == 4);  // name, area, no points, unknown `x`
    }
    SUBCASE("brackets inside strings and comments do not count") {
        std::string many(40, '[');
        // An escaped quote, a comment, a literal string and a multi-line literal string.
        auto r = load_point_with("tool = \"\\\"" + many + "\"\n# " + many + "\nstretch = '''" +
                                 many + "'''\nrefers_to = ['" + many + "']\n");
        INFO(all_messages(r));
        CHECK(r.diagnostics.empty());
        CHECK(r.routine.has_value());
    }
}

// Dotted keys nest tables too: `a.a.a...a = 1` with 40 parts is 40 levels deep.
TEST_CASE("loader: a dotted key more than 32 levels deep is refused") {
    std::string key = "a";
    for (int i = 1; i < 40; ++i) key += ".a";
    auto r = load("schema = 1\n" + key + " = 1\n");
    INFO(all_messages(r));
    CHECK_FALSE(r.routine);
    bool nested = false;
    for (const auto& d : r.diagnostics)
        nested = nested || contains(d.message, "nested more than 32");
    CHECK(nested);
}

// toml11 builds and copies a 100000-level table recursively, which would exhaust the
// stack; also with a table header `[a.a.a...a]`.
TEST_CASE("loader: 100000 dotted parts return quickly with an error, no crash") {
    std::string key = "a";
    key.reserve(200000);
    for (int i = 1; i < 100000; ++i) key += ".a";
    auto r = load("schema = 1\n" + key + " = 1\n");
    CHECK_FALSE(r.routine);
    CHECK(knead::has_errors(r.diagnostics));
    auto h = load("schema = 1\n[" + key + "]\nb = 1\n");
    CHECK_FALSE(h.routine);
    CHECK(knead::has_errors(h.diagnostics));
}

// --- all errors, in order ------------------------------------------------------------------

TEST_CASE("loader: every error is reported, sorted by line") {
    // Three independent errors. [defaults] comes after the first point, so the loader
    // meets them out of line order.
    std::string text = std::string(kHead) + kPoint + R"(holdd = 30

[defaults]
reps = 0

[[point]]
id = "Bad_Id"
name = "B"
muscle = "m"
locate = "l"
press = "p"
)";
    auto r = load(text);
    INFO(all_messages(r));
    CHECK_FALSE(r.routine);
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.diagnostics[0].line == 10);
    CHECK(contains(r.diagnostics[0].message, "holdd"));
    CHECK(r.diagnostics[1].line == 13);
    CHECK(contains(r.diagnostics[1].message, "`reps` = 0"));
    CHECK(r.diagnostics[2].line == 16);
    CHECK(contains(r.diagnostics[2].message, "Bad_Id"));
}

TEST_CASE("loader: errors on one line are sorted by column") {
    auto r = load(std::string(kHead) + "cautions = [1, \"\", 2]\n" + kPoint);
    INFO(all_messages(r));
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.diagnostics[0].column == 13);
    CHECK(r.diagnostics[1].column == 16);
    CHECK(r.diagnostics[2].column == 20);
}

TEST_CASE("loader: errors in many points are all reported") {
    std::string text = kHead;
    for (int i = 0; i < 5; ++i) text += std::string(kPoint) + "hold = 0\n";
    auto r = load(text);
    // Five duplicate ids after the first, and five bad holds.
    INFO(all_messages(r));
    CHECK(r.diagnostics.size() == 9);
    for (std::size_t i = 1; i < r.diagnostics.size(); ++i)
        CHECK(r.diagnostics[i - 1].line <= r.diagnostics[i].line);
}

// --- files ----------------------------------------------------------------------------------

TEST_CASE("loader: load_routine_file reads a file, names it, and takes its id from the name") {
    knead_test::TempDir dir;
    auto file = dir / "my-neck.toml";
    knead_test::write_file(file, std::string(kHead) + kPoint);
    auto r = errors_only(knead::load_routine_file(file));
    INFO(all_messages(r));
    REQUIRE(r.routine);
    CHECK(r.diagnostics.empty());
    CHECK(r.routine->id == "my-neck");
    CHECK(r.routine->path == file);

    knead_test::write_file(file, std::string(kHead) + kPoint + "holdd = 3\n");
    auto bad = errors_only(knead::load_routine_file(file));
    REQUIRE(bad.diagnostics.size() == 1);
    CHECK(bad.diagnostics[0].file == file.string());
    CHECK(bad.diagnostics[0].line == 10);
    CHECK(knead::format_diagnostic(bad.diagnostics[0]) ==
          file.string() +
              ":10:1: error: unknown key `holdd` in point `upper-trapezius`; did you mean `hold`?");
}

TEST_CASE("loader: file-level problems") {
    knead_test::TempDir dir;
    auto check_file_error = [](const std::filesystem::path& p, const std::string& text) {
        auto r = errors_only(knead::load_routine_file(p));
        INFO(all_messages(r));
        CHECK_FALSE(r.routine);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].file == p.string());
        CHECK(r.diagnostics[0].line == 0);
        CHECK(contains(r.diagnostics[0].message, text));
        CHECK(knead::format_diagnostic(r.diagnostics[0]) ==
              p.string() + ": error: " + r.diagnostics[0].message);
    };
    SUBCASE("a directory") {
        check_file_error(dir.path(), "is a directory");
    }
    SUBCASE("a missing file") {
        check_file_error(dir / "nope.toml", "no such file");
    }
    SUBCASE("a file over 1 MiB") {
        auto big = dir / "big.toml";
        knead_test::write_file(
            big, std::string(kHead) + kPoint + std::string(knead::kMaxRoutineBytes, '#'));
        check_file_error(big, "too large");
    }
    SUBCASE("a file of exactly 1 MiB is read") {
        auto edge = dir / "edge.toml";
        // In comment lines: a line may not be longer than 4096 bytes.
        std::string text = std::string(kHead) + kPoint;
        while (text.size() < knead::kMaxRoutineBytes) {
            std::size_t room = knead::kMaxRoutineBytes - text.size();
            text += room < 2 ? "\n"
                             : "#" + std::string(std::min<std::size_t>(room, 100) - 2, 'x') + "\n";
        }
        REQUIRE(text.size() == knead::kMaxRoutineBytes);
        knead_test::write_file(edge, text);
        auto r = errors_only(knead::load_routine_file(edge));
        INFO(all_messages(r));
        CHECK(r.diagnostics.empty());
        CHECK(r.routine.has_value());
    }
    SUBCASE("an empty file") {
        auto empty = dir / "empty.toml";
        knead_test::write_file(empty, "");
        check_file_error(empty, "the file is empty");
    }
    SUBCASE("a binary file") {
        auto bin = dir / "bin.toml";
        knead_test::write_file(bin, std::string("\x7f"
                                                "ELF\0\0\0",
                                                7));
        auto r = errors_only(knead::load_routine_file(bin));
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].line == 1);  // where the first NUL byte is
        CHECK(r.diagnostics[0].column == 5);
        CHECK(contains(r.diagnostics[0].message, "binary"));
    }
}

// --- diagnostics ------------------------------------------------------------------------------

TEST_CASE("format_diagnostic: FILE:LINE:COL, or FILE alone without a line") {
    Diagnostic d{"neck.toml", 3, 7, knead::Severity::error, "bad thing"};
    CHECK(knead::format_diagnostic(d) == "neck.toml:3:7: error: bad thing");
    d.column = 0;  // a line without a column still gives a column editors accept
    CHECK(knead::format_diagnostic(d) == "neck.toml:3:1: error: bad thing");
    d.line = 0;
    CHECK(knead::format_diagnostic(d) == "neck.toml: error: bad thing");
    d.severity = knead::Severity::warning;
    CHECK(knead::format_diagnostic(d) == "neck.toml: warning: bad thing");
}

TEST_CASE("format_diagnostic on real loader output") {
    auto r = load_point_with("hold = 601\n");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(knead::format_diagnostic(r.diagnostics[0]) ==
          "r.toml:10:8: error: `hold` = 601 is over 600 seconds (10 minutes)");
    auto e = load("");
    REQUIRE(e.diagnostics.size() == 1);
    CHECK(knead::format_diagnostic(e.diagnostics[0]).rfind("r.toml: error: the file is empty", 0) ==
          0);
}

TEST_CASE("has_errors and sort_diagnostics") {
    using knead::Severity;
    std::vector<Diagnostic> ds;
    CHECK_FALSE(knead::has_errors(ds));
    ds.push_back({"b.toml", 1, 1, Severity::warning, "w"});
    CHECK_FALSE(knead::has_errors(ds));
    ds.push_back({"a.toml", 9, 2, Severity::error, "e1"});
    ds.push_back({"a.toml", 3, 5, Severity::error, "e2"});
    ds.push_back({"a.toml", 3, 1, Severity::error, "e3"});
    ds.push_back({"a.toml", 3, 1, Severity::error, "e4"});  // equal: stays after e3
    CHECK(knead::has_errors(ds));
    knead::sort_diagnostics(ds);
    std::vector<std::string> order;
    order.reserve(ds.size());
    for (const auto& d : ds) order.push_back(d.message);
    CHECK(order == std::vector<std::string>{"e3", "e4", "e2", "e1", "w"});
}
