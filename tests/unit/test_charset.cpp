#include "readers/common/charset.hpp"

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
    CHECK(converter_name("big5") == "Big5-HKSCS");  // a superset of windows-950, as browsers read Big5
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

namespace {

// Returns s repeated n times, one per line.
std::string lines(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s + "\n";
    return out;
}

bool has_note(const DiagnosticSink& sink, const std::string& text) {
    for (const Diagnostic& d : sink.diagnostics())
        if (d.severity == Severity::note && d.message.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("charset: text inputs with a BOM are read in its encoding, the BOM dropped") {
    DiagnosticSink sink;
    CHECK(decode_text_input("a.txt", "\xEF\xBB\xBF\xE4\xB8\xAD\r\n", "", sink) == "中\n");
    CHECK(decode_text_input("a.txt", std::string("\xFF\xFE\x2D\x4E\x0A\x00", 6), "", sink) == "中\n");
    CHECK(decode_text_input("a.txt", std::string("\xFE\xFF\x4E\x2D\x00\x0A", 6), "", sink) == "中\n");
    CHECK(decode_text_input("a.txt", std::string("\xFF\xFE\x00\x00\x2D\x4E\x00\x00", 8), "", sink) == "中");
    CHECK(decode_text_input("a.txt", std::string("\x00\x00\xFE\xFF\x00\x02\x00\x00", 8), "", sink) == "\xF0\xA0\x80\x80");
    CHECK(has_note(sink, "read as UTF-16LE (byte order mark)"));
    CHECK(sink.count(Severity::warning) == 0);
}

TEST_CASE("charset: UTF-16 without a BOM is recognised by its zero bytes, even in Chinese text") {
    // 標題\n\n正文第一段。\n: the only zero bytes are those of the line ends, and 一 (U+4E00) has one too.
    const std::string le("\x19\x6A\x4C\x98\x0A\x00\x0A\x00\x63\x6B\x87\x65\x2C\x7B\x00\x4E\xB5\x6B\x02\x30\x0A\x00", 22);
    std::string be;
    for (std::size_t i = 0; i < le.size(); i += 2) be += std::string{le[i + 1], le[i]};
    CHECK(sniff_unicode(le).encoding == "UTF-16LE");
    CHECK(sniff_unicode(be).encoding == "UTF-16BE");
    DiagnosticSink sink;
    CHECK(decode_text_input("a.txt", le, "", sink) == "標題\n\n正文第一段。\n");
    CHECK(decode_text_input("a.txt", be, "", sink) == "標題\n\n正文第一段。\n");
    CHECK(has_note(sink, "read as UTF-16BE (detected)"));
    // NULs that fall on both sides of the units are not UTF-16.
    CHECK(sniff_unicode(std::string("\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR\x00\x01", 18)).encoding.empty());
    CHECK(sniff_unicode("plain text").encoding.empty());
}

TEST_CASE("charset: Big5 text is detected and read as Big5-HKSCS") {
    // 國家人工智能創新應用先導區：北京、上海。
    const std::string big5 = "\xB0\xEA\xAE\x61\xA4\x48\xA4\x75\xB4\xBC\xAF\xE0\xB3\xD0\xB7\x73\xC0\xB3\xA5\xCE\xA5\xFD"
                             "\xBE\xC9\xB0\xCF\xA1\x47\xA5\x5F\xA8\xCA\xA1\x42\xA4\x57\xAE\xFC\xA1\x43";
    DiagnosticSink sink;
    CHECK(decode_text_input("a.txt", lines(big5, 3), "", sink) == lines("國家人工智能創新應用先導區：北京、上海。", 3));
    CHECK(has_note(sink, "read as Big5-HKSCS (detected)"));
    CHECK(sink.count(Severity::warning) == 0);
}

TEST_CASE("charset: HKSCS characters (Ext-B) in Big5-HKSCS text") {
    // 香港增補字符集：𠕇𧘇。 (HKSCS codes FA40 and C8A4 for the last two Han)
    const std::string hk = "\xAD\xBB\xB4\xE4\xBC\x57\xB8\xC9\xA6\x72\xB2\xC5\xB6\xB0\xA1\x47\xFA\x40\xC8\xA4\xA1\x43";
    DiagnosticSink sink;
    std::string out = decode_text_input("a.txt", hk + "\n", "", sink);
    CHECK(has_note(sink, "Big5-HKSCS"));
    CHECK(out.find("香港增補字符集") == 0);
}

TEST_CASE("charset: GB18030 text, with a 4-byte character, and GBK text are detected") {
    // 国家人工智能创新应用先导区，北京、上海。 then U+20000 as a 4-byte sequence.
    const std::string gb = "\xB9\xFA\xBC\xD2\xC8\xCB\xB9\xA4\xD6\xC7\xC4\xDC\xB4\xB4\xD0\xC2\xD3\xA6\xD3\xC3\xCF\xC8"
                           "\xB5\xBC\xC7\xF8\xA3\xAC\xB1\xB1\xBE\xA9\xA1\xA2\xC9\xCF\xBA\xA3\xA1\xA3";
    DiagnosticSink sink;
    std::string out = decode_text_input("a.txt", lines(gb, 3) + "\x95\x32\x82\x36\n", "", sink);
    CHECK(out == lines("国家人工智能创新应用先导区，北京、上海。", 3) + "\xF0\xA0\x80\x80\n");
    CHECK(has_note(sink, "read as GB18030 (detected)"));
    // GBK's own area beyond GB 2312: 國家 in GBK (traditional characters, lead bytes below 0xA1).
    DiagnosticSink gbk_sink;
    std::string gbk = "\x87\xF8\xBC\xD2\xC8\xCB\xB9\xA4\xD6\xC7\xC4\xDC\x84\x93\xD0\xC2\x91\xAA\xD3\xC3\xA3\xAC";
    CHECK(decode_text_input("a.txt", lines(gbk, 2), "", gbk_sink) == lines("國家人工智能創新應用，", 2));
    CHECK(has_note(gbk_sink, "read as GB18030 (detected)"));
}

TEST_CASE("charset: Shift_JIS and EUC-KR text are detected") {
    // 東京都は新たに発表した。私たちの生活にも影響が出ている。
    const std::string sjis =
        "\x93\x8C\x8B\x9E\x93\x73\x82\xCD\x90\x56\x82\xBD\x82\xC9\x94\xAD\x95\x5C\x82\xB5\x82\xBD\x81\x42\x8E\x84\x82\xBD\x82\xBF\x82\xCC\x90\xB6\x8A\x88\x82\xC9\x82\xE0\x89\x65\x8B\xBF\x82\xAA\x8F\x6F\x82\xC4\x82\xA2\x82\xE9\x81\x42";
    DiagnosticSink sink;
    CHECK(decode_text_input("a.txt", lines(sjis, 2), "", sink) ==
          lines("東京都は新たに発表した。私たちの生活にも影響が出ている。", 2));
    CHECK(has_note(sink, "read as Shift_JIS (detected)"));
    // 서울시는 새로운 대책을 논의할 방침이다. 우리 생활에도 큰 영향이 있다.
    const std::string euckr = "\xBC\xAD\xBF\xEF\xBD\xC3\xB4\xC2 \xBB\xF5\xB7\xCE\xBF\xEE \xB4\xEB\xC3\xA5\xC0\xBB "
                              "\xB3\xED\xC0\xC7\xC7\xD2 \xB9\xE6\xC4\xA7\xC0\xCC\xB4\xD9. \xBF\xEC\xB8\xAE "
                              "\xBB\xFD\xC8\xB0\xBF\xA1\xB5\xB5 \xC5\xAB \xBF\xB5\xC7\xE2\xC0\xCC \xC0\xD6\xB4\xD9.";
    CHECK(decode_text_input("a.txt", lines(euckr, 2), "", sink) ==
          lines("서울시는 새로운 대책을 논의할 방침이다. 우리 생활에도 큰 영향이 있다.", 2));
    CHECK(has_note(sink, "read as EUC-KR (detected)"));
}

TEST_CASE("charset: a forced encoding wins; an unknown name is a usage error") {
    DiagnosticSink sink;
    // \xA4\xA4\xA4\xE5 is 中文 in Big5 and ぁ… in GB18030; forced, no detection happens.
    CHECK(decode_text_input("a.txt", "\xD6\xD0\xCE\xC4", "big5", sink) != "中文");
    CHECK(decode_text_input("a.txt", "\xA4\xA4\xA4\xE5", "Big5", sink) == "中文");
    CHECK(decode_text_input("a.txt", "\xD6\xD0\xCE\xC4", "GBK", sink) == "中文");
    CHECK(has_note(sink, "read as GB18030 (given)"));
    try {
        decode_text_input("a.txt", "abc", "x-klingon", sink);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::usage);
        REQUIRE(!e.hints().empty());
        CHECK(e.hints()[0].find("GB18030") != std::string::npos);
    }
    // Forced, but the bytes are not in that encoding at all: an error, not U+FFFD soup.
    CHECK_THROWS_AS(decode_text_input("a.txt", "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87", "Shift_JIS", sink),
                    Error);
}

TEST_CASE("charset: bytes that no encoding fits clearly are an error naming the likely encodings") {
    DiagnosticSink sink;
    try {
        decode_text_input("a.txt", "\xF9\x41\xF9\x42\xF9\x43\xF9\x44\n", "", sink);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::input);
        CHECK(std::string(e.what()) == "cannot tell the encoding of this file");
        REQUIRE(e.hints().size() == 2);
        CHECK(e.hints()[0].find("GB18030") != std::string::npos);
        CHECK(e.hints()[0].find("Big5-HKSCS") != std::string::npos);
        CHECK(e.hints()[1].find("--encoding") != std::string::npos);
    }
    // Latin-1 text: more than a stray byte or two, and no CJK encoding fits it.
    CHECK_THROWS_AS(decode_text_input("a.txt", "Caf\xE9 au lait, na\xEFve cr\xE8me br\xFBl\xE9\x65, d\xE9j\xE0 vu\n", "", sink),
                    Error);
    // One or two stray bytes in short ASCII text stay warnings, as in any UTF-8 file.
    DiagnosticSink stray;
    CHECK(decode_text_input("a.txt", "Caf\xE9 au lait, na\xEFve\n", "", stray) == "Caf\xEF\xBF\xBD au lait, na\xEF\xBF\xBDve\n");
    CHECK(stray.count(Severity::warning) == 2);
}

TEST_CASE("charset: UTF-8 with a few bad bytes stays UTF-8, each bad byte reported") {
    std::string text;
    for (int i = 0; i < 20; ++i) text += "國家人工智能創新應用先導區。\n";  // 300 non-ASCII characters
    text.insert(9, "\xA4");
    text.insert(30, "\xFF");
    DiagnosticSink sink;
    std::string out = decode_text_input("a.txt", text, "", sink);
    CHECK(out.find("國家人工智能創新應用先導區") != std::string::npos);
    CHECK(sink.count(Severity::warning) == 2);
    CHECK(sink.diagnostics()[0].message.find("invalid UTF-8") != std::string::npos);
}
