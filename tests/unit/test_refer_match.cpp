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
#define CHECK_FOUND(query, expected)                                          \
    do {                                                                      \
        const std::string got = found(query);                                 \
        /* NOLINTNEXTLINE(readability-redundant-string-init): it may be "" */ \
        const std::string want = expected;                                    \
        CHECK(got == want);                                                   \
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
    // Within a kind, a point's main referral (listed first) comes before a later one.
    CHECK_FOUND(
        "head",
        "neck/suboccipitals:back of the head:words | jaw/temporalis:side of the head:words | "
        "neck/upper-trapezius:temple:within");
    CHECK_FOUND("upper back",
                "upper-back/rhomboids:between the shoulder blades:within | "
                "neck/levator-scapulae:shoulder blade:within");
}

TEST_CASE("typos and the start of a word give close matches, closest first") {
    CHECK_FOUND("tempel", "jaw/temporalis:temple:close | neck/upper-trapezius:temple:close");
    CHECK_FOUND("heal",
                "calf/soleus:heel:close | neck/suboccipitals:back of the head:close | "
                "jaw/temporalis:side of the head:close");
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

TEST_CASE("a typo keeps its first letter: \"band\" is not \"hand\"") {
    const std::vector<Routine> lib = {
        routine("r", {point("hand", {"back of the hand"}), point("thigh", {"outer thigh"})})};
    CHECK(found("band", lib).empty());
    CHECK(found("hnad", lib) == "r/hand:back of the hand:close");
}

TEST_CASE("a position matched only by a position places nothing: low back is not lower teeth") {
    const std::vector<Routine> lib = {
        routine("r", {point("masseter", {"lower teeth"}), point("ql", {"lower back"})})};
    // "low" is read as "lower", so the lower back matches exactly and the teeth not at all.
    CHECK(found("low back", lib) == "r/ql:lower back:exact");
    CHECK(found("lower teeth", lib) == "r/masseter:lower teeth:exact");
}

TEST_CASE("opposite positions never match: front is not back, inner is not outer") {
    const std::vector<Routine> lib = {routine(
        "r", {point("hamstring", {"back of the knee"}), point("vl", {"outer thigh", "outer knee"}),
              point("rf", {"front of the knee"}), point("fdb", {"ball of the foot"}),
              point("edb", {"top of the foot"})})};
    // The outer knee shares "knee", so it may follow as a partial match; the back never.
    CHECK(found("front of the knee", lib) ==
          "r/rf:front of the knee:exact | r/vl:outer knee:close");
    CHECK(found("inner thigh", lib).empty());
    CHECK(found("inner knee", lib).find("r/vl") == std::string::npos);
    CHECK(found("back of the knee", lib).find("r/rf") == std::string::npos);
    CHECK(found("back of the knee", lib).find("r/hamstring:back of the knee:exact") == 0);
    CHECK(found("top of the foot", lib) == "r/edb:top of the foot:exact");
    // Naming both sides asks for both.
    CHECK(found("front and back of the knee", lib).find("r/hamstring") != std::string::npos);
}

TEST_CASE("a complaint finds its muscles first, then the points covering most of its places") {
    const std::vector<Routine> lib = {
        routine("chest", {point("pectoralis major", {"chest", "inner elbow"})}),
        routine("forearm", {point("extensor carpi radialis", {"outer elbow", "forearm"})}),
        routine("neck", {point("upper trapezius", {"temple", "behind the eye", "back of the head"}),
                         point("levator", {"base of the neck"})}),
        routine("jaw", {point("chewing", {"temple"})})};
    CHECK(found("tennis elbow", lib) == "forearm/extensor carpi radialis:tennis elbow:muscle");
    CHECK(found("Tennis elbow, right side", lib).find("chest/") == std::string::npos);
    CHECK(found("golfer's elbow", lib) == "chest/pectoralis major:inner elbow:exact");
    // "chewing" refers to one of a headache's places, the upper trapezius to three.
    CHECK(found("migraines", lib) ==
          "neck/upper trapezius:migraine:muscle | jaw/chewing:temple:exact");
    CHECK(found("headache", lib).find("neck/levator") == std::string::npos);
}

TEST_CASE("a muscle's name finds it; a position alone does not") {
    const std::vector<Routine> lib = {
        routine("r", {point("upper trapezius", {"temple"}), point("lower trapezius", {"mid back"}),
                      point("deltoid", {"upper arm"})})};
    CHECK(found("trapezius", lib) ==
          "r/upper trapezius:upper trapezius:muscle | r/lower trapezius:lower trapezius:muscle");
    CHECK(found("lower trapezius", lib) == "r/lower trapezius:lower trapezius:muscle");
    CHECK(found("upper", lib).find(":muscle") == std::string::npos);
}

TEST_CASE("symptom words name no place: the rest of the query is searched") {
    CHECK_FOUND("numbness in my heel", "calf/soleus:heel:exact");
    CHECK_FOUND("tingling", "");
}

TEST_CASE("matching what the points are matched on finds what matching the routines does") {
    // What `where` searches when the routines come from the cache: muscle and areas only.
    std::vector<std::vector<ReferPoint>> matched;
    for (const auto& r : kLibrary) {
        auto& points = matched.emplace_back();
        for (const auto& p : r.points) points.push_back({p.muscle, p.refers_to});
    }
    auto same = [](const ReferHit& a, const ReferHit& b) {
        return a.routine == b.routine && a.point == b.point && a.area == b.area &&
               a.kind == b.kind && a.covered == b.covered && a.matched == b.matched &&
               a.cost == b.cost && a.extra == b.extra && a.inside == b.inside &&
               a.area_index == b.area_index;
    };
    for (std::string_view query : {"temple", "headache", "tempel", "eye", "upper back", "masseter",
                                   "back of head", "heel pain", "nowhere"}) {
        CAPTURE(query);
        const auto whole = find_referrals(query, kLibrary);
        const auto light = find_referrals(query, matched);
        REQUIRE(whole.size() == light.size());
        for (std::size_t i = 0; i < whole.size(); ++i) CHECK(same(whole[i], light[i]));
    }
    CHECK_FALSE(find_referrals("temple", matched).empty());
    CHECK(referral_areas(matched) == referral_areas(kLibrary));
}
