#include <doctest/doctest.h>

#include <string>
#include <tuple>

#include "knead/toml_document.hpp"
#include "knead/toml_guard.hpp"
#include "test_support.hpp"

using namespace knead;

namespace {

// The diagnostics check_toml_text gives for `text` (none when it passes).
std::vector<Diagnostic> check(const std::string& text) {
    std::vector<Diagnostic> out;
    bool ok = check_toml_text(text, "t.toml", 32, out);
    CHECK(ok == out.empty());
    return out;
}

using knead_test::repeat;

}  // namespace

TEST_CASE("toml guard: ordinary TOML passes") {
    CHECK(check("schema = 1\nname = \"Neck\"\n[[point]]\nid = \"a\"\n").empty());
    CHECK(check("").empty());
    // Decimal points are not nesting: many floats on a line, or across lines, are fine.
    CHECK(check("x = [" + repeat("1.5, ", 200) + "2.5]\n").empty());
    CHECK(check("x = [\n" + repeat("  1.5,\n", 200) + "]\n").empty());
    CHECK(check(repeat("v = 1.5\n", 100)).empty());
    CHECK(check("t = 1979-05-27T07:32:00.999-07:00\n").empty());
    // Brackets and dots inside strings and comments do not count.
    CHECK(check("s = \"" + repeat("[{.", 100) + "\"\n").empty());
    CHECK(check("s = '" + repeat("[{.", 100) + "'\n").empty());
    CHECK(check("s = \"\"\"\n" + repeat("[[[...\n", 100) + "\"\"\"\n").empty());
    CHECK(check("# " + repeat("[{.", 100) + "\n").empty());
    CHECK(check("s = \"a \\\" " + repeat("[", 100) + "\"\n").empty());
    // 32 levels is the limit, not over it.
    CHECK(check("a = " + repeat("[", 32) + repeat("]", 32) + "\n").empty());
    CHECK(check(repeat("k.", 31) + "k = 1\n").empty());
}

TEST_CASE("toml guard: binary data and invalid UTF-8 are refused with a position") {
    auto d = check(std::string("a = 1\nb = \"x\0y\"\n", 15));
    REQUIRE(d.size() == 1);
    CHECK(d[0].line == 2);  // the first NUL byte
    CHECK(d[0].column == 7);
    CHECK(d[0].message == "a NUL byte: this is a binary file, not TOML text");

    d = check("a = 1\nb = \"caf\xc3\"\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].line == 2);
    CHECK(d[0].column == 9);
    CHECK(d[0].message == "invalid UTF-8: save the file as UTF-8 text");
}

TEST_CASE("toml guard: deep nesting of every kind is refused before the parser recurses") {
    auto expect_deep = [](const std::string& text, int line, int column) {
        auto d = check(text);
        REQUIRE(d.size() == 1);
        CHECK(d[0].line == line);
        CHECK(d[0].column == column);
        CHECK(d[0].message == "nested more than 32 levels deep");
    };
    expect_deep("a = " + repeat("[", 100000), 1, 5 + 32);
    expect_deep("a = " + repeat("[\n", 100000), 33, 1);
    expect_deep("a = " + repeat("{b = ", 100), 1, 5 + 5 * 32);
    // Dotted keys nest too, in a key, a table header and an array-of-tables header.
    expect_deep(repeat("a.", 100000) + "b = 1\n", 1, 2 * 33);
    expect_deep("[" + repeat("a.", 40) + "b]\n", 1, 1 + 2 * 32);
    expect_deep("[[" + repeat("a.", 40) + "b]]\n", 1, 2 + 2 * 32);
    // ...and they add up with brackets around them.
    expect_deep("x = {" + repeat("a.", 20) + "b = {" + repeat("c.", 20) + "d = 1}}\n", 1,
                50 + 2 * 11);
}

TEST_CASE("toml guard: a key's dots stop counting where its value ends") {
    // Each key on its own line, or after a comma, starts again from its table's depth.
    CHECK(check(repeat(repeat("k.", 20) + "k = 1\n", 50)).empty());
    CHECK(check("x = {" + repeat(repeat("k.", 20) + "k = 1, ", 20) + "z = 1}\n").empty());
    CHECK(check("x = [" + repeat("{" + repeat("k.", 20) + "k = 1}, ", 20) + "]\n").empty());
}

TEST_CASE("toml guard: a string cut off at the end of the text is no problem") {
    for (std::string text : {"a = \"\\", "a = \"", "a = '''", "a = \"\"\"x\\", "#", "a = \"x\n["})
        CHECK(check(text).empty());
}

TEST_CASE("toml guard: a line over 4096 bytes is refused, whatever it holds") {
    CHECK(check("a = \"" + std::string(kMaxTomlLine - 6, 'x') + "\"\n").empty());
    for (const std::string& line :
         {"a = \"" + std::string(1 << 20, 'x') + "\"", "a = [" + repeat("1,", 300000) + "]",
          "# " + std::string(5000, 'c'), std::string(kMaxTomlLine + 1, ' ')}) {
        auto d = check("x = 1\n" + line + "\ny = 2\n");
        REQUIRE(d.size() == 1);
        CHECK(d[0].line == 2);
        CHECK(d[0].column == 1);
        CHECK(d[0].message.find("line longer than 4096 bytes") == 0);
    }
}

TEST_CASE("toml guard: the line index finds lines and columns") {
    LineIndex idx("ab\ncd\n\nefg");
    CHECK(idx.lines() == 4);
    auto at = [&](std::size_t offset) {
        Where w = idx.at(offset);
        return std::pair{w.line, w.column};
    };
    CHECK(at(0) == std::pair{1, 1});
    CHECK(at(2) == std::pair{1, 3});  // the newline itself
    CHECK(at(3) == std::pair{2, 1});
    CHECK(at(6) == std::pair{3, 1});
    CHECK(at(9) == std::pair{4, 3});
    CHECK(at(10) == std::pair{4, 4});  // the end
    CHECK(at(1000) == std::pair{4, 4});
    CHECK(idx.start_of(4) == 7);
}

TEST_CASE("toml guard: a syntax error is one line at the culprit, never past the end") {
    std::vector<Diagnostic> out;
    CHECK_FALSE(parse_toml("a = [1,", "t.toml", out));
    REQUIRE(out.size() == 1);
    // toml11 adds a newline and blames line 2; the file has one line.
    CHECK(out[0].line == 1);
    CHECK(out[0].column == 8);
    CHECK(out[0].message.rfind("syntax error: ", 0) == 0);
    CHECK(out[0].message.find("toml::") == std::string::npos);

    out.clear();
    CHECK_FALSE(parse_toml("a = 1\nb = \"x\n", "t.toml", out));
    REQUIRE(out.size() == 1);
    CHECK(out[0].line == 2);
    CHECK(out[0].message.find('\n') == std::string::npos);

    // A headline and carets as toml11 writes them.
    const std::string text = "x = 1\nname = \"a\"\n";
    auto d = toml_syntax_diagnostic(
        "t.toml",
        "[error] toml::parse_key_value_pair: invalid format\n --> t.toml\n    |\n  2 | name "
        "= \"a\"\n    |        ^--- expected a value\n",
        {9, 9}, text);
    CHECK(d.line == 2);
    CHECK(d.column == 8);
    CHECK(d.message.rfind("syntax error: `\"a\"` is not a valid value: write a number", 0) == 0);
    // Nothing to go on: toml11's own position, within the text.
    d = toml_syntax_diagnostic("t.toml", "", {9, 9}, text);
    CHECK(d.line == 3);
    CHECK(d.message == "syntax error: invalid TOML");
}

TEST_CASE("toml guard: one_line escapes control characters and cuts long text") {
    CHECK(one_line("plain") == "plain");
    CHECK(one_line("a\nb\x1b[2J\x7f") == "a\\x0Ab\\x1B[2J\\x7F");
    CHECK(one_line(std::string(400, 'x')) == std::string(300, 'x') + "...");
    // Never inside a UTF-8 sequence: "é" is two bytes.
    std::string accents;
    for (int i = 0; i < 200; ++i) accents += "\xc3\xa9";
    std::string cut = one_line(accents, 301);
    CHECK(cut.size() == 302 + 3);
    CHECK(cut.substr(cut.size() - 5) == "\xc3\xa9...");
}

TEST_CASE("toml guard: a key or header that adds to an array written inline is refused") {
    // toml11 3.7.1 dereferences a null pointer on each of these (an empty array), or
    // wrongly accepts them (an array of inline tables).
    auto expect_grows = [](const std::string& text, int line, int column, std::string_view what,
                           std::string_view array, int array_line) {
        auto d = check(text);
        REQUIRE(d.size() == 1);
        CHECK(d[0].line == line);
        CHECK(d[0].column == column);
        CHECK(d[0].message.rfind(std::string(what) + " adds to `" + std::string(array) +
                                     "`, which line " + std::to_string(array_line) +
                                     " sets to an array with `= [...]`",
                                 0) == 0);
        // And the parser never sees it.
        std::vector<Diagnostic> out;
        CHECK_FALSE(parse_toml(text, "t.toml", out));
    };
    expect_grows("a=[]\na.b=1", 2, 1, "the key `a.b`", "a", 1);
    expect_grows("a = []\n[a.b]\n", 2, 1, "the header [a.b]", "a", 1);
    expect_grows("a = []\n[a]\n", 2, 1, "the header [a]", "a", 1);
    expect_grows("a = []\n[[a]]\n", 2, 1, "the header [[a]]", "a", 1);
    expect_grows("a = [{x = 1}]\n[[a.b]]\n", 2, 1, "the header [[a.b]]", "a", 1);
    expect_grows("[t]\nx.y = [ ]\n[t . x . y . z]\n", 3, 1, "the header [t.x.y.z]", "t.x.y", 2);
    // Quoted keys are the same keys as bare ones.
    expect_grows("\"a\" = []\n'a'.b = 1\n", 2, 1, "the key `a.b`", "a", 1);
    expect_grows("\"\\u0061\" = []\na.b = 1\n", 2, 1, "the key `a.b`", "a", 1);
    // Inside an inline table, alone or in an array.
    expect_grows("x = {a = [], a.b = 1}\n", 1, 14, "the key `a.b`", "a", 1);
    expect_grows("x = [{a = [1, [2]], a.b.c = 1}]\n", 1, 21, "the key `a.b.c`", "a", 1);
    // Under a table of an array of tables.
    expect_grows("[[p]]\nb = []\n[p.b.c]\n", 3, 1, "the header [p.b.c]", "p.b", 2);
    // Arrays that span lines, with comments.
    expect_grows("a = [ # c\n 1,\n  \"]\",\n]\na.b = 2\n", 5, 1, "the key `a.b`", "a", 1);
}

TEST_CASE("toml guard: arrays, tables and arrays of tables that do not clash pass") {
    CHECK(check("a = []\nb.c = 1\n[d]\ne = [1]\n").empty());
    CHECK(check("a = [{b = []}]\nc = {d = [], e = 1}\n").empty());
    // Each [[p]] starts a new table: its arrays are its own.
    CHECK(check("[[p]]\nb = []\n[[p]]\n[p.b]\nc = 1\n").empty());
    CHECK(check("[[a]]\n[a.b]\n[[a.c]]\n").empty());
    // A key that only starts like an array's does not clash.
    CHECK(check("ab = []\na.b = 1\n\"a.b\" = []\na.b.c = 1\n").empty());
    // Brackets in strings and comments are not arrays.
    CHECK(check("s = \"[\"\ns.x = 1\n").empty());  // a string: the parser says so itself
    CHECK(check("a = 1 # = []\n").empty());
    CHECK(check("m = '''\n[x]\n'''\nx.y = 1\n").empty());
}

TEST_CASE("toml guard: syntax errors in knead's words, never the parser's") {
    auto one = [](const std::string& text) {
        std::vector<Diagnostic> out;
        CHECK_FALSE(parse_toml(text, "t.toml", out));
        REQUIRE(out.size() == 1);
        for (std::string_view raw :
             {"an invalid key appeared", "is not a valid key", "unknown value appeared",
              "the next token is not", "already exists.", "value defined twice", "bad integer",
              "toml::", "RFC3339"})
            CHECK_MESSAGE(out[0].message.find(raw) == std::string::npos, out[0].message);
        CHECK(out[0].message.rfind("syntax error: ", 0) == 0);
        return out[0];
    };
    auto d = one("a = 1\nb c = 2\n");
    CHECK(d.line == 2);
    CHECK(d.message.find("not a valid key") != std::string::npos);
    d = one("[a\n");
    CHECK(d.message.find("not a valid key") != std::string::npos);
    d = one("a = 1\nb = ?\n");
    CHECK(d.message.find("`?` is not a valid value") != std::string::npos);
    d = one("a = 1\nb = \"abc\n");
    CHECK(d.line == 2);
    CHECK(d.message.find("this string is not closed") != std::string::npos);
    d =
        one("b = \"a\x01"
            "b\"\n");
    CHECK(d.column == 7);
    CHECK(d.message.find("a control character (\\x01) is inside this string") != std::string::npos);
    d = one("name = \"x\"\n\nname = \"y\"\n");
    CHECK(d.line == 3);
    CHECK(d.message.find("`name` is defined twice (first on line 1)") != std::string::npos);
    d = one("x = 0b0012\n");
    CHECK(d.message.find("`0b0012` is not a valid number: binary digits are 0 and 1") !=
          std::string::npos);
    d = one("x = 012\n");
    CHECK(d.message.find("cannot start with 0") != std::string::npos);
    d = one("s = '''abc\n");
    CHECK(d.message.find("multi-line string is not closed") != std::string::npos);
}

TEST_CASE("toml guard: a date or time out of range is reported at its own line") {
    for (auto [text, line, column] :
         {std::tuple{"# a comment\nname = \"x\"\nt = 1979-05-27T25:00:00\n", 3, 5},
          std::tuple{"# c\n\nt = 1979-05-27T00:60:00Z\n", 3, 5},
          std::tuple{"# c\ns = \"2006-02-30\"  # 2006-02-30\nt = [1, 2006-02-30T00:00:00]\n", 3, 9},
          std::tuple{"t = 2023-02-29\n", 1, 5}}) {
        std::vector<Diagnostic> out;
        CHECK_FALSE(parse_toml(text, "t.toml", out));
        REQUIRE(out.size() == 1);
        CHECK(out[0].line == line);
        CHECK(out[0].column == column);
        CHECK_MESSAGE(out[0].message.find("is not a real date or time") != std::string::npos,
                      out[0].message);
    }
    // 29 February of a leap year is a real date.
    std::vector<Diagnostic> out;
    CHECK(parse_toml("t = 2024-02-29\n", "t.toml", out));
}

TEST_CASE("toml guard: every kind of syntax error gets knead's sentence") {
    // One of each kind of mistake, with the words that must be in its message. None may
    // carry the parser's phrasing.
    for (auto [text, words] : {
             std::pair{"a = \n", "a value is missing after `=`"},
             std::pair{"a = 1 2\n", "stray text after the value"},
             std::pair{"a = inf1\n", "stray text after the value"},
             std::pair{"a = \"x\" \"y\"\n", "stray text after the value"},
             std::pair{"a = \"\\q\"\n", "`\\q` is not an escape"},
             std::pair{"a = \"\\u00\"\n", "`\\u00` is not an escape"},
             std::pair{"a = \"\"\"\\x\"\"\"\n", "`\\x` is not an escape"},
             std::pair{"a = \"\\uD800\"\n", "escape is not a character"},
             std::pair{"a = 0x\n", "hex digits"},
             std::pair{"a = 0xG1\n", "hex digits"},
             std::pair{"a = 0o8\n", "octal digits"},
             std::pair{"a = _1\n", "an _ must stand between two digits"},
             std::pair{"a = 1__0\n", "an _ must stand between two digits"},
             std::pair{"a = tru\n", "true and false are written in lowercase"},
             std::pair{"a = {a = 1 b = 2}\n", "separated by commas"},
             std::pair{"a = {a}\n", "a key needs `=`"},
             std::pair{"= 1\n", "a key is missing before `=`"},
             std::pair{"[a]]\n", "stands on a line of its own"},
             std::pair{"[[a]]]\n", "stands on a line of its own"},
             std::pair{"a = 1979-05-27T07:32\n", "a time is written HH:MM:SS"},
             std::pair{"a = 1\na.b = 2\n", "`a` already holds a value on line 1"},
             std::pair{"a = 1\n[a.b]\n", "`a` already holds a value on line 1"},
             std::pair{"[a]\n[[a]]\n", "`a` is already a table (line 1)"},
         }) {
        std::vector<Diagnostic> out;
        CHECK_FALSE(parse_toml(text, "t.toml", out));
        REQUIRE(out.size() == 1);
        const std::string& m = out[0].message;
        CHECK_MESSAGE(m.find(words) != std::string::npos, std::string(text), " => ", m);
        for (std::string_view raw :
             {"expected", "should be", "the next token", "appeared", "not allowed", "got ",
              "toml::", "bad ", ".:", "UTF-8 codepoint", "HH:MM:SS.subsec"})
            CHECK_MESSAGE(m.find(raw) == std::string::npos, std::string(text), " => ", m);
    }
    // The escape is reported at its own column.
    std::vector<Diagnostic> out;
    CHECK_FALSE(parse_toml("a = \"ok \\q\"\n", "t.toml", out));
    REQUIRE(out.size() == 1);
    CHECK(out[0].column == 9);
}

TEST_CASE("toml guard: more dates and times out of range, wherever they stand") {
    for (auto [text, line, column] :
         {std::tuple{"a = 1\nt = 2000-13-01\n", 2, 5}, std::tuple{"t = 2000-00-01\n", 1, 5},
          std::tuple{"t = 1979-02-29\n", 1, 5}, std::tuple{"\n\nt = 00:00:61\n", 3, 5},
          std::tuple{"t = 24:00:00\n", 1, 5}, std::tuple{"x = 1\nt = [1979-13-01]\n", 2, 6},
          std::tuple{"t = {d = 1979-05-32}\n", 1, 10},
          std::tuple{"t = 1979-05-27 25:00:00\n", 1, 16}}) {
        std::vector<Diagnostic> out;
        CHECK_FALSE(parse_toml(text, "t.toml", out));
        REQUIRE(out.size() == 1);
        CHECK_MESSAGE(out[0].line == line, text);
        CHECK_MESSAGE(out[0].column == column, text);
        CHECK_MESSAGE(out[0].message.find("is not a real date or time") != std::string::npos,
                      out[0].message);
    }
}
