// Trend bars for pain 0-10.
#include <doctest/doctest.h>

#include <vector>

#include "knead/sparkline.hpp"

TEST_CASE("one bar per value, low to high") {
    std::vector<int> v = {0, 3, 5, 7, 10};
    CHECK(knead::sparkline(v, false) == "\u2581\u2583\u2585\u2586\u2588");
    CHECK(knead::sparkline(v, true) == "_-=+#");
    std::vector<int> all = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK(knead::sparkline(all, true) == "_..-:==+**#");
    CHECK(knead::sparkline(std::vector<int>{}, true).empty());
}

TEST_CASE("values outside 0-10 are clamped") {
    std::vector<int> v = {-3, 42};
    CHECK(knead::sparkline(v, true) == "_#");
}
