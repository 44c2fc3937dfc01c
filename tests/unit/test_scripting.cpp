// The pieces behind `knead new` and `knead validate --json`.
#include <doctest/doctest.h>

#include "knead/diagnostic.hpp"
#include "knead/routine.hpp"
#include "knead/routine_loader.hpp"
#include "knead/routine_template.hpp"
#include "knead/utf8.hpp"

using namespace knead;

TEST_CASE("slugs: lowercase words joined by single dashes") {
    for (const char* ok : {"neck", "desk-break", "a1", "2-b-c"}) CHECK_MESSAGE(is_slug(ok), ok);
    for (const char* bad : {"", "-a", "a-", "a--b", "Neck", "a_b", "a.b", "a b", "é"})
        CHECK_FALSE_MESSAGE(is_slug(bad), bad);
}

TEST_CASE("the template is a valid routine without warnings, as written") {
    for (auto [id, area] : {std::pair{"desk-break", ""}, std::pair{"x", "upper back"}}) {
        const std::string text = routine_template(id, area);
        auto r = load_routine_text(text, "new.toml", id);
        REQUIRE(r.routine);
        for (const auto& d : r.diagnostics) FAIL_CHECK(format_diagnostic(d));
        CHECK(r.routine->id == id);
        CHECK(r.routine->points.size() == 1);
        CHECK_FALSE(r.routine->cautions.empty());
        // It shows the built-in defaults, so the routine runs with them.
        const Dose defaults;
        CHECK(r.routine->defaults.hold == defaults.hold);
        CHECK(r.routine->defaults.hold_max == defaults.hold_max);
        CHECK(r.routine->defaults.target == defaults.target);
    }
    auto r = load_routine_text(routine_template("desk-break"), "new.toml", "desk-break");
    REQUIRE(r.routine);
    CHECK(r.routine->name == "Desk break");
    CHECK(r.routine->area == "desk break");
}

TEST_CASE("the template quotes an area with quotes and backslashes") {
    const std::string area = "back \"and\" \\ side";
    auto r = load_routine_text(routine_template("x", area), "new.toml", "x");
    REQUIRE(r.routine);
    CHECK(r.routine->area == area);
    CHECK(toml_quote("a\"b") == "\"a\\\"b\"");
}

TEST_CASE("diagnostics as JSON: one object a line, escaped, valid UTF-8") {
    CHECK(diagnostics_json({}) == "{\"version\":2,\"diagnostics\":[]}\n");
    std::vector<Diagnostic> ds = {
        {"a.toml", 3, 7, Severity::error, "unknown key `x`; did you mean \"y\"?"},
        {"dir/b\xff.toml", 0, 0, Severity::warning, "tab\there\\ and\nnewline \x01"},
    };
    CHECK(diagnostics_json(ds) ==
          "{\"version\":2,\"diagnostics\":[\n"
          "{\"file\":\"a.toml\",\"line\":3,\"column\":7,\"severity\":\"error\","
          "\"message\":\"unknown key `x`; did you mean \\\"y\\\"?\"},\n"
          "{\"file\":\"dir/b\\ufffd.toml\",\"line\":0,\"column\":0,\"severity\":"
          "\"warning\",\"message\":\"tab\\there\\\\ and\\nnewline \\u0001\"}\n"
          "]}\n");
}

TEST_CASE("UTF-8: invalid sequences are found, characters counted") {
    CHECK_FALSE(invalid_utf8("plain \xc3\xa9"));
    CHECK(invalid_utf8("ab\xc3") == 2u);
    CHECK(invalid_utf8("\xc0\xaf") == 0u);       // overlong
    CHECK(invalid_utf8("x\xed\xa0\x80") == 1u);  // a surrogate
    CHECK(utf8_length("\xc3\xa9t\xc3\xa9") == 3u);
}
