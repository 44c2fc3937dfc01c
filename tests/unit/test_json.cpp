#include <doctest/doctest.h>

#include <limits>

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

using knead::JsonWriter;

TEST_CASE("JsonWriter puts commas between values and keys before values") {
    JsonWriter w;
    w.object().key("a").value(1).key("b").value("x").key("c").array().value(-2).null().end();
    w.key("d").object().end().key("e").strings({"p", "q"}).end();
    CHECK(w.text() == R"({"a":1,"b":"x","c":[-2,null],"d":{},"e":["p","q"]})"
                      "\n");
}

TEST_CASE("JsonWriter starts each object of an array on its own line") {
    JsonWriter w = JsonWriter::document();
    w.key("rows").array();
    w.object().key("n").value(1).end();
    w.object().key("n").value(2).key("inner").array().object().end().end().end();
    w.end().key("empty").array().end().end();
    CHECK(w.text() ==
          "{\"version\":2,\"rows\":[\n"
          "{\"n\":1},\n"
          "{\"n\":2,\"inner\":[\n"
          "{}\n"
          "]}\n"
          "],\"empty\":[]}\n");
}

TEST_CASE("JsonWriter numbers: decimals as asked, null when missing or not finite") {
    JsonWriter w;
    w.array().number(600.0, 1).number(5.26, 1).number(std::optional<double>{}, 1);
    w.number(std::numeric_limits<double>::infinity(), 1)
        .value(std::optional<int>{})
        .value(std::optional<int>{3});
    w.value(std::size_t{7}).end();
    CHECK(w.text() == "[600.0,5.3,null,null,null,3,7]\n");
}

TEST_CASE("JsonWriter keeps keys and strings valid JSON whatever their bytes") {
    JsonWriter w;
    w.object().key("k\"\x01").value(std::string_view("\x1b[31m\xff\0", 7)).end();
    CHECK(w.text() == R"({"k\"\u0001":"\u001b[31m\ufffd\u0000"})"
                      "\n");
}

TEST_CASE("JsonWriter text is unfinished until every value is closed") {
    JsonWriter w;
    w.object().key("a").array();
    CHECK(w.text() == R"({"a":[)");
    w.end().end();
    CHECK(w.text() == "{\"a\":[]}\n");
}

TEST_CASE("a document taken in parts as it is built is the whole text") {
    auto build = [](knead::JsonWriter& w, std::string* parts) {
        w.key("items").array();
        for (int i = 0; i < 5; ++i) {
            w.object().key("n").value(i).key("s").value("x").end();
            if (parts && i % 2 == 0) *parts += w.take();
        }
        w.end().key("done").value("yes").end();
        if (parts) *parts += w.take();
    };
    knead::JsonWriter whole = knead::JsonWriter::document();
    build(whole, nullptr);
    knead::JsonWriter streamed = knead::JsonWriter::document();
    std::string parts;
    build(streamed, &parts);
    CHECK(parts == whole.text());
    CHECK(parts.back() == '\n');
    CHECK(streamed.take().empty());
}
