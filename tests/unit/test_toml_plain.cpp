#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/toml_plain.hpp"
#include "knead/toml_document.hpp"

using namespace knead;

namespace {

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> corpus_files() {
    std::vector<std::string> out;
    for (const char* dir : {KNEAD_TEST_ROUTINES, KNEAD_TEST_FIXTURES})
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
            if (e.is_regular_file() && e.path().extension() == ".toml")
                out.push_back(read(e.path()));
    return out;
}

// Why the two trees differ at `path`, or "" when they are the same: kinds, values, keys
// and positions.
std::string differ(const TomlValue& a, const TomlValue& b, const std::string& path) {
    auto where = [](const TomlValue& v) {
        return std::to_string(v.where().line) + ":" + std::to_string(v.where().column);
    };
    if (a.kind() != b.kind()) return path + ": kind";
    if (where(a) != where(b)) return path + ": at " + where(a) + ", not " + where(b);
    switch (a.kind()) {
        case TomlValue::Kind::boolean:
            return a.as_bool() == b.as_bool() ? "" : path + ": boolean";
        case TomlValue::Kind::integer:
            return a.as_int() == b.as_int() ? "" : path + ": integer";
        case TomlValue::Kind::string:
            return a.as_string() == b.as_string() ? "" : path + ": string";
        case TomlValue::Kind::array: {
            auto x = a.items(), y = b.items();
            if (x.size() != y.size()) return path + ": length";
            for (std::size_t i = 0; i < x.size(); ++i)
                if (auto d = differ(x[i], y[i], path + "[" + std::to_string(i) + "]"); !d.empty())
                    return d;
            return "";
        }
        case TomlValue::Kind::table: {
            if (a.keys() != b.keys()) return path + ": keys";
            for (const auto& k : a.keys())
                if (auto d = differ(*a.get(k), *b.get(k), path + '.' + k); !d.empty()) return d;
            return "";
        }
        case TomlValue::Kind::floating:
            return a.as_float() == b.as_float() ? "" : path + ": number";
        default:
            return "";  // a date or time: the plain reader leaves those to toml11
    }
}

// When the plain reader takes `text`, toml11 must take it too and build the same tree.
// Returns whether the plain reader took it.
bool same_as_toml11(const std::string& text) {
    std::vector<Diagnostic> quick_out, full_out;
    auto quick = parse_toml(text, "t.toml", quick_out);
    auto full = parse_toml_full(text, "t.toml", full_out);
    const bool plain = read_plain_toml(text).has_value();
    INFO("text: ", text);
    CHECK(quick.has_value() == full.has_value());
    if (!full) {
        CHECK_FALSE(plain);
        REQUIRE(quick_out.size() == full_out.size());
        for (std::size_t i = 0; i < quick_out.size(); ++i) {
            CHECK(quick_out[i].message == full_out[i].message);
            CHECK(quick_out[i].line == full_out[i].line);
            CHECK(quick_out[i].column == full_out[i].column);
        }
        return plain;
    }
    if (quick) CHECK(differ(quick->root(), full->root(), "") == "");
    return plain;
}

}  // namespace

TEST_CASE("plain toml: the routines and fixtures read as toml11 reads them") {
    int plain = 0, total = 0;
    for (const auto& text : corpus_files()) {
        ++total;
        plain += same_as_toml11(text) ? 1 : 0;
    }
    // Every built-in routine is plain TOML: the quick reader is the one that reads them.
    CHECK(plain >= 34);
    CHECK(total >= plain);
}

TEST_CASE("plain toml: what it reads, and what it leaves to toml11") {
    const std::vector<std::pair<std::string, bool>> cases = {
        {"a = 1\nb = -2\nc = +3\nd = 0\n", true},
        {"a = \"x\\ty\\n\\\"z\\\\\" # c\n", true},
        {"a = 'C:\\dir'\n", true},
        {"a = [\n  1, # one\n  2,\n]\nb = []\nc = [[1, 2], ['x']]\n", true},
        {"a = true\nb = false\n", true},
        {"\xEF\xBB\xBF"
         "a = 1\r\n[t]\r\nb = 'x'\r\n",
         true},
        {"a = 1", true},
        {"# only a comment", true},
        {"\t a\t=\t\"x\"\t\n[[p]]\n[[p]] # two\nk = 1\n[q]\n", true},
        {"a = \"\"\n", true},
        {"a = 1.5\n", false},
        {"a = 1e3\n", false},
        {"a = 0x1F\n", false},
        {"a = 1_000\n", false},
        {"a = 012\n", false},
        {"a = 1979-05-27\n", false},
        {"a = \"\\u00E9\"\n", false},
        {"a = \"\"\"x\"\"\"\n", false},
        {"a = {b = 1}\n", false},
        {"a.b = 1\n", false},
        {"\"a\" = 1\n", false},
        {"[a.b]\n", false},
        {"[ a ]\n", false},
        {"a = 1\na = 2\n", false},
        {"[t]\n[t]\n", false},
        {"t = 1\n[t]\n", false},
        {"[t]\n[[t]]\n", false},
        {"a = 1 b = 2\n", false},
        {"a = \"x\n", false},
        {"a = \n", false},
        {"a = [1 2]\n", false},
        {"a = truex\n", false},
        {"a = 9223372036854775808\n", false},
        {"a = 1\rb = 2\n", false},
        {"[t] x = 1\n", false},
    };
    for (const auto& c : cases) {
        const std::string& text = c.first;
        INFO("text: ", text);
        CHECK(read_plain_toml(text).has_value() == c.second);
        same_as_toml11(text);
    }
}

TEST_CASE("plain toml: it never takes a damaged routine that toml11 refuses") {
    // Each built-in routine with one byte changed, deleted or added, at spread positions.
    const std::string marks = "\"'[]=#,.\n\r\\{} 0-x";
    std::uint32_t seed = 12345;
    auto next = [&] {
        seed = seed * 1103515245U + 12345U;
        return seed >> 8;
    };
    int tried = 0;
    for (const auto& e : std::filesystem::directory_iterator(KNEAD_TEST_ROUTINES)) {
        if (e.path().extension() != ".toml") continue;
        const std::string text = read(e.path());
        for (int k = 0; k < 12; ++k) {
            std::string t = text;
            const std::size_t at = next() % t.size();
            const char c = marks[next() % marks.size()];
            switch (next() % 3) {
                case 0:
                    t[at] = c;
                    break;
                case 1:
                    t.erase(at, 1);
                    break;
                default:
                    t.insert(at, 1, c);
                    break;
            }
            same_as_toml11(t);
            ++tried;
        }
    }
    CHECK(tried >= 34 * 12);
}
