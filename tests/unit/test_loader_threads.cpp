// load_routine_files with threads that read ahead: the same results, in the same order,
// as with one thread, and each file parsed once however many files `use` it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"
#include "test_support.hpp"

using namespace knead;
using knead_test::TempDir;
using knead_test::write_file;
namespace fs = std::filesystem;

namespace {

std::string head(const std::string& name) {
    return "schema = 1\nname = \"" + name + "\"\narea = \"neck\"\n";
}

std::string own_point(const std::string& id) {
    return "[[point]]\nid = \"" + id + "\"\nname = \"N\"\nmuscle = \"m\"\nrefers_to = [\"t\"]\n" +
           "locate = \"Find it.\"\npress = \"Press it.\"\nstretch = \"Stretch it.\"\n";
}

std::string use_point(const std::string& ref, const std::string& rename = "") {
    return "[[point]]\nuse = \"" + ref + "\"\n" +
           (rename.empty() ? "" : "id = \"" + rename + "\"\n");
}

// Everything a result says, as one string per result.
std::vector<std::string> described(const LoadedFiles& loaded) {
    std::vector<std::string> out;
    for (const auto& r : loaded.results) {
        std::string s;
        for (const auto& d : r.diagnostics)
            s += d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ":" +
                 std::string(to_string(d.severity)) + ": " + d.message + "\n" + d.excerpt + "\n";
        if (r.routine) {
            s += "routine " + r.routine->id + " at " + r.routine->path.string() + ":";
            for (const auto& p : r.routine->points) s += " " + p.id + "<" + p.from + ">";
            s += "\n";
        }
        for (const auto& u : r.uses)
            s += "uses " + u.id + " from " + u.from.string() + " in " + u.file.string() + "\n";
        out.push_back(s);
    }
    return out;
}

}  // namespace

TEST_CASE("loader threads: the same results in the same order as one thread") {
    TempDir dir;
    // Valid, invalid, using others (valid, invalid, in a cycle, not there), a file used
    // before and after its own turn, one that stops the parser, and one listed twice.
    write_file(dir / "base.toml", head("Base") + own_point("p") + own_point("q"));
    write_file(dir / "broken.toml", head("Broken") + "x = \"unterminated\n" + own_point("p"));
    write_file(dir / "cycle-a.toml", head("A") + use_point("cycle-b"));
    write_file(dir / "cycle-b.toml", head("B") + use_point("cycle-a"));
    write_file(dir / "late.toml", head("Late") + use_point("base.q", "late-q"));
    std::vector<fs::path> files;
    for (int i = 0; i < 150; ++i) {
        const std::string name = "r" + std::to_string(1000 + i);
        std::string text = head(name);
        switch (i % 6) {
            case 0:
                text += own_point("own");
                break;
            case 1:
                text += use_point("base") + use_point("late", "again");
                break;
            case 2:
                text += use_point("broken");
                break;
            case 3:
                text += use_point(i % 12 == 3 ? "cycle-a" : "nowhere");
                break;
            case 4:
                text += own_point("own") + "hold = 999\n";
                break;
            default:
                text += use_point("base.p") + use_point("base.p");
                break;
        }
        write_file(dir / (name + ".toml"), text);
        files.push_back(dir / (name + ".toml"));
        if (i == 40) files.push_back(dir / "late.toml");
        if (i == 90) files.push_back(dir / "cycle-b.toml");
    }
    files.push_back(dir / "base.toml");
    files.push_back(dir / "r1004.toml");  // listed twice
    files.push_back(dir / "nosuch.toml");
    const Resolver resolver = search_path_resolver({dir.path()});
    const auto one = load_routine_files(files, resolver, Dose{}, 1);
    REQUIRE(one.results.size() == files.size());
    for (unsigned threads : {2U, 3U, 8U}) {
        CAPTURE(threads);
        const auto many = load_routine_files(files, resolver, Dose{}, threads);
        CHECK(described(many) == described(one));
        CHECK(many.files_read == one.files_read);
    }
    // What it checked is there to compare: errors, valid routines with uses, cycles.
    const auto all = described(one);
    CHECK(one.results[0].routine);
    CHECK(!one.results[2].routine);
    CHECK(all[1].find("uses base") != std::string::npos);
    CHECK(all[3].find("`use` makes a cycle") != std::string::npos);
}

TEST_CASE("loader threads: a routine used by many files is parsed once") {
    TempDir dir, lib;
    write_file(lib / "base.toml", head("Base") + own_point("p"));
    std::vector<fs::path> files;
    for (int i = 0; i < 200; ++i) {
        const auto file = dir / ("u" + std::to_string(i) + ".toml");
        write_file(file, head("U") + use_point("base.p", "p" + std::to_string(i)));
        files.push_back(file);
    }
    SUBCASE("from the search path") {
        const auto loaded = load_routine_files(files, search_path_resolver({lib.path()}), {}, 4);
        CHECK(loaded.files_read == 201);
        for (const auto& r : loaded.results) CHECK(r.routine);
    }
    SUBCASE("listed too, among the files that use it") {
        fs::copy_file(lib / "base.toml", dir / "base.toml");
        files.insert(files.begin() + 100, dir / "base.toml");
        const auto loaded = load_routine_files(files, search_path_resolver({dir.path()}), {}, 4);
        CHECK(loaded.files_read == 201);
        for (const auto& r : loaded.results) CHECK(r.routine);
        CHECK(loaded.results[100].routine->path == dir / "base.toml");
    }
}

TEST_CASE("loader threads: a file named by a link, `..` or another path is still one file") {
    // Each directory is made canonical once for all its files: a file reached through a
    // linked directory, a linked file or `..` must still be known as the same file, read
    // once, and `use` of it from the search path must find that same file.
    TempDir dir;
    fs::create_directories(dir / "real" / "sub");
    write_file(dir / "real" / "base.toml", head("Base") + own_point("p"));
    write_file(dir / "real" / "user.toml", head("User") + use_point("base.p", "q"));
    fs::create_directory_symlink(dir / "real", dir / "linked-dir");
    fs::create_symlink(dir / "real" / "base.toml", dir / "real" / "alias.toml");
    const std::vector<fs::path> files = {
        dir / "real" / "base.toml",
        dir / "linked-dir" / "base.toml",
        dir / "real" / "sub" / ".." / "base.toml",
        dir / "real" / "alias.toml",
        dir / "linked-dir" / "user.toml",
    };
    for (unsigned threads : {1U, 3U}) {
        CAPTURE(threads);
        const auto loaded =
            load_routine_files(files, search_path_resolver({dir / "linked-dir"}), {}, threads);
        REQUIRE(loaded.results.size() == files.size());
        CHECK(loaded.files_read == 2);  // base.toml and user.toml, each once
        for (std::size_t i = 0; i < files.size(); ++i) {
            REQUIRE(loaded.results[i].routine);
            CHECK(loaded.results[i].routine->path == files[i]);  // named as it was listed
        }
        REQUIRE(loaded.results[4].uses.size() == 1);
        CHECK(fs::equivalent(loaded.results[4].uses[0].file, dir / "real" / "base.toml"));
    }
}
