#include <doctest/doctest.h>

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
