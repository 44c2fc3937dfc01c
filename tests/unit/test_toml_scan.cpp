// The one routine that skips TOML strings and comments for the scanners before the parser.
#include <doctest/doctest.h>

#include <string>

#include "knead/toml_guard.hpp"
#include "knead/toml_scan.hpp"

using namespace knead;

namespace {

// Where the string at the start of `s` ends, as "end closed|open".
std::string ends(std::string_view s) {
    auto e = skip_toml_string(s, 0);
    return std::to_string(e.end) + (e.closed ? " closed" : " open");
}

}  // namespace

TEST_CASE("one-line strings: basic ones have escapes, literal ones none") {
    CHECK(ends(R"("abc" x)") == "5 closed");
    CHECK(ends(R"("a\"b" x)") == "6 closed");
    CHECK(ends(R"("a\\" x)") == "5 closed");
    CHECK(ends(R"('a\' x)") == "4 closed");  // no escapes in a literal string
    CHECK(ends(R"("" x)") == "2 closed");
    CHECK(ends("''") == "2 closed");
}

TEST_CASE("a one-line string not closed ends at its line break, never past it") {
    CHECK(ends("\"abc\nb = \"x\"") == "4 open");
    CHECK(ends("'abc\n'") == "4 open");
    // A backslash before the break does not carry a one-line string onto the next line.
    CHECK(ends("\"abc\\\nb = 1") == "5 open");
    CHECK(ends("\"abc") == "4 open");
    CHECK(ends("\"abc\\") == "5 open");
}

TEST_CASE("multi-line strings span lines, and may end in quotes of their own") {
    CHECK(ends("\"\"\"a\nb\"\"\" x") == "9 closed");
    CHECK(ends("'''a\n'b'\n''' x") == "12 closed");
    CHECK(ends("\"\"\"a\\\"\"\"\" x") == "9 closed");  // an escaped quote, then """
    CHECK(ends("\"\"\"a\"\"\"\" x") == "8 closed");    // """a"""" is a"
    CHECK(ends("\"\"\"a\"\"\"\"\" x") == "9 closed");  // """a""""" is a""
    CHECK(ends("'''a'''' x") == "8 closed");
    CHECK(ends("\"\"\"a\nb") == "6 open");
    CHECK(ends("\"\"\"\"\"\"") == "6 closed");
}

TEST_CASE("a string starting mid-text, and comments") {
    std::string_view s = "k = 'v' # c \"not a string\nx";
    CHECK(skip_toml_string(s, 4).end == 7);
    CHECK(skip_toml_comment(s, 8) == 25);
    CHECK(skip_toml_comment("# last", 0) == 6);
}

TEST_CASE("every scanner skips strings the same way: brackets and arrays inside them") {
    std::vector<Diagnostic> out;
    // Deep nesting inside strings and comments is text, not nesting.
    std::string deep(200, '[');
    CHECK(check_toml_text("a = \"" + deep + "\"\nb = '''\n" + deep + "'''\n# " + deep + "\n", "f",
                          32, out));
    // An unclosed one-line string ends at its line: the next line's brackets count.
    CHECK_FALSE(check_toml_text("a = \"x\nb = " + deep + "\n", "f", 32, out));
    out.clear();
    // The shape check: `a` set to an array and extended, after strings holding [a.b].
    CHECK_FALSE(check_toml_text("s = \"\"\"\n[a.b]\"\"\"\"\na = []\n[a.b]\n", "f", 32, out));
    REQUIRE(out.size() == 1);
    CHECK(out[0].line == 4);
    out.clear();
    CHECK(check_toml_text("a = []\ns = '''\n[a.b]\n'''\n", "f", 32, out));
}
