#include "readers/charset.hpp"

#include <doctest/doctest.h>

using namespace docexport;
using namespace docexport::readers;

TEST_CASE("charset: the XML declaration names the encoding") {
    CHECK(xml_declared_encoding("<?xml version=\"1.0\" encoding=\"Big5\"?><rss/>") == "Big5");
    CHECK(xml_declared_encoding("\xEF\xBB\xBF  \n<?xml version='1.0' encoding = 'gb2312' ?>") == "gb2312");
    CHECK(xml_declared_encoding("<?xml version=\"1.0\"?><rss/>").empty());
    CHECK(xml_declared_encoding("<rss/>").empty());
}

TEST_CASE("charset: labels map to ICU converters the way browsers read them") {
    CHECK(converter_name("gb2312") == "GB18030");
    CHECK(converter_name("GBK") == "GB18030");
    CHECK(converter_name("big5") == "windows-950");
    CHECK(converter_name("ISO-8859-1") == "windows-1252");
    CHECK(converter_name("Shift_JIS") == "windows-31j");
    CHECK(converter_name("euc-kr") == "windows-949");
    CHECK(converter_name("utf-16le") == "UTF-16LE");
    CHECK(converter_name("ISO-8859-2") == "iso-8859-2");
    CHECK(converter_name("x-klingon").empty());
    // A label is never a path: ICU would read a converter file from disk.
    CHECK(converter_name("/etc/passwd").empty());
    CHECK(converter_name("../../tmp/x").empty());
    CHECK(converter_name("utf-8,swaplfnl").empty());
}

TEST_CASE("charset: BOMs, UTF-16 without a BOM, declared legacy encodings") {
    DiagnosticSink sink;
    CHECK(decode_to_utf8("a", "\xEF\xBB\xBFok", "", sink).text == "ok");
    auto u16 = decode_to_utf8("a", std::string("\xFF\xFE<\0\x2D\x4E", 6), "", sink);
    CHECK(u16.text == "<中");
    CHECK(u16.encoding == "UTF-16LE");
    auto u16be = decode_to_utf8("a", std::string("\0<\0a", 4), "", sink);
    CHECK(u16be.text == "<a");
    auto big5 = decode_to_utf8("a", "\xA4\xA4\xA4\xE5", "big5", sink);  // 中文
    CHECK(big5.text == "中文");
    auto gb = decode_to_utf8("a", "\xD6\xD0\xCE\xC4\x95\x32\x82\x36", "gb2312", sink);  // 中文 and U+20000 (4 bytes)
    CHECK(gb.text == "中文\xF0\xA0\x80\x80");
    CHECK(sink.count(Severity::warning) == 0);
}

TEST_CASE("charset: invalid bytes in a legacy encoding become U+FFFD and are reported with line:col") {
    DiagnosticSink sink;
    auto r = decode_to_utf8("f.xml", "ab\n\xA4\xA4\xA4\x20x\n", "big5", sink);
    CHECK(r.text.find("\xEF\xBF\xBD") != std::string::npos);
    REQUIRE(sink.count(Severity::warning) >= 1);
    CHECK(to_string(sink.diagnostics()[0].pos) == "f.xml:2:2");
}

TEST_CASE("charset: an undeclared legacy encoding is detected, with a warning") {
    DiagnosticSink sink;
    std::string gb = "\xB9\xFA\xBC\xD2\xC8\xCB\xB9\xA4\xD6\xC7\xC4\xDC\xB4\xB4\xD0\xC2\xD3\xA6\xD3\xC3";  // 国家人工智能创新应用
    std::string text;
    for (int i = 0; i < 8; ++i) text += "<p>" + gb + "</p>";
    auto r = decode_to_utf8("a", text, "", sink);
    CHECK(r.text.find("国家人工智能创新应用") != std::string::npos);
    CHECK(sink.count(Severity::warning) == 1);
    CHECK(sink.diagnostics()[0].message.find("detected") != std::string::npos);
}

TEST_CASE("charset: an unknown declared encoding is a warning, not a failure") {
    DiagnosticSink sink;
    auto r = decode_to_utf8("a", "plain", "x-klingon", sink);
    CHECK(r.text == "plain");
    CHECK(sink.count(Severity::warning) == 1);
}
