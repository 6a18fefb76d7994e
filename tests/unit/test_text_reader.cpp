// Units for the plain-text article reader (src/readers/text/text_reader.cpp, text_dateline): the seed article,
// datelines, titles, paragraphs, site chrome, diagnostics and pathological inputs.
#include "readers/text/pinyin_annotations.hpp"
#include "readers/text/text_dateline.hpp"
#include "readers/common/utf8.hpp"
#include "readers/inputs.hpp"

#include <docexport/readers.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

using namespace docexport;
using namespace docexport::readers;

namespace {

const char* const seed_path = DOCEXPORT_SOURCE_DIR "/tests/golden/seed-zqrb.txt";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Read {
    Section section;
    DiagnosticSink sink;
};

Read read(std::string_view content, ReadOptions options = {}) {
    Read r;
    r.section = read_text("a.txt", content, options, r.sink);
    return r;
}

std::vector<std::string> paragraphs(const Section& s) {
    std::vector<std::string> out;
    for (const Block& b : s.blocks) out.push_back(plain_text(b.inlines));
    return out;
}

std::size_t count_ruby(const Inlines& inlines) {
    std::size_t n = 0;
    for (const Inline& in : inlines) n += (in.kind == InlineKind::ruby) + count_ruby(in.children);
    return n;
}

std::u32string han_only(std::string_view s) {
    std::u32string out;
    for (char32_t c : utf8::decode(s))
        if (is_han(c)) out += c;
    return out;
}

std::string dump(const Section& s) {
    Document doc;
    doc.sections.push_back(s);
    return dump_model_json(doc);
}

bool has_warning(const DiagnosticSink& sink, std::string_view text) {
    for (const Diagnostic& d : sink.diagnostics())
        if (d.severity == Severity::warning && d.message.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

// The seed -------------------------------------------------------------------------------------------------

TEST_CASE("text reader: the seed's title, dateline and source") {
    Read r = read(read_file(seed_path));
    CHECK(plain_text(r.section.title) == "工信部宣布新增5個國家人工智能創新應用先導區");
    CHECK(r.section.meta.date == "2021-02-20 06:19");
    CHECK(r.section.meta.source == "中國證券報");
    CHECK(to_string(r.section.pos) == "a.txt:6:1");
}

TEST_CASE("text reader: the seed has exactly six paragraphs with their positions") {
    Read r = read(read_file(seed_path));
    REQUIRE(r.section.blocks.size() == 6);
    for (std::size_t k = 0; k < 6; ++k) {
        CHECK(r.section.blocks[k].kind == BlockKind::paragraph);
        CHECK(r.section.blocks[k].pos.line == 10 + 2 * k);
        CHECK(r.section.blocks[k].pos.col == 5);  // after four U+2002
    }
    CHECK(paragraphs(r.section)[0].starts_with("工信部2月19日消息，工信部近日印發通知，支持創建北京、天津（濱海新區）、杭州"));
    CHECK(paragraphs(r.section)[5].ends_with("輻射帶動區域人工智能融通發展。"));
}

TEST_CASE("text reader: every Han character of the seed's article is kept, in order") {
    std::string seed = read_file(seed_path);
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < seed.size();) {
        std::size_t end = seed.find('\n', start);
        if (end == std::string::npos) end = seed.size();
        lines.push_back(std::string_view(seed).substr(start, end - start));
        start = end + 1;
    }
    std::string article;
    for (std::size_t n = 10; n <= 20; n += 2) article += strip_pinyin_annotations(lines[n - 1]);
    Read r = read(seed);
    std::string got;
    for (const std::string& p : paragraphs(r.section)) got += p;
    CHECK(han_only(got) == han_only(article));
    CHECK(han_only(plain_text(r.section.title)) == han_only(strip_pinyin_annotations(lines[5])));
}

TEST_CASE("text reader: no site chrome and no pinyin annotation is left in the seed's dump") {
    Read r = read(read_file(seed_path));
    std::string json = dump(r.section);
    for (std::string_view chrome : {"掃一掃", "下載客戶端", "排行", "版權所有", "許可證", "公網安備", "電話", "傳真", "官方微信",
                                    "官方微博", "證券日報APP", "證券日報網", "ICP", "風險自負", "xmtzx"})
        CHECK_MESSAGE(json.find(chrome) == std::string::npos, chrome);
    CHECK(find_pinyin_annotations(utf8::decode(json)).empty());
    for (std::string_view syllable : {"(qū)", "(chuàng)", "(yīng)", "(dǎo)", "ū)", "à"})
        CHECK_MESSAGE(json.find(syllable) == std::string::npos, syllable);
}

TEST_CASE("text reader: the seed's commas and parentheses become full-width") {
    Read r = read(read_file(seed_path));
    for (const std::string& p : paragraphs(r.section)) {
        CHECK(p.find(',') == std::string::npos);
        CHECK(p.find('(') == std::string::npos);
        CHECK(p.find("，") != std::string::npos);
    }
    CHECK(paragraphs(r.section)[0].find("濟南-青島3個先導區") != std::string::npos);  // the hyphen stays
}

TEST_CASE("text reader: the seed is read without warnings, and every dropped line is reported") {
    std::string seed = read_file(seed_path);
    Read r = read(seed);
    CHECK(r.sink.count(Severity::warning) == 0);
    CHECK(r.sink.count(Severity::error) == 0);
    std::set<std::uint32_t> reported;
    for (const Diagnostic& d : r.sink.diagnostics()) {
        CHECK(d.verbose_only);
        reported.insert(d.pos.line);
    }
    std::set<std::uint32_t> used = {6, 8, 10, 12, 14, 16, 18, 20};  // title, dateline, paragraphs
    std::uint32_t number = 0;
    for (std::size_t start = 0; start < seed.size(); ++number) {
        std::size_t end = seed.find('\n', start);
        if (end == std::string::npos) end = seed.size();
        bool blank = trim(std::string_view(seed).substr(start, end - start)).empty();
        if (!blank && !used.contains(number + 1))
            CHECK_MESSAGE(reported.contains(number + 1), "line " << number + 1 << " dropped silently");
        start = end + 1;
    }
    bool named_rule = false;
    for (const Diagnostic& d : r.sink.diagnostics())
        if (d.pos.line == 25 && d.message.starts_with("dropped site chrome (copyright line): 版權所有")) named_rule = true;
    CHECK(named_rule);
}

TEST_CASE("text reader: ruby mode turns the seed's artifacts into ruby") {
    ReadOptions options;
    options.annotations = Annotations::ruby;
    Read r = read(read_file(seed_path), options);
    std::size_t in_title = count_ruby(r.section.title);
    std::size_t in_body = 0;
    for (const Block& b : r.section.blocks) in_body += count_ruby(b.inlines);
    // 178 artifacts in the file: 4 in the title, 153 in the article, 21 in the dropped chrome.
    CHECK(in_title == 4);
    CHECK(in_body == 153);
    CHECK(plain_text(r.section.title) == "工信部宣布新增5個國家人工智能創新應用先導區");
    Read dropped = read(read_file(seed_path));
    CHECK(paragraphs(r.section) == paragraphs(dropped.section));
    REQUIRE(r.section.title.size() > 1);
    CHECK(r.section.title[1].kind == InlineKind::ruby);
    CHECK(r.section.title[1].text == "chuàng");
    CHECK(plain_text(r.section.title[1].children) == "創");
}

TEST_CASE("text reader: keep mode leaves the seed's artifacts as written") {
    ReadOptions options;
    options.annotations = Annotations::keep;
    Read r = read(read_file(seed_path), options);
    CHECK(plain_text(r.section.title) == "工信部宣布新增5個國家人工智能創(chuàng)新應(yīng)用先導(dǎo)區(qū)");
    std::size_t artifacts = find_pinyin_annotations(utf8::decode(plain_text(r.section.title))).size();
    for (const std::string& p : paragraphs(r.section)) artifacts += find_pinyin_annotations(utf8::decode(p)).size();
    CHECK(artifacts == 157);
    CHECK(paragraphs(r.section)[0].find("天津（濱海新區(qū)）") != std::string::npos);
}

TEST_CASE("text reader: --no-cjk-punctuation keeps the seed's half-width punctuation") {
    ReadOptions options;
    options.cjk_punctuation = false;
    Read r = read(read_file(seed_path), options);
    CHECK(paragraphs(r.section)[0].starts_with("工信部2月19日消息,工信部近日印發通知,支持創建北京、天津(濱海新區)"));
}

// Datelines --------------------------------------------------------------------------------------------------

TEST_CASE("text reader: dates in several forms normalize to YYYY-MM-DD HH:MM") {
    CHECK(parse_date("2021-02-20 06:19") == "2021-02-20 06:19");
    CHECK(parse_date("2021年2月20日") == "2021-02-20");
    CHECK(parse_date("2021年2月20日 6:19") == "2021-02-20 06:19");
    CHECK(parse_date("2021年02月20日06時19分") == "2021-02-20 06:19");
    CHECK(parse_date("2021/02/20") == "2021-02-20");
    CHECK(parse_date("2021.02.20 18:05") == "2021-02-20 18:05");
    CHECK(parse_date("２０２１年２月２０日") == "2021-02-20");
    CHECK(parse_date("發布時間：2021-2-5") == "2021-02-05");
    CHECK_FALSE(parse_date("2021-13-01").has_value());
    CHECK_FALSE(parse_date("2021-02/20").has_value());
    CHECK_FALSE(parse_date("12021-02-20").has_value());
    CHECK_FALSE(parse_date("工信部2月19日消息").has_value());
    CHECK(parse_date("2021-02-20 25:99") == "2021-02-20");
}

TEST_CASE("text reader: datelines give the date, the source and the author") {
    auto d = parse_dateline("2021-02-20 06:19\u00A0\u00A0來源:中國證券報");
    REQUIRE(d.has_value());
    CHECK(d->date == "2021-02-20 06:19");
    CHECK(d->source == "中國證券報");
    auto e = parse_dateline("发布时间：2023年5月18日 09:30 来源：新华网 作者：李明");
    REQUIRE(e.has_value());
    CHECK(e->date == "2023-05-18 09:30");
    CHECK(e->source == "新华网");
    CHECK(e->author == "李明");
    CHECK(parse_dateline("2024.03.08")->date == "2024-03-08");
    CHECK_FALSE(parse_dateline("工信部2021年2月19日發布通知，支持創建北京等地先導區。").has_value());
    CHECK_FALSE(parse_dateline("據悉，2021年2月19日，工信部印發通知支持創建北京、天津、杭州、廣州、成都國家人工智能創新應用先導區，這是第二批").has_value());
}

// Titles, paragraphs, joining ---------------------------------------------------------------------------------

TEST_CASE("text reader: blank lines separate paragraphs; hard-wrapped lines join without a space between CJK") {
    Read r = read("標題\n\n2023-05-18 來源：新華網\n\n"
                  "近年來，不少城市在社區開設老年食堂，為行動不便的長者提供\n"
                  "價格實惠、營養均衡的午餐和晚餐。社區工作人員表示，食堂\n"
                  "開業以來每天接待兩百多位老人。\n\n"
                  "第二段介紹新技術，社區服務中心今年為長者引入了新的 AI\n"
                  "models 和 5G 網路。\n");
    CHECK(plain_text(r.section.title) == "標題");
    CHECK(paragraphs(r.section) ==
          std::vector<std::string>{"近年來，不少城市在社區開設老年食堂，為行動不便的長者提供價格實惠、營養均衡的午餐和晚餐。"
                                   "社區工作人員表示，食堂開業以來每天接待兩百多位老人。",
                                   "第二段介紹新技術，社區服務中心今年為長者引入了新的 AI models 和 5G 網路。"});
    CHECK(r.section.blocks[1].pos.line == 9);
}

TEST_CASE("text reader: a half-width comma at a line end joins like its full-width form") {
    Read r = read("標題\n\n業內人士認為,今年以來沿海主要港口的貨物吞吐量穩步回升,\n"
                  "集裝箱航線的運力持續恢復,航運市場的信心也明顯增強了許多\n"
                  "港口運營企業的業績有望在今年下半年得到明顯的改善與提升\n2023年是關鍵一年。\n");
    CHECK(paragraphs(r.section) ==
          std::vector<std::string>{"業內人士認為，今年以來沿海主要港口的貨物吞吐量穩步回升，集裝箱航線的運力持續恢復，"
                                   "航運市場的信心也明顯增強了許多港口運營企業的業績有望在今年下半年得到明顯的改善與提升"
                                   " 2023年是關鍵一年。"});
}

TEST_CASE("text reader: short lines that are not hard-wrapped prose keep their breaks") {
    Read r = read("標題\n\n業內人士認為,\n2023年是關鍵一年。\n");
    CHECK(paragraphs(r.section) == std::vector<std::string>{"業內人士認為，\n2023年是關鍵一年。"});
    REQUIRE(r.section.blocks.size() == 1);
    CHECK(r.section.blocks[0].inlines.size() == 3);
    CHECK(r.section.blocks[0].inlines[1].kind == InlineKind::line_break);
}

TEST_CASE("text reader: a deeper indent starts a paragraph") {
    Read r = read("標題\n\n\u3000\u3000第一段第一行\n第一段第二行。\n\u3000\u3000第二段。\n");
    CHECK(paragraphs(r.section) == std::vector<std::string>{"第一段第一行第一段第二行。", "第二段。"});
    CHECK(r.section.blocks[0].pos.col == 3);
}

TEST_CASE("text reader: lines all indented alike, without blank lines, are one paragraph each") {
    Read r = read("標題\n\u2002\u2002第一段。\n\u2002\u2002第二段。\n\u2002\u2002第三段\n");
    CHECK(paragraphs(r.section).size() == 3);
}

TEST_CASE("text reader: without blank lines or indents, a sentence end closes a paragraph") {
    Read r = read("標題\n第一段。\n第二段的前半句，\n第二段後半。\n");
    CHECK(paragraphs(r.section) == std::vector<std::string>{"第一段。", "第二段的前半句，\n第二段後半。"});
}

TEST_CASE("text reader: a short plain line between paragraphs is a heading") {
    Read r = read("標題\n2023-05-18 來源：新華網\n\n第一段。\n\n政策紅利持續釋放\n\n第二段，也是最後一段。\n");
    REQUIRE(r.section.blocks.size() == 3);
    CHECK(r.section.blocks[1].kind == BlockKind::heading);
    CHECK(r.section.blocks[1].level == 2);
    CHECK(plain_text(r.section.blocks[1].inlines) == "政策紅利持續釋放");
}

TEST_CASE("text reader: statute articles and clauses keep their lines, as headings and blocks of their own") {
    Read r = read("中華民國憲法增修條文\n\n為因應國家統一前之需要，增修本憲法條文如左：\n第一條\n"
                  "中華民國自由地區選舉人於立法院提出憲法修正案，應於三個月內投票複決。\n第二條\n"
                  "總統、副總統由中華民國自由地區全體人民直接選舉之。\n總統發布行政院院長之任免命令，無須行政院院長之副署，不適用憲法第三十七條之規定。\n"
                  "第 八 款 國會有權：\n一、規定並徵收稅金。\n二、以合眾國的信用舉債。\n");
    CHECK(plain_text(r.section.title) == "中華民國憲法增修條文");
    std::vector<std::string> p = paragraphs(r.section);
    REQUIRE(p.size() == 9);
    CHECK(r.section.blocks[1].kind == BlockKind::heading);
    CHECK(p[1] == "第一條");
    CHECK(r.section.blocks[3].kind == BlockKind::heading);
    CHECK(p[6] == "第 八 款 國會有權：");
    CHECK(r.section.blocks[6].kind == BlockKind::paragraph);
    CHECK(p[7] == "一、規定並徵收稅金。");
    CHECK(r.sink.count(Severity::warning) == 0);
}

TEST_CASE("text reader: verse keeps its lines; the author line under the title stays in the text") {
    Read r = read("詩詞網\n首頁 | 唐詩 | 宋詞\n\n靜夜思\n〔唐〕李白\n\n床前明月光，\n疑是地上霜。\n舉頭望明月，\n低頭思故鄉。\n\n"
                  "Copyright © 2024 詩詞網\n");
    CHECK(plain_text(r.section.title) == "靜夜思");
    std::vector<std::string> p = paragraphs(r.section);
    CHECK(p == std::vector<std::string>{"〔唐〕李白", "床前明月光，\n疑是地上霜。\n舉頭望明月，\n低頭思故鄉。"});
    REQUIRE(r.section.blocks.size() == 2);
    CHECK(r.section.blocks[1].attr.classes == std::vector<std::string>{"verse"});
}

TEST_CASE("text reader: a short line that looks like chrome is kept inside the article, with a note") {
    Read r = read("古籍\n\n孟子見梁惠王。王曰：「叟不遠千里而來，亦將有以利吾國乎？」\n●\n孟子對曰：「王何必曰利？亦有仁義而已矣。」\n");
    std::vector<std::string> p = paragraphs(r.section);
    CHECK(p.size() == 3);
    CHECK(p[1] == "●");
    bool noted = false;
    for (const Diagnostic& d : r.sink.diagnostics()) noted |= d.message.starts_with("kept a line that looks like");
    CHECK(noted);
}

TEST_CASE("text reader: a navigation row above the title never ends the article") {
    Read r = read("新聞網\n首頁 | 新聞 | 財經 | 科技\n登入 | 註冊\n分享到：微信 微博\n\n港口吞吐量穩步回升\n2024-03-08 來源：某報\n\n"
                  "今年以來，沿海主要港口貨物吞吐量穩步回升。\n\n分析人士指出，港口業績有望改善。\n\n相關新聞\n港口自動化加快\n版權所有 某報\n");
    CHECK(plain_text(r.section.title) == "港口吞吐量穩步回升");
    CHECK(paragraphs(r.section).size() == 2);
    CHECK(r.sink.count(Severity::warning) == 0);
}

TEST_CASE("text reader: --keep-chrome keeps every line; --strict fails on a line dropped without a sure rule") {
    std::string page = "某某新聞網\n\n標題\n2021-02-20 來源：某報\n\n第一段。\n\n版權所有 某報\n";
    ReadOptions keep;
    keep.keep_chrome = true;
    Read kept = read(page, keep);
    CHECK(paragraphs(kept.section) == std::vector<std::string>{"某某新聞網", "第一段。", "版權所有 某報"});
    ReadOptions strict;
    strict.strict = true;
    DiagnosticSink sink;
    CHECK_THROWS_AS(read_text("a.txt", page, strict, sink), Error);
    CHECK(sink.count(Severity::error) == 1);
    DiagnosticSink sure;
    CHECK_NOTHROW(read_text("a.txt", "標題\n2021-02-20 來源：某報\n\n第一段。\n\n版權所有 某報\n", strict, sure));
}

TEST_CASE("text reader: without a dateline the first short line is the title") {
    Read r = read("社區食堂讓老人吃得更放心\n\n近年來，不少城市開設老年食堂。\n");
    CHECK(plain_text(r.section.title) == "社區食堂讓老人吃得更放心");
    CHECK(r.section.meta.date.empty());
    CHECK(paragraphs(r.section).size() == 1);
    CHECK(r.sink.count(Severity::warning) == 0);
}

TEST_CASE("text reader: no title is a warning, and the text still becomes paragraphs") {
    Read r = read("近年來，不少城市在社區開設老年食堂。\n\n一位居民說，飯菜清淡可口。\n");
    CHECK(r.section.title.empty());
    CHECK(paragraphs(r.section).size() == 2);
    REQUIRE(r.sink.count(Severity::warning) == 1);
    const Diagnostic& d = r.sink.diagnostics().front();
    CHECK(d.message.starts_with("no title found"));
    CHECK(to_string(d.pos) == "a.txt:1:1");
    bool markdown_hint = false;
    for (const std::string& h : d.hints) markdown_hint |= h.find("--from markdown") != std::string::npos;
    CHECK(markdown_hint);
}

TEST_CASE("text reader: the title's artifacts are handled like the body's") {
    Read r = read("天津(濱海新區(qū))加快建設(shè)智慧港口\n2021年2月20日 來源：證券日報\n\n內容。\n");
    CHECK(plain_text(r.section.title) == "天津（濱海新區）加快建設智慧港口");
    CHECK(r.section.meta.date == "2021-02-20");
}

TEST_CASE("text reader: a dateline above the title") {
    Read r = read("2021-02-20 來源：證券日報\n標題在日期下面\n\n正文第一段。\n");
    CHECK(plain_text(r.section.title) == "標題在日期下面");
    CHECK(r.section.meta.source == "證券日報");
    CHECK(paragraphs(r.section) == std::vector<std::string>{"正文第一段。"});
}

// Chrome and position ------------------------------------------------------------------------------------------

TEST_CASE("text reader: a simplified portal page loses its chrome") {
    Read r = read("首页 | 新闻 | 财经 | 科技\n\n我国新增一批人工智能试验区\n2023年5月18日 09:30 来源：新华网\n分享到：\n\n"
                  "新华网北京5月18日电 记者从科技部获悉。\n\n（责任编辑：王磊）\n相关新闻\n• 多地加快布局人工智能产业\n"
                  "Copyright © 2000-2023 XINHUANET.com All Rights Reserved.\n");
    CHECK(plain_text(r.section.title) == "我国新增一批人工智能试验区");
    CHECK(r.section.meta.source == "新华网");
    CHECK(paragraphs(r.section) == std::vector<std::string>{"新华网北京5月18日电 记者从科技部获悉。"});
    CHECK(r.sink.count(Severity::warning) == 0);
}

TEST_CASE("text reader: text below the footer is dropped with a warning") {
    Read r = read("標題\n2021-02-20 來源：某報\n\n第一段。\n\n版權所有 某報\n\n這一行在頁腳之後。\n");
    CHECK(paragraphs(r.section) == std::vector<std::string>{"第一段。"});
    CHECK(has_warning(r.sink, "dropped text in the page footer: 這一行在頁腳之後。"));
    for (const Diagnostic& d : r.sink.diagnostics())
        if (d.severity == Severity::warning) CHECK(d.pos.line == 8);
}

TEST_CASE("text reader: a line above the title that is not chrome is dropped with a warning") {
    Read r = read("某某新聞網\n\n標題\n2021-02-20 來源：某報\n\n第一段。\n");
    CHECK(plain_text(r.section.title) == "標題");
    CHECK(has_warning(r.sink, "dropped line above the title: 某某新聞網"));
}

TEST_CASE("text reader: site rules drop, end and keep lines") {
    ReadOptions options;
    options.site_rules = DOCEXPORT_SOURCE_DIR "/tests/golden/text-site-rules.yml";
    std::string page = read_file(DOCEXPORT_SOURCE_DIR "/tests/golden/text-site-rules.txt");
    Read r = read(page, options);
    CHECK(r.sink.count(Severity::warning) == 0);
    std::vector<std::string> p = paragraphs(r.section);
    REQUIRE(p.size() == 3);
    CHECK(p[2] == "——本報記者 陳靜");
    Read without = read(page);
    CHECK(without.sink.count(Severity::warning) > 0);  // the site name and the menu line above the title
}

TEST_CASE("text reader: a bad site rules file is an input error") {
    ReadOptions options;
    options.site_rules = DOCEXPORT_SOURCE_DIR "/tests/golden/no-such-rules.yml";
    DiagnosticSink sink;
    CHECK_THROWS_AS(read_text("a.txt", "標題\n", options, sink), Error);
}

TEST_CASE("text reader: CRLF line ends and a BOM") {
    Read r = read("\xEF\xBB\xBF標題\r\n\r\n2021-02-20 來源：某報\r\n\r\n第一段，\r\n續行。\r\n");
    CHECK(plain_text(r.section.title) == "標題");
    CHECK(paragraphs(r.section) == std::vector<std::string>{"第一段，\n續行。"});
}

// Pathological inputs ------------------------------------------------------------------------------------------

TEST_CASE("text reader: a 1 MB line without a line break") {
    std::string line;
    while (line.size() < (std::size_t{1} << 20)) line += "天津(濱海新區(qū)),2021-02-20 06:19 AI((測試";
    auto start = std::chrono::steady_clock::now();
    Read r = read(line);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(r.section.blocks.size() == 1);
    CHECK(r.sink.count(Severity::warning) == 1);  // no title
    CHECK(seconds < 10.0);
}

TEST_CASE("text reader: a large input with many lines") {
    std::string page = read_file(seed_path);
    std::string big = page.substr(0, page.find("-證券日報網"));
    std::string body = big.substr(big.find("\u2002"));
    while (big.size() < (std::size_t{2} << 20)) big += body;
    auto start = std::chrono::steady_clock::now();
    Read r = read(big);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(r.section.blocks.size() > 500);
    CHECK(seconds < 10.0);
}

TEST_CASE("language: guessed from the characters when no input gives one") {
    auto guess = [](const std::string& markdown) {
        DiagnosticSink sink;
        Document doc;
        doc.sections.push_back(read_markdown("t.md", markdown, {}, sink));
        return guess_language(doc);
    };
    CHECK(guess("# 標題\n\n這個國家的人們。\n") == "zh-Hant");
    CHECK(guess("# 标题\n\n这个国家的人们。\n") == "zh-Hans");
    CHECK(guess("# 標題\n\n正文。\n") == "zh-Hant");   // no character of one script only: docexport's default
    CHECK(guess("# 見出し\n\n日本語の文章です。\n") == "ja");
    CHECK(guess("# 제목\n\n한국어 문장입니다.\n") == "ko");
    CHECK(guess("# 報導\n\n他在東京買了一本「ノルウェイの森」，很高興。這是他的第一本日文書，他說要慢慢讀完。\n") == "zh-Hant");
    CHECK(guess("# Title\n\nEnglish text.\n").empty());   // Latin script alone does not say which language
}
