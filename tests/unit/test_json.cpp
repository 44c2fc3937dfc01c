#include <doctest/doctest.h>

#include "knead/json.hpp"

using knead::json_string;

TEST_CASE("json_string quotes plain text as it is") {
    CHECK(json_string("temple") == "\"temple\"");
    CHECK(json_string("") == "\"\"");
}

TEST_CASE("json_string escapes quotes, backslashes and control characters") {
    CHECK(json_string(R"(a"b\c)") == R"("a\"b\\c")");
    CHECK(json_string("line\nnext\ttab\r") == R"("line\nnext\ttab\r")");
    CHECK(json_string(std::string_view("\x01\x1f", 2)) == R"("\u0001\u001f")");
    CHECK(json_string(std::string_view("a\0b", 3)) == R"("a\u0000b")");
}

TEST_CASE("json_string keeps UTF-8 and replaces bytes that are not UTF-8") {
    CHECK(json_string("épaule") == "\"épaule\"");
    CHECK(json_string("\xe2\x82\xac") == "\"\xe2\x82\xac\"");  // a 3-byte character
    CHECK(json_string("a\xff"
                      "b") == R"("a\ufffdb")");
    CHECK(json_string("\xc3") == R"("\ufffd")");                      // cut short
    CHECK(json_string("\xc0\xaf") == R"("\ufffd\ufffd")");            // overlong
    CHECK(json_string("\xed\xa0\x80") == R"("\ufffd\ufffd\ufffd")");  // a surrogate
}
