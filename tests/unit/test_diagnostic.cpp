// The excerpt under a diagnostic: the source line and a caret at the column, in display
// columns, whatever the line holds.
#include <doctest/doctest.h>

#include <string>

#include "knead/diagnostic.hpp"
#include "knead/routine_loader.hpp"
#include "knead/utf8.hpp"

using namespace knead;

namespace {

// The two lines of an excerpt, without their gutters ("  12 | ").
std::pair<std::string, std::string> parts(const std::string& excerpt) {
    auto nl = excerpt.find('\n');
    REQUIRE(nl != std::string::npos);
    std::string source = excerpt.substr(0, nl), caret = excerpt.substr(nl + 1);
    auto bar = source.find(" | ");
    REQUIRE(bar != std::string::npos);
    REQUIRE(caret.substr(bar, 3) == " | ");
    return {source.substr(bar + 3), caret.substr(bar + 3)};
}

}  // namespace

TEST_CASE("an excerpt shows the line behind its number and a caret under the column") {
    CHECK(source_excerpt("hold = 3O", 12, 8) == "  12 | hold = 3O\n     |        ^");
    CHECK(source_excerpt("a", 12345, 1) == "12345 | a\n      | ^");
    // A column past the end (a missing value) points just after the last character.
    CHECK(parts(source_excerpt("a =", 1, 4)).second == "   ^");
    CHECK(parts(source_excerpt("", 1, 1)).second == "^");
    CHECK(parts(source_excerpt("a = 1\r", 1, 5)).first == "a = 1");
}

TEST_CASE("the caret counts display columns, not bytes") {
    // "é" is two bytes, one column; "日本" four columns in six bytes.
    auto [line, caret] = parts(source_excerpt("name = \"é\" x", 1, 12));
    CHECK(caret == std::string(10, ' ') + "^");
    std::tie(line, caret) = parts(source_excerpt("k = \"日本\" ?", 1, 14));
    CHECK(caret == std::string(11, ' ') + "^");
    // A column inside a multi-byte character points at the character.
    std::tie(line, caret) = parts(source_excerpt("a = \"日\"", 1, 7));
    CHECK(caret == "     ^");
}

TEST_CASE("tabs become spaces to stops of 8, control bytes and invalid UTF-8 \\xNN") {
    auto [line, caret] = parts(source_excerpt("\ta\t= x", 1, 6));
    CHECK(line == "        a       = x");
    CHECK(caret == std::string(18, ' ') + "^");
    std::tie(line, caret) = parts(source_excerpt("s = \"\x01\x1b[31m\" x", 1, 14));
    CHECK(line == "s = \"\\x01\\x1B[31m\" x");
    CHECK(caret == std::string(19, ' ') + "^");
    std::tie(line, caret) = parts(source_excerpt("s = '\xff' y", 1, 6));
    CHECK(line == "s = '\\xFF' y");
    CHECK(caret == "     ^");
}

TEST_CASE("a long line is cut around the caret, with ... where it was cut") {
    std::string line(1000, 'a');
    line[500] = 'X';
    auto [shown, caret] = parts(source_excerpt(line, 3, 501, 72));
    CHECK(display_width(shown) <= 72);
    CHECK(shown.substr(0, 3) == "...");
    CHECK(shown.substr(shown.size() - 3) == "...");
    REQUIRE(caret.size() >= 1);
    CHECK(shown[caret.size() - 1] == 'X');
    // Near the start: cut on the right only.
    std::tie(shown, caret) = parts(source_excerpt(line, 3, 2, 72));
    CHECK(shown.substr(0, 3) != "...");
    CHECK(caret == " ^");
    CHECK(display_width(shown) <= 72);
    // At the end: cut on the left only, the caret after the last character.
    std::tie(shown, caret) = parts(source_excerpt(line, 3, 1001, 72));
    CHECK(shown.substr(0, 3) == "...");
    CHECK(caret.size() == display_width(shown) + 1);
    // Wide characters are never split by the cut.
    std::string wide;
    for (int i = 0; i < 300; ++i) wide += "日";
    std::tie(shown, caret) = parts(source_excerpt(wide, 1, 3 * 150 + 1, 40));
    CHECK(!invalid_utf8(shown));
    CHECK(display_width(shown) <= 40);
}

TEST_CASE("a line of a megabyte: the tab stops and the cut are those of the whole line") {
    // Only the cells near the caret are kept, yet a tab far along the line still ends on
    // a stop counted from the line's start: 8 + 2,001 columns before it, so it is 7 wide.
    std::string line = "\t" + std::string(2001, 'a') + "\tX" + std::string(1 << 20, 'b');
    auto [shown, caret] = parts(source_excerpt(line, 7, 2004, 72));
    CHECK(shown.substr(0, 3) == "...");
    CHECK(shown.substr(shown.size() - 3) == "...");
    REQUIRE(caret.size() >= 9);
    CHECK(shown[caret.size() - 1] == 'X');
    CHECK(shown.substr(caret.size() - 8, 7) == std::string(7, ' '));
    CHECK(shown[caret.size() - 9] == 'a');
    CHECK(display_width(shown) <= 72);
    // The caret past the end of that line: cut on the left only.
    std::tie(shown, caret) = parts(source_excerpt(line, 7, static_cast<int>(line.size()) + 1, 72));
    CHECK(shown.substr(0, 3) == "...");
    CHECK(shown.substr(shown.size() - 3) == "bbb");
    CHECK(caret.size() == display_width(shown) + 1);
}

TEST_CASE("render_diagnostic keeps the message on one line, the excerpt below it") {
    Diagnostic d{"x.toml", 2, 1, Severity::error, "bad", ""};
    CHECK(render_diagnostic(d) == "x.toml:2:1: error: bad");
    d.excerpt = source_excerpt("a.b=1", 2, 1);
    CHECK(render_diagnostic(d) == "x.toml:2:1: error: bad\n   2 | a.b=1\n     | ^");
    CHECK(format_diagnostic(d) == "x.toml:2:1: error: bad");
    // The JSON does not carry it.
    CHECK(diagnostics_json({d}).find("a.b=1") == std::string::npos);
}

TEST_CASE("the loader attaches the offending line to every positioned diagnostic") {
    auto r = load_routine_text("a=[]\na.b=1", "x.toml", "x");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].excerpt == "   2 | a.b=1\n     | ^");
    r = load_routine_text(
        "schema = 1\nname = \"N\"\narea = \"neck\"\n\n[[point]]\nid = \"p\"\n"
        "side = \"bouth\"\nlocate = \"l\"\npress = \"p\"\n",
        "x.toml", "x");
    bool found = false;
    for (const auto& d : r.diagnostics) {
        if (d.message.find("side") == std::string::npos) continue;
        found = true;
        CHECK(d.excerpt == "   7 | side = \"bouth\"\n     |        ^");
    }
    CHECK(found);
    // Whole-file problems have none.
    r = load_routine_text("", "x.toml", "x");
    REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics[0].excerpt.empty());
}

TEST_CASE("attach_excerpts: lines in any order, and a line past the end gets none") {
    std::vector<Diagnostic> ds{{"f", 3, 1, Severity::error, "c", ""},
                               {"f", 1, 2, Severity::error, "a", ""},
                               {"f", 9, 1, Severity::error, "z", ""},
                               {"f", 0, 0, Severity::error, "file", ""}};
    attach_excerpts(ds, "one\ntwo\nthree");
    CHECK(ds[0].excerpt == "   3 | three\n     | ^");
    CHECK(ds[1].excerpt == "   1 | one\n     |  ^");
    CHECK(ds[2].excerpt.empty());
    CHECK(ds[3].excerpt.empty());
}
