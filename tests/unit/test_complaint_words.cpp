// Complaint names, lay words for places, and the symptoms that need care first.
#include <doctest/doctest.h>

#include <set>

#include "knead/body_words.hpp"
#include "knead/complaint_words.hpp"

using namespace knead;
using Phrases = std::vector<std::string>;

TEST_CASE("every complaint names known places, drawn on the picture, and has its own words") {
    std::set<std::string> keys;
    for (const auto& c : complaint_table()) {
        INFO(c.phrase);
        CHECK(keys.insert(body_word_key(c.phrase)).second);
        // A complaint that is a place word already would hide that place.
        CHECK(find_body_word(c.phrase) == nullptr);
        CHECK_FALSE((c.places.empty() && c.muscles.empty()));
        for (auto place : complaint_items(c.places)) {
            INFO(place);
            const BodyWord* w = find_body_word(place);
            REQUIRE(w != nullptr);
            CHECK_FALSE(w->spots.empty());
        }
    }
}

TEST_CASE("find_complaints takes the longest phrase and leaves the other words") {
    Phrases rest;
    auto found = find_complaints(split_body_words("my tension headache"), rest);
    REQUIRE(found.size() == 1);
    CHECK(found[0]->phrase == "tension headache");
    CHECK(rest.empty());

    found = find_complaints(split_body_words("Golfers elbow on the inner side"), rest);
    REQUIRE(found.size() == 1);
    CHECK(found[0]->phrase == "golfer's elbow");
    CHECK(rest == Phrases{"inner", "side"});

    found = find_complaints(split_body_words("IT band and kneecap"), rest);
    CHECK(found.size() == 2);
    CHECK(find_complaints(split_body_words("back of the hand"), rest).empty());
    CHECK(rest == Phrases{"back", "hand"});
}

TEST_CASE("complaint_items splits on bars") {
    const std::vector<std::string_view> want = {"a", "b c", "d"};
    CHECK(complaint_items("a|b c|d") == want);
    CHECK(complaint_items("").empty());
}

TEST_CASE("symptoms that need care get a note saying what to do, each once, in a fixed order") {
    for (const char* text :
         {"chest pain", "numb hand", "tingling fingers", "pins and needles", "weakness in my leg",
          "dizzy", "fever and a stiff neck", "swollen calf", "pain after a fall", "injured my knee",
          "sudden headache"}) {
        INFO(text);
        auto notes = care_notes(text);
        REQUIRE(notes.size() == 1);
        // Every note says what to do: a doctor, urgent care or emergency services.
        const std::string n(notes[0]);
        const bool says_what = n.find("doctor") != std::string::npos ||
                               n.find("emergency") != std::string::npos ||
                               n.find("urgent") != std::string::npos;
        CHECK(says_what);
    }
    CHECK(care_notes("numb and tingling, numb").size() == 2);
    CHECK(care_notes("temple").empty());
    CHECK(care_notes("").empty());
}

TEST_CASE("symptom words are not places, except the chest") {
    CHECK(is_symptom_word("numbness"));
    CHECK(is_symptom_word("tingling"));
    CHECK_FALSE(is_symptom_word("chest"));
    CHECK_FALSE(is_symptom_word("hand"));
}
