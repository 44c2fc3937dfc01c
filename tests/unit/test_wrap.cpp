#include <doctest/doctest.h>

#include "knead/utf8.hpp"
#include "knead/wrap.hpp"

using knead::wrap_text;
using Lines = std::vector<std::string>;

TEST_CASE("wrap_text breaks at blanks within the width") {
    CHECK(wrap_text("one two three four", 9) == Lines{"one two", "three", "four"});
    CHECK(wrap_text("one two", 80) == Lines{"one two"});
}

TEST_CASE("wrap_text puts the prefixes in front and counts them in the width") {
    CHECK(wrap_text("aaa bbb ccc", 9, "- ", "  ") == Lines{"- aaa bbb", "  ccc"});
}

TEST_CASE("wrap_text gives an overlong word a line of its own instead of cutting it") {
    CHECK(wrap_text("a sternocleidomastoid b", 8) == Lines{"a", "sternocleidomastoid", "b"});
}

TEST_CASE("wrap_text of nothing is the first prefix alone") {
    CHECK(wrap_text("", 10, "> ") == Lines{"> "});
    CHECK(wrap_text("  \n ", 10) == Lines{""});
}

TEST_CASE("wrap_text counts columns, not bytes") {
    // "Schulterblätter" is 15 columns and 16 bytes: it fits a line of 15.
    CHECK(wrap_text("Schulterblätter über", 15) == Lines{"Schulterblätter", "über"});
    CHECK(wrap_text("ä ö ü ß é", 9) == Lines{"ä ö ü ß é"});
    // Two columns each: three of them and a blank make 8 columns, the fourth goes on.
    CHECK(wrap_text("肩 肩 肩 肩", 8) == Lines{"肩 肩 肩", "肩"});
    // A combining accent (e + U+0301) takes no column of its own.
    CHECK(wrap_text("cafe\u0301 au lait", 7) == Lines{"cafe\u0301 au", "lait"});
}

TEST_CASE("display_width: one column for most characters, two for wide, none for marks") {
    using knead::display_width;
    CHECK(display_width("") == 0);
    CHECK(display_width("abc") == 3);
    CHECK(display_width("ä") == 1);
    CHECK(display_width("Trapezius, oberer Anteil (rechts)") == 33);
    CHECK(display_width("\u80a9\u90e8") == 4);
    CHECK(display_width("e\u0301") == 1);
    CHECK(display_width("\033[1;31mHOLD\033[0m") == 4);  // colours take no room
    CHECK(display_width("\xff") == 1);                   // a stray byte still shows as one
}

TEST_CASE("fit_width cuts on a character boundary and turns a colour off") {
    using knead::fit_width;
    CHECK(fit_width("Schulterblätter", 10) == "Schulterbl");
    CHECK(fit_width("Schulterblätter", 11) == "Schulterblä");
    CHECK(fit_width("abc", 10) == "abc");
    CHECK(fit_width("\u80a9\u80a9", 3) == "\u80a9");  // half a wide character is none
    CHECK(fit_width("\033[1mbold text\033[0m", 4) == "\033[1mbold\033[0m");
    CHECK(fit_width("\033[1mbold\033[0m tail", 6) == "\033[1mbold\033[0m t");
}

TEST_CASE("wrap_listing continues a line under its text column") {
    using knead::wrap_listing;
    CHECK(wrap_listing("  --log FILE   Append the session to FILE", 30) ==
          Lines{"  --log FILE   Append the", "               session to FILE"});
    CHECK(wrap_listing("  --big   fits  as it is", 80) == Lines{"  --big   fits  as it is"});
    // No label: the leading blanks are the indent.
    CHECK(wrap_listing("       `where` found nothing at all", 20) ==
          Lines{"       `where` found", "       nothing at", "       all"});
    // A label that fills its column, with one blank after it.
    CHECK(wrap_listing("  --speech-command CMD The speech command", 40, 23) ==
          Lines{"  --speech-command CMD The speech", "                       command"});
    // A label too wide for the window leaves only the leading blanks as the indent.
    CHECK(wrap_listing("  --speech-command CMD   The speech command", 30) ==
          Lines{"  --speech-command CMD The", "  speech command"});
}
