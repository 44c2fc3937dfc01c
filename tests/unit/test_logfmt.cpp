// logfmt lines: formatting, parsing, and the round trip between them.
#include <doctest/doctest.h>

#include <string>

#include "knead/logfmt.hpp"

using knead::Fields;

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

TEST_CASE("logfmt: round trip") {
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
    std::string line = knead::format_logfmt(f);
    CAPTURE(line);
    std::string error;
    auto back = knead::parse_logfmt(line, &error);
    CHECK(error.empty());
    REQUIRE(back.has_value());
    CHECK(*back == f);
}

TEST_CASE("logfmt: parsing") {
    SUBCASE("bare and quoted values") {
        auto f = knead::parse_logfmt("a=1 b=\"x y\" c=z");
        REQUIRE(f);
        CHECK(*f == Fields{{"a", "1"}, {"b", "x y"}, {"c", "z"}});
    }
    SUBCASE("an empty bare value") {
        auto f = knead::parse_logfmt("a= b=2");
        REQUIRE(f);
        CHECK(*f == Fields{{"a", ""}, {"b", "2"}});
    }
    SUBCASE("extra spaces between pairs") {
        auto f = knead::parse_logfmt("  a=1    b=2  ");
        REQUIRE(f);
        CHECK(*f == Fields{{"a", "1"}, {"b", "2"}});
    }
    SUBCASE("an empty line has no fields") {
        auto f = knead::parse_logfmt("");
        REQUIRE(f);
        CHECK(f->empty());
    }
    SUBCASE("escapes") {
        auto f = knead::parse_logfmt(R"(m="a\"b\\c\nd\te\rf")");
        REQUIRE(f);
        CHECK(*f == Fields{{"m", "a\"b\\c\nd\te\rf"}});
    }
    SUBCASE("repeated keys are all kept") {
        auto f = knead::parse_logfmt("a=1 a=2");
        REQUIRE(f);
        CHECK(f->size() == 2);
    }
}

TEST_CASE("logfmt: parse errors say why") {
    std::string error;
    SUBCASE("unterminated quote") {
        CHECK_FALSE(knead::parse_logfmt("a=1 b=\"never closed", &error));
        CHECK(error.find("unterminated") != std::string::npos);
        CHECK(error.find("`b`") != std::string::npos);
    }
    SUBCASE("a backslash at the end of a quoted value") {
        CHECK_FALSE(knead::parse_logfmt("a=\"x\\", &error));
        CHECK(error.find("unterminated") != std::string::npos);
    }
    SUBCASE("missing =") {
        CHECK_FALSE(knead::parse_logfmt("a=1 lonely b=2", &error));
        CHECK(error.find("expected '='") != std::string::npos);
        CHECK(error.find("`lonely`") != std::string::npos);
    }
    SUBCASE("a key at the end of the line") {
        CHECK_FALSE(knead::parse_logfmt("a=1 b", &error));
        CHECK(error.find("expected '='") != std::string::npos);
    }
    SUBCASE("no key") {
        CHECK_FALSE(knead::parse_logfmt("=value", &error));
        CHECK(error.find("expected a key at column 1") != std::string::npos);
    }
    SUBCASE("text straight after a closing quote") {
        CHECK_FALSE(knead::parse_logfmt("a=\"x\"y b=1", &error));
        CHECK(error.find("space after the value of `a`") != std::string::npos);
    }
    SUBCASE("error is optional") {
        CHECK_FALSE(knead::parse_logfmt("a=\"x"));
    }
}

TEST_CASE("logfmt: find_field") {
    Fields f{{"a", "1"}, {"b", ""}, {"a", "2"}};
    const std::string* a = knead::find_field(f, "a");
    REQUIRE(a != nullptr);
    CHECK(*a == "1");  // the first one
    CHECK(a == &f[0].second);
    const std::string* b = knead::find_field(f, "b");
    REQUIRE(b != nullptr);
    CHECK(b->empty());
    CHECK(knead::find_field(f, "c") == nullptr);
    CHECK(knead::find_field(f, "") == nullptr);
    CHECK(knead::find_field({}, "a") == nullptr);
}
