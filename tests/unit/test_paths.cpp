// Where knead keeps things: XDG directories, the log path, the routine search path.
#include <doctest/doctest.h>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "knead/paths.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using knead_test::EnvVar;
using knead_test::TempDir;

TEST_CASE("paths: XDG directories") {
    EnvVar home("HOME", "/home/tester");
    SUBCASE("an absolute variable is used") {
        EnvVar c("XDG_CONFIG_HOME", "/cfg");
        EnvVar d("XDG_DATA_HOME", "/data");
        EnvVar s("XDG_STATE_HOME", "/state/dir");
        CHECK(knead::xdg_config_home() == fs::path("/cfg"));
        CHECK(knead::xdg_data_home() == fs::path("/data"));
        CHECK(knead::xdg_state_home() == fs::path("/state/dir"));
    }
    SUBCASE("a relative variable is ignored") {
        EnvVar c("XDG_CONFIG_HOME", "cfg");
        EnvVar d("XDG_DATA_HOME", "./data");
        EnvVar s("XDG_STATE_HOME", "~/state");
        CHECK(knead::xdg_config_home() == fs::path("/home/tester/.config"));
        CHECK(knead::xdg_data_home() == fs::path("/home/tester/.local/share"));
        CHECK(knead::xdg_state_home() == fs::path("/home/tester/.local/state"));
    }
    SUBCASE("an empty variable is ignored") {
        EnvVar c("XDG_CONFIG_HOME", "");
        EnvVar d("XDG_DATA_HOME", "");
        CHECK(knead::xdg_config_home() == fs::path("/home/tester/.config"));
        CHECK(knead::xdg_data_home() == fs::path("/home/tester/.local/share"));
    }
    SUBCASE("unset: the default under HOME") {
        EnvVar c("XDG_CONFIG_HOME", nullptr);
        EnvVar d("XDG_DATA_HOME", nullptr);
        EnvVar s("XDG_STATE_HOME", nullptr);
        CHECK(knead::xdg_config_home() == fs::path("/home/tester/.config"));
        CHECK(knead::xdg_data_home() == fs::path("/home/tester/.local/share"));
        CHECK(knead::xdg_state_home() == fs::path("/home/tester/.local/state"));
    }
}

TEST_CASE("paths: routine_search_path order") {
    EnvVar home("HOME", "/home/tester");
    EnvVar cfg("XDG_CONFIG_HOME", "/cfg");
    const fs::path builtin = knead::builtin_routines_dir();
    SUBCASE("flags, KNEAD_ROUTINES split on ':', config dir, built-in") {
        EnvVar env("KNEAD_ROUTINES", "/e1::/e2:rel/e3:");
        auto dirs = knead::routine_search_path({"/f1", "f2"});
        CHECK(dirs == std::vector<fs::path>{"/f1", "f2", "/e1", "/e2", "rel/e3",
                                            "/cfg/knead/routines", builtin});
    }
    SUBCASE("without KNEAD_ROUTINES") {
        EnvVar env("KNEAD_ROUTINES", nullptr);
        auto dirs = knead::routine_search_path({});
        CHECK(dirs == std::vector<fs::path>{"/cfg/knead/routines", builtin});
    }
    SUBCASE("an empty KNEAD_ROUTINES adds nothing") {
        EnvVar env("KNEAD_ROUTINES", "");
        auto dirs = knead::routine_search_path({"/f"});
        CHECK(dirs == std::vector<fs::path>{"/f", "/cfg/knead/routines", builtin});
    }
    SUBCASE("one KNEAD_ROUTINES directory") {
        EnvVar env("KNEAD_ROUTINES", "/only");
        auto dirs = knead::routine_search_path({});
        CHECK(dirs == std::vector<fs::path>{"/only", "/cfg/knead/routines", builtin});
    }
}

TEST_CASE("paths: the built-in routines are found") {
    auto dir = knead::builtin_routines_dir();
    CHECK(fs::is_directory(dir));
    CHECK(fs::is_regular_file(dir / "neck.toml"));
}

TEST_CASE("paths: create_private_dirs") {
    TempDir tmp;
    SUBCASE("creates every missing directory with mode 0700") {
        auto dir = tmp / "a/b/c";
        CHECK(knead::create_private_dirs(dir) == 0);
        for (const char* sub : {"a", "a/b", "a/b/c"}) {
            CAPTURE(sub);
            struct stat st {};
            REQUIRE(::stat((tmp / sub).c_str(), &st) == 0);
            CHECK(S_ISDIR(st.st_mode));
            CHECK((st.st_mode & 07777) == 0700);
        }
    }
    SUBCASE("existing directories are fine and keep their mode") {
        fs::create_directories(tmp / "x");
        fs::permissions(tmp / "x", static_cast<fs::perms>(0755));
        CHECK(knead::create_private_dirs(tmp / "x") == 0);
        CHECK(knead::create_private_dirs(tmp / "x/y") == 0);
        CHECK(fs::is_directory(tmp / "x/y"));
        CHECK((fs::status(tmp / "x").permissions() & fs::perms::all) ==
              static_cast<fs::perms>(0755));
    }
    SUBCASE("a regular file in the way gives its errno") {
        knead_test::write_file(tmp / "file", "x");
        CHECK(knead::create_private_dirs(tmp / "file/sub") == ENOTDIR);
    }
    SUBCASE("an empty path is nothing to do") {
        CHECK(knead::create_private_dirs(fs::path()) == 0);
    }
}

TEST_CASE("paths: the home directory never falls back to the current directory") {
    const passwd* pw = ::getpwuid(::getuid());
    REQUIRE(pw);
    SUBCASE("HOME unset or empty: the password database") {
        for (const char* value : {static_cast<const char*>(nullptr), ""}) {
            EnvVar home("HOME", value);
            EnvVar d("XDG_DATA_HOME", nullptr);
            CHECK(knead::home_dir() == fs::path(pw->pw_dir));
            CHECK(knead::xdg_data_home() == fs::path(pw->pw_dir) / ".local/share");
        }
    }
    SUBCASE("a relative HOME is refused") {
        EnvVar home("HOME", "some/dir");
        CHECK_THROWS_AS(knead::home_dir(), knead::PathError);
        EnvVar d("XDG_DATA_HOME", nullptr);
        CHECK_THROWS_AS(knead::xdg_data_home(), knead::PathError);
    }
    SUBCASE("a HOME that does not exist is not created, nor anything under it") {
        TempDir tmp;
        EnvVar home("HOME", (tmp.path() / "no/home").c_str());
        CHECK(knead::create_private_dirs(tmp.path() / "no/home/.local/share/knead") == ENOENT);
        CHECK_FALSE(fs::exists(tmp.path() / "no"));
        // Elsewhere, missing directories are made as before.
        CHECK(knead::create_private_dirs(tmp.path() / "logs/a") == 0);
        CHECK(fs::is_directory(tmp.path() / "logs/a"));
    }
}

TEST_CASE("paths: a path in the config file") {
    EnvVar home("HOME", "/home/tester");
    const fs::path dir = "/home/tester/.config/knead";
    CHECK(knead::config_file_path("~", dir) == fs::path("/home/tester"));
    CHECK(knead::config_file_path("~/notes/knead.log", dir) ==
          fs::path("/home/tester/notes/knead.log"));
    CHECK(knead::config_file_path("logs/knead.log", dir) == dir / "logs/knead.log");
    CHECK(knead::config_file_path("/var/knead.log", dir) == fs::path("/var/knead.log"));
    // Only a leading ~ and ~/ mean the home directory.
    CHECK(knead::config_file_path("~other/x.log", dir) == dir / "~other/x.log");
    CHECK(knead::config_file_path("a/~/x.log", dir) == dir / "a/~/x.log");
}

TEST_CASE("paths: a symbolic link to nothing is told from a file that is not there") {
    TempDir dir;
    const auto link = dir / "linked.log";
    std::filesystem::create_symlink("unmounted/sessions.log", link);
    REQUIRE(knead::dangling_link_target(link).has_value());
    CHECK(*knead::dangling_link_target(link) == "unmounted/sessions.log");
    CHECK(knead::dangling_link_words(*knead::dangling_link_target(link)) ==
          "is a symbolic link to unmounted/sessions.log, which does not exist");
    CHECK_FALSE(knead::dangling_link_target(dir / "absent.log").has_value());
    // Once what it points at is there, it is a link like any other.
    std::filesystem::create_directory(dir / "unmounted");
    knead_test::write_file(dir / "unmounted" / "sessions.log", "");
    CHECK_FALSE(knead::dangling_link_target(link).has_value());
    CHECK_FALSE(knead::dangling_link_target(dir / "unmounted" / "sessions.log").has_value());
}
