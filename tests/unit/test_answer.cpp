// Parsing what the user types after a step, and resolving "same as last".
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "knead/answer.hpp"

using knead::AnswerKind;
using knead::parse_answer;

namespace {

void check_pain(std::string_view line, int pain) {
    CAPTURE(std::string(line));
    auto a = parse_answer(line);
    CHECK(a.kind == AnswerKind::pain);
    CHECK(a.pain == pain);
}

void check_kind(std::string_view line, AnswerKind kind) {
    CAPTURE(std::string(line));
    CHECK(parse_answer(line).kind == kind);
}

}  // namespace

TEST_CASE("answer: numbers 0 to 10 are pain") {
    for (int n = 0; n <= 10; ++n) check_pain(std::to_string(n), n);
    check_pain("6", 6);
    check_pain("10", 10);
    check_pain("0", 0);
}

TEST_CASE("answer: surrounding blanks are ignored") {
    check_pain(" 6 ", 6);
    check_pain("\t7\t", 7);
    check_pain("8\r", 8);  // a line from a CRLF terminal
    check_pain("   10   ", 10);
    check_kind(" s ", AnswerKind::skip);
    check_kind("\tq", AnswerKind::quit);
    check_kind(" ! ", AnswerKind::red_flag);
}

TEST_CASE("answer: Enter means the same as last time") {
    check_kind("", AnswerKind::same);
    check_kind("   ", AnswerKind::same);
    check_kind("\t\r", AnswerKind::same);
}

TEST_CASE("answer: s, q and !") {
    check_kind("s", AnswerKind::skip);
    check_kind("S", AnswerKind::skip);
    check_kind("q", AnswerKind::quit);
    check_kind("Q", AnswerKind::quit);
    check_kind("!", AnswerKind::red_flag);
}

TEST_CASE("answer: a sign to stop in a patient's words is the red flag") {
    for (std::string_view said :
         {"tingling", "Tingling", "it's gone numb", "NUMBNESS", "pins and needles", "sharp!",
          "a shooting pain", "dizzy", "light-headed", "fainting", " stabbing ", "7 but tingly",
          "no tingling"}) {
        CAPTURE(said);
        check_kind(said, AnswerKind::red_flag);
        CHECK(knead::parse_confirm(said).kind == AnswerKind::red_flag);
    }
    // A word that only contains one is not it.
    for (std::string_view said :
         {"ouch", "it hurts", "sharpen", "numbers", "sore", "achy", "a faint ache"}) {
        CAPTURE(said);
        CHECK_FALSE(knead::names_red_flag(said));
        check_kind(said, AnswerKind::invalid);
    }
}

TEST_CASE("answer: everything else is invalid") {
    for (std::string_view bad :
         {"11",   "-1",  "-10", "+5",  "six",      "6.5",         "1 2", "6 6",
          "66",   "100", "010", "x",   "ss",       "qq",          "!!",  "quit",
          "skip", "s!",  "6s",  "0x5", "\xc2\xbd", "\xe2\x91\xa5"}) {
        check_kind(bad, AnswerKind::invalid);
    }
    check_kind(std::string_view("\0", 1), AnswerKind::invalid);
    check_kind(std::string_view("6\0", 2), AnswerKind::invalid);
    check_kind(std::string(10000, '6'), AnswerKind::invalid);
    check_kind(std::string(100000, ' ') + "x", AnswerKind::invalid);
    check_kind("99999999999999999999999999", AnswerKind::invalid);
    // An invalid answer carries no pain.
    CHECK(parse_answer("11").pain == 0);
}

TEST_CASE("answer: a long run of blanks around a number is still the number") {
    check_pain(std::string(10000, ' ') + "5" + std::string(10000, ' '), 5);
}

TEST_CASE("resolve_same") {
    using knead::Answer;
    using knead::resolve_same;
    SUBCASE("same with a last pain becomes that pain") {
        auto a = resolve_same({AnswerKind::same}, 5);
        CHECK(a.kind == AnswerKind::pain);
        CHECK(a.pain == 5);
        auto z = resolve_same({AnswerKind::same}, 0);
        CHECK(z.kind == AnswerKind::pain);
        CHECK(z.pain == 0);
    }
    SUBCASE("same without one stays same") {
        CHECK(resolve_same({AnswerKind::same}, std::nullopt).kind == AnswerKind::same);
    }
    SUBCASE("other answers pass through") {
        auto p = resolve_same({AnswerKind::pain, 3}, 5);
        CHECK(p.kind == AnswerKind::pain);
        CHECK(p.pain == 3);
        for (AnswerKind k :
             {AnswerKind::skip, AnswerKind::quit, AnswerKind::red_flag, AnswerKind::invalid}) {
            CAPTURE(static_cast<int>(k));
            CHECK(resolve_same({k}, 5).kind == k);
            CHECK(resolve_same({k}, std::nullopt).kind == k);
        }
    }
    SUBCASE("with parse_answer") {
        auto a = resolve_same(parse_answer(""), 7);
        CHECK(a.kind == AnswerKind::pain);
        CHECK(a.pain == 7);
    }
}

TEST_CASE("parse_answer: signs are not pain") {
    CHECK(knead::parse_answer("-0").kind == knead::AnswerKind::invalid);
    CHECK(knead::parse_answer("+5").kind == knead::AnswerKind::invalid);
    CHECK(knead::parse_answer("06").kind == knead::AnswerKind::pain);
    CHECK(knead::parse_answer("06").pain == 6);
}
