// The shipped routine library: it loads, it is complete, and its doses and cautions keep
// to what docs/routines.md promises.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "knead/body_map.hpp"
#include "knead/body_words.hpp"
#include "knead/complaint_words.hpp"
#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"

using namespace knead;

namespace {

std::vector<Routine> load_builtins() {
    std::vector<Routine> out;
    const Resolver resolver = search_path_resolver({KNEAD_TEST_ROUTINES});
    for (const auto& ref : list_routines({KNEAD_TEST_ROUTINES})) {
        auto loaded = load_routine_file(ref.file, resolver);
        std::string problems;
        for (const auto& d : loaded.diagnostics) problems += "\n" + format_diagnostic(d);
        INFO(ref.file.string() << problems);
        CHECK(loaded.diagnostics.empty());  // not even a warning
        REQUIRE(loaded.routine);
        out.push_back(std::move(*loaded.routine));
    }
    return out;
}

const std::vector<Routine>& library() {
    static const std::vector<Routine> routines = load_builtins();
    return routines;
}

const Routine& library_routine(const std::string& id) {
    auto it = std::find_if(library().begin(), library().end(),
                           [&](const Routine& r) { return r.id == id; });
    REQUIRE_MESSAGE(it != library().end(), "no routine " << id);
    return *it;
}

const Point& library_point(const Routine& r, const std::string& id) {
    auto it =
        std::find_if(r.points.begin(), r.points.end(), [&](const Point& p) { return p.id == id; });
    REQUIRE_MESSAGE(it != r.points.end(), "no point " << id << " in " << r.id);
    return *it;
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// Whether one caution of `r` mentions every word in `words`.
bool cautions_say(const Routine& r, std::initializer_list<std::string_view> words) {
    return std::any_of(r.cautions.begin(), r.cautions.end(), [&](const std::string& c) {
        std::string text = lower(c);
        return std::all_of(words.begin(), words.end(),
                           [&](std::string_view w) { return text.find(w) != std::string::npos; });
    });
}

}  // namespace

TEST_CASE("the library: at least 10 routines, every one valid and named") {
    CHECK(library().size() >= 10);
    for (const auto& r : library()) {
        INFO(r.path.string());
        CHECK(r.id == r.path.stem().string());
        CHECK_FALSE(r.name.empty());
        CHECK_FALSE(r.area.empty());
        CHECK_FALSE(r.points.empty());
    }
}

TEST_CASE("the library covers the muscles it promises") {
    std::set<std::string> muscles;
    for (const auto& r : library())
        for (const auto& p : r.points) muscles.insert(p.muscle);
    CHECK(muscles.size() >= 55);
    for (const char* m :
         {"upper trapezius", "levator scapulae", "suboccipitals", "sternocleidomastoid", "masseter",
          "temporalis", "rhomboids", "infraspinatus", "pectoralis major", "extensor carpi radialis",
          "quadratus lumborum", "gluteus medius", "piriformis", "gastrocnemius", "soleus"}) {
        INFO(m);
        CHECK(muscles.count(m) == 1);
    }
}

TEST_CASE("point ids are unique across the whole library") {
    std::map<std::string, std::string> seen;  // point id -> routine
    for (const auto& r : library()) {
        for (const auto& p : r.points) {
            if (!p.from.empty()) continue;  // a point used by reference: checked below
            auto [first, fresh] = seen.emplace(p.id, r.id);
            INFO(r.id << ": " << p.id << " is also in " << first->second);
            CHECK(fresh);
        }
    }
}

TEST_CASE("a composed routine uses points of the library, not copies of them") {
    int used = 0;
    for (const auto& r : library()) {
        for (const auto& p : r.points) {
            if (p.from.empty()) continue;
            ++used;
            INFO(r.id << ": " << p.id << " from " << p.from);
            const Point& source = library_point(library_routine(p.from), p.id);
            CHECK(source.locate_cue == p.locate_cue);
            CHECK(source.refers_to == p.refers_to);
            CHECK(source.dose.target == p.dose.target);
        }
    }
    CHECK(used >= 3);  // desk-worker
}

TEST_CASE("every point says where, how, what it refers to, and how to stretch") {
    for (const auto& r : library()) {
        CHECK_FALSE(r.summary.empty());
        for (const auto& p : r.points) {
            INFO(r.id << "/" << p.id);
            CHECK_FALSE(p.tool.empty());
            CHECK_FALSE(p.locate_cue.empty());
            CHECK_FALSE(p.press_cue.empty());
            CHECK_FALSE(p.stretch_cue.empty());
            CHECK_FALSE(p.refers_to.empty());
            // Cues are read at a glance during a countdown.
            for (const auto* cue : {&p.locate_cue, &p.press_cue, &p.stretch_cue})
                CHECK(cue->size() <= 110);
            // Plain body words, each one known, so `where` finds it and `show` draws it.
            for (const auto& area : p.refers_to) {
                INFO(area);
                const BodyWord* w = find_body_word(area);
                REQUIRE(w != nullptr);
                CHECK_FALSE(w->spots.empty());
                CHECK(area == lower(area));
            }
        }
    }
}

TEST_CASE("doses keep to docs/routines.md: 5-7 at most, holds 30-90 s, stretches 20-30 s") {
    for (const auto& r : library()) {
        for (const auto& p : r.points) {
            INFO(r.id << "/" << p.id);
            const Dose& d = p.dose;
            CHECK(d.target.hi <= 7);
            CHECK(d.target.lo >= 3);
            // Never below the shortest studied hold (30 s), never above the longest (90 s).
            CHECK(d.hold_min >= 30);
            CHECK(d.hold_max <= 90);
            CHECK(d.hold >= d.hold_min);
            CHECK(d.hold <= d.hold_max);
            // Area routines start at 60 s, the studied moderate-pressure hold; gentle ones at 30.
            CHECK((d.hold == 60 || d.hold == 30));
            CHECK(d.stretch >= 20);
            CHECK(d.stretch <= 30);
            CHECK(d.reps <= 2);
        }
    }
}

TEST_CASE("the face and the front and side of the neck get a gentler band and shorter holds") {
    std::vector<const Point*> gentle = {
        &library_point(library_routine("neck"), "sternocleidomastoid"),
        &library_point(library_routine("deep-neck"), "scalenes")};
    for (const auto& p : library_routine("jaw").points) gentle.push_back(&p);
    for (const Point* p : gentle) {
        INFO(p->id);
        CHECK(p->dose.target.hi <= 5);
        CHECK(p->dose.hold <= 30);
        CHECK(p->dose.hold_max <= 45);
    }
}

TEST_CASE("every built-in routine says how often it is meant, at most once a day") {
    for (const auto& r : library()) {
        INFO(r.id);
        CHECK((r.per_day > 0 || r.per_week > 0));
        CHECK(r.per_day <= 1);
        CHECK(r.per_week <= 7);
    }
}

TEST_CASE("complaint routines are composed of library points, the area routines describe them") {
    int composed = 0;
    for (const auto& r : library()) {
        const bool uses = std::any_of(r.points.begin(), r.points.end(),
                                      [](const Point& p) { return !p.from.empty(); });
        if (uses) ++composed;
    }
    CHECK(composed >= 13);
    for (const char* id :
         {"tension-headache", "jaw-pain", "stiff-neck", "desk-worker", "tennis-elbow",
          "golfers-elbow", "wrist-and-hand", "mid-back-pain", "low-back-pain", "buttock-and-leg",
          "knee-pain", "shin-pain", "heel-and-arch"}) {
        INFO(id);
        const Routine& r = library_routine(id);
        CHECK(r.points.size() >= 3);
        for (const auto& p : r.points) CHECK_FALSE(p.from.empty());
    }
}

TEST_CASE("every muscle a complaint names is a muscle of the library") {
    std::set<std::string> muscles;
    for (const auto& r : library())
        for (const auto& p : r.points) muscles.insert(p.muscle);
    for (const auto& c : complaint_table())
        for (auto m : complaint_items(c.muscles)) {
            INFO(c.phrase << ": " << m);
            CHECK(muscles.count(std::string(m)) == 1);
        }
}

TEST_CASE("cautions: arteries, clots, the heart, temples, bones, joints, and the general ones") {
    const Routine& neck = library_routine("neck");
    CHECK(cautions_say(neck, {"front of the neck", "never where you feel a pulse"}));
    CHECK(cautions_say(neck, {"dizzy"}));
    CHECK(cautions_say(library_routine("calf"),
                       {"swollen", "warm", "red", "tender", "blood clot", "doctor"}));
    CHECK(cautions_say(library_routine("chest"), {"chest pain", "breathless", "emergency"}));
    CHECK(cautions_say(library_routine("chest"), {"lymph nodes", "radiotherapy"}));
    CHECK(cautions_say(library_routine("chest"), {"pacemaker", "defibrillator", "port"}));
    CHECK(cautions_say(library_routine("jaw"), {"chest pain", "emergency"}));
    for (const char* id : {"jaw", "neck", "head"}) {
        INFO(id);
        CHECK(cautions_say(library_routine(id),
                           {"temple", "after 50", "scalp", "chewing", "same day"}));
    }
    for (const char* id : {"neck", "deep-neck", "head"}) {
        INFO(id);
        CHECK(cautions_say(library_routine(id), {"stiff neck", "fever", "rash"}));
        CHECK(cautions_say(library_routine(id),
                           {"first severe headache after 50", "coughing", "posture"}));
    }
    CHECK(cautions_say(
        neck, {"sternocleidomastoid", "stroke", "tia", "heart attack", "narrowed", "faint"}));
    for (const char* id : {"upper-back", "mid-back"}) {
        INFO(id);
        CHECK(cautions_say(library_routine(id), {"sudden tearing pain", "emergency"}));
        CHECK(cautions_say(library_routine(id), {"osteoporosis", "no ball", "ribs", "spine"}));
    }
    for (const char* id : {"hip", "front-thigh", "back-of-thigh"}) {
        INFO(id);
        CHECK(cautions_say(library_routine(id), {"hip replacement", "cross", "right angle"}));
    }
    for (const auto& r : library()) {
        INFO(r.id);
        CHECK(cautions_say(r, {"not bones", "joints", "bruises", "recent injuries"}));
        CHECK(cautions_say(r, {"blood thinners", "pregnant", "doctor first"}));
        CHECK(cautions_say(r, {"bleeding disorder", "osteoporosis", "fracture", "cancer",
                               "nerve damage", "fever", "infection", "recent surgery"}));
        CHECK(cautions_say(r, {"pregnant past about 20 weeks", "back", "face down", "legs"}));
        // One rule for tingling, worded the same everywhere: stop.
        CHECK(cautions_say(r, {"stop at once on numbness, tingling, or sharp or shooting pain"}));
        for (const auto& c : r.cautions) {
            INFO(c);
            CHECK(lower(c).find("move the pressure") == std::string::npos);
            CHECK(lower(c).find("move off") == std::string::npos);
        }
    }
}

TEST_CASE("every routine's body picture fits 80 columns") {
    for (const auto& r : library()) {
        INFO(r.id);
        for (const auto& line : draw_body_map(r)) CHECK(line.size() <= 80);
    }
}

TEST_CASE("the fixed errors stay fixed") {
    // The piriformis line starts between the tailbone and the low-back dimple.
    CHECK(library_point(library_routine("hip"), "piriformis")
              .locate_cue.find("halfway between tailbone") != std::string::npos);
    // The brachioradialis does not cross the wrist: its stretch is at the elbow.
    const std::string br =
        lower(library_point(library_routine("forearm"), "brachioradialis").stretch_cue);
    CHECK(br.find("wrist") == std::string::npos);
    CHECK(br.find("elbow") != std::string::npos);
    CHECK(br.find("palm down") != std::string::npos);
    auto refers = [](const Point& p, const std::string& area) {
        return std::find(p.refers_to.begin(), p.refers_to.end(), area) != p.refers_to.end();
    };
    CHECK(refers(library_point(library_routine("shoulder"), "infraspinatus"),
                 "thumb side of the hand"));
    CHECK(refers(library_point(library_routine("neck"), "upper-trapezius"), "behind the eye"));
    CHECK(refers(library_point(library_routine("neck"), "upper-trapezius"), "back of the head"));
    CHECK(refers(library_point(library_routine("neck"), "sternocleidomastoid"), "breastbone"));
    CHECK(refers(library_point(library_routine("hip"), "piriformis"), "back of the hip"));
    CHECK(refers(library_point(library_routine("lower-back"), "quadratus-lumborum"),
                 "sacroiliac joint"));
    CHECK(refers(library_point(library_routine("calf"), "soleus"), "sacroiliac joint"));
}

TEST_CASE("neck keeps its four points in their order: other tests and users rely on them") {
    const auto& points = library_routine("neck").points;
    REQUIRE(points.size() == 4);
    CHECK(points[0].id == "upper-trapezius");
    CHECK(points[1].id == "levator-scapulae");
    CHECK(points[2].id == "suboccipitals");
    CHECK(points[3].id == "sternocleidomastoid");
}
