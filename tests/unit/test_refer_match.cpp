#include <doctest/doctest.h>

#include <string>

#include "knead/refer_match.hpp"

using namespace knead;

namespace {

Point point(std::string id, std::vector<std::string> refers_to) {
    Point p;
    p.id = p.name = p.muscle = std::move(id);
    p.refers_to = std::move(refers_to);
    return p;
}

Routine routine(std::string id, std::vector<Point> points) {
    Routine r;
    r.id = r.name = std::move(id);
    r.points = std::move(points);
    return r;
}

// A small library in the shape of the shipped one.
const std::vector<Routine> kLibrary = {
    routine("jaw", {point("masseter", {"jaw", "cheek", "eyebrow"}),
                    point("temporalis", {"temple", "eyebrow", "side of the head"})}),
    routine("neck", {point("upper-trapezius", {"side of the neck", "behind the ear", "temple"}),
                     point("suboccipitals", {"back of the head", "behind the eye"}),
                     point("levator-scapulae", {"base of the neck", "shoulder blade"})}),
    routine("upper-back", {point("rhomboids", {"between the shoulder blades"})}),
    routine("calf", {point("soleus", {"heel", "calf"})}),
};

// "routine/point:area:kind" for each hit, in order, joined by " | " so that a failure
// shows the whole list.
std::string found(std::string_view query, const std::vector<Routine>& lib = kLibrary) {
    std::string out;
    for (const auto& h : find_referrals(query, lib)) {
        if (!out.empty()) out += " | ";
        out += lib[h.routine].id + "/" + lib[h.routine].points[h.point].id + ":" + h.area + ":" +
               std::string(to_string(h.kind));
    }
    return out;
}

}  // namespace

// Named locals: doctest prints the values of lvalue strings, not of temporaries.
#define CHECK_FOUND(query, expected)          \
    do {                                      \
        const std::string got = found(query); \
        const std::string want = expected;    \
        CHECK(got == want);                   \
    } while (0)

TEST_CASE("an exact match, in routine then file order") {
    CHECK_FOUND("temple", "jaw/temporalis:temple:exact | neck/upper-trapezius:temple:exact");
}

TEST_CASE("case, plurals and filler do not stop an exact match") {
    CHECK_FOUND("TEMPLES", found("temple"));
    CHECK_FOUND("pain in my left heel", "calf/soleus:heel:exact");
}

TEST_CASE("the words of a query may skip filler and still match exactly, then partly") {
    CHECK_FOUND("back of head",
                "neck/suboccipitals:back of the head:exact | "
                "jaw/temporalis:side of the head:close");
}

TEST_CASE("a word matches within a phrase, and a place finds the areas inside it") {
    CHECK_FOUND("eye", "neck/suboccipitals:behind the eye:words");
    CHECK_FOUND(
        "head",
        "jaw/temporalis:side of the head:words | neck/suboccipitals:back of the head:words | "
        "neck/upper-trapezius:temple:within");
    CHECK_FOUND("upper back",
                "neck/levator-scapulae:shoulder blade:within | "
                "upper-back/rhomboids:between the shoulder blades:within");
}

TEST_CASE("typos and the start of a word give close matches, closest first") {
    CHECK_FOUND("tempel", "jaw/temporalis:temple:close | neck/upper-trapezius:temple:close");
    CHECK_FOUND("heal",
                "calf/soleus:heel:close | jaw/temporalis:side of the head:close | "
                "neck/suboccipitals:back of the head:close");
    CHECK_FOUND("hel", "");  // short words get no typo allowance
    CHECK_FOUND("shoul",
                "neck/levator-scapulae:shoulder blade:close | "
                "upper-back/rhomboids:between the shoulder blades:close");
}

TEST_CASE("a word the routines use is not taken for a typo or the start of another") {
    // "eye" is also the start of "eyebrow", and "ear" one edit from "eye".
    CHECK(found("eye").find("eyebrow") == std::string::npos);
    CHECK(found("ear").find("eye") == std::string::npos);
}

TEST_CASE("ranking: exact, then every word, then inside the place, then close") {
    const std::vector<Routine> lib = {
        routine("r", {point("position-only", {"upper arm"}), point("partial", {"base of the neck"}),
                      point("words", {"left side of the upper neck"}), point("inside", {"throat"}),
                      point("exact", {"upper neck"})})};
    // "upper neck" is no known place, so nothing lies inside it; "upper" alone is no match.
    CHECK(found("upper neck", lib) ==
          std::string("r/exact:upper neck:exact | r/words:left side of the upper neck:words | "
                      "r/partial:base of the neck:close"));
    // Within a kind, an area inside the place comes first, then fewer extra words.
    CHECK(found("neck", lib) ==
          std::string("r/partial:base of the neck:words | r/exact:upper neck:words | "
                      "r/words:left side of the upper neck:words | r/inside:throat:within"));
}

TEST_CASE("more query words matched rank before fewer") {
    const std::vector<Routine> lib = {
        routine("r", {point("one", {"calf"}), point("two", {"heel pad"})})};
    auto hits = find_referrals("heel pad calf", lib);
    REQUIRE(hits.size() == 2);
    CHECK(lib[0].points[hits[0].point].id == "two");
    CHECK(hits[0].matched == 2);
    CHECK(hits[1].matched == 1);
}

TEST_CASE("a point appears once, with its best area") {
    const std::vector<Routine> lib = {
        routine("r", {point("p", {"eyebrow", "behind the eye", "eye"})})};
    auto hits = find_referrals("eye", lib);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].area == "eye");
    CHECK(hits[0].kind == MatchKind::exact);
}

TEST_CASE("a position word alone makes no close match") {
    CHECK_FOUND(
        "behind",
        "neck/upper-trapezius:behind the ear:words | neck/suboccipitals:behind the eye:words");
    // "behind the eyes" must not drag in "behind the ear" for its "behind" alone.
    CHECK_FOUND("behind the eyes", "neck/suboccipitals:behind the eye:exact");
}

TEST_CASE("no match") {
    CHECK_FOUND("xyzzy", "");
    CHECK_FOUND("knee", "");
    CHECK_FOUND("", "");
    CHECK_FOUND("the pain", "");  // filler only
    CHECK(find_referrals("temple", std::vector<Routine>{}).empty());
}

TEST_CASE("referral_areas lists each place once, in first-seen order") {
    auto areas = referral_areas(kLibrary);
    CHECK(areas.size() == 14);
    CHECK(areas.front() == "jaw");
    CHECK(areas[3] == "temple");
    CHECK(areas.back() == "calf");
    const std::vector<Routine> lib = {routine("r", {point("a", {"Temples", "temple", "the"})})};
    CHECK(referral_areas(lib) == std::vector<std::string>{"Temples"});
}
