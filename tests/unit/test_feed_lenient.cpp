// --lenient: what libxml2's recovery reads from the broken-* feeds (tests/feeds/make_broken_feeds.py) is compared
// with what the strict reader reads from a well-formed feed holding the same text at the same places, so that
// every character before the error, and what recovery keeps after it, is seen to reach the model.
#include "readers/feed/feed_reader.hpp"
#include "readers/feed/xml_recovery.hpp"

#include <docexport/readers.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace docexport;
using namespace docexport::readers;

namespace {

using test::feed_path;
using test::slurp;

// What a run shows of a lone feed: the model dump, and each diagnostic.
struct Reading {
    std::string model;
    std::vector<std::string> diagnostics;
};

// Reads bytes as the feed named name (the name is what positions carry); throws what read_feed throws.
Reading read_as(const std::string& name, const std::string& bytes, bool lenient) {
    ReadOptions options;
    options.lenient = lenient;
    DiagnosticSink sink;
    Feed feed = read_feed(name, bytes, options, sink);
    std::vector<PlacedFeed> placed(1);
    placed[0].feed = std::move(feed);
    Document doc;
    insert_feeds(doc, std::move(placed), 1, options, sink);
    Reading r{dump_model_json(doc), {}};
    for (const Diagnostic& d : sink.diagnostics()) r.diagnostics.push_back(format_diagnostic(d));
    return r;
}

std::string error_of(const std::string& name, const std::string& bytes, bool lenient) {
    try {
        read_as(name, bytes, lenient);
    } catch (const Error& e) {
        return format_diagnostic(e.as_diagnostic());
    }
    return "no error";
}

// Checks that --lenient reads the broken feed as the strict reader reads fixed (the same text, well-formed):
// the same model, positions included, and the same diagnostics after the first, which says what was recovered.
void check_recovers(const std::string& broken_name, const std::string& fixed, const std::string& first_warning) {
    std::string path = feed_path(broken_name);
    std::string broken = slurp(path);
    REQUIRE(!broken.empty());
    CHECK(error_of(path, broken, false) != "no error");
    Reading strict = read_as(path, fixed, false);
    Reading lenient = read_as(path, broken, true);
    CHECK(lenient.model == strict.model);
    REQUIRE(!lenient.diagnostics.empty());
    CHECK(lenient.diagnostics.front().find(first_warning) != std::string::npos);
    lenient.diagnostics.erase(lenient.diagnostics.begin());
    CHECK(lenient.diagnostics == strict.diagnostics);
}

std::string cut_before(const std::string& s, const std::string& what) {
    std::size_t at = s.find(what);
    REQUIRE(at != std::string::npos);
    return s.substr(0, at);
}

}  // namespace

TEST_CASE("lenient: a feed cut off in an entry's text keeps the text up to the cut") {
    std::string broken = slurp(feed_path("broken-truncated.rss"));
    check_recovers("broken-truncated.rss", broken + "</description></item></channel></rss>\n",
                   "broken-truncated.rss:32:45: warning: malformed XML: start-end tags mismatch; 2 entries recovered");
    Reading r = read_as("cut.rss", broken, true);
    CHECK(r.model.find("\"人工\"") != std::string::npos);  // the last two characters, in the <em> they were in
}

TEST_CASE("lenient: a Big5 feed cut off in a title") {
    std::string broken = slurp(feed_path("broken-truncated-big5.rss"));
    check_recovers("broken-truncated-big5.rss", broken + "</title></item></channel></rss>\n",
                   "warning: malformed XML: start-end tags mismatch; 4 entries recovered");
    CHECK(read_as("cut.rss", broken, true).model.find("\"電子書\"") != std::string::npos);
}

TEST_CASE("lenient: a CDATA section never closed loses its text and what follows, nothing before it") {
    std::string broken = slurp(feed_path("broken-unclosed-cdata.rss"));
    check_recovers("broken-unclosed-cdata.rss",
                   cut_before(broken, "<![CDATA[") + "</content:encoded></item></channel></rss>\n",
                   "warning: malformed XML: error parsing CDATA section; 1 entry recovered");
}

TEST_CASE("lenient: after a misspelt end tag, every entry is read as written, bare & and entities included") {
    std::string broken = slurp(feed_path("broken-ampersand.rss"));
    std::string fixed = broken;
    fixed.replace(fixed.find("</titel>"), 8, "</title>");
    check_recovers("broken-ampersand.rss", fixed,
                   "broken-ampersand.rss:29:23: warning: malformed XML: start-end tags mismatch; 3 entries recovered");
    Reading r = read_as("amp.rss", broken, true);
    CHECK(r.model.find("https://news.example.cn/2021/02/20/ai.html?utm_source=rss&utm_medium=feed") != std::string::npos);
    CHECK(r.model.find("https://news.example.cn/x.html?id=3&lang=zh&ref=rss") != std::string::npos);
    CHECK(r.model.find("AT&T 與\u00A0日期不明的文章 <3>") != std::string::npos);     // &nbsp; and &lt; after the error
    CHECK(r.model.find("上海浦東新區") != std::string::npos);
}

TEST_CASE("lenient: undeclared prefixes are read with their usual namespaces, as in a well-formed feed") {
    std::string broken = slurp(feed_path("broken-undeclared-prefix.rss"));
    check_recovers("broken-undeclared-prefix.rss", broken + "</item></channel></rss>\n",
                   "warning: malformed XML: start-end tags mismatch; 1 entry recovered");
    Reading r = read_as("ns.rss", broken, true);
    CHECK(r.model.find("記者 王明") != std::string::npos);  // dc:creator
    CHECK(r.model.find("中國證券報") != std::string::npos);  // content:encoded
}

TEST_CASE("lenient: a byte order mark that the bytes contradict is ignored") {
    std::string utf16 = slurp(feed_path("broken-bom-utf16.rss"));
    CHECK(error_of("u.rss", utf16, false) ==
          "u.rss:1:1: error: the byte order mark (FF FE) says UTF-16LE, but the bytes after it are 8-bit text\n"
          "  hint: remove the mark's 2 bytes or save the file again; it is left from an earlier encoding\n"
          "  hint: --lenient (in a manifest, 'lenient: true') reads the file without the mark\n");
    Reading strict = read_as("u.rss", utf16.substr(2), false);
    Reading lenient = read_as("u.rss", utf16, true);
    CHECK(lenient.model == strict.model);
    REQUIRE(lenient.diagnostics.size() == strict.diagnostics.size() + 1);
    CHECK(lenient.diagnostics.front().starts_with("u.rss:1:1: warning: the byte order mark (FF FE) says UTF-16LE"));

    std::string gbk = slurp(feed_path("broken-bom-gbk.rss"));
    CHECK(error_of("g.rss", gbk, false).starts_with(
        "g.rss:1:1: error: the byte order mark (EF BB BF) says UTF-8, but the bytes after it are not UTF-8\n"));
    Reading gbk_lenient = read_as("g.rss", gbk, true);
    CHECK(gbk_lenient.model == read_as("g.rss", gbk.substr(3), false).model);
    CHECK(gbk_lenient.model.find("工信部宣布新增5個國家人工智能創新應用先導區") != std::string::npos);
    // A genuine UTF-16 mark is kept, and valid UTF-8 after a UTF-8 mark is read as before.
    CHECK(error_of("e.rss", slurp(feed_path("enc-utf-16le-bom.rss")), false) == "no error");
    CHECK(error_of("e.rss", slurp(feed_path("enc-utf-8-bom.rss")), false) == "no error");
}

TEST_CASE("lenient: positions stay right past libxml2's first buffers (a feed of 1.5 MB cut off at its end)") {
    std::string feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>長</title>\n";
    for (int i = 0; i < 4000; ++i) {
        std::string n = std::to_string(i);
        feed += "<item><title>第" + n + "條 &amp; 其他</title><link>https://x.example/?a=" + n +
                "&b=2</link>\n<description><![CDATA[<p>" + std::string(60, 'x') + " 內容 " + n +
                "</p>]]></description><pubDate>Sat, 20 Feb 2021 06:19:00 +0800</pubDate></item>\n";
    }
    feed += "<item><title>最後一條";
    Reading strict = read_as("long.rss", feed + "</title></item></channel></rss>", false);
    Reading lenient = read_as("long.rss", feed, true);
    CHECK(lenient.model == strict.model);
}

TEST_CASE("lenient: a feed cut off anywhere is read or refused, never more entries than it holds") {
    for (const char* name : {"rss2-zh.rss", "atom-zh.atom", "rss1-zh.rdf"}) {
        std::string whole = slurp(feed_path(name));
        std::size_t entries_closed = 0;
        for (std::size_t cut = 1; cut < whole.size(); ++cut) {
            if ((static_cast<unsigned char>(whole[cut]) & 0xC0) == 0x80) continue;  // inside a character
            std::string part = whole.substr(0, cut);
            if (part.ends_with("</item>") || part.ends_with("</entry>")) ++entries_closed;
            DiagnosticSink sink;
            ReadOptions options;
            options.lenient = true;
            try {
                Feed f = read_feed(name, part, options, sink);
                CHECK(f.entries.size() >= entries_closed);
                CHECK(f.entries.size() <= 3);
            } catch (const Error& e) {
                CHECK(e.code() == ErrorCode::input);
                CHECK(entries_closed == 0);
            }
        }
    }
}

TEST_CASE("lenient: recovery reads what pugixml reads, and nothing from outside the text") {
    const std::string prolog = "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\"><!ENTITY i \"inner\">]>\n";
    const std::string before_d = "<a x=\"1&2 &amp; &lt;\" xmlns:p=\"urn:p\"><p:b>&e; &i; &nbsp; &#20013;&#x4E2D; AT&T & ; "
                                 "&amp;lt;</p:b><![CDATA[ a&b ]]><!-- c&d --><?pi e&f?>  <c/>";
    pugi::xml_document doc;
    RecoveredXml r = recover_xml(prolog + before_d + "<d>", doc);
    CHECK(r.errors > 0);
    pugi::xml_node a = doc.document_element();
    REQUIRE(a);
    CHECK(std::string(a.name()) == "a");
    CHECK(std::string(a.attribute("x").value()) == "1&2 & <");
    CHECK(std::string(a.attribute("xmlns:p").value()) == "urn:p");
    CHECK(std::string(a.child("p:b").child_value()) == "&e; &i; &nbsp; 中中 AT&T & ; &lt;");
    pugi::xml_node cdata = a.child("p:b").next_sibling();
    CHECK(cdata.type() == pugi::node_cdata);
    CHECK(std::string(cdata.value()) == " a&b ");
    CHECK(cdata.next_sibling() == a.child("c"));  // the comment, the processing instruction and the blanks left out
    CHECK(a.child("d"));
    CHECK(doc.first_child().type() == pugi::node_doctype);
    // Offsets of the names, in the text as given (before any & was escaped for libxml2).
    CHECK(r.offsets.at(a.internal_object()) == prolog.size() + 1);
    CHECK(r.offsets.at(a.child("d").internal_object()) == prolog.size() + before_d.size() + 1);
    CHECK(r.offsets.at(doc.first_child().internal_object()) == 10);
}
