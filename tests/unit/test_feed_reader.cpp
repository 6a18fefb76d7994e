#include "readers/feed/feed_reader.hpp"

#include <docexport/readers.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace docexport;
using namespace docexport::readers;

namespace {

using test::feed_path;
using test::slurp;

Feed read(const std::string& name, DiagnosticSink& sink, const ReadOptions& options = {}) {
    std::string path = feed_path(name);
    return read_feed(path, slurp(path), options, sink);
}

// Returns everything a run shows: the model dump and every diagnostic.
std::string everything(const Document& doc, const DiagnosticSink& sink) {
    std::string all = dump_model_json(doc);
    for (const auto& d : sink.diagnostics()) all += format_diagnostic(d);
    return all;
}

std::string error_of(std::string_view name, std::string_view bytes) {
    DiagnosticSink sink;
    try {
        read_feed(name, bytes, {}, sink);
    } catch (const Error& e) {
        return to_string(e.pos()) + ": " + e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("feeds: RSS 2.0 with content:encoded, dc:creator, guid and categories") {
    DiagnosticSink sink;
    Feed f = read("rss2-zh.rss", sink);
    CHECK(f.kind == "RSS 2.0");
    CHECK(f.meta.title == "科技日報 & 新聞");
    CHECK(f.meta.language == "zh-CN");
    CHECK(f.url == "https://news.example.cn/");
    REQUIRE(f.entries.size() == 3);
    const Section& s = f.entries[0].section;
    CHECK(plain_text(s.title) == "工信部宣布新增5個國家人工智能創新應用先導區");
    CHECK(s.meta.date == "2021-02-20 06:19");
    CHECK(s.meta.authors == std::vector<std::string>{"記者 王明"});
    CHECK(s.meta.summary == "工信部公布第二批先導區名單。");
    CHECK(f.entries[0].id == "ai-20210220");
    CHECK(*s.attr.find("categories") == "人工智能");
    CHECK(to_string(s.pos).ends_with("rss2-zh.rss:10:4"));
    CHECK(s.blocks.size() == 7);
    // An unreadable date is kept as written, with a warning; the entry stays.
    CHECK(f.entries[2].section.meta.date == "昨天下午");
    CHECK(!f.entries[2].time);
    CHECK(sink.count(Severity::warning) == 1);
}

TEST_CASE("feeds: RSS 1.0 (RDF) with dc:date and escaped HTML with HTML entities") {
    DiagnosticSink sink;
    Feed f = read("rss1-zh.rdf", sink);
    CHECK(f.kind == "RSS 1.0");
    REQUIRE(f.entries.size() == 2);
    CHECK(plain_text(f.entries[0].section.blocks[0].inlines) == "正文一，含\xC2\xA0實體—破折號。");
    CHECK(f.entries[0].id == "https://rdf.example.cn/a");
    CHECK(f.entries[0].section.meta.authors == std::vector<std::string>{"張三"});
}

TEST_CASE("feeds: Atom with html titles, xhtml content, xml:base and out-of-line content") {
    DiagnosticSink sink;
    Feed f = read("atom-zh.atom", sink);
    CHECK(f.kind == "Atom 1.0");
    CHECK(f.meta.title == "數位出版週報");
    CHECK(f.meta.subtitle == "每週出版業新聞");
    CHECK(f.meta.language == "zh-Hant-TW");
    CHECK(f.url == "https://blog.example.tw/");
    REQUIRE(f.entries.size() == 3);
    const Section& a = f.entries[0].section;
    CHECK(plain_text(a.title) == "電子書排版新規範");
    CHECK(a.meta.url == "https://blog.example.tw/posts/clreq.html");
    CHECK(a.meta.authors == std::vector<std::string>{"林小姐"});
    CHECK(a.meta.summary == "W3C 中文排版需求更新。");
    REQUIRE(a.blocks.size() >= 4);
    CHECK(plain_text(a.blocks[0].inlines) == "W3C 發布中文排版需求的新版本，涵蓋標點擠壓與直排。");
    CHECK(a.blocks[0].inlines[1].target == "https://blog.example.tw/posts/clreq.html");  // xml:base on <content>
    CHECK(a.blocks[1].kind == BlockKind::ordered_list);
    CHECK(a.blocks[2].kind == BlockKind::code_block);
    CHECK(*a.blocks.back().attr.find("src") == "https://blog.example.tw/posts/fig/kinsoku.png");
    // type="text": markup characters are text.
    CHECK(plain_text(f.entries[1].section.title) == "純文字條目 <不是標籤>");
    CHECK(f.entries[1].section.blocks.size() == 2);
    CHECK(f.entries[1].section.meta.authors == std::vector<std::string>{"編輯部"});  // the feed's author
    // content src: a link, never fetched.
    CHECK(f.entries[2].section.blocks[0].inlines[0].target == "https://blog.example.tw/posts/external.html");
}

TEST_CASE("feeds: JSON Feed 1.1 with content_html, content_text, authors and tags") {
    DiagnosticSink sink;
    Feed f = read("jsonfeed-zh.json", sink);
    CHECK(f.kind == "JSON Feed 1.1");
    CHECK(f.meta.language == "zh-Hant-HK");
    REQUIRE(f.entries.size() == 3);
    CHECK(f.entries[0].section.blocks[1].inlines[0].target == "https://data.example.hk/docs/api");
    CHECK(f.entries[1].id == "2");
    CHECK(f.entries[1].section.blocks.size() == 2);
    CHECK(f.entries[1].section.meta.authors == std::vector<std::string>{"陳先生"});
    CHECK(f.entries[0].section.meta.authors == std::vector<std::string>{"資料組"});
}

TEST_CASE("feeds: malformed JSON is an error with line:col") {
    std::string e = error_of("f.json", "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"items\": [1,");
    CHECK(e.starts_with("f.json:2:"));
    CHECK(e.find("malformed JSON") != std::string::npos);
    CHECK(error_of("f.json", "{\"version\": 1}").find("not a JSON Feed") != std::string::npos);
}

TEST_CASE("feeds: a JSON number beyond a double's range is an error at the number, not an exception") {
    // Found by fuzz_feed_json (tests/fuzz/corpus/feed_json/number-overflow.json): nlohmann::json throws
    // out_of_range, not parse_error, for 1e400.
    CHECK(error_of("f.json", "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"x\": [1, -2e999], \"items\": []}") ==
          "f.json:2:11: unreadable JSON: number overflow parsing '-2e999'");
    CHECK(error_of("f.json", "[1e400]") == "f.json:1:2: unreadable JSON: number overflow parsing '1e400'");
}

TEST_CASE("feeds: every legacy and Unicode encoding comes back character for character") {
    const std::string trad = "國家人工智能創新應用先導區：北京、上海、天津、深圳、杭州、合肥、德清、重慶。";
    const std::string simp = "国家人工智能创新应用先导区：北京、上海、天津、深圳、杭州、合肥、德清、重庆。";
    struct Case {
        const char* file;
        std::string text;
        std::size_t warnings;
    };
    const Case cases[] = {
        {"enc-big5.rss", trad, 0},
        {"enc-gb18030.rss", simp + "𠀀𪚥", 0},
        {"enc-gb2312.rss", simp, 0},
        {"enc-shift_jis.rss", "東京都は新しい人工知能の実験区域を発表した。", 0},
        {"enc-euc-kr.rss", "서울시는 인공지능 혁신 시범 구역을 발표했다.", 0},
        {"enc-windows-1252.rss", "Le café « Zoé » coûte 3 € — déjà vu, naïve façade.", 0},
        {"enc-iso-8859-1.rss", "Le café « Zoé » coûte 3 EUR - déjà vu, naïve façade.", 0},
        {"enc-utf-16le-bom.rss", trad, 0},
        {"enc-utf-16be-bom.rss", trad, 0},
        {"enc-utf-16le-nobom.rss", trad, 0},
        {"enc-utf-32le-bom.rss", trad, 0},
        {"enc-utf-8-bom.rss", trad, 0},
        {"enc-undeclared-gb18030.rss", simp + simp + simp + simp, 1},
        {"enc-undeclared-big5.rss", trad + trad + trad + trad, 1},
    };
    for (const Case& c : cases) {
        CAPTURE(c.file);
        DiagnosticSink sink;
        Feed f = read(c.file, sink);
        REQUIRE(f.entries.size() == 1);
        REQUIRE(!f.entries[0].section.blocks.empty());
        CHECK(plain_text(f.entries[0].section.blocks[0].inlines) == c.text);
        CHECK(sink.count(Severity::warning) == c.warnings);
    }
}

TEST_CASE("feeds: invalid bytes are U+FFFD and reported; an unknown encoding is a warning") {
    DiagnosticSink sink;
    Feed f = read("enc-invalid-utf8.rss", sink);
    CHECK(plain_text(f.entries[0].section.blocks[0].inlines).find("\xEF\xBF\xBD") != std::string::npos);
    CHECK(sink.count(Severity::warning) >= 1);
    DiagnosticSink sink2;
    read("malformed-unknown-encoding.rss", sink2);
    CHECK(sink2.diagnostics()[0].message.find("unknown encoding 'x-klingon'") != std::string::npos);
}

TEST_CASE("feeds: malformed XML gives an error with line:col") {
    auto e = [](const char* file) { return error_of(feed_path(file), slurp(feed_path(file))); };
    CHECK(e("malformed-truncated.rss").find("rss:2:") != std::string::npos);
    CHECK(e("malformed-unclosed-cdata.rss").find("CDATA") != std::string::npos);
    CHECK(e("malformed-mismatch.rss").find("rss:2:41: malformed XML: start-end tags mismatch") != std::string::npos);
    CHECK(e("malformed-not-a-feed.xml").find("not a feed: the root element is <html>") != std::string::npos);
    CHECK(error_of("x.rss", "<rss version='2.0'><channel><title>t</title><item><title>a").find("x.rss:1:") == 0);
    CHECK(error_of("x.rss", "   \n ").find("empty") != std::string::npos);
    CHECK(error_of("x.rss", "").find("empty") != std::string::npos);
}

TEST_CASE("feeds: leading white space before <?xml and an undeclared prefix are tolerated") {
    DiagnosticSink sink;
    CHECK(read("malformed-leading-space.rss", sink).entries.size() == 1);
    DiagnosticSink sink2;
    Feed f = read("malformed-undeclared-prefix.rss", sink2);
    CHECK(f.entries[0].section.meta.authors == std::vector<std::string>{"王明"});
    CHECK(sink2.count(Severity::warning) == 1);  // dc, read as Dublin Core (media:thumbnail is not looked at)
}

TEST_CASE("feeds: hostile input expands nothing, reads no file, stays small and quick") {
    for (const char* file : {"hostile-billion-laughs.rss", "hostile-quadratic.rss", "hostile-xxe-http.rss",
                             "hostile-external-dtd.rss", "hostile-deep-xml.rss", "hostile-deep-html.rss",
                             "hostile-encoding-path.rss"}) {
        CAPTURE(file);
        DiagnosticSink sink;
        auto start = std::chrono::steady_clock::now();
        Feed f = read(file, sink);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        CHECK(seconds < 1.0);
        Document doc;
        for (auto& e : f.entries) doc.sections.push_back(e.section);
        std::string all = everything(doc, sink);
        CHECK(all.size() < 4 * slurp(feed_path(file)).size() + 100000);
        CHECK(all.find("lollollol") == std::string::npos);
        CHECK(all.find("root:x:0:0") == std::string::npos);
    }
    std::string e = error_of("deep.json", slurp(feed_path("hostile-deep-json.json")));
    CHECK(e.find("nest more than") != std::string::npos);
}

TEST_CASE("feeds: an external entity naming a file this test creates is never read") {
    namespace fs = std::filesystem;
    fs::path secret = fs::temp_directory_path() / "docexport-feed-secret.txt";
    { std::ofstream(secret) << "TOP-SECRET-7f3a9c"; }
    std::string uri = "file://" + secret.string();
    std::string feed = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + uri + "\">\n"
                       "<!ENTITY % p SYSTEM \"" + uri + "\"> %p;]>\n"
                       "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title>"
                       "<description>&xxe;<![CDATA[<img src=\"" + uri + "\"><a href=\"" + uri + "\">x</a>]]></description>"
                       "<link>" + uri + "</link></item></channel></rss>";
    DiagnosticSink sink;
    Feed f = read_feed("xxe.rss", feed, {}, sink);
    Document doc;
    for (auto& e : f.entries) doc.sections.push_back(e.section);
    std::string all = everything(doc, sink) + f.meta.title;
    CHECK(all.find("TOP-SECRET") == std::string::npos);
    CHECK(all.find("file://") == std::string::npos);  // file: links and images are not kept
    fs::remove(secret);
}

TEST_CASE("feeds: more entries than the limit is a clear error") {
    ReadOptions options;
    options.max_feed_entries = 3;
    std::string feed = "<rss version='2.0'><channel><title>t</title>";
    for (int i = 0; i < 5; ++i) feed += "<item><title>" + std::to_string(i) + "</title></item>";
    feed += "</channel></rss>";
    DiagnosticSink sink;
    try {
        read_feed("big.rss", feed, options, sink);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "the feed has more than 3 entries");
        CHECK(e.pos().line == 1);
    }
}

TEST_CASE("feeds: several feeds make one publication with a part per feed, duplicates removed") {
    ReadOptions options;
    DiagnosticSink sink;
    Document doc = read_inputs({feed_path("rss2-zh.rss"), feed_path("atom-zh.atom"), feed_path("rss2-zh.rss")}, options, sink);
    std::vector<std::string> titles;
    for (const Section& s : doc.sections) titles.push_back(plain_text(s.title));
    // Part 1: 3 entries newest first, undated last; part 2: 3 Atom entries; part 3: all duplicates.
    REQUIRE(doc.sections.size() == 3 + 1 + 3 + 1 + 1 + 0);
    CHECK(doc.sections[0].attr.classes == std::vector<std::string>{"part"});
    CHECK(titles[1] == "第二篇：上海先導區");
    CHECK(titles[3] == "日期不明的文章");
    CHECK(titles[4] == "數位出版週報");
    CHECK(*doc.sections[8].attr.find("entries") == "0");
    CHECK(*doc.sections[5].attr.find("part") == "數位出版週報");
    CHECK(doc.meta.date == "2021-02-22 08:00");
}

TEST_CASE("feeds: --since and --max-entries") {
    ReadOptions options;
    options.since = "2021-02-20T12:00:00+08:00";
    DiagnosticSink sink;
    Document doc = read_inputs({feed_path("rss2-zh.rss")}, options, sink);
    REQUIRE(doc.sections.size() == 2);  // the 02-20 06:19 entry is older; the undated one is kept
    CHECK(plain_text(doc.sections[0].title) == "第二篇：上海先導區");
    ReadOptions limited;
    limited.max_entries = 1;
    DiagnosticSink sink2;
    Document doc2 = read_inputs({feed_path("atom-zh.atom")}, limited, sink2);
    REQUIRE(doc2.sections.size() == 1);
    CHECK(plain_text(doc2.sections[0].title) == "純文字條目 <不是標籤>");
    ReadOptions bad;
    bad.since = "yesterday";
    DiagnosticSink sink3;
    CHECK_THROWS_AS(read_inputs({feed_path("atom-zh.atom")}, bad, sink3), Error);
}

TEST_CASE("feeds: detection by extension and content") {
    CHECK(detect_format("a.rss", "") == InputFormat::feed);
    CHECK(detect_format("a", "  <?xml version='1.0'?>\n<rss version='2.0'>") == InputFormat::feed);
    CHECK(detect_format("a", "<feed xmlns='http://www.w3.org/2005/Atom'>") == InputFormat::feed);
    CHECK(detect_format("a", "{\"version\": \"https://jsonfeed.org/version/1\"}") == InputFormat::feed);
    CHECK(detect_format("a", std::string("\xFF\xFE<\0r\0s\0s\0 \0", 12)) == InputFormat::feed);
    CHECK(detect_format("a.txt", "<rss>") == InputFormat::text);
    CHECK(detect_format("a", "平常的文章。") == InputFormat::text);
    CHECK(parse_input_format("atom") == InputFormat::feed);
    CHECK(parse_input_format("jsonfeed") == InputFormat::feed);
}
