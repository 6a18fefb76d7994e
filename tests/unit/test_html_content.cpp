#include "readers/html/urls.hpp"
#include "readers/html/html_content.hpp"

#include <doctest/doctest.h>

using namespace docexport;
using namespace docexport::readers;

namespace {
Blocks convert(std::string_view html, DiagnosticSink& sink, std::string base = "https://example.org/a/b.html") {
    return html_to_blocks(html, HtmlContext{std::move(base), {"f.xml", 10, 3}}, sink);
}
}  // namespace

TEST_CASE("html: paragraphs, headings, emphasis and links resolved against the base") {
    DiagnosticSink sink;
    Blocks b = convert("<h2>標題</h2><p>據<strong>報</strong>道，<a href='../c.html'>連結</a>\n續行。</p>", sink);
    REQUIRE(b.size() == 2);
    CHECK(b[0].kind == BlockKind::heading);
    CHECK(b[0].level == 2);
    CHECK(plain_text(b[1].inlines) == "據報道，連結續行。");  // no space at the line break between CJK
    CHECK(b[1].inlines[1].kind == InlineKind::strong);
    CHECK(b[1].inlines[3].kind == InlineKind::link);
    CHECK(b[1].inlines[3].target == "https://example.org/c.html");
}

TEST_CASE("html: white space between Latin words is one space") {
    DiagnosticSink sink;
    Blocks b = convert("<p>  hello\n   <em>big</em>  world  </p>", sink);
    REQUIRE(b.size() == 1);
    CHECK(plain_text(b[0].inlines) == "hello big world");
}

TEST_CASE("html: scripts, styles, iframes, forms and event handlers are dropped and noted") {
    DiagnosticSink sink;
    Blocks b = convert("<p onclick='x()'>a<script>alert(1)</script><style>p{}</style></p><iframe src=x></iframe>"
                       "<form><input></form><p><a href='javascript:alert(1)'>b</a></p>", sink);
    REQUIRE(b.size() == 2);
    CHECK(plain_text(b[0].inlines) == "a");
    CHECK(b[1].inlines[0].kind == InlineKind::text);  // the javascript: link is text only
    std::string notes;
    for (const auto& d : sink.diagnostics()) notes += d.message + "\n";
    CHECK(notes.find("<script>") != std::string::npos);
    CHECK(notes.find("<style>") != std::string::npos);
    CHECK(notes.find("<iframe>") != std::string::npos);
    CHECK(notes.find("<form>") != std::string::npos);
    CHECK(notes.find("event handler") != std::string::npos);
    for (const auto& d : sink.diagnostics()) CHECK(d.verbose_only);
}

TEST_CASE("html: images become figures with alt text and a link, never fetched") {
    DiagnosticSink sink;
    Blocks b = convert("<p>前<img src='i/x.png' alt='示意圖'>後</p><img src='data:image/png;base64,AAAA'>", sink);
    REQUIRE(b.size() == 3);
    CHECK(plain_text(b[0].inlines) == "前");
    CHECK(b[1].attr.classes == std::vector<std::string>{"figure", "remote-image"});
    CHECK(*b[1].attr.find("src") == "https://example.org/a/i/x.png");
    CHECK(b[1].inlines[0].kind == InlineKind::link);
    CHECK(plain_text(b[1].inlines) == "示意圖");
    CHECK(plain_text(b[2].inlines) == "後");
}

TEST_CASE("html: lists, tables, quotes, pre and rules") {
    DiagnosticSink sink;
    Blocks b = convert("<ol start=3><li>一</li><li>二<ul><li>甲</li></ul></li></ol>"
                       "<table><thead><tr><th>城市</th><th>批次</th></tr></thead><tr><td>北京</td></tr></table>"
                       "<blockquote><p>引</p></blockquote><pre><code class='language-cpp'>int x;\n  y();</code></pre><hr>", sink);
    REQUIRE(b.size() == 5);
    CHECK(b[0].kind == BlockKind::ordered_list);
    CHECK(b[0].start == 3);
    CHECK(b[0].items.size() == 2);
    CHECK(b[0].items[1].back().kind == BlockKind::bullet_list);
    CHECK(b[1].kind == BlockKind::table);
    CHECK(b[1].table.header.size() == 2);
    REQUIRE(b[1].table.rows.size() == 1);
    CHECK(b[1].table.rows[0].size() == 2);  // padded
    CHECK(b[2].kind == BlockKind::block_quote);
    CHECK(b[3].kind == BlockKind::code_block);
    CHECK(b[3].text == "int x;\n  y();");
    CHECK(b[3].info == "cpp");
    CHECK(b[4].kind == BlockKind::rule);
}

TEST_CASE("html: ruby keeps base and annotation, rp is dropped") {
    DiagnosticSink sink;
    Blocks b = convert("<p><ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp>字<rt>zì</rt></ruby></p>", sink);
    REQUIRE(b.size() == 1);
    REQUIRE(b[0].inlines.size() == 2);
    CHECK(b[0].inlines[0].kind == InlineKind::ruby);
    CHECK(b[0].inlines[0].text == "hàn");
    CHECK(plain_text(b[0].inlines[0].children) == "漢");
    CHECK(b[0].inlines[1].text == "zì");
}

TEST_CASE("html: named entities are decoded by the HTML parser; titles become text") {
    CHECK(html_to_text("a&nbsp;&mdash;&amp;&lt;b&gt; &#20013;") == "a\xC2\xA0—&<b> 中");
    CHECK(html_to_text("電子書<b>排版</b>\n規範") == "電子書排版規範");
    CHECK(html_to_text("&lol9;") == "&lol9;");
}

TEST_CASE("html: very deep nesting is read as plain text, quickly") {
    DiagnosticSink sink;
    std::string deep;
    for (int i = 0; i < 50000; ++i) deep += "<div>";
    deep += "深";
    Blocks b = convert(deep, sink);
    REQUIRE(b.size() == 1);
    CHECK(plain_text(b[0].inlines) == "深");
    CHECK(sink.count(Severity::warning) == 1);
}

TEST_CASE("html: text_to_blocks splits paragraphs at blank lines") {
    Blocks b = text_to_blocks("第一段\n續。\n\n  \nsecond\npara", {"f", 5, 1});
    REQUIRE(b.size() == 2);
    CHECK(plain_text(b[0].inlines) == "第一段續。");
    CHECK(plain_text(b[1].inlines) == "second para");
    CHECK(b[1].pos.line == 9);
}

TEST_CASE("urls: RFC 3986 resolution and safe schemes") {
    CHECK(resolve_url("https://a.org/b/c/d?q", "../e") == "https://a.org/b/e");
    CHECK(resolve_url("https://a.org/b/c/d?q", "/x/./y/../z") == "https://a.org/x/z");
    CHECK(resolve_url("https://a.org/b/c", "//cdn.org/i.png") == "https://cdn.org/i.png");
    CHECK(resolve_url("https://a.org/b/c", "?p=1") == "https://a.org/b/c?p=1");
    CHECK(resolve_url("https://a.org", "x.html") == "https://a.org/x.html");
    CHECK(resolve_url("https://a.org/b/", "HTTP://B.org/") == "http://B.org/");
    CHECK(resolve_url("", "rel/x.html") == "rel/x.html");
    CHECK(safe_link("https://a.org"));
    CHECK(safe_link("rel.html"));
    CHECK(!safe_link("javascript:alert(1)"));
    CHECK(!safe_link(" JavaScript:alert(1)"));
    CHECK(!safe_link("java\nscript:alert(1)"));
    CHECK(!safe_link("file:///etc/passwd"));
    CHECK(!safe_link("data:text/html,x"));
}

TEST_CASE("html strip_tags: white space kept for html_to_text, or collapsed into finished text") {
    std::string_view html = "<p>中\n文 <b>a</b><!-- x > y -->b</p>\n<p>1 < 2";
    CHECK(strip_tags(html, TagSpace::keep) == " 中\n文  a  b \n 1 < 2");
    CHECK(strip_tags(html, TagSpace::collapse) == "中 文 a b 1 < 2");
    CHECK(html_to_text(strip_tags(html, TagSpace::keep)) == "中文 a b 1 < 2");
    CHECK(strip_tags("  <br/>  ", TagSpace::collapse).empty());
    CHECK(strip_tags("a<!-- never closed", TagSpace::collapse) == "a<!-- never closed");
}
