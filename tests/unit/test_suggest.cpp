// "Did you mean": edit distance and the closest plausible candidate.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "knead/suggest.hpp"

using knead::closest_match;
using knead::edit_distance;

TEST_CASE("edit_distance: basics") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("hold", "hold") == 0);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("hold", "holdd") == 1);  // insertion
    CHECK(edit_distance("holdd", "hold") == 1);  // deletion
    CHECK(edit_distance("hold", "bold") == 1);   // substitution
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("flaw", "lawn") == 2);
    CHECK(edit_distance("abc", "xyz") == 3);
}

TEST_CASE("edit_distance: an adjacent transposition costs one") {
    CHECK(edit_distance("hodl", "hold") == 1);
    CHECK(edit_distance("ab", "ba") == 1);
    CHECK(edit_distance("sterhcts", "stretch") > 1);
    // Optimal string alignment: a transposed pair is not edited again.
    CHECK(edit_distance("ca", "abc") == 3);
}

TEST_CASE("edit_distance: symmetric") {
    const char* words[] = {"", "a", "hold", "hodl", "hold_max", "stretch", "press_seconds"};
    for (const char* a : words)
        for (const char* b : words) {
            CAPTURE(a);
            CAPTURE(b);
            CHECK(edit_distance(a, b) == edit_distance(b, a));
        }
}

TEST_CASE("edit_distance ignores case") {
    CHECK(edit_distance("Hold", "hold") == 0);
    CHECK(edit_distance("STRETCH", "stretch") == 0);
}

TEST_CASE("closest_match: finds typos") {
    const std::vector<std::string> keys = {"locate",   "press",   "hold", "hold_min",
                                           "hold_max", "stretch", "reps", "target_pain"};
    CHECK(closest_match("holdd", keys) == "hold");
    CHECK(closest_match("hodl", keys) == "hold");
    CHECK(closest_match("strech", keys) == "stretch");
    CHECK(closest_match("pres", keys) == "press");
    CHECK(closest_match("hold_mx", keys) == "hold_max");
    CHECK(closest_match("hold-min", keys) == "hold_min");
    CHECK(closest_match("target_pian", keys) == "target_pain");
    CHECK(closest_match("tagret_pein", keys) == "target_pain");
    CHECK(closest_match("rep", keys) == "reps");
    CHECK(closest_match("hold", keys) == "hold");  // an exact match is its own best
}

TEST_CASE("closest_match: rejects far words") {
    const std::vector<std::string> keys = {"locate",   "press",   "hold", "hold_min",
                                           "hold_max", "stretch", "reps", "target_pain"};
    CHECK_FALSE(closest_match("colour", keys).has_value());
    CHECK_FALSE(closest_match("xyz", keys).has_value());
    CHECK_FALSE(closest_match("pain", keys).has_value());
    CHECK_FALSE(closest_match("duration", keys).has_value());
    CHECK_FALSE(closest_match("", keys).has_value());
    CHECK_FALSE(closest_match("hold", std::vector<std::string>{}).has_value());
    // Short words allow one edit only.
    CHECK_FALSE(closest_match("hd", std::vector<std::string>{"hold"}).has_value());
}

TEST_CASE("closest_match: the nearest candidate wins") {
    const std::vector<std::string> c = {"hold_max", "hold_min"};
    CHECK(closest_match("hold_mi", c) == "hold_min");
    CHECK(closest_match("hold_ma", c) == "hold_max");
}
