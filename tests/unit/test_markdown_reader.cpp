#include <docexport/readers.hpp>

#include <doctest/doctest.h>

#include <algorithm>

#include <ctime>
#include <string>

using namespace docexport;

namespace {

Section md(std::string_view text, DiagnosticSink& sink, const ReadOptions& options = {}) {
    return read_markdown("t.md", text, options, sink);
}

Section md(std::string_view text) {
    DiagnosticSink sink;
    return md(text, sink);
}

std::string pos(const SourcePos& p) { return to_string(p); }

bool has_warning(const DiagnosticSink& sink, std::string_view part) {
    for (const Diagnostic& d : sink.diagnostics())
        if (d.severity == Severity::warning && d.message.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("markdown: CommonMark blocks become model blocks") {
    Section s = md("# Title\n\npara *em* **strong** `code` [link](http://x/ \"T\")\n\n"
                   "- a\n- b\n\n3. c\n4. d\n\n> quote\n\n---\n\n```python extra\nx = 1\n```\n\n![alt](i.png \"cap\")\n");
    CHECK(plain_text(s.title) == "Title");
    REQUIRE(s.blocks.size() == 7);
    CHECK(s.blocks[0].kind == BlockKind::paragraph);
    const Inlines& in = s.blocks[0].inlines;
    REQUIRE(in.size() == 8);
    CHECK(in[1].kind == InlineKind::emphasis);
    CHECK(in[3].kind == InlineKind::strong);
    CHECK(in[5].kind == InlineKind::code);
    CHECK(in[7].kind == InlineKind::link);
    CHECK(in[7].target == "http://x/");
    CHECK(in[7].title == "T");
    CHECK(s.blocks[1].kind == BlockKind::bullet_list);
    CHECK(s.blocks[1].items.size() == 2);
    CHECK(s.blocks[2].kind == BlockKind::ordered_list);
    CHECK(s.blocks[2].start == 3);
    CHECK(s.blocks[3].kind == BlockKind::block_quote);
    CHECK(s.blocks[4].kind == BlockKind::rule);
    CHECK(s.blocks[5].kind == BlockKind::code_block);
    CHECK(s.blocks[5].info == "python");
    CHECK(s.blocks[5].text == "x = 1\n");
    CHECK(s.blocks[6].kind == BlockKind::image);
    CHECK(s.blocks[6].target == "i.png");
    CHECK(s.blocks[6].title == "cap");
    CHECK(plain_text(s.blocks[6].inlines) == "alt");
}

TEST_CASE("markdown: GFM tables keep the header row and column alignment") {
    Section s = md("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 |\n");
    REQUIRE(s.blocks.size() == 1);
    const Table& t = s.blocks[0].table;
    CHECK(t.aligns == std::vector<Align>{Align::left, Align::center, Align::right, Align::none});
    REQUIRE(t.header.size() == 4);
    CHECK(plain_text(t.header[3].content) == "d");
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].size() == 4);
    CHECK(plain_text(t.rows[0][1].content) == "2");
    CHECK(pos(t.rows[0][0].pos) == "t.md:3:2");
}

TEST_CASE("markdown: soft breaks vanish between CJK characters and read as a space otherwise") {
    Section s = md("第一行\n第二行\nLatin\nwords\n中文\n*強調*\n結束");
    REQUIRE(s.blocks.size() == 1);
    CHECK(plain_text(s.blocks[0].inlines) == "第一行第二行 Latin words 中文強調結束");
}

TEST_CASE("markdown: hard breaks become line breaks") {
    Section s = md("a  \nb\\\nc<br>d");
    CHECK(plain_text(s.blocks[0].inlines) == "a\nb\nc\nd");
}

TEST_CASE("markdown: {base|annotation} is a ruby inline; escaped braces and code stay literal") {
    Section s = md("{漢字|hàn zì}與{北|běi}{京|jīng}，\\{不|是}，`{碼|mǎ}`，\\\\{反|fǎn}");
    const Inlines& in = s.blocks[0].inlines;
    REQUIRE(in.size() >= 6);
    CHECK(in[0].kind == InlineKind::ruby);
    CHECK(plain_text(in[0].children) == "漢字");
    CHECK(in[0].text == "hàn zì");
    CHECK(in[1].text == "與");
    CHECK(in[2].kind == InlineKind::ruby);
    CHECK(in[2].text == "běi");
    CHECK(in[3].kind == InlineKind::ruby);
    CHECK(in[3].text == "jīng");
    CHECK(in[4].text == "，{不|是}，");
    CHECK(in[5].kind == InlineKind::code);
    CHECK(in[5].text == "{碼|mǎ}");
    CHECK(in.back().kind == InlineKind::ruby);  // "\\" is an escaped backslash, so the brace opens a ruby
    CHECK(plain_text(in) == "漢字與北京，{不|是}，{碼|mǎ}，\\反");
}

TEST_CASE("markdown: ruby syntax works across text that cmark splits and inside emphasis") {
    Section s = md("*{北|běi}*[{京|jīng}](u) {a!b|x} {|x} {a|} {a|b|c}");
    const Inlines& in = s.blocks[0].inlines;
    CHECK(in[0].kind == InlineKind::emphasis);
    CHECK(in[0].children.at(0).kind == InlineKind::ruby);
    CHECK(in[1].kind == InlineKind::link);
    CHECK(in[1].children.at(0).kind == InlineKind::ruby);
    CHECK(in[2].text == " ");
    CHECK(in[3].kind == InlineKind::ruby);
    CHECK(plain_text(in[3].children) == "a!b");
    CHECK(in[4].text == " {|x} {a|} {a|b|c}");
}

TEST_CASE("markdown: <ruby> markup becomes ruby inlines; other raw HTML is dropped with a warning") {
    DiagnosticSink sink;
    Section s = md("甲<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp>字<rt>zì</rt></ruby>乙 <span class=x>丙</span>", sink);
    const Inlines& in = s.blocks[0].inlines;
    REQUIRE(in.size() == 4);
    CHECK(in[1].kind == InlineKind::ruby);
    CHECK(plain_text(in[1].children) == "漢");
    CHECK(in[1].text == "hàn");
    CHECK(in[2].kind == InlineKind::ruby);
    CHECK(in[2].text == "zì");
    CHECK(in[3].text == "乙 丙");
    CHECK(has_warning(sink, "raw HTML tag <span class=x> dropped"));
    REQUIRE(!sink.diagnostics().empty());
    CHECK(sink.diagnostics()[0].hints.at(0).find("does not pass raw HTML through") != std::string::npos);
    CHECK(sink.diagnostics()[0].pos.line == 1);
}

TEST_CASE("markdown: raw HTML blocks keep their text; comments vanish silently") {
    DiagnosticSink sink;
    Section s = md("<!-- note -->\n\n<div>\n<b>粗</b> 體\n</div>\n", sink);
    REQUIRE(s.blocks.size() == 1);
    CHECK(plain_text(s.blocks[0].inlines) == "粗 體");
    CHECK(sink.count(Severity::warning) == 1);
}

TEST_CASE("markdown: an image among text is a span with class image") {
    Section s = md("見 ![圖 *一*](a.png \"t\") 下");
    const Inlines& in = s.blocks[0].inlines;
    REQUIRE(in.size() == 3);
    CHECK(in[1].kind == InlineKind::span);
    CHECK(in[1].attr.classes == std::vector<std::string>{"image"});
    CHECK(*in[1].attr.find("src") == "a.png");
    CHECK(*in[1].attr.find("alt") == "圖 一");
    CHECK(*in[1].attr.find("title") == "t");
}

TEST_CASE("markdown: CJK punctuation is converted in text, never in code or URLs") {
    Section s = md("中文,**強調**!`a,中` [連結,](http://x/a,中)(English)");
    const Inlines& in = s.blocks[0].inlines;
    CHECK(in[0].text == "中文，");
    CHECK(in[2].text == "！");
    CHECK(in[3].text == "a,中");
    REQUIRE(in.size() == 7);
    CHECK(in[4].text == " ");
    CHECK(in[5].target == "http://x/a,中");
    CHECK(plain_text(in[5].children) == "連結，");
    CHECK(in[6].text == "(English)");
    ReadOptions off;
    off.cjk_punctuation = false;
    DiagnosticSink sink;
    Section raw = md("中文,強調!", sink, off);
    CHECK(plain_text(raw.blocks[0].inlines) == "中文,強調!");
}

TEST_CASE("markdown: positions are file:line:col in code points, counted in the real file") {
    Section s = md("---\ntitle: T\n---\n\n段落\n\n- 項目 `碼`\n");
    REQUIRE(s.blocks.size() == 2);
    CHECK(pos(s.blocks[0].pos) == "t.md:5:1");
    CHECK(pos(s.blocks[1].pos) == "t.md:7:1");
    const Block& item = s.blocks[1].items.at(0).at(0);
    CHECK(pos(item.pos) == "t.md:7:3");
    CHECK(pos(item.inlines.at(1).pos) == "t.md:7:7");  // cmark points at the code, after the backtick
    CHECK(pos(s.pos) == "t.md:2:8");
}

TEST_CASE("markdown: a leading first-level heading is the title; headings without one warn") {
    Section titled = md("# 標題\n\n正文");
    CHECK(plain_text(titled.title) == "標題");
    CHECK(titled.blocks.size() == 1);
    CHECK(to_string(titled.pos) == "t.md:1:1");

    DiagnosticSink plain_sink;
    Section plain = md("只有正文。", plain_sink);
    CHECK(plain.title.empty());
    CHECK(plain_sink.count(Severity::warning) == 0);

    DiagnosticSink sub_sink;
    Section sub = md("## 小標\n\n正文", sub_sink);
    CHECK(sub.title.empty());
    CHECK(sub.blocks.size() == 2);
    CHECK(has_warning(sub_sink, "no title"));

    Section same = md("---\ntitle: 標題\n---\n# 標題\n\n正文");
    CHECK(same.blocks.size() == 1);  // the heading repeated the front matter title
    Section other = md("---\ntitle: 標題\n---\n# 另一個\n\n正文");
    CHECK(other.blocks.size() == 2);
}

TEST_CASE("markdown: front matter fills the section and, for a single file, the document") {
    DocumentMeta meta;
    DiagnosticSink sink;
    Section s = read_markdown("t.md", "---\ntitle: 標題\nlanguage: zh-Hant\nzone: 北京\n---\n正文", {}, sink, &meta);
    CHECK(plain_text(s.title) == "標題");
    CHECK(meta.title == "標題");
    CHECK(meta.language == "zh-Hant");
    CHECK(*s.attr.find("zone") == "北京");
}

TEST_CASE("markdown: invalid UTF-8 and CR LF are cleaned first") {
    DiagnosticSink sink;
    Section s = md("a\xFF b\r\nc\r\n", sink);
    CHECK(plain_text(s.blocks.at(0).inlines) == "a\xEF\xBF\xBD b c");
    CHECK(sink.count(Severity::warning) == 1);
}

TEST_CASE("markdown: pathological inputs neither crash nor take long") {
    // CPU time, not wall time: the bound must hold on a loaded machine too (a Debug build takes a few seconds).
    std::clock_t start = std::clock();
    {
        DiagnosticSink sink;
        Section s = md(std::string(20000, '>') + " deep", sink);
        CHECK(has_warning(sink, "nesting deeper"));
        REQUIRE(s.blocks.size() == 1);
        CHECK(s.blocks[0].kind == BlockKind::block_quote);
    }
    {
        DiagnosticSink sink;
        std::string stars(5000, '*');
        Section s = md(stars + "a" + stars, sink);
        CHECK(!s.blocks.empty());
    }
    {
        std::string nested;
        for (int i = 0; i < 5000; ++i) nested += std::string(static_cast<std::size_t>(i % 40) * 2, ' ') + "- x\n";
        DiagnosticSink sink;
        Section s = md(nested, sink);
        CHECK(!s.blocks.empty());
    }
    {
        std::string line;
        for (int i = 0; i < 40000; ++i) line += "中文{漢|hàn}*a*,";  // about 1 MB on one line
        DiagnosticSink sink;
        Section s = md(line, sink);
        CHECK(s.blocks.size() == 1);
    }
    {
        std::string many;
        for (int i = 0; i < 20000; ++i) many += "| a | b |\n|---|---|\n| 1 | 2 |\n\n段落\n第二行\n\n";
        DiagnosticSink sink;
        Section s = md(many, sink);
        CHECK(s.blocks.size() == 40000);
    }
    double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    CHECK(seconds < 30.0);
}

// GFM: footnotes, task lists, autolinks, raw HTML phrase elements, details ---------------------------------------

TEST_CASE("markdown: footnotes become note references and numbered footnote blocks; an unreferenced one is kept") {
    DiagnosticSink sink;
    Section s = md("# T\n\n正文[^b]，再引[^a]，又引[^b]。\n\n[^a]: 甲註。\n[^b]: 乙註 *強調*。\n\n    第二段。\n[^c]: 沒有引用。\n", sink);
    REQUIRE(s.blocks.size() == 4);
    const Inlines& p = s.blocks[0].inlines;
    REQUIRE(p.size() >= 4);
    CHECK(p[1].kind == InlineKind::span);
    CHECK(p[1].attr.has_class("note-ref"));
    CHECK(*p[1].attr.find("note") == "1");  // [^b] is referenced first
    CHECK(plain_text(p[1].children) == "1");
    CHECK(*p[3].attr.find("note") == "2");
    const Block& first = s.blocks[1];
    CHECK(first.kind == BlockKind::block_quote);
    CHECK(first.attr.has_class("footnote"));
    CHECK(*first.attr.find("note") == "1");
    REQUIRE(first.blocks.size() == 2);
    CHECK(plain_text(first.blocks[0].inlines) == "乙註 強調。");
    CHECK(plain_text(first.blocks[1].inlines) == "第二段。");
    CHECK(plain_text(s.blocks[2].blocks[0].inlines) == "甲註。");
    CHECK(plain_text(s.blocks[3].inlines) == "沒有引用。");
    CHECK(has_warning(sink, "footnote [^c] is never referenced; its text is kept at the end"));
}

TEST_CASE("markdown: task list items carry their state as a ballot box in the text") {
    Section s = md("# T\n\n- [ ] 待辦\n- [x] 完成\n");
    REQUIRE(s.blocks.size() == 1);
    CHECK(s.blocks[0].attr.has_class("task-list"));
    CHECK(plain_text(s.blocks[0].items[0][0].inlines) == "\u2610 待辦");
    CHECK(plain_text(s.blocks[0].items[1][0].inlines) == "\u2611 完成");
}

TEST_CASE("markdown: autolinks, with CJK punctuation left outside the URL") {
    Section s = md("# T\n\n見 https://example.org。與 www.example.com，\n");
    const Inlines& p = s.blocks.at(0).inlines;
    std::vector<std::string> targets;
    for (const Inline& in : p)
        if (in.kind == InlineKind::link) targets.push_back(in.target);
    CHECK(targets == std::vector<std::string>{"https://example.org", "http://www.example.com"});
    CHECK(plain_text(p) == "見 https://example.org。與 www.example.com，");
}

TEST_CASE("markdown: raw HTML phrase elements become spans of their class; abbr keeps its title") {
    DiagnosticSink sink;
    Section s = md("# T\n\nH<sub>2</sub>O、x<sup>2</sup>、<kbd>Ctrl</kbd>、<mark>重點</mark>、<abbr title=\"World Wide Web\">WWW</abbr>、<s>舊</s>\n", sink);
    std::vector<std::string> classes;
    for (const Inline& in : s.blocks.at(0).inlines)
        if (in.kind == InlineKind::span) classes.push_back(in.attr.classes.at(0));
    CHECK(classes == std::vector<std::string>{"sub", "sup", "kbd", "mark", "abbr", "del"});
    CHECK(plain_text(s.blocks[0].inlines) == "H2O、x2、Ctrl、重點、WWW、舊");
    for (const Inline& in : s.blocks[0].inlines)
        if (in.kind == InlineKind::span && in.attr.has_class("abbr")) CHECK(*in.attr.find("title") == "World Wide Web");
    CHECK(sink.count(Severity::warning) == 0);
}

TEST_CASE("markdown: misnested phrase elements are read as far as they nest, every character kept") {
    // Found by fuzz_markdown (tests/fuzz/corpus/markdown/misnested-spans.md): the inner span's closing tag lay
    // after the outer one's, the outer loop walked past its own end and never stopped.
    DiagnosticSink sink;
    Section s = md("# T\n\n甲<sup>乙<mark>丙</sup>丁</mark>戊\n", sink);
    const Inlines& p = s.blocks.at(0).inlines;
    CHECK(plain_text(p) == "甲乙丙丁戊");
    auto sup = std::find_if(p.begin(), p.end(), [](const Inline& in) { return in.kind == InlineKind::span; });
    REQUIRE(sup != p.end());
    CHECK(sup->attr.has_class("sup"));
    CHECK(plain_text(sup->children) == "乙丙");
    Section twice = md("# T\n\n<sub><sup>a<mark>b</sup>c</mark>d</sub>e<kbd>f</sub>g</kbd>\n", sink);
    CHECK(plain_text(twice.blocks.at(0).inlines) == "abcdefg");
}

TEST_CASE("markdown: <details> around Markdown becomes a details block with its summary") {
    Section s = md("# T\n\n<details>\n<summary>展開說明</summary>\n\n摺疊的 *內容*。\n\n</details>\n\n之後。\n");
    REQUIRE(s.blocks.size() == 2);
    const Block& d = s.blocks[0];
    CHECK(d.kind == BlockKind::block_quote);
    CHECK(d.attr.has_class("details"));
    REQUIRE(d.blocks.size() == 2);
    CHECK(d.blocks[0].attr.has_class("summary"));
    CHECK(plain_text(d.blocks[0].inlines) == "展開說明");
    CHECK(plain_text(d.blocks[1].inlines) == "摺疊的 內容。");
    CHECK(plain_text(s.blocks[1].inlines) == "之後。");
}

TEST_CASE("markdown: a malformed raw HTML block keeps its text; image alt text keeps nested images and markup") {
    DiagnosticSink sink;
    Section s = md("# T\n\n<div>未閉合的 <span\n\n![外 *強* ![內](b.png)](a.png)\n", sink);
    REQUIRE(s.blocks.size() == 2);
    CHECK(plain_text(s.blocks[0].inlines) == "未閉合的 <span");
    CHECK(s.blocks[1].kind == BlockKind::image);
    CHECK(plain_text(s.blocks[1].inlines) == "外 強 內");
}

namespace {

// Counts the links of inlines (at any depth) whose target is target_prefix + something.
std::size_t count_links(const Inlines& inlines, std::string_view target_prefix) {
    std::size_t n = 0;
    for (const Inline& in : inlines) {
        if (in.kind == InlineKind::link && in.target.rfind(target_prefix, 0) == 0) ++n;
        n += count_links(in.children, target_prefix);
    }
    return n;
}

}  // namespace

TEST_CASE("markdown: a long one-line paragraph with many e-mail addresses reads in bounded memory, every address linked, nothing lost") {
    // cmark-gfm's autolink extension copies the rest of a text node for every address it finds (quadratic), and
    // leaves the addresses after the thousandth of a node unlinked; the reader cuts long text nodes first.
    std::string unit = "證券日報社電話：010-83251700電子郵件：xmtzx@zqrb.net證券日報APP掃一掃";
    std::string text;
    for (int i = 0; i < 1500; ++i) text += unit;
    Section s = md(text);
    REQUIRE(s.blocks.size() == 1);
    CHECK(count_links(s.blocks[0].inlines, "mailto:xmtzx@zqrb.net") == 1500);
    CHECK(plain_text(s.blocks[0].inlines) == text);
    // Addresses next to paths, URLs and ASCII punctuation: the long paragraph links what the short one does, each
    // time (cuts fall only where no address can span them).
    std::string mixed_unit = "見 https://example.org/a/b 與 path/xmtzx@zqrb.net 及 a/b@c.de、x.y+z@q-r.cn，(m_n@o.io)之說明。";
    Section one = md(mixed_unit);
    std::size_t mail = count_links(one.blocks[0].inlines, "mailto:");
    std::size_t web = count_links(one.blocks[0].inlines, "https://");
    CHECK(mail >= 2);
    CHECK(web == 1);
    std::string mixed;
    for (int i = 0; i < 400; ++i) mixed += mixed_unit;
    Section many = md(mixed);
    CHECK(count_links(many.blocks[0].inlines, "mailto:") == 400 * mail);
    CHECK(count_links(many.blocks[0].inlines, "https://") == 400 * web);
    std::string expected;
    for (int i = 0; i < 400; ++i) expected += plain_text(one.blocks[0].inlines);
    CHECK(plain_text(many.blocks[0].inlines) == expected);
}
