// Warnings: legal routines that are probably not what their author meant.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"

using namespace knead;

namespace {

const std::string kWarningsHead = "schema = 1\nname = \"N\"\narea = \"a\"\n";
const std::string kWarningsPoint =
    "[[point]]\nid = \"p\"\nname = \"P\"\nmuscle = \"m\"\nrefers_to = [\"x\"]\n"
    "locate = \"L.\"\npress = \"P.\"\nstretch = \"S.\"\n";  // lines 4-11 after kWarningsHead

// The warnings, as "LINE: message".
std::vector<std::string> warnings(const std::string& text) {
    auto r = load_routine_text(text, "t.toml", "t");
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics) {
        REQUIRE_MESSAGE(d.severity == Severity::warning, d.message);
        out.push_back(std::to_string(d.line) + ": " + d.message);
    }
    CHECK(r.routine);  // warnings never make a routine invalid
    return out;
}

}  // namespace

TEST_CASE("a plain routine has no warnings") {
    CHECK(warnings(kWarningsHead + kWarningsPoint).empty());
}

TEST_CASE("holds over 90 s warn, in [defaults] and in a point, at their line") {
    auto w = warnings(kWarningsHead + "[defaults]\nhold_max = 120\nhold = 100\n" + kWarningsPoint);
    REQUIRE(w.size() == 2);
    CHECK(w[0].rfind("5: hold_max = 120 lets holds grow past 90 s", 0) == 0);
    CHECK(w[1].rfind("6: a hold of 100 s is long", 0) == 0);

    w = warnings(kWarningsHead + kWarningsPoint + "hold_max = 91\n");
    REQUIRE(w.size() == 1);
    CHECK(w[0].rfind("12: hold_max = 91", 0) == 0);
    CHECK(warnings(kWarningsHead + kWarningsPoint + "hold_max = 90\n").empty());
}

TEST_CASE("a target band reaching 9 warns") {
    auto w = warnings(kWarningsHead + kWarningsPoint + "target_pain = [7, 9]\n");
    REQUIRE(w.size() == 1);
    CHECK(w[0].rfind("12: target_pain reaches 9", 0) == 0);
    CHECK(warnings(kWarningsHead + kWarningsPoint + "target_pain = [7, 8]\n").empty());
}

TEST_CASE("a point without stretch or refers_to warns at the point") {
    std::string p = kWarningsPoint;
    p.erase(p.find("refers_to"), p.find("locate") - p.find("refers_to"));
    p.erase(p.find("stretch"));
    auto w = warnings(kWarningsHead + p);
    REQUIRE(w.size() == 2);
    CHECK(w[0] ==
          "4: point `p` has no `stretch`: a gentle stretch after the pressure helps the "
          "muscle keep its length");
    CHECK(w[1].rfind("4: point `p` has no `refers_to`", 0) == 0);
}

TEST_CASE("stretch_seconds without a stretch cue warns") {
    std::string p = kWarningsPoint;
    p.erase(p.find("stretch"));
    auto w = warnings(kWarningsHead + p + "stretch_seconds = 20\n");
    REQUIRE(w.size() == 2);
    CHECK(w[1] == "11: `stretch_seconds` has no effect: the point has no `stretch` cue");
}

TEST_CASE("a hold that cannot adapt warns") {
    auto w = warnings(kWarningsHead + kWarningsPoint + "hold_min = 30\nhold_max = 30\n");
    REQUIRE(w.size() == 1);
    CHECK(w[0].rfind("12: hold_min equals hold_max (30 s)", 0) == 0);
}

TEST_CASE("a long cue warns, counted in characters, not bytes") {
    std::string p = kWarningsPoint;
    std::string accented;
    for (int i = 0; i < 120; ++i) accented += "\xc3\xa9";  // 120 characters, 240 bytes
    p.replace(p.find("L."), 2, accented);
    CHECK(warnings(kWarningsHead + p).empty());
    p.replace(p.find(accented), accented.size(), accented + "e");
    auto w = warnings(kWarningsHead + p);
    REQUIRE(w.size() == 1);
    CHECK(w[0].rfind("9: the `locate` cue is 121 characters long", 0) == 0);
}

TEST_CASE("the built-in routines have no warnings") {
    const std::filesystem::path dir = KNEAD_TEST_ROUTINES;
    auto refs = list_routines({dir});
    CHECK(refs.size() >= 11);
    for (const auto& ref : refs) {
        auto r = load_routine_file(ref.file, search_path_resolver({dir}));
        CHECK_MESSAGE(r.routine, ref.id);
        for (const auto& d : r.diagnostics) FAIL_CHECK(format_diagnostic(d));
    }
}
