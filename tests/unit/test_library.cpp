// The shipped routine library: it loads, it is complete, and its doses and cautions keep
// to what docs/routines.md promises.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "knead/body_map.hpp"
#include "knead/body_words.hpp"
#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"

using namespace knead;

namespace {

std::vector<Routine> load_library() {
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
    static const std::vector<Routine> routines = load_library();
    return routines;
}

const Routine& routine(const std::string& id) {
    auto it = std::find_if(library().begin(), library().end(),
                           [&](const Routine& r) { return r.id == id; });
    REQUIRE_MESSAGE(it != library().end(), "no routine " << id);
    return *it;
}

const Point& point(const Routine& r, const std::string& id) {
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
    CHECK(muscles.size() >= 14);
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
            const Point& source = point(routine(p.from), p.id);
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

TEST_CASE("doses keep to the literature: 5-7 at most, held a minute at most, stretched 20-30 s") {
    for (const auto& r : library()) {
        for (const auto& p : r.points) {
            INFO(r.id << "/" << p.id);
            const Dose& d = p.dose;
            CHECK(d.target.hi <= 7);
            CHECK(d.target.lo >= 3);
            CHECK(d.hold_max <= 60);
            CHECK(d.hold_min >= 10);
            CHECK(d.stretch >= 20);
            CHECK(d.stretch <= 30);
            CHECK(d.reps <= 3);
        }
    }
}

TEST_CASE("the face and the front of the neck get a gentler band and shorter holds") {
    std::vector<const Point*> gentle = {&point(routine("neck"), "sternocleidomastoid")};
    for (const auto& p : routine("jaw").points) gentle.push_back(&p);
    for (const Point* p : gentle) {
        INFO(p->id);
        CHECK(p->dose.target.hi <= 5);
        CHECK(p->dose.hold <= 20);
        CHECK(p->dose.hold_max <= 30);
    }
}

TEST_CASE("cautions: the neck's arteries, a clot in the calf, chest pain, and the general ones") {
    const Routine& neck = routine("neck");
    CHECK(cautions_say(neck, {"front of the neck", "never where you feel a pulse"}));
    CHECK(cautions_say(neck, {"dizzy"}));
    CHECK(cautions_say(routine("calf"),
                       {"swollen", "warm", "red", "tender", "blood clot", "doctor"}));
    CHECK(cautions_say(routine("chest"), {"chest pain", "breathless", "emergency"}));
    for (const auto& r : library()) {
        INFO(r.id);
        CHECK(cautions_say(r, {"not bones", "joints", "bruises", "recent injuries"}));
        CHECK(cautions_say(r, {"blood thinners", "pregnant", "doctor first"}));
        CHECK(cautions_say(r, {"stop", "numbness", "tingling"}));
    }
}

TEST_CASE("every routine's body picture fits 80 columns") {
    for (const auto& r : library()) {
        INFO(r.id);
        for (const auto& line : draw_body_map(r)) CHECK(line.size() <= 80);
    }
}
