// Hostile and huge routine files: each gives a clear error, never a crash or a hang.
#include <doctest/doctest.h>

#include <string>

#include "knead/routine_loader.hpp"
#include "test_support.hpp"

using namespace knead;

namespace {

using knead_test::repeat;

const std::string kLimitsHead = "schema = 1\nname = \"N\"\narea = \"a\"\n";

// A point that is valid and draws no warning: eight lines.
std::string point_toml(const std::string& id) {
    return "[[point]]\nid = \"" + id +
           "\"\nname = \"P\"\nmuscle = \"m\"\nrefers_to = [\"r\"]\nlocate = \"l\"\npress = "
           "\"p\"\nstretch = \"s\"\n";
}

// The only diagnostic of loading `text`, which must fail.
Diagnostic only_error(const std::string& text) {
    auto r = load_routine_text(text, "r.toml", "r");
    CHECK_FALSE(r.routine);
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics[0];
}

}  // namespace

TEST_CASE("loader limits: too large, too long a line, too deep") {
    auto d = only_error(kLimitsHead + "summary = \"" + std::string(kMaxRoutineBytes, 'x') + "\"\n");
    CHECK(d.line == 0);
    CHECK(d.message.find("too large for a routine") == 0);

    d = only_error(kLimitsHead + "summary = \"" + std::string(1 << 20, 'x').substr(100) + "\"\n");
    CHECK(d.line == 4);
    CHECK(d.message.find("line longer than 4096 bytes") == 0);

    d = only_error(kLimitsHead + "x = " + repeat("[", 100000) + "\n");
    CHECK(d.line == 4);
    CHECK(d.message == "nested more than 32 levels deep");

    d = only_error(kLimitsHead + repeat("a.", 1000) + "b = 1\n");
    CHECK(d.message == "nested more than 32 levels deep");
}

TEST_CASE("loader limits: a file full of errors reports the first 50 and a count") {
    // 200 points, four times the 50 shown: enough to have more than are reported.
    auto r = load_routine_text(kLimitsHead + repeat("[[point]]\n", 200), "r.toml", "r");
    CHECK_FALSE(r.routine);
    REQUIRE(r.diagnostics.size() == 51);
    // The count is about the whole file, so it comes first.
    CHECK(r.diagnostics[0].line == 0);
    CHECK(r.diagnostics[0].severity == Severity::error);
    CHECK(r.diagnostics[0].message.find(" more problems not shown: fix these first") !=
          std::string::npos);
    CHECK(r.diagnostics[1].message == "[[point]] #1 is missing required key `id`");
    CHECK(r.diagnostics[1].line == 4);
    CHECK(r.diagnostics[50].line < 20);  // only the first points' problems
}

TEST_CASE("loader limits: a flood of warnings leaves a routine valid") {
    // Points without `refers_to` or `stretch` draw warnings, not errors.
    std::string text = kLimitsHead;
    for (int i = 0; i < 100; ++i)
        text += "[[point]]\nid = \"p" + std::to_string(i) +
                "\"\nname = \"P\"\nmuscle = \"m\"\nlocate = \"l\"\npress = \"p\"\n";
    auto r = load_routine_text(text, "r.toml", "r");
    REQUIRE(r.routine);
    CHECK(r.routine->points.size() == 100);
    REQUIRE(r.diagnostics.size() == 51);
    CHECK(r.diagnostics[0].line == 0);
    CHECK(r.diagnostics[0].severity == Severity::warning);
    CHECK_FALSE(has_errors(r.diagnostics));
}

TEST_CASE("loader limits: many points load, each with its own position") {
    // 500 points, 4,000 lines: parsing them dominates this file's time under the
    // sanitizers; no limit or block lies between this and more.
    constexpr int kPoints = 500;
    std::string text = kLimitsHead;
    for (int i = 0; i < kPoints; ++i) text += point_toml("p" + std::to_string(i));
    auto r = load_routine_text(text, "r.toml", "r");
    REQUIRE(r.routine);
    CHECK(r.diagnostics.empty());
    CHECK(r.routine->points.size() == static_cast<std::size_t>(kPoints));

    // An error far down the file is placed exactly.
    text += point_toml("late") + "hold = 9000\n";
    r = load_routine_text(text, "r.toml", "r");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].line == 3 + (kPoints + 1) * 8 + 1);
    CHECK(r.diagnostics[0].column == 8);
}

TEST_CASE("loader limits: messages are one printable line whatever the file holds") {
    auto r = load_routine_text(kLimitsHead + "\"key\\nwith\\u0007bell\" = 1\n" + point_toml("p"),
                               "r.toml", "r");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "unknown key `key\\x0Awith\\x07bell` in the routine");

    // A 4000-character id: a message of sensible length.
    r = load_routine_text(kLimitsHead + point_toml(std::string(4000, 'A')), "r.toml", "r");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("point id `AAA") == 0);
    CHECK(r.diagnostics[0].message.size() < 400);
}

TEST_CASE("loader limits: a syntax error at the very end stays inside the file") {
    for (std::string tail : {"x = [1,", "x = \"", "x = {a = 1", "[[point", "x ="}) {
        auto d = only_error(kLimitsHead + tail);
        CHECK(d.line == 4);
        CHECK(d.column >= 1);
        CHECK(d.column <= static_cast<int>(tail.size()) + 1);
        CHECK(d.message.rfind("syntax error: ", 0) == 0);
    }
}
