// logfmt lines: formatting, and reading them back through the log reader, the one
// tokenizer there is.
#include <doctest/doctest.h>

#include <string>

#include "knead/log_reader.hpp"
#include "knead/logfmt.hpp"

using knead::Fields;

namespace {

constexpr const char* kPrefix = "time=2026-11-25T07:30:12Z session=s1 ";

struct Read {
    std::optional<Fields> fields;  // after time and session; nullopt when damaged
    std::string why;               // why the line was skipped
};

// One line through LogReader, as the log gives it: `rest` after a record's time and
// session, or `whole` as the line itself.
Read read_line(const std::string& line) {
    knead::LogReader reader(knead::LogReader::FromText{}, line + "\n");
    knead::LogRecord r;
    Read out;
    if (reader.next(r)) {
        Fields f;
        for (std::size_t i = 2; i < r.fields().size(); ++i)
            f.emplace_back(r.fields()[i].key, r.fields()[i].value);
        out.fields = std::move(f);
    }
    out.why = reader.problems().first_why;
    return out;
}

Read read_rest(const std::string& rest) {
    return read_line(kPrefix + rest);
}

}  // namespace

TEST_CASE("logfmt: plain values are written bare, in order, separated by one space") {
    Fields f{{"time", "2026-11-25T07:30:12+01:00"}, {"step", "hold"}, {"pain", "6"}};
    CHECK(knead::format_logfmt(f) == "time=2026-11-25T07:30:12+01:00 step=hold pain=6");
    CHECK(knead::format_logfmt({}) == "");
}

TEST_CASE("logfmt: values that need it are quoted and escaped") {
    CHECK(knead::format_logfmt({{"k", ""}}) == "k=\"\"");
    CHECK(knead::format_logfmt({{"k", "a b"}}) == "k=\"a b\"");
    CHECK(knead::format_logfmt({{"k", "a=b"}}) == "k=\"a=b\"");
    CHECK(knead::format_logfmt({{"k", "say \"hi\""}}) == "k=\"say \\\"hi\\\"\"");
    CHECK(knead::format_logfmt({{"k", "C:\\dir"}}) == "k=\"C:\\\\dir\"");
    CHECK(knead::format_logfmt({{"k", "one\ntwo"}}) == "k=\"one\\ntwo\"");
    CHECK(knead::format_logfmt({{"k", "a\rb\tc"}}) == "k=\"a\\rb\\tc\"");
    // Other control characters are dropped: they would corrupt the line.
    CHECK(knead::format_logfmt({{"k", std::string("a\x01"
                                                  "b\x1b",
                                                  4)}}) == "k=\"ab\"");
    // No raw newline ever reaches the line.
    CHECK(knead::format_logfmt({{"k", "x\ny"}, {"j", "\n"}}).find('\n') == std::string::npos);
}

TEST_CASE("logfmt: round trip through the reader") {
    const Fields f{{"plain", "value"},
                   {"spaces", "a value with spaces"},
                   {"quotes", "she said \"ouch\""},
                   {"backslash", "back\\slash\\"},
                   {"equals", "a=b=c"},
                   {"newline", "line one\nline two\r\n"},
                   {"tab", "\tindented"},
                   {"empty", ""},
                   {"utf8", "caf\xc3\xa9 \xe2\x80\x94 ok"},
                   {"lone-quote", "\""},
                   {"dotted.key_1", "-3.5"}};
    std::string line = kPrefix + knead::format_logfmt(f);
    CAPTURE(line);
    auto back = read_line(line);
    CHECK(back.why.empty());
    REQUIRE(back.fields.has_value());
    CHECK(*back.fields == f);
}

TEST_CASE("logfmt: reading") {
    SUBCASE("bare and quoted values") {
        auto f = read_rest("a=1 b=\"x y\" c=z");
        REQUIRE(f.fields);
        CHECK(*f.fields == Fields{{"a", "1"}, {"b", "x y"}, {"c", "z"}});
    }
    SUBCASE("an empty bare value") {
        auto f = read_rest("a= b=2");
        REQUIRE(f.fields);
        CHECK(*f.fields == Fields{{"a", ""}, {"b", "2"}});
    }
    SUBCASE("extra spaces between pairs") {
        auto f = read_line("  time=2026-11-25T07:30:12Z    session=s1  a=1    b=2  ");
        REQUIRE(f.fields);
        CHECK(*f.fields == Fields{{"a", "1"}, {"b", "2"}});
    }
    SUBCASE("escapes") {
        auto f = read_rest(R"(m="a\"b\\c\nd\te\rf")");
        REQUIRE(f.fields);
        CHECK(*f.fields == Fields{{"m", "a\"b\\c\nd\te\rf"}});
    }
    SUBCASE("two escaped values on one line keep apart") {
        auto f = read_rest(R"(a="x\"1" b="y\\2" c="plain")");
        REQUIRE(f.fields);
        CHECK(*f.fields == Fields{{"a", "x\"1"}, {"b", "y\\2"}, {"c", "plain"}});
    }
    SUBCASE("repeated keys are all kept; the first is the value") {
        knead::LogReader reader(knead::LogReader::FromText{},
                                std::string(kPrefix) + "pain=1 pain=2\n");
        knead::LogRecord r;
        REQUIRE(reader.next(r));
        CHECK(r.fields().size() == 4);
        CHECK(r.get(knead::LogKey::pain) == "1");
        CHECK(r.get("pain") == "1");
    }
}

TEST_CASE("logfmt: a damaged line says why") {
    SUBCASE("unterminated quote") {
        auto f = read_line("a=1 b=\"never closed");
        CHECK_FALSE(f.fields);
        CHECK(f.why.find("unterminated") != std::string::npos);
        CHECK(f.why.find("`b`") != std::string::npos);
    }
    SUBCASE("a backslash at the end of a quoted value") {
        auto f = read_line("a=\"x\\");
        CHECK_FALSE(f.fields);
        CHECK(f.why.find("unterminated") != std::string::npos);
    }
    SUBCASE("missing =") {
        auto f = read_line("a=1 lonely b=2");
        CHECK_FALSE(f.fields);
        CHECK(f.why.find("expected '='") != std::string::npos);
        CHECK(f.why.find("`lonely`") != std::string::npos);
    }
    SUBCASE("a key at the end of the line") {
        auto f = read_rest("a=1 b");
        CHECK_FALSE(f.fields);
        CHECK(f.why.find("expected '='") != std::string::npos);
    }
    SUBCASE("no key") {
        auto f = read_line("=value");
        CHECK_FALSE(f.fields);
        CHECK(f.why.find("expected a key at column 1") != std::string::npos);
    }
    SUBCASE("text straight after a closing quote") {
        auto f = read_rest("a=\"x\"y b=1");
        CHECK_FALSE(f.fields);
        CHECK(f.why.find("space after the value of `a`") != std::string::npos);
    }
    SUBCASE("logfmt that is no knead record") {
        auto f = read_line("a=1 b=2");
        CHECK_FALSE(f.fields);
        CHECK(f.why.find("time= and session=") != std::string::npos);
    }
}

TEST_CASE("logfmt: the keys knead writes are found by name and by key") {
    knead::LogReader reader(knead::LogReader::FromText{},
                            std::string(kPrefix) + "step=hold answer= extra=x\n");
    knead::LogRecord r;
    REQUIRE(reader.next(r));
    CHECK(r.get(knead::LogKey::step) == "hold");
    CHECK(r.get("step") == "hold");
    CHECK(r.has(knead::LogKey::answer));
    CHECK(r.get(knead::LogKey::answer).empty());
    CHECK_FALSE(r.has(knead::LogKey::pain));
    CHECK(r.get("extra") == "x");
    CHECK_FALSE(r.has("missing"));
    for (std::size_t i = 0; i < knead::kLogKeys; ++i)
        for (std::size_t j = 0; j < i; ++j) CHECK(knead::kLogKeyNames[i] != knead::kLogKeyNames[j]);
}

TEST_CASE("logfmt: every key knead writes has its own slot") {
    std::string line = kPrefix;
    for (std::size_t i = 2; i < knead::kLogKeys; ++i)
        line += std::string(knead::kLogKeyNames[i]) + "=v" + std::to_string(i) + " ";
    line += "stepx=no tim=no durations=no routines9=no\n";  // near misses
    knead::LogReader reader(knead::LogReader::FromText{}, line);
    knead::LogRecord r;
    REQUIRE(reader.next(r));
    CHECK(r.get(knead::LogKey::time) == "2026-11-25T07:30:12Z");
    CHECK(r.get(knead::LogKey::session) == "s1");
    for (std::size_t i = 2; i < knead::kLogKeys; ++i) {
        CAPTURE(knead::kLogKeyNames[i]);
        CHECK(r.get(static_cast<knead::LogKey>(i)) == "v" + std::to_string(i));
    }
    CHECK(r.get("stepx") == "no");
    CHECK(r.get("durations") == "no");
}

TEST_CASE("logfmt: a bare value ends at its first space wherever it falls in the line") {
    // The tokenizer looks for a value's end eight bytes at a time: try every length of
    // value at every offset, with the value last on the line and with more after it.
    for (std::size_t pad = 0; pad < 9; ++pad)
        for (std::size_t len = 0; len < 20; ++len) {
            std::string value;
            for (std::size_t i = 0; i < len; ++i)
                value += "ab=\x01\xc3\x7f-9"[i % 8];  // anything but a space or a quote
            const std::string key = std::string(pad + 1, 'k');
            for (const std::string& after : {std::string(), std::string(" z=1")}) {
                std::string rest = key;
                rest += '=';
                rest += value;
                rest += after;
                CAPTURE(rest);
                const auto f = read_rest(rest);
                REQUIRE(f.fields);
                Fields want{{key, value}};
                if (!after.empty()) want.emplace_back("z", "1");
                CHECK(*f.fields == want);
            }
        }
}

TEST_CASE("logfmt: each field carries its key's word, 0 for a key longer than 8 bytes") {
    CHECK(knead::logfmt_key_word("a") == 0x61);
    CHECK(knead::logfmt_key_word("ab") == 0x6261);
    CHECK(knead::logfmt_key_word("abcdefgh") == 0x6867666564636261ULL);
    CHECK(knead::logfmt_key_word("abcdefghi") == 0);
    // Keys of every length, some of them near the end of the line.
    const std::string line =
        std::string(kPrefix) + "a=1 ab=2 abcdefg=3 abcdefgh=4 abcdefghi=5 x.y_z-9=\"q\" abcdefgh=";
    knead::LogReader reader(knead::LogReader::FromText{}, line + "\n");
    knead::LogRecord r;
    REQUIRE(reader.next(r));
    REQUIRE(r.fields().size() == 9);
    for (const auto& f : r.fields()) {
        CAPTURE(f.key);
        CHECK(f.word == knead::logfmt_key_word(f.key));
    }
    CHECK(r.fields()[6].word == 0);
    CHECK(r.get("abcdefgh") == "4");
}
