// Loading every routine on the path: each file read once, `use` included, and the cache of
// what each file yielded, which an edited file never gets past.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <string>

#include "knead/routine_library.hpp"
#include "test_support.hpp"

using namespace knead;
using knead_test::read_file;
using knead_test::TempDir;
using knead_test::write_file;
namespace fs = std::filesystem;

namespace {

std::string routine(const std::string& name, const std::string& point_name) {
    return "schema = 1\nname = \"" + name + "\"\narea = \"neck\"\n[[point]]\nid = \"p\"\n" +
           "name = \"" + point_name + "\"\nmuscle = \"m\"\nrefers_to = [\"temple\"]\n" +
           "locate = \"Find it.\"\npress = \"Press it.\"\nstretch = \"Stretch it.\"\n";
}

std::string user(const std::string& name) {
    return "schema = 1\nname = \"" + name + "\"\narea = \"neck\"\n[[point]]\nuse = \"base.p\"\n";
}

// Writes `text` and dates the file an hour back, as a file written long before the run.
void write_old(const fs::path& p, const std::string& text) {
    write_file(p, text);
    fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(1));
}

// Rewrites a file with other bytes of the same length and gives it back its old mtime, to
// the nanosecond: only its contents (and ctime) tell the difference.
void edit_in_place(const fs::path& p, const std::string& text) {
    const auto before = fs::last_write_time(p);
    REQUIRE(fs::file_size(p) == text.size());
    write_file(p, text);
    fs::last_write_time(p, before);
    REQUIRE(fs::last_write_time(p) == before);
}

std::string point_name(const std::vector<LibraryRoutine>& lib, std::size_t i) {
    REQUIRE(i < lib.size());
    REQUIRE(lib[i].routine);
    REQUIRE(!lib[i].routine->points.empty());
    return lib[i].routine->points[0].name;
}

// Replaces the first `from` in the cache file with `to` (same length): what a run that
// reads the cache then shows proves where its routine came from.
void tamper(const fs::path& cache, const std::string& from, const std::string& to) {
    std::string text = read_file(cache);
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    write_file(cache, text);
}

}  // namespace

TEST_CASE("routine library: a routine used by several others is read once") {
    TempDir dir;
    write_file(dir.path() / "base.toml", routine("Base", "Alpha"));
    write_file(dir.path() / "one.toml", user("One"));
    write_file(dir.path() / "two.toml", user("Two"));
    std::vector<fs::path> files{dir.path() / "one.toml", dir.path() / "two.toml",
                                dir.path() / "base.toml"};
    auto loaded = load_routine_files(files, search_path_resolver({dir.path()}));
    CHECK(loaded.files_read == 3);  // not 5: each `use` of base reads it again
    REQUIRE(loaded.results.size() == 3);
    for (const auto& r : loaded.results) REQUIRE(r.routine);
    CHECK(loaded.results[2].routine->path == dir.path() / "base.toml");
    CHECK(loaded.results[0].routine->points[0].name == "Alpha");
    CHECK(loaded.results[0].uses.size() == 1);

    // The same results as one file at a time.
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto alone = load_routine_file(files[i], search_path_resolver({dir.path()}));
        REQUIRE(alone.routine);
        CHECK(alone.routine->name == loaded.results[i].routine->name);
        CHECK(alone.routine->points.size() == loaded.results[i].routine->points.size());
        CHECK(alone.diagnostics.size() == loaded.results[i].diagnostics.size());
    }
}

TEST_CASE("routine library: an invalid file is reported as invalid, cached run or not") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "knead" / "routines.cache";
    write_old(dir.path() / "base.toml", routine("Base", "Alpha"));
    write_old(dir.path() / "broken.toml", "schema = 1\nname = \n");
    for (int run = 0; run < 2; ++run) {
        auto lib = load_library({dir.path()}, nullptr, cache);
        REQUIRE(lib.size() == 2);
        CHECK(lib[0].routine);
        CHECK(lib[1].ref.id == "broken");
        CHECK_FALSE(lib[1].routine);
    }
    struct stat st {};
    REQUIRE(::stat(cache.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("routine library: the cache serves unchanged files and never an edited one") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "routines.cache";
    const auto base = dir.path() / "base.toml";
    write_old(base, routine("Base", "Alpha"));
    CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Alpha");

    // Served from the cache: what was altered in it shows.
    tamper(cache, "Alpha", "Omega");
    CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Omega");

    // Edited, same size, same mtime to the nanosecond: read again.
    edit_in_place(base, routine("Base", "Gamma"));
    CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Gamma");
    CHECK(read_file(cache).find("Omega") == std::string::npos);  // the stale entry is gone
}

TEST_CASE("routine library: a routine is read again when a file its `use` read changes") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "routines.cache";
    write_old(dir.path() / "base.toml", routine("Base", "Alpha"));
    write_old(dir.path() / "mine.toml", user("Mine"));
    auto lib = load_library({dir.path()}, nullptr, cache);
    REQUIRE(lib.size() == 2);
    CHECK(point_name(lib, 1) == "Alpha");

    edit_in_place(dir.path() / "base.toml", routine("Base", "Gamma"));
    lib = load_library({dir.path()}, nullptr, cache);
    CHECK(point_name(lib, 0) == "Gamma");
    CHECK(point_name(lib, 1) == "Gamma");  // mine uses base.p: its cached copy is stale

    // A routine of that name earlier on the path is what `use` finds now.
    TempDir front;
    write_old(front.path() / "base.toml", routine("Front", "Delta"));
    lib = load_library({front.path(), dir.path()}, nullptr, cache);
    REQUIRE(lib.size() == 2);
    CHECK(point_name(lib, 1) == "Delta");
}

TEST_CASE("routine library: a damaged cache is ignored and rebuilt") {
    TempDir dir, cache_dir;
    const auto cache = cache_dir.path() / "routines.cache";
    write_old(dir.path() / "base.toml", routine("Base", "Alpha"));
    CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Alpha");
    const std::string good = read_file(cache);
    for (const std::string& bad : {std::string("garbage"), good.substr(0, good.size() / 2),
                                   good.substr(0, good.find('\n') + 1) + "99999999:x "}) {
        write_file(cache, bad);
        CHECK(point_name(load_library({dir.path()}, nullptr, cache), 0) == "Alpha");
        CHECK(read_file(cache) == good);
    }
}
