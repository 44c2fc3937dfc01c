#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "knead/body_map.hpp"
#include "knead/body_words.hpp"

using namespace knead;

namespace {

Routine routine_with_areas(std::vector<std::vector<std::string>> areas_per_point) {
    Routine r;
    r.id = r.name = "test";
    int n = 0;
    for (auto& areas : areas_per_point) {
        Point p;
        p.id = "p" + std::to_string(++n);
        p.name = "Point " + std::to_string(n);
        p.refers_to = std::move(areas);
        r.points.push_back(std::move(p));
    }
    return r;
}

constexpr std::size_t kPictureRows = 26;  // the FRONT/BACK labels and the outline

// The outline without its label row, whose letters are not marks.
std::vector<std::string> picture(const std::vector<std::string>& lines) {
    return {lines.begin() + 1, lines.begin() + kPictureRows};
}

std::size_t count_cells(const std::vector<std::string>& lines, char c) {
    std::size_t n = 0;
    for (const auto& l : lines) n += static_cast<std::size_t>(std::count(l.begin(), l.end(), c));
    return n;
}

bool has_line(const std::vector<std::string>& lines, const std::string& text) {
    return std::find(lines.begin(), lines.end(), text) != lines.end();
}

}  // namespace

TEST_CASE("the picture is plain ASCII, fits 80 columns, and has both views") {
    auto lines = draw_body_map(routine_with_areas({{"temple", "calf"}}));
    REQUIRE(lines.size() > kPictureRows);
    CHECK(lines[0].find("FRONT") != std::string::npos);
    CHECK(lines[0].find("BACK") != std::string::npos);
    for (const auto& l : lines) {
        INFO(l);
        CHECK(l.size() <= 80);
        CHECK(std::all_of(l.begin(), l.end(), [](char c) { return c >= 0x20 && c < 0x7f; }));
        CHECK((l.empty() || l.back() != ' '));
    }
}

TEST_CASE("an unmarked outline shows no spot codes") {
    for (const auto& l : picture(draw_body_map(routine_with_areas({{}})))) {
        INFO(l);
        CHECK(std::none_of(l.begin(), l.end(), [](unsigned char c) { return std::isalnum(c); }));
    }
}

TEST_CASE("each point's areas carry its letter, in the right view") {
    auto lines = picture(draw_body_map(routine_with_areas({{"temple"}, {"heel"}})));
    CHECK(count_cells(lines, 'A') == 2);  // both temples, front view
    CHECK(count_cells(lines, 'B') == 2);  // both heels, back view
    const std::size_t back_view = 40;
    for (const auto& l : lines) {
        auto a = l.find('A'), b = l.find('B');
        if (a != std::string::npos) CHECK(a < back_view);
        if (b != std::string::npos) CHECK(b > back_view);
    }
}

TEST_CASE("a spot that two points share shows '+', and the legend says so") {
    auto lines = draw_body_map(routine_with_areas({{"temple", "jaw"}, {"temple"}}));
    auto pic = picture(lines);
    CHECK(count_cells(pic, '+') == 2);
    CHECK(count_cells(pic, 'A') == 2);  // the jaw is A's alone
    CHECK(count_cells(pic, 'B') == 0);
    CHECK(has_line(lines, "+  more than one of these points"));
    CHECK_FALSE(has_line(draw_body_map(routine_with_areas({{"temple"}})),
                         "+  more than one of these points"));
}

TEST_CASE("the legend names each point's letter and areas, wrapped with a hanging indent") {
    auto lines = draw_body_map(
        routine_with_areas({{"side of the neck", "behind the ear", "temple", "jaw", "forehead",
                             "behind the eye", "cheek", "top of the head", "back of the head"},
                            {}}),
        60);
    CHECK(has_line(lines, "A  Point 1: side of the neck, behind the ear, temple, jaw,"));
    CHECK(has_line(lines, "   forehead, behind the eye, cheek, top of the head, back of"));
    CHECK(has_line(lines, "B  Point 2: (no referral areas given)"));
}

TEST_CASE("areas with no spot are named under the picture, once") {
    auto lines = draw_body_map(routine_with_areas({{"aura", "collarbone", "temple"}, {"Aura"}}));
    CHECK(has_line(lines, "Not on the picture: aura, collarbone"));
    CHECK(count_cells(picture(lines), 'A') == 2);
}

TEST_CASE("every vocabulary word marks all the cells of its spots, and no spot is unused") {
    std::string used;
    for (const auto& w : body_vocabulary()) {
        INFO(w.phrase);
        std::size_t cells = 0;
        for (char code : std::string(w.spots)) {
            INFO(code);
            CHECK(spot_cells(code) > 0);
            cells += spot_cells(code);
        }
        CHECK(count_cells(picture(draw_body_map(routine_with_areas({{std::string(w.phrase)}}))),
                          'A') == cells);
        used += w.spots;
    }
    for (char c : std::string("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")) {
        INFO(c);
        if (spot_cells(c) > 0) CHECK(used.find(c) != std::string::npos);
    }
    CHECK(spot_cells('+') == 0);
}

TEST_CASE("point marks run A-Z, a-z, then '*'") {
    CHECK(point_mark(0) == 'A');
    CHECK(point_mark(25) == 'Z');
    CHECK(point_mark(26) == 'a');
    CHECK(point_mark(51) == 'z');
    CHECK(point_mark(52) == '*');
    CHECK(point_mark(1000) == '*');
}

TEST_CASE("a shared spot shows the point whose main area it is, '+' only on a tie") {
    // The temple is the first area of the second point, the third of the first.
    auto lines = draw_body_map(routine_with_areas({{"jaw", "heel", "temple"}, {"temple"}}));
    auto pic = picture(lines);
    CHECK(count_cells(pic, 'B') == 2);  // both temples
    CHECK(count_cells(pic, '+') == 0);
    CHECK_FALSE(has_line(lines, "+  more than one of these points"));
    CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
        return l.rfind("A spot that several points share shows the one", 0) == 0;
    }));
}
