// printable(): the one cleaning of text before a terminal or a TSV cell shows it.
#include <doctest/doctest.h>

#include "knead/log_reader.hpp"
#include "knead/utf8.hpp"

using knead::printable;

TEST_CASE("printable keeps text and UTF-8 as they are") {
    CHECK(printable("neck, upper back") == "neck, upper back");
    CHECK(printable("épaule \xe2\x82\xac \xf0\x9f\x98\x80") ==
          "épaule \xe2\x82\xac \xf0\x9f\x98\x80");
    CHECK(printable("") == "");
}

TEST_CASE("printable turns each control character into ?") {
    CHECK(printable("a\tb\nc\r") == "a?b?c?");
    CHECK(printable("\x1b[31mred") == "?[31mred");
    CHECK(printable(std::string_view("x\0y\x7f", 4)) == "x?y?");
    CHECK(printable("\xc2\x9b"
                    "2J") == "?2J");             // C1 CSI, one character, one ?
    CHECK(printable("\xc2\xa0") == "\xc2\xa0");  // U+00A0 is not a control
}

TEST_CASE("printable turns each byte that is not UTF-8 into ?") {
    CHECK(printable("bad\xff"
                    "byte") == "bad?byte");
    CHECK(printable("\x9b"
                    "2J") == "?2J");            // a lone C1 byte: CSI on an 8-bit terminal
    CHECK(printable("\xc3") == "?");            // cut short
    CHECK(printable("\xed\xa0\x80") == "???");  // a surrogate
}

TEST_CASE("the log reader's warning shows a damaged line through printable") {
    knead::LogProblems p;
    p.damage(4, "bad value \x1b[2J\xff");
    const auto lines = knead::log_warnings(p, "f.log");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "f.log:4: skipped a damaged line: bad value ?[2J?");
}
