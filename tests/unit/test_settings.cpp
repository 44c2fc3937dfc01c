// The one settings resolver: a flag, then the environment, then the config file, then the
// default, each value with where it came from.
#include <doctest/doctest.h>

#include <map>

#include "knead/config.hpp"
#include "settings.hpp"
#include "speech.hpp"
#include "test_support.hpp"
#include "user_config.hpp"

using namespace knead;
using knead_test::EnvVar;
using knead_test::TempDir;
using knead_test::write_file;

namespace {

Environment env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(std::string(name));
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

Config config_of(const std::string& text) {
    auto r = load_config_text(text, "c.toml");
    REQUIRE(r.config);
    return *r.config;
}

}  // namespace

TEST_CASE("settings: nothing given: the defaults, from the default") {
    EnvVar data("XDG_DATA_HOME", "/xdg-data");
    const Settings s = resolve_settings({}, Config{}, env_of({}));
    CHECK_FALSE(s.voice.value);
    CHECK(s.bell.value);
    CHECK(s.color.value == ColorMode::automatic);
    CHECK(s.hands_free.value == 0);
    CHECK(s.speech_command.value == default_speech_command());
    CHECK(s.log.value == "/xdg-data/knead/sessions.log");
    for (const auto& from : {s.voice.source, s.bell.source, s.color.source, s.big.source,
                             s.hands_free.source, s.log.source, s.speech_command.source})
        CHECK(from == "default");
}

TEST_CASE("settings: the config file beats the default and says its line") {
    const Config c = config_of(
        "voice = true\nbell = false\ncolor = \"never\"\nhands_free = 5\n"
        "log = \"/notes/k.log\"\nspeech_command = [\"say\"]\n");
    const Settings s = resolve_settings({}, c, env_of({}));
    CHECK(s.voice.value);
    CHECK(s.voice.source == "c.toml:1");
    CHECK_FALSE(s.bell.value);
    CHECK(s.color.value == ColorMode::never);
    CHECK(s.color.source == "c.toml:3");
    CHECK(s.hands_free.value == 5);
    CHECK(s.log.value == "/notes/k.log");
    CHECK(s.log.source == "c.toml:5");
    CHECK(s.speech_command.value == std::vector<std::string>{"say"});
}

TEST_CASE("settings: the environment beats the config file, a flag beats both") {
    const Config c = config_of("color = \"never\"\nlog = \"/notes/k.log\"\n");
    SUBCASE("KNEAD_LOG, then --log") {
        auto env = env_of({{"KNEAD_LOG", "/env.log"}});
        CHECK(resolve_settings({}, c, env).log.value == "/env.log");
        CHECK(resolve_settings({}, c, env).log.source == "KNEAD_LOG");
        SettingFlags f;
        f.log = "/flag.log";
        CHECK(resolve_settings(f, c, env).log.value == "/flag.log");
        CHECK(resolve_settings(f, c, env).log.source == "--log");
    }
    SUBCASE("an empty KNEAD_LOG is unset") {
        CHECK(resolve_settings({}, c, env_of({{"KNEAD_LOG", ""}})).log.value == "/notes/k.log");
    }
    SUBCASE("CLICOLOR_FORCE forces colour over the file; --color beats it") {
        auto s = resolve_settings({}, c, env_of({{"CLICOLOR_FORCE", "1"}}));
        CHECK(s.color.value == ColorMode::always);
        CHECK(s.color.source == "CLICOLOR_FORCE");
        SettingFlags f;
        f.color = ColorMode::never;
        s = resolve_settings(f, c, env_of({{"CLICOLOR_FORCE", "1"}}));
        CHECK(s.color.value == ColorMode::never);
        CHECK(s.color.source == "--color");
    }
    SUBCASE("NO_COLOR turns it off, even over CLICOLOR_FORCE") {
        auto s =
            resolve_settings({}, Config{}, env_of({{"NO_COLOR", "1"}, {"CLICOLOR_FORCE", "1"}}));
        CHECK(s.color.value == ColorMode::never);
        CHECK(s.color.source == "NO_COLOR");
    }
}

TEST_CASE("settings: CLICOLOR_FORCE=0 forces nothing, as the terminal layer agrees") {
    for (const char* v : {"0", ""}) {
        auto s = resolve_settings({}, Config{}, env_of({{"CLICOLOR_FORCE", v}}));
        CHECK(s.color.value == ColorMode::automatic);
        CHECK(s.color.source == "default");
    }
}

TEST_CASE("settings: flags for voice, bell, big and hands-free") {
    SettingFlags f;
    f.voice = true;
    f.bell = false;
    f.big = true;
    f.hands_free = 12;
    f.speech_command = std::vector<std::string>{"espeak-ng", "{}"};
    const Settings s = resolve_settings(f, config_of("bell = true\nhands_free = 3\n"), env_of({}));
    CHECK(s.voice.value);
    CHECK(s.voice.source == "--voice");
    CHECK_FALSE(s.bell.value);
    CHECK(s.bell.source == "--quiet");
    CHECK(s.big.source == "--big");
    CHECK(s.hands_free.value == 12);
    CHECK(s.hands_free.source == "--hands-free");
    CHECK(s.speech_command.value == std::vector<std::string>{"espeak-ng", "{}"});
}

TEST_CASE("settings: without the log, no home directory is needed") {
    EnvVar home("HOME", "relative/home");
    EnvVar data("XDG_DATA_HOME", nullptr);
    CHECK_NOTHROW(resolve_settings({}, Config{}, env_of({}), false));
    CHECK(resolve_settings({}, Config{}, env_of({}), false).log.value.empty());
}

TEST_CASE("settings: the config file's log is in the home or beside the file, never here") {
    TempDir tmp;
    EnvVar home("HOME", (tmp / "home").c_str());
    EnvVar cfg("XDG_CONFIG_HOME", (tmp / "cfg").c_str());
    std::filesystem::create_directories(tmp / "cfg/knead");
    SUBCASE("~/...") {
        write_file(tmp / "cfg/knead/config.toml", "log = \"~/notes/knead.log\"\n");
        auto c = load_user_config();
        REQUIRE(c);
        const Settings s = resolve_settings({}, *c, env_of({}));
        CHECK(s.log.value == tmp / "home/notes/knead.log");
        CHECK(s.log.source == (tmp / "cfg/knead/config.toml").string() + ":1");
    }
    SUBCASE("relative: to the config file's directory") {
        write_file(tmp / "cfg/knead/config.toml", "log = \"notes/knead.log\"\n");
        auto c = load_user_config();
        REQUIRE(c);
        CHECK(resolve_settings({}, *c, env_of({})).log.value == tmp / "cfg/knead/notes/knead.log");
    }
    SUBCASE("HOME unset: the password database, not the current directory") {
        EnvVar unset("HOME", nullptr);
        write_file(tmp / "cfg/knead/config.toml", "log = \"~/k.log\"\n");
        auto c = load_user_config();
        REQUIRE(c);
        const auto log = resolve_settings({}, *c, env_of({})).log.value;
        CHECK(log.is_absolute());
        CHECK(log.filename() == "k.log");
    }
}
