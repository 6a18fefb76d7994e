#include "epub/content.hpp"
#include "epub/identifier.hpp"
#include "epub/navigation.hpp"
#include "epub/stylesheet.hpp"
#include "epub/zip_container.hpp"
#include "fonts/font.hpp"

#include <docexport/writers.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace docexport;
using namespace docexport::epub;
using docexport::test::link_to;
using docexport::test::one_section;
using docexport::test::paragraph;

namespace {

Block heading(int level, std::string text, std::string id = {}) {
    Block b;
    b.kind = BlockKind::heading;
    b.level = level;
    b.inlines = {make_text(std::move(text))};
    b.attr.id = std::move(id);
    return b;
}

Document two_sections() {
    Document doc;
    doc.meta.title = "測試書";
    doc.meta.language = "zh-Hant-TW";
    doc.meta.date = "2021-02-20";
    Section a;
    a.title = {make_text("第一篇")};
    a.meta.date = "2021-02-20 06:19";
    a.meta.source = "中國證券報";
    a.pos.file = "in/a.md";
    a.blocks = {paragraph({make_text("本篇有"), make_ruby("漢字", "hàn zì"), make_text("。"), link_to("#later", "跳到第二篇小節")}),
                heading(2, "小節")};
    Section b;
    b.title = {make_text("第二篇")};
    b.pos.file = "in/b.md";
    b.blocks = {heading(2, "後面", "later"), paragraph({link_to("a.md", "回第一篇"), link_to("https://example.com/路徑", "外部")})};
    doc.sections = {a, b};
    return doc;
}

std::string read_entry_names(const std::string& zip) {
    // Local file headers: "PK\3\4", name length at 26, extra length at 28, name at 30.
    std::string names;
    for (std::size_t at = 0; (at = zip.find(std::string("PK\x03\x04", 4), at)) != std::string::npos; at += 4) {
        auto u16 = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(zip[i]) | (static_cast<unsigned char>(zip[i + 1]) << 8)); };
        names += zip.substr(at + 30, u16(at + 26)) + (u16(at + 28) == 0 ? "" : "+extra") + "\n";
    }
    return names;
}

}  // namespace

TEST_CASE("epub: SHA-1 and version 5 UUIDs match the published vectors") {
    Sha1 sha;
    sha.update("abc");
    auto d = sha.digest();
    CHECK(d[0] == 0xa9);
    CHECK(d[19] == 0x9d);
    // Python: uuid.uuid5(uuid.NAMESPACE_URL, name); a UTF-8 name, and one that with the namespace fills more than
    // a SHA-1 block (16 + 50 bytes), shaped like the identifier write_epub derives.
    CHECK(uuid5_urn("http://example.com/") == "urn:uuid:0a300ee9-f9e4-5697-a51a-efc7fafaba67");
    CHECK(uuid5_urn("x") == "urn:uuid:4cd605e7-afa2-5360-b5b9-c5e9fb5c76f4");
    CHECK(uuid5_urn("漢字") == "urn:uuid:7951f64e-a643-5917-a4dd-be8615e79ad3");
    CHECK(uuid5_urn("docexport:0000000000000000000000000000000000000000") ==
          "urn:uuid:58f78134-bf72-5702-bea9-74054f0f411e");
}

TEST_CASE("epub: dates") {
    CHECK(parse_date("2021-02-20") == std::optional<std::time_t>(1613779200));
    CHECK(parse_date("2021-02-20 06:19") == std::optional<std::time_t>(1613779200 + 6 * 3600 + 19 * 60));
    CHECK_FALSE(parse_date("February 2021").has_value());
    CHECK(w3c_datetime(1613779200) == "2021-02-20T00:00:00Z");
    CHECK(w3c_date("2021-02-20 06:19") == "2021-02-20");
    CHECK(w3c_date("2021") == "2021");
    CHECK(w3c_date("昨天") == "");
}

TEST_CASE("epub: the container puts an uncompressed mimetype first, without extra field") {
    ZipContainer zip(1613779200);
    zip.add("mimetype", "application/epub+zip", false);
    zip.add("META-INF/container.xml", std::string(1000, 'x'));
    std::string bytes = zip.finish();
    CHECK(bytes.substr(30, 8) == "mimetype");
    CHECK(bytes.substr(38, 20) == "application/epub+zip");
    CHECK(read_entry_names(bytes) == "mimetype\nMETA-INF/container.xml\n");
    CHECK(bytes[8] == 0);  // method: stored
}

TEST_CASE("epub: an entry deflated ahead of time gives the archive libzip makes when it deflates the entry") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "<p>第" + std::to_string(i) + "段：人工智能創新應用先導區。</p>\n";
    ZipContainer::Deflated d = ZipContainer::deflate(text);
    CHECK(d.size == text.size());
    CHECK(d.bytes.size() < text.size() / 4);
    ZipContainer own(1613779200), ahead(1613779200);
    for (ZipContainer* zip : {&own, &ahead}) zip->add("mimetype", "application/epub+zip", false);
    own.add("EPUB/text/s0001.xhtml", text);
    ahead.add("EPUB/text/s0001.xhtml", std::move(d));
    std::string a = own.finish(), b = ahead.finish();
    CHECK(a.size() == b.size());
    CHECK(a == b);   // same data, CRC, sizes and option bits
    // In pieces, the same bytes.
    std::string pieces;
    std::size_t calls = 0;
    own.finish([&](std::string_view piece) {
        pieces.append(piece);
        ++calls;
    });
    CHECK(pieces == a);
    CHECK(calls >= 1);
}

TEST_CASE("epub: content documents carry language, semantic markup, ruby with rp and resolved links") {
    Document doc = two_sections();
    DiagnosticSink sink;
    ContentOptions options;
    options.language = "zh-Hant-TW";
    options.stylesheets = {"../styles/book.css"};
    Content c = render_content(doc, options, sink);
    REQUIRE(c.documents.size() == 2);
    const std::string& a = c.documents[0].bytes;
    const std::string& b = c.documents[1].bytes;
    CHECK(a.find("lang=\"zh-Hant-TW\" xml:lang=\"zh-Hant-TW\"") != std::string::npos);
    CHECK(a.find("<ruby>漢字<rp>（</rp><rt>hàn zì</rt><rp>）</rp></ruby>") != std::string::npos);
    CHECK(a.find("<time datetime=\"2021-02-20T06:19\">2021-02-20 06:19</time>") != std::string::npos);
    CHECK(a.find("<a href=\"s0002.xhtml#later\">") != std::string::npos);
    CHECK(a.find("<h2 id=\"s0001-h1\">小節</h2>") != std::string::npos);
    CHECK(b.find("<a href=\"s0001.xhtml\">回第一篇</a>") != std::string::npos);
    CHECK(b.find("href=\"https://example.com/%E8%B7%AF%E5%BE%91\"") != std::string::npos);
    CHECK(c.has_ruby);
    CHECK(sink.count(Severity::warning) == 0);
    REQUIRE(c.toc.size() == 4);
    CHECK(c.toc[1].href == "text/s0001.xhtml#s0001-h1");
    CHECK(c.toc[1].level == 2);
    CHECK(c.chars.chars(true).count(U'節') == 1);   // headings are bold
    CHECK(c.chars.chars(true).count(U'本') == 0);
}

TEST_CASE("epub: an unresolved link is reported and dropped, control characters never reach the XML") {
    Document doc;
    Section s;
    s.title = {make_text("標題\x01")};
    s.blocks = {paragraph({link_to("#nowhere", "無處"), link_to("javascript:alert(1)", "腳本")})};
    doc.sections = {s};
    DiagnosticSink sink;
    Content c = render_content(doc, ContentOptions{}, sink);
    CHECK(sink.count(Severity::warning) == 2);
    CHECK(c.documents[0].bytes.find("<span>無處</span>") != std::string::npos);
    CHECK(c.documents[0].bytes.find('\x01') == std::string::npos);
}

TEST_CASE("epub: a large section is split by the size budget, and links follow the split") {
    Document doc;
    Section s;
    s.title = {make_text("長文")};
    for (int i = 0; i < 40; ++i) s.blocks.push_back(paragraph({make_text(std::string(3000, 'x'))}));
    s.blocks.push_back(heading(2, "尾聲", "end"));
    s.blocks.insert(s.blocks.begin(), paragraph({link_to("#end", "到尾聲")}));
    doc.sections = {s};
    DiagnosticSink sink;
    ContentOptions options;
    options.split_bytes = 20000;
    Content c = render_content(doc, options, sink);
    REQUIRE(c.documents.size() >= 6);
    CHECK(c.documents[1].href == "text/s0001-2.xhtml");
    std::string last = c.documents.back().href.substr(5);
    CHECK(c.documents[0].bytes.find("href=\"" + last + "#end\"") != std::string::npos);
    for (const Resource& r : c.documents) CHECK(r.bytes.size() < 30000);
}

TEST_CASE("epub: nav nests headings under their sections") {
    std::vector<TocEntry> toc = {{"一", "text/s0001.xhtml", 1}, {"一之一", "text/s0001.xhtml#a", 2},
                                 {"一之一之一", "text/s0001.xhtml#b", 3}, {"二", "text/s0002.xhtml", 1}};
    CharUse chars;
    NavigationInput in{"zh-Hant", "書", "urn:uuid:x", "text/cover.xhtml", "text/s0001.xhtml", {"styles/book.css"}};
    std::string nav = render_nav(in, toc, chars);
    CHECK(nav.find("<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">") != std::string::npos);
    CHECK(nav.find("<h1>目錄</h1>") != std::string::npos);
    CHECK(nav.find("epub:type=\"bodymatter\" href=\"text/s0001.xhtml\"") != std::string::npos);
    auto squeeze = [](std::string s) {
        std::string out;
        for (char ch : s)
            if (ch != ' ' && ch != '\n') out += ch;
        return out;
    };
    CHECK(squeeze(nav).find("一之一</a><ol><li><ahref=\"text/s0001.xhtml#b\">一之一之一</a></li></ol></li></ol></li><li><ahref=\"text/s0002.xhtml\">二") !=
          std::string::npos);
    std::string ncx = render_ncx(in, toc);
    CHECK(ncx.find("<meta name=\"dtb:depth\" content=\"3\" />") != std::string::npos);
    CHECK(ncx.find("playOrder=\"4\"") != std::string::npos);
}

TEST_CASE("epub: the stylesheet follows the style and leaves out unused class rules") {
    style::Style st;
    StylesheetInput in;
    in.faces = {{"DX Noto Serif CJK TC", "../fonts/body-400.otf", 400, "opentype"}};
    in.body_stack = {"DX Noto Serif CJK TC", "Noto Serif CJK TC"};
    in.heading_stack = in.body_stack;
    in.used_classes = {"dateline"};
    std::string css = render_stylesheet(st, in);
    CHECK(css.find("src: url(\"../fonts/body-400.otf\") format(\"opentype\")") != std::string::npos);
    CHECK(css.find("font-family: \"DX Noto Serif CJK TC\", \"Noto Serif CJK TC\", serif;") != std::string::npos);
    CHECK(css.find("text-indent: 2em;") != std::string::npos);
    CHECK(css.find("line-height: 1.8;") != std::string::npos);
    CHECK(css.find("line-break: strict;") != std::string::npos);
    CHECK(css.find("text-spacing-trim: space-all;") != std::string::npos);
    CHECK(css.find("text-autospace:") != std::string::npos);
    CHECK(css.find(".dateline") != std::string::npos);
    CHECK(css.find(".summary") == std::string::npos);
    CHECK(css.find("writing-mode") == std::string::npos);
    in.vertical = true;
    CHECK(render_stylesheet(st, in).find("writing-mode: vertical-rl;") != std::string::npos);
}

TEST_CASE("epub: write_epub to a stream writes the entries in order, and its font subset holds the characters used") {
    Document doc = two_sections();
    DiagnosticSink sink;
    WriteOptions options;
    std::ostringstream out;
    write_epub(doc, out, options, sink);
    std::string names = read_entry_names(out.str());
    CHECK(names.rfind("mimetype\nMETA-INF/container.xml\nEPUB/package.opf\n", 0) == 0);
    CHECK(names.find("EPUB/fonts/body-400.otf\n") != std::string::npos);
    CHECK(names.find("+extra") == std::string::npos);

    // The subset, written out and opened again, has the book's characters and not others.
    std::set<char32_t> chars;
    for (char32_t ch : std::u32string(U"第一篇漢字")) chars.insert(ch);
    fonts::Font body = fonts::Font::find("Noto Serif CJK TC", 400, "zh-tw");
    std::string subset = body.subset_chars(chars, fonts::SubsetOptions{false, false, false});
    auto path = std::filesystem::temp_directory_path() / "docexport-test-epub-subset.otf";
    std::ofstream(path, std::ios::binary).write(subset.data(), static_cast<std::streamsize>(subset.size()));
    fonts::Font reopened = fonts::Font::open({path.string(), 0});
    CHECK(reopened.has_char(U'漢'));
    CHECK_FALSE(reopened.has_char(U'北'));
    std::filesystem::remove(path);
}

TEST_CASE("epub: --no-embed-fonts writes no font") {
    Document doc = two_sections();
    DiagnosticSink sink;
    WriteOptions options;
    options.embed_fonts = false;
    std::ostringstream out;
    write_epub(doc, out, options, sink);
    CHECK(read_entry_names(out.str()).find("EPUB/fonts/") == std::string::npos);
}

TEST_CASE("epub: the body's font size is set only for --font-size, relative to the reader's own") {
    style::Style st;
    StylesheetInput in;
    std::string body = "body {\n  margin: 0;\n  padding: 0;\n  line-height: 1.8;\n";
    std::string css = render_stylesheet(st, in);
    REQUIRE(css.find(body) != std::string::npos);
    CHECK(css.find(body + "  font-size") == std::string::npos);
    in.font_scale = 1.25;
    CHECK(render_stylesheet(st, in).find(body + "  font-size: 125%;\n") != std::string::npos);
    in.font_scale = 10.5 / 12;
    CHECK(render_stylesheet(st, in).find(body + "  font-size: 87.5%;\n") != std::string::npos);
}

TEST_CASE("epub: vertical text sets numbers of one to three digits upright (tcy), longer numbers and code stay rotated") {
    Inline code;
    code.kind = InlineKind::code;
    code.text = "x = 42";
    Block p = paragraph({make_text("工信部2月19日消息，8個先導區；2021年、06:19、1.5倍、5G、B2-20181903、第100期。"), code});
    Document doc = one_section({p}, "第12屆");
    DiagnosticSink sink;
    ContentOptions options;
    options.language = "zh-Hant-TW";
    options.vertical = true;
    Content c = render_content(doc, options, sink);
    REQUIRE(c.documents.size() == 1);
    const std::string& x = c.documents[0].bytes;
    for (const char* upright : {"第<span class=\"tcy\">12</span>屆", "工信部<span class=\"tcy\">2</span>月<span class=\"tcy\">19</span>日",
                                "<span class=\"tcy\">8</span>個", "第<span class=\"tcy\">100</span>期"}) {
        CAPTURE(upright);
        CHECK(x.find(upright) != std::string::npos);
    }
    for (const char* rotated : {"2021年", "06:19", "1.5倍", "5G", "B2-20181903", "<code>x = 42</code>"}) {
        CAPTURE(rotated);
        CHECK(x.find(rotated) != std::string::npos);
    }
    // Horizontal text has no such spans.
    options.vertical = false;
    CHECK(render_content(doc, options, sink).documents[0].bytes.find("tcy") == std::string::npos);
}
