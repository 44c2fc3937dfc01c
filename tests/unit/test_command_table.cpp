// The command table: every command is in it once, and everything it declares is in the
// completions and the man page.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "cli.hpp"
#include "test_support.hpp"

using namespace knead;

namespace {

const std::filesystem::path kSource = std::filesystem::path(KNEAD_TEST_ROUTINES).parent_path();

std::string source_file(const std::string& name) {
    return knead_test::read_file(kSource / name);
}

// The man page writes a dash as \- .
std::string man_words() {
    std::string text = source_file("man/knead.1"), out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '-') continue;
        out += text[i];
    }
    return out;
}

bool has_word(const std::string& text, const std::string& word) {
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        const std::size_t end = at + word.size();
        auto part = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; };
        if ((at == 0 || !part(text[at - 1])) && (end >= text.size() || !part(text[end])))
            return true;
    }
    return false;
}

}  // namespace

TEST_CASE("command table: each command once, with a summary, in the parser") {
    std::set<std::string> names;
    for (const auto& c : command_table()) {
        CHECK_MESSAGE(names.insert(c.name).second, c.name << " is in the table twice");
        CHECK_FALSE(c.summary.empty());
        CHECK(c.declare);
    }
    CHECK(names == std::set<std::string>{"run", "list", "show", "plan", "validate", "new", "where",
                                         "history", "report", "due", "config"});
    const auto usage = describe_commands();
    REQUIRE(usage.size() == command_table().size());
    for (std::size_t i = 0; i < usage.size(); ++i) CHECK(usage[i].name == command_table()[i].name);
}

TEST_CASE("command table: the commands that read settings or the log say so") {
    for (const auto& c : command_table()) {
        const bool looks_back = c.name == "run" || c.name == "show" || c.name == "plan" ||
                                c.name == "history" || c.name == "report" || c.name == "due" ||
                                c.name == "config";
        CHECK_MESSAGE(c.needs.config == looks_back, c.name);
        CHECK_MESSAGE(c.needs.log == looks_back, c.name);
    }
}

TEST_CASE("command table: every command and option is in the completions and the man page") {
    const std::string bash = source_file("completions/knead.bash");
    const std::string zsh = source_file("completions/_knead");
    const std::string fish = source_file("completions/knead.fish");
    const std::string man = man_words();
    for (const auto& c : describe_commands()) {
        for (const auto* file : {&bash, &zsh, &fish, &man})
            CHECK_MESSAGE(has_word(*file, c.name), "command " << c.name << " is missing");
        for (const auto& o : c.options) {
            if (o.rfind('-', 0) != 0) continue;  // a positional: no word of its own
            if (o == "-h" || o == "--help") continue;  // every command's, checked once below
            const std::string bare = o.substr(o.find_first_not_of('-'));
            INFO("knead " << c.name << " " << o);
            CHECK_MESSAGE(has_word(bash, o), "missing from knead.bash");
            CHECK_MESSAGE(has_word(zsh, o), "missing from _knead");
            // fish declares options without their dashes: -l long, -s short.
            CHECK_MESSAGE(
                (has_word(fish, "-l " + bare) || has_word(fish, "-s " + bare) || has_word(fish, o)),
                "missing from knead.fish");
            CHECK_MESSAGE(has_word(man, o), "missing from man/knead.1");
        }
    }
    for (const auto& o : global_options()) {
        INFO("knead " << o);
        CHECK(has_word(man, o));
        if (o == "-h" || o == "--help") continue;  // every shell completes these itself
        CHECK(has_word(bash, o));
        CHECK(has_word(zsh, o));
    }
}
