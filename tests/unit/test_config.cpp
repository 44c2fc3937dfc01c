#include <doctest/doctest.h>

#include "knead/config.hpp"
#include "knead/toml_document.hpp"

using namespace knead;

TEST_CASE("config: nothing set gives the defaults, from nowhere") {
    auto r = load_config_text("# nothing here\n", "config.toml");
    REQUIRE(r.config);
    CHECK(r.diagnostics.empty());
    CHECK_FALSE(r.config->voice);
    CHECK(r.config->bell);
    CHECK(r.config->color == ColorMode::automatic);
    CHECK_FALSE(r.config->big);
    CHECK(r.config->log.empty());
    CHECK(r.config->speech_command.empty());
    CHECK(r.config->target_pain == PainBand{5, 7});
    CHECK(r.config->source_of("voice") == "default");
}

TEST_CASE("config: every key is read, and remembers its line") {
    auto r = load_config_text(R"(voice = true
speech_command = ["say", "-v", "Alex", "{}"]
bell = false
color = "never"
big = true
log = "/data/knead.log"
target_pain = [4, 6]
)",
                              "c.toml");
    REQUIRE(r.config);
    const Config& c = *r.config;
    CHECK(c.voice);
    CHECK(c.speech_command == std::vector<std::string>{"say", "-v", "Alex", "{}"});
    CHECK_FALSE(c.bell);
    CHECK(c.color == ColorMode::never);
    CHECK(c.big);
    CHECK(c.log == "/data/knead.log");
    CHECK(c.target_pain == PainBand{4, 6});
    CHECK(c.source_of("voice") == "c.toml:1");
    CHECK(c.source_of("target_pain") == "c.toml:7");
}

TEST_CASE("config: every problem is reported with its line, like a routine") {
    auto r = load_config_text(R"(voice = "yes"
colour = "never"
color = "sometimes"
target_pain = [7, 4]
speech_command = []
)",
                              "c.toml");
    CHECK_FALSE(r.config);
    REQUIRE(r.diagnostics.size() == 5);
    CHECK(format_diagnostic(r.diagnostics[0]) ==
          "c.toml:1:9: error: `voice` must be true or false, not a string");
    CHECK(format_diagnostic(r.diagnostics[1]) ==
          "c.toml:2:1: error: unknown key `colour` in the config file; did you mean `color`?");
    CHECK(r.diagnostics[2].line == 3);
    CHECK(r.diagnostics[2].message.find("must be one of") != std::string::npos);
    CHECK(r.diagnostics[3].message == "`target_pain` = [7, 4] is reversed: write [4, 7]");
    CHECK(r.diagnostics[4].line == 5);
}

TEST_CASE("config: syntax errors and bad bytes are diagnostics, not exceptions") {
    auto r = load_config_text("voice = \n", "c.toml");
    CHECK_FALSE(r.config);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].line == 1);
    CHECK(r.diagnostics[0].message.rfind("syntax error", 0) == 0);

    auto bad = load_config_text("log = \"\xff\"\n", "c.toml");
    CHECK_FALSE(bad.config);
    REQUIRE(bad.diagnostics.size() == 1);
    CHECK(bad.diagnostics[0].message.find("UTF-8") != std::string::npos);
}

TEST_CASE("config: a missing file means the defaults") {
    auto r = load_config_file("/nonexistent/knead/config.toml");
    REQUIRE(r.config);
    CHECK(r.diagnostics.empty());
}

TEST_CASE("toml document: values, kinds and positions") {
    std::vector<Diagnostic> out;
    auto doc = parse_toml("a = 1\n[t]\n  name = \"x\"\n  list = [true, 2.5]\n", "d.toml", out);
    REQUIRE(doc);
    CHECK(out.empty());
    TomlValue root = doc->root();
    CHECK(root.keys() == std::vector<std::string>{"a", "t"});
    REQUIRE(root.get("a"));
    CHECK(root.get("a")->as_int() == 1);
    auto t = root.get("t");
    REQUIRE(t);
    CHECK(t->is(TomlValue::Kind::table));
    CHECK(t->get("name")->as_string() == "x");
    CHECK(t->get("name")->where().line == 3);
    CHECK(t->get("name")->where_key("name").column == 3);
    auto items = t->get("list")->items();
    REQUIRE(items.size() == 2);
    CHECK(items[0].as_bool());
    CHECK(items[1].kind_name() == "a decimal number");
    CHECK_FALSE(root.get("missing"));
}

TEST_CASE("toml document: refuses binary, bad UTF-8 and deep nesting before parsing") {
    std::vector<Diagnostic> out;
    CHECK_FALSE(parse_toml(std::string("a = 1\n\0", 7), "d", out));
    CHECK_FALSE(parse_toml("a = \"ok\"\nb = \"\xc3\x28\"\n", "d", out));
    CHECK_FALSE(parse_toml("a = " + std::string(100000, '['), "d", out));
    REQUIRE(out.size() == 3);
    CHECK(out[0].message.find("binary") != std::string::npos);
    CHECK(out[1].line == 2);
    CHECK(out[1].column == 6);
    CHECK(out[2].message.find("nested more than 32") != std::string::npos);
    // Brackets inside strings and comments do not count.
    out.clear();
    CHECK(parse_toml("a = \"" + std::string(100, '[') + "\" # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
                     "d", out));
    CHECK(out.empty());
}
