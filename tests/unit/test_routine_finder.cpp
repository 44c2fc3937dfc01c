// Finding routines by name on the search path.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "knead/routine_finder.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using knead_test::TempDir;
using knead_test::write_file;

TEST_CASE("routine finder: looks_like_path") {
    CHECK(knead::looks_like_path("./neck"));
    CHECK(knead::looks_like_path("dir/neck"));
    CHECK(knead::looks_like_path("/abs/neck.toml"));
    CHECK(knead::looks_like_path("neck.toml"));
    CHECK_FALSE(knead::looks_like_path("neck"));
    CHECK_FALSE(knead::looks_like_path("lower-back"));
    CHECK_FALSE(knead::looks_like_path(".toml"));
    CHECK_FALSE(knead::looks_like_path("neck-toml"));
}

TEST_CASE("routine finder: list_routines sorts, ignores non-routines, and lets earlier dirs win") {
    TempDir a, b;
    write_file(a / "neck.toml", "");
    write_file(a / "notes.txt", "");
    fs::create_directory(a / "dir.toml");
    write_file(b / "neck.toml", "");
    write_file(b / "jaw.toml", "");
    write_file(b / "calf.toml", "");
    auto list = knead::list_routines({a.path(), b.path(), a / "missing"});
    std::vector<std::string> ids;
    ids.reserve(list.size());
    for (const auto& r : list) ids.push_back(r.id);
    CHECK(ids == std::vector<std::string>{"calf", "jaw", "neck"});
    REQUIRE(list.size() == 3);
    CHECK(list[2].file == a / "neck.toml");  // the user's routine hides the built-in
    CHECK(list[1].file == b / "jaw.toml");
    CHECK(knead::list_routines({}).empty());
}

TEST_CASE("routine finder: find_routine") {
    TempDir a, b;
    write_file(b / "neck.toml", "");
    write_file(a / "jaw.toml", "");
    write_file(b / "jaw.toml", "");
    std::vector<fs::path> dirs{a.path(), b.path()};
    CHECK(knead::find_routine("neck", dirs) == b / "neck.toml");
    CHECK(knead::find_routine("jaw", dirs) == a / "jaw.toml");
    CHECK_FALSE(knead::find_routine("hip", dirs).has_value());
    // A path is taken as it is, found or not.
    CHECK(knead::find_routine("some/where.toml", dirs) == fs::path("some/where.toml"));
    CHECK(knead::find_routine("hip.toml", dirs) == fs::path("hip.toml"));
}

TEST_CASE("routine finder: the shipped routines are listed") {
    auto list = knead::list_routines({KNEAD_TEST_ROUTINES});
    std::vector<std::string> ids;
    ids.reserve(list.size());
    for (const auto& r : list) ids.push_back(r.id);
    CHECK(std::find(ids.begin(), ids.end(), "neck") != ids.end());
    CHECK(std::is_sorted(ids.begin(), ids.end()));
}
