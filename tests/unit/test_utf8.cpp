#include "readers/common/utf8.hpp"

#include <doctest/doctest.h>

using namespace docexport;
using namespace docexport::readers;

TEST_CASE("utf8: sanitize drops the BOM, normalises line ends and reports invalid bytes with line:col") {
    DiagnosticSink sink;
    std::string out = sanitize_utf8("a.txt", "\xEF\xBB\xBF" "ab\r\ncd\rx\xFF\xFEy\n", sink);
    CHECK(out == "ab\ncd\nx\xEF\xBF\xBD\xEF\xBF\xBDy\n");  // one U+FFFD per invalid byte, one report per run
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(to_string(sink.diagnostics()[0].pos) == "a.txt:3:2");
    CHECK(sink.diagnostics()[0].message.find("0xFF") != std::string::npos);
}

TEST_CASE("utf8: a truncated sequence at the end and NUL bytes become U+FFFD") {
    DiagnosticSink sink;
    CHECK(sanitize_utf8("a", std::string("\xE5\x8D", 2), sink) == "\xEF\xBF\xBD");
    CHECK(sanitize_utf8("a", std::string("a\0b", 3), sink) == "a\xEF\xBF\xBD" "b");
    CHECK(sink.count(Severity::warning) == 2);
}

TEST_CASE("utf8: reports of invalid bytes are capped") {
    DiagnosticSink sink;
    std::string bad;
    for (int i = 0; i < 1000; ++i) bad += "a\xFF";
    sanitize_utf8("a", bad, sink);
    CHECK(sink.count(Severity::warning) <= 21);
}

TEST_CASE("utf8: code points, character classes and trimming") {
    std::string s = "區𠀋a";
    std::size_t i = 0;
    CHECK(next_code_point(s, i) == U'區');
    CHECK(next_code_point(s, i) == U'\U0002000B');
    CHECK(next_code_point(s, i) == U'a');
    CHECK(i == s.size());
    CHECK(previous_code_point(s, i) == U'a');
    CHECK(utf8::count_code_points(s) == 3);
    CHECK(utf8::encode(utf8::decode(s)) == s);
    CHECK(is_han(U'區'));
    CHECK(is_han(U'\U0002000B'));
    CHECK(is_han(U'〇'));
    CHECK_FALSE(is_han(U'，'));
    CHECK(is_cjk(U'，'));
    CHECK(is_cjk(U'か'));
    CHECK_FALSE(is_cjk(U'a'));
    CHECK(is_space(U'\u2002'));
    CHECK(is_space(U'\u3000'));
    CHECK(is_space(U'\u00A0'));
    CHECK(is_alnum_latin(U'é'));
    CHECK_FALSE(is_alnum_latin(U'區'));
    CHECK(trim("\u2002\u2002 工信部\u3000 ") == "工信部");
    CHECK(column_of("工信部x", 9) == 4);
}
