#include <doctest/doctest.h>

#include <set>

#include "knead/body_words.hpp"

using namespace knead;
using Words = std::vector<std::string>;

TEST_CASE("split_body_words lowercases and drops filler") {
    CHECK(split_body_words("Pain behind my LEFT eye") == Words{"behind", "eye"});
    CHECK(split_body_words("the back of the head") == Words{"back", "head"});
    CHECK(split_body_words("sore, aching!") == Words{});
    CHECK(split_body_words("") == Words{});
}

TEST_CASE("split_body_words folds plurals to the singular") {
    CHECK(split_body_words("temples") == Words{"temple"});
    CHECK(split_body_words("shoulder blades") == Words{"shoulder", "blade"});
    CHECK(split_body_words("teeth feet calves") == Words{"tooth", "foot", "calf"});
    CHECK(split_body_words("arches") == Words{"arch"});
    CHECK(split_body_words("headaches") == Words{"headache"});
    CHECK(split_body_words("sinuses") == Words{"sinus"});
    CHECK(split_body_words("bodies") == Words{"body"});
    // Not plurals, and words too short to tell.
    CHECK(split_body_words("pelvis gluteus abs hip") == Words{"pelvis", "gluteus", "abs", "hip"});
}

TEST_CASE("split_body_words splits on punctuation and drops a stray letter") {
    CHECK(split_body_words("hand's web-of-thumb") == Words{"hand", "web", "thumb"});
}

TEST_CASE("body_word_key makes different spellings of a place equal") {
    CHECK(body_word_key("Back of Head") == body_word_key("back of the head"));
    CHECK(body_word_key("upper teeth") == body_word_key("Upper tooth"));
    CHECK(body_word_key("temple") != body_word_key("temporalis"));
}

TEST_CASE("every vocabulary entry has its own key") {
    std::set<std::string> keys;
    for (const auto& w : body_vocabulary()) {
        INFO(w.phrase);
        auto key = body_word_key(w.phrase);
        CHECK_FALSE(key.empty());
        CHECK(keys.insert(key).second);
        CHECK(w.region != Region::other);
    }
}

TEST_CASE("region_of knows the vocabulary in any spelling and calls the rest other") {
    CHECK(region_of("Temples") == Region::head_face);
    CHECK(region_of("side of the neck") == Region::neck_shoulders);
    CHECK(region_of("back of the wrist") == Region::arms_hands);
    CHECK(region_of("between the shoulder blades") == Region::back_trunk);
    CHECK(region_of("back of the knee") == Region::hips_legs);
    CHECK(region_of("heels") == Region::feet);
    CHECK(region_of("elsewhere") == Region::other);
    CHECK(region_of("") == Region::other);
    CHECK(to_string(Region::head_face) == "head and face");
    CHECK(to_string(Region::other) == "other");
}

TEST_CASE("group_by_region keeps region order, head to feet within a region, others last") {
    std::vector<std::string> areas = {"heel", "my own word", "jaw", "forehead", "calf", "temple"};
    auto groups = group_by_region(areas);
    REQUIRE(groups.size() == 4);
    CHECK(groups[0].first == Region::head_face);
    CHECK(groups[0].second == Words{"forehead", "temple", "jaw"});
    CHECK(groups[1].first == Region::hips_legs);
    CHECK(groups[1].second == Words{"calf"});
    CHECK(groups[2].first == Region::feet);
    CHECK(groups[3].first == Region::other);
    CHECK(groups[3].second == Words{"my own word"});
    CHECK(group_by_region(std::vector<std::string>{}).empty());
}

TEST_CASE("\"low\" is read as \"lower\", so \"low back\" is the lower back") {
    CHECK(body_word_key("low back") == body_word_key("lower back"));
    CHECK(region_of("Low back") == Region::back_trunk);
}
