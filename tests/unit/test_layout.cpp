// The layout engine on documents built through the model API: justification, prohibitions at line edges,
// Han-Latin spacing, keep-with-next, widows and orphans, repeated table headers, font fallback.
#include "layout/layout.hpp"
#include "layout/line_break.hpp"
#include "layout/lines.hpp"
#include "layout/settings.hpp"
#include "layout/shape.hpp"
#include "support/utf8.hpp"
#include "fonts/font.hpp"
#include "test_helpers.hpp"

#include <docexport/docexport.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace docexport;
using namespace docexport::layout;
using docexport::test::one_section;

namespace {

// A visual line: glyphs of one page on one baseline.
struct VisualLine {
    std::size_t page = 0;
    double y = 0, left = 0, right = 0;
    double size = 0;
    std::size_t font = 0;
    std::string text;
    std::vector<PlacedGlyph> glyphs;
};

std::vector<VisualLine> visual_lines(const Layout& layout) {
    std::vector<VisualLine> out;
    for (std::size_t p = 0; p < layout.pages.size(); ++p) {
        std::map<long, VisualLine> lines;
        for (const auto& run : layout.pages[p].runs)
            for (const auto& g : run.glyphs) {
                VisualLine& l = lines[std::lround(g.y * 100)];
                if (l.glyphs.empty()) {
                    l.page = p;
                    l.y = g.y;
                    l.size = run.size;
                    l.font = run.font;
                }
                l.glyphs.push_back(g);
            }
        for (auto& [key, l] : lines) {
            std::sort(l.glyphs.begin(), l.glyphs.end(), [](const PlacedGlyph& a, const PlacedGlyph& b) { return a.x < b.x; });
            l.left = l.glyphs.front().x;
            for (const auto& g : l.glyphs) {
                l.right = std::max(l.right, g.x + g.advance);
                l.text += g.text;
            }
            out.push_back(std::move(l));
        }
    }
    return out;
}

LayoutSettings plain_settings() {
    LayoutSettings s = brief_settings();
    s.title_page = false;
    s.table_of_contents = false;
    s.folio = false;
    s.section_starts_page = false;
    return s;
}

Block paragraph(const std::string& text, std::uint32_t line = 1) {
    return test::text_block(BlockKind::paragraph, text, 0, SourcePos{"test.md", line, 1});
}

Block heading(const std::string& text, int level = 2) { return test::text_block(BlockKind::heading, text, level); }

const std::string sample_text =
    "工信部近日印發通知，支持創建北京、天津（濱海新區）、杭州、廣州、成都國家人工智能創新應用先導區。這是繼上海（浦東新區）、"
    "深圳、濟南－青島3個先導區後，工信部發布的第二批先導區名單。至此，全國人工智能創新應用先導區已增至8個。通知指出，北京國家"
    "人工智能創新應用先導區要加快核心算法、基礎軟硬件等技術研發，加速智能基礎設施建設，打造全球領先的人工智能創新策源地。聚焦"
    "智能製造、智能網聯汽車、智慧城市、「科技冬奧」等重點領域，加快建設並開放人工智能深度應用場景……優化治理環境——持續推進"
    "人工智能和實體經濟深度融合。";

bool is_body(const VisualLine& l, const LayoutSettings& s) { return std::abs(l.size - s.font_size) < 0.01; }

}  // namespace

TEST_CASE("layout: justified lines fill the measure exactly, the last line is flush left, the first indented") {
    LayoutSettings s = plain_settings();
    DiagnosticSink sink;
    Layout layout = layout_document(one_section({paragraph(sample_text)}), s, sink);
    std::vector<VisualLine> body;
    for (auto& l : visual_lines(layout))
        if (is_body(l, s)) body.push_back(l);
    REQUIRE(body.size() >= 4);
    double left = s.margin_inner, right = s.page_width - s.margin_outer;
    CHECK(body.front().left == doctest::Approx(left + 2 * s.font_size).epsilon(1e-6));
    for (std::size_t i = 0; i + 1 < body.size(); ++i) {
        CAPTURE(body[i].text);
        CHECK(body[i].right == doctest::Approx(right).epsilon(1e-9));
        if (i > 0) CHECK(body[i].left == doctest::Approx(left).epsilon(1e-9));
    }
    CHECK(body.back().right < right - s.font_size);
    // The source text comes back in order.
    std::string all;
    for (const auto& l : body) all += l.text;
    CHECK(all == sample_text);
    CHECK(sink.count(Severity::warning) == 0);
}

TEST_CASE("layout: no line starts with a closing mark or ends with an opening one, at many measures") {
    std::string text;
    for (int i = 0; i < 6; ++i) text += "「甲乙」，（丙丁）、《戊己》。“庚辛”：壬癸；子丑？寅卯！辰巳……午未——申酉";
    for (double width : {200.0, 211.0, 223.5, 240.0, 257.0, 300.0, 333.3}) {
        LayoutSettings s = plain_settings();
        s.page_width = width + s.margin_inner + s.margin_outer;
        DiagnosticSink sink;
        Layout layout = layout_document(one_section({paragraph(text)}), s, sink);
        auto lines = visual_lines(layout);
        std::string all;
        for (const auto& l : lines) {
            if (!is_body(l, s)) continue;
            all += l.text;
            std::size_t i = 0;
            char32_t first = utf8::next_code_point(l.text, i);
            std::size_t j = l.text.size();
            char32_t last = utf8::previous_code_point(l.text, j);
            CAPTURE(width);
            CAPTURE(l.text);
            CHECK_FALSE(never_starts_line(first, Prohibition::basic));
            CHECK_FALSE(never_ends_line(last, Prohibition::basic));
            CHECK(l.text.rfind("…", 0) != 0);
            CHECK(l.right <= s.page_width - s.margin_outer + 1e-6);
        }
        CHECK(all == text);
    }
}

TEST_CASE("layout: a quarter em between Han and Latin, none at line edges, an existing space not doubled") {
    LayoutSettings s = plain_settings();
    s.first_line_indent_em = 0;
    DiagnosticSink sink;
    Layout layout = layout_document(one_section({paragraph("使用HarfBuzz排版"), paragraph("使用 HarfBuzz")}), s, sink);
    std::vector<VisualLine> body;
    for (auto& l : visual_lines(layout))
        if (is_body(l, s)) body.push_back(l);
    REQUIRE(body.size() == 2);
    auto gap_before = [](const VisualLine& l, const std::string& text) {
        for (std::size_t k = 1; k < l.glyphs.size(); ++k)
            if (l.glyphs[k].text == text) return l.glyphs[k].x - (l.glyphs[k - 1].x + l.glyphs[k - 1].advance);
        return -1.0;
    };
    CHECK(gap_before(body[0], "H") == doctest::Approx(0.25 * s.font_size));
    CHECK(gap_before(body[0], "排") == doctest::Approx(0.25 * s.font_size));
    CHECK(gap_before(body[1], "H") == doctest::Approx(0));   // after the space glyph: no extra
    CHECK(body[1].text == "使用 HarfBuzz");
}

TEST_CASE("layout: headings are kept with what follows and no paragraph leaves a widow or an orphan") {
    // Paragraph k is made of one repeated character, so each visual line says which paragraph it is from.
    const std::u32string marks = U"一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
    Blocks blocks;
    for (std::size_t k = 0; k < marks.size(); ++k) {
        if (k % 3 == 1) blocks.push_back(heading("標題" + std::to_string(k)));
        std::string text;
        std::size_t length = 30 + (k * 37) % 140;
        for (std::size_t i = 0; i < length; ++i) utf8::append(text, marks[k]);
        blocks.push_back(paragraph(text));
    }
    for (double height : {300.0, 331.0, 365.0, 402.0, 450.0}) {
        LayoutSettings s = plain_settings();
        s.page_height = height;
        s.margin_top = s.margin_bottom = 40;
        DiagnosticSink sink;
        Layout layout = layout_document(one_section(blocks), s, sink);
        auto lines = visual_lines(layout);
        CAPTURE(height);
        REQUIRE(layout.pages.size() > 3);
        for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
            const auto& a = lines[i];
            const auto& b = lines[i + 1];
            if (a.page == b.page) continue;
            CAPTURE(a.text);
            CAPTURE(b.text);
            // A heading never ends a page.
            CHECK(a.size <= s.font_size + 0.01);
            // A paragraph split over pages keeps two lines on each side.
            if (is_body(a, s) && is_body(b, s) && a.text.substr(0, 3) == b.text.substr(0, 3) && i >= 1 && i + 2 < lines.size()) {
                CHECK(lines[i - 1].page == a.page);
                CHECK(lines[i - 1].text.substr(0, 3) == a.text.substr(0, 3));
                CHECK(lines[i + 2].page == b.page);
                CHECK(lines[i + 2].text.substr(0, 3) == b.text.substr(0, 3));
            }
        }
    }
}

TEST_CASE("layout: a long table repeats its header row on every page and never splits a row") {
    Block table;
    table.kind = BlockKind::table;
    table.table.aligns = {Align::none, Align::none, Align::none};
    for (const char* h : {"先導區", "批次", "重點領域"}) table.table.header.push_back(TableCell{{make_text(h)}, {}});
    for (int r = 0; r < 80; ++r) {
        std::vector<TableCell> row;
        row.push_back(TableCell{{make_text("區" + std::to_string(r))}, {}});
        row.push_back(TableCell{{make_text("第二批（2021年）")}, {}});
        std::string focus;
        for (int k = 0; k <= r % 5; ++k) focus += "智能製造、智慧城市、";
        row.push_back(TableCell{{make_text(focus + "其他")}, {}});
        table.table.rows.push_back(std::move(row));
    }
    LayoutSettings s = plain_settings();
    DiagnosticSink sink;
    Layout layout = layout_document(one_section({table}), s, sink);
    REQUIRE(layout.pages.size() >= 3);
    auto lines = visual_lines(layout);
    for (std::size_t p = 0; p < layout.pages.size(); ++p) {
        // The page's first table line is the header.
        auto it = std::find_if(lines.begin(), lines.end(), [&](const VisualLine& l) { return l.page == p && l.text.find("批次") != std::string::npos; });
        CAPTURE(p);
        CHECK(it != lines.end());
    }
    // Every row's lines are on one page: "區N" and its focus list end together.
    for (int r = 0; r < 80; ++r) {
        std::string key = "區" + std::to_string(r) + "第二批";
        auto it = std::find_if(lines.begin(), lines.end(), [&](const VisualLine& l) { return l.text.rfind(key, 0) == 0; });
        REQUIRE(it != lines.end());
        auto next = it + 1;
        while (next != lines.end() && next->text.rfind("區", 0) != 0 && next->text.find("批次") == std::string::npos) {
            CHECK(next->page == it->page);
            ++next;
        }
    }
    // The narrow columns keep their natural width: the batch never wraps.
    for (const auto& l : lines) CHECK(l.text.find("年）") != 0);
}

TEST_CASE("layout: CJK Extension B falls back to HanaMinB; a character no font has is reported, never tofu") {
    LayoutSettings s = plain_settings();
    DiagnosticSink sink;
    Block p = paragraph("香港\U00020001\U0002A6D6與未知\U00030000字", 7);
    Layout layout = layout_document(one_section({p}), s, sink);
    bool hanamin = false;
    for (const auto& page : layout.pages)
        for (const auto& run : page.runs) {
            for (const auto& g : run.glyphs) CHECK(g.gid != 0);
            for (const auto& g : run.glyphs)
                if (g.text == "\U00020001" || g.text == "\U0002A6D6") hanamin = layout.fonts[run.font]->family() == "HanaMinB";
        }
    CHECK(hanamin);
    REQUIRE(sink.count(Severity::warning) == 1);
    const Diagnostic& d = sink.diagnostics().front();
    CHECK(d.message == "no glyph for U+30000 in any font of the style");
    CHECK(d.pos.file == "test.md");
    CHECK(d.pos.line == 7);
    CHECK(d.pos.col == 8);   // the eighth character of an inline at column 1
    CHECK_FALSE(d.hints.empty());
    // Its text survives (the PDF writer maps the stand-in glyph back to it).
    std::string all;
    for (const auto& l : visual_lines(layout)) all += l.text;
    CHECK(all.find("\U00030000") != std::string::npos);
}

TEST_CASE("layout: title page, contents with links and page numbers, labels, outline, running heads") {
    Document doc;
    doc.meta.title = "國家人工智能創新應用先導區簡報";
    doc.meta.subtitle = "測試";
    doc.meta.date = "2021-02-20";
    doc.meta.publisher = "docexport";
    for (int i = 0; i < 3; ++i) {
        Section sec;
        sec.title.push_back(make_text("第" + std::to_string(i + 1) + "節"));
        sec.blocks.push_back(heading("小節"));
        sec.blocks.push_back(paragraph(sample_text));
        doc.sections.push_back(std::move(sec));
    }
    DiagnosticSink sink;
    Layout layout = layout_document(doc, brief_settings(), sink);
    REQUIRE(layout.pages.size() == 5);   // title, contents, three sections
    REQUIRE(layout.page_labels.size() == 2);
    CHECK(layout.page_labels[0].style == PageLabelRange::Style::roman_lower);
    CHECK(layout.page_labels[1].first == 2);
    CHECK(layout.page_labels[1].style == PageLabelRange::Style::decimal);
    REQUIRE(layout.pages[1].links.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(layout.pages[1].links[i].target_page == 2 + i);
    std::size_t level1 = 0, level2 = 0;
    for (const auto& e : layout.outline) (e.level == 1 ? level1 : level2) += 1;
    CHECK(level1 == 4);   // the contents and three sections
    CHECK(level2 == 3);
    auto lines = visual_lines(layout);
    for (std::size_t p = 2; p < 5; ++p) {
        bool header = false, folio = false;
        for (const auto& l : lines)
            if (l.page == p) {
                header = header || l.text == doc.meta.title;
                folio = folio || l.text == std::to_string(p - 1);
            }
        CHECK_FALSE(header);   // each page opens a section: its title, no running head
        CHECK(folio);
    }
    // The contents line of section 2 ends with its page number.
    bool numbered = false;
    for (const auto& l : lines)
        if (l.page == 1 && l.text == "第2節2") numbered = true;
    CHECK(numbered);
}

TEST_CASE("layout: a contents of many entries, inserted a batch of pages at a time, links every entry to its page") {
    // 700 entries: the contents goes to the sink in several batches (256 entries each), every batch's links
    // moved on by the pages inserted after it.
    Document doc;
    doc.meta.title = "長目錄";
    constexpr int count = 700;
    for (int i = 0; i < count; ++i) {
        Section sec;
        sec.title.push_back(make_text("第" + std::to_string(i + 1) + "篇"));
        sec.blocks.push_back(paragraph("先導區第" + std::to_string(i + 1) + "篇。"));
        doc.sections.push_back(std::move(sec));
    }
    DiagnosticSink sink;
    Layout layout = layout_document(doc, brief_settings(), sink);
    REQUIRE(layout.page_labels.size() == 2);
    const std::size_t body = layout.page_labels[1].first;   // the body's first page: after the title and contents
    REQUIRE(body > 4);
    std::map<std::string, std::size_t> title_page;   // each section title's page, from its line
    for (const auto& l : visual_lines(layout))
        if (l.page >= body && l.text.rfind("第", 0) == 0 && l.text.size() > 3 && l.text.substr(l.text.size() - 3) == "篇")
            title_page.emplace(l.text, l.page);
    std::size_t links = 0;
    for (std::size_t p = 1; p < body; ++p)
        for (const LinkArea& link : layout.pages[p].links) {
            if (!link.uri.empty()) continue;
            ++links;
            auto it = title_page.find(link.text);
            REQUIRE(it != title_page.end());
            CHECK(link.target_page == it->second);
        }
    CHECK(links == count);
    CHECK(title_page.size() == count);
    // The outline's entries point at the same pages.
    for (const OutlineEntry& e : layout.outline)
        if (auto it = title_page.find(e.title); it != title_page.end()) CHECK(e.page == it->second);
}

TEST_CASE("layout: dump_layout starts with its version and lists the pages") {
    DiagnosticSink sink;
    Document doc = one_section({paragraph(sample_text)});
    std::string a = dump_layout(layout_document(doc, plain_settings(), sink));
    CHECK(a.rfind("layout 1\n", 0) == 0);
    CHECK(a.find("page 1 label 1 595.28x841.89") != std::string::npos);
}

TEST_CASE("layout shaping: the context-free fast path gives exactly what shaping whole runs gives") {
    using namespace docexport::layout;
    DiagnosticSink sink;
    LayoutSettings settings = settings_for_style("brief", "zh-Hant");
    std::vector<std::unique_ptr<docexport::fonts::Font>> store;
    FontChains fonts(settings, store, sink);
    Shaper fast(fonts, settings, "zh-Hant", sink);
    Shaper whole(fonts, settings, "zh-Hant", sink);
    whole.set_fast_path(false);
    // Ligatures (—— is one glyph in Noto CJK), kerning (AV, To), punctuation pairs, kana, digits, Ext-B, a
    // variation sequence, marks, joiners and roles in several fonts.
    const std::vector<std::string> samples = {
        "工信部宣布新增5個國家人工智能創新應用先導區——北京、天津（濱海新區）……",
        "AVATAR To Wa «Yes» “引號”「括號」『雙』，。、：；？！ 2021年2月20日 06:19",
        "𠀋𡈽𪚥 葛\xF3\xA0\x84\x80 e\xCC\x81 a\xE2\x80\x8D b ひらがな カタカナ ㄅㄆㄇ ①②③ ½ €100 ±∞",
        "RISC-V、Huawei Ascend 910、PyTorch（深度學習）——「大模型」!?",
    };
    for (const std::string& sample : samples) {
        for (Role role : {Role::body, Role::heading, Role::strong}) {
            InlineText text;
            TextStyle style;
            style.role = role;
            text.append(sample, style, {});
            ShapedText a, b;
            fast.shape(text, a);
            whole.shape(text, b);
            CAPTURE(sample);
            REQUIRE(a.glyphs.size() == b.glyphs.size());
            REQUIRE(a.clusters.size() == b.clusters.size());
            for (std::size_t g = 0; g < a.glyphs.size(); ++g) {
                CHECK(a.glyphs[g].gid == b.glyphs[g].gid);
                CHECK(a.glyphs[g].advance == b.glyphs[g].advance);
                CHECK(a.glyphs[g].x_offset == b.glyphs[g].x_offset);
                CHECK(a.glyphs[g].y_offset == b.glyphs[g].y_offset);
            }
            for (std::size_t c = 0; c < a.clusters.size(); ++c) {
                CHECK(a.clusters[c].text_begin == b.clusters[c].text_begin);
                CHECK(a.clusters[c].text_end == b.clusters[c].text_end);
                CHECK(a.clusters[c].glyph_begin == b.clusters[c].glyph_begin);
                CHECK(a.clusters[c].width == b.clusters[c].width);
                CHECK(a.clusters[c].font == b.clusters[c].font);
            }
        }
    }
}

TEST_CASE("layout headings: balancing never splits a word that fits on a line") {
    LayoutSettings s = plain_settings();
    s.page_width = 419.53;   // A5: the long word and the Han text do not fit on one line
    s.margin_inner = s.margin_outer = 51;
    const std::string title = "Supercalifragilisticexpialidocious 與人工智能創新應用";
    Document doc = one_section({heading(title), paragraph("正文。")});
    DiagnosticSink sink;
    Layout layout = layout_document(doc, s, sink);
    std::vector<std::string> heading_lines;
    for (const VisualLine& l : visual_lines(layout))
        if (l.size > s.font_size * 1.2 && l.text != "測試") heading_lines.push_back(l.text);
    REQUIRE(heading_lines.size() >= 2);
    std::string joined;
    for (const std::string& line : heading_lines) {
        CAPTURE(line);
        // Each line starts and ends at a word boundary of the title.
        std::size_t at = title.find(line, joined.size());
        REQUIRE(at != std::string::npos);
        CHECK((at == 0 || title[at - 1] == ' ' || static_cast<unsigned char>(title[at]) >= 0x80 ||
               static_cast<unsigned char>(title[at - 1]) >= 0x80));
        std::size_t end = at + line.size();
        CHECK((end == title.size() || title[end] == ' ' || static_cast<unsigned char>(title[end]) >= 0x80 ||
               static_cast<unsigned char>(title[end - 1]) >= 0x80));
        joined = title.substr(0, end);
    }
}

TEST_CASE("layout ClusterText: short texts inline, long ones on the heap, copies and moves keep the text") {
    ClusterText empty;
    CHECK(empty.empty());
    CHECK(empty.view().empty());
    ClusterText han = "工信";   // 6 bytes: inline
    CHECK(han == "工信");
    CHECK(han.size() == 6);
    const std::string family = "👨‍👩‍👧‍👦 family";   // 25 + 7 bytes: on the heap
    ClusterText longer(family);
    CHECK(longer == family);
    ClusterText copy = longer;
    CHECK(copy == family);
    ClusterText moved = std::move(copy);
    CHECK(moved == family);
    CHECK(copy.empty());
    moved = han;
    CHECK(moved == "工信");
    han = longer;
    CHECK(han == family);
    han = han;   // self-assignment keeps the text
    CHECK(han == family);
    longer.assign(family, 0, 11);
    CHECK(longer.view() == std::string_view(family).substr(0, 11));
    std::string joined;
    joined += han;
    CHECK(joined == family);
    CHECK(sizeof(ClusterText) == 12);
    CHECK(sizeof(PlacedGlyph) == 40);
}

TEST_CASE("layout inline images: U+FFFC with the image's width, breaks on both sides, the fallback text") {
    using namespace docexport::layout;
    DiagnosticSink sink;
    LayoutSettings settings = settings_for_style("brief", "zh-Hant");
    std::vector<std::unique_ptr<docexport::fonts::Font>> store;
    FontChains fonts(settings, store, sink);
    Shaper shaper(fonts, settings, "zh-Hant", sink);
    auto image = [](const std::string& src) {
        Inline in = test::image_inline(src);
        in.attr.set("alt", "方塊");
        in.attr.set("title", "圖題");
        in.pos.file = std::string(DOCEXPORT_SOURCE_DIR) + "/tests/validate/gfm.md";
        return in;
    };
    Inline before, after;
    before.text = "文字";
    after.text = "，後文";
    TextStyle style;   // 10.5 pt
    InlineText text;
    collect_inlines({before, image("pdf_image.png"), after}, style, text);
    CHECK(text.text == "文字\xEF\xBF\xBC，後文");
    REQUIRE(text.objects.size() == 1);
    const InlineObject& object = text.objects[0];
    CHECK(object.at == 6);
    CHECK(object.alt == "方塊");
    CHECK(object.height == doctest::Approx(10.5));
    CHECK(object.width == doctest::Approx(14.0));   // 40 x 30 pixels
    ShapedText shaped;
    shaper.shape(text, shaped);
    const ShapedCluster* c = nullptr;
    std::size_t k = 0;
    for (; k < shaped.clusters.size(); ++k)
        if (shaped.clusters[k].object == 0) {
            c = &shaped.clusters[k];
            break;
        }
    REQUIRE(c != nullptr);
    CHECK(c->width == doctest::Approx(14.0));
    CHECK(c->first == CharClass::han);
    CHECK(c->break_before == BreakKind::allowed);
    // The comma after it may not start a line.
    REQUIRE(k + 1 < shaped.clusters.size());
    CHECK(shaped.clusters[k + 1].break_before == BreakKind::none);
    CHECK(shaper.take_missing().empty());

    InlineText missing;
    collect_inlines({before, image("no-such-image.png"), after}, style, missing);
    CHECK(missing.objects.empty());
    CHECK(missing.text == "文字［方塊 — 圖題］，後文");
}

TEST_CASE("layout: the contents lists headings down to contents_depth, indented; depth 0 prints none") {
    Document doc;
    doc.meta.title = "簡報";
    doc.meta.date = "2021-02-20";
    doc.meta.authors = {"王小明"};
    for (int i = 0; i < 2; ++i) {
        Section sec;
        sec.title.push_back(make_text("第" + std::to_string(i + 1) + "節"));
        sec.blocks.push_back(heading("小節" + std::to_string(i + 1)));
        sec.blocks.push_back(heading("細目" + std::to_string(i + 1), 3));
        sec.blocks.push_back(paragraph(sample_text));
        doc.sections.push_back(std::move(sec));
    }
    auto contents_lines = [&](int depth) {
        LayoutSettings s = brief_settings();
        s.contents_depth = depth;
        DiagnosticSink sink;
        Layout layout = layout_document(doc, s, sink);
        std::vector<VisualLine> out;
        for (const auto& l : visual_lines(layout))
            if (l.page == 1) out.push_back(l);
        return std::pair{std::move(layout), std::move(out)};
    };
    auto [one, one_lines] = contents_lines(1);
    auto [two, two_lines] = contents_lines(2);
    auto [three, three_lines] = contents_lines(3);
    auto [none, none_lines] = contents_lines(0);
    auto has = [](const std::vector<VisualLine>& lines, const std::string& text) {
        return std::find_if(lines.begin(), lines.end(), [&](const VisualLine& l) { return l.text == text; });
    };
    CHECK(has(one_lines, "第1節1") != one_lines.end());
    CHECK(has(one_lines, "小節11") == one_lines.end());
    REQUIRE(has(two_lines, "小節11") != two_lines.end());
    CHECK(has(two_lines, "細目11") == two_lines.end());
    CHECK(has(three_lines, "細目22") != three_lines.end());
    // A heading's entry is indented an em, and links to its page.
    double section_left = has(two_lines, "第1節1")->left, heading_left = has(two_lines, "小節11")->left;
    CHECK(heading_left - section_left == doctest::Approx(brief_settings().font_size).epsilon(0.01));
    CHECK(two.pages[1].links.size() == 4);
    CHECK(one.pages[1].links.size() == 2);
    // Depth 0: the title page, then the body; the outline still holds every heading.
    CHECK(none.pages.size() == one.pages.size() - 1);
    CHECK(none.outline.size() == one.outline.size() - 1);   // less the contents page's own entry
    CHECK(none.outline.size() == 6);
}

TEST_CASE("layout: the title page prints title_page_lines when set, the document's metadata otherwise") {
    Document doc = one_section({paragraph(sample_text)});
    doc.meta.title = "簡報";
    doc.meta.date = "2021-02-20";
    doc.meta.authors = {"王小明"};
    doc.meta.publisher = "原出版社";
    LayoutSettings s = brief_settings();
    DiagnosticSink sink;
    auto title_page = [&](const LayoutSettings& settings) {
        std::string all;
        for (const auto& l : visual_lines(layout_document(doc, settings, sink)))
            if (l.page == 0) all += l.text + "\n";
        return all;
    };
    CHECK(title_page(s) == "簡報\n王小明\n2021-02-20\n原出版社\n");
    s.title_page_lines = LayoutSettings::TitlePageLines{{"李四", "張三"}, "2021年2月20日", ""};
    CHECK(title_page(s) == "簡報\n李四、張三\n2021年2月20日\n");
}

namespace {

// Returns the document of one input file read as the command reads it (no diagnostics kept).
Document read_one(const std::filesystem::path& path) {
    DiagnosticSink sink;
    return read_inputs({path.string()}, ReadOptions{}, sink);
}

// Returns doc with each section's paragraphs joined into one paragraph (a whole article on one line).
Document joined_paragraphs(Document doc) {
    for (Section& section : doc.sections) {
        std::vector<Block> blocks;
        Block* joined = nullptr;
        for (Block& block : section.blocks) {
            if (block.kind != BlockKind::paragraph) {
                blocks.push_back(std::move(block));
                joined = nullptr;
                continue;
            }
            if (joined == nullptr) {
                blocks.push_back(std::move(block));
                joined = &blocks.back();
            } else {
                joined->inlines.insert(joined->inlines.end(), block.inlines.begin(), block.inlines.end());
            }
        }
        section.blocks = std::move(blocks);
    }
    return doc;
}

}  // namespace

TEST_CASE("layout long paragraphs: set a piece at a time, they give the same pages as set whole") {
    // Real articles of every kind in the corpus (statutes, poems, interviews, lists, classical texts), the
    // sample and the layout fixtures (ruby, footnotes, inline images, Latin runs), as they are and with each
    // article's paragraphs joined into one; pieces far smaller than any real paragraph, so that every paragraph
    // is cut many times, at every kind of place.
    std::vector<std::filesystem::path> inputs;
    const std::filesystem::path root(DOCEXPORT_SOURCE_DIR);
    for (const char* dir : {"tests/corpus", "input", "tests/golden_layout", "tests/golden"})
        for (const auto& entry : std::filesystem::directory_iterator(root / dir)) {
            std::string ext = entry.path().extension().string();
            if (ext == ".txt" || ext == ".md") inputs.push_back(entry.path());
        }
    std::sort(inputs.begin(), inputs.end());
    REQUIRE(inputs.size() > 50);
    std::size_t cut = 0;
    for (const auto& path : inputs) {
        CAPTURE(path.string());
        Document doc;
        try {
            doc = read_one(path);
        } catch (const Error&) {
            continue;   // inputs that are errors on purpose (tests/golden holds a few)
        }
        for (const Document& d : {doc, joined_paragraphs(doc)}) {
            DiagnosticSink sink;
            LayoutSettings whole = settings_for_style("brief", d.meta.language);
            std::string expected = dump_layout(layout_document(d, whole, sink));
            for (std::size_t piece : {std::size_t(97), std::size_t(1500)}) {
                LayoutSettings pieces = whole;
                pieces.paragraph_piece_bytes = piece;
                CAPTURE(piece);
                std::string got = dump_layout(layout_document(d, pieces, sink));
                CHECK(got == expected);
                if (got != expected) {
                    auto at = std::mismatch(got.begin(), got.end(), expected.begin(), expected.end()).first - got.begin();
                    MESSAGE("first difference at byte " << at << ": " << got.substr(at > 200 ? at - 200 : 0, 400));
                }
            }
        }
        ++cut;
    }
    CHECK(cut > 50);
}

TEST_CASE("layout: a section's opening page has no running head, its other pages have one, all have folios") {
    Document doc;
    doc.meta.title = "國家人工智能創新應用先導區簡報";
    for (int i = 0; i < 2; ++i) {
        Section sec;
        sec.title.push_back(make_text("第" + std::to_string(i + 1) + "節"));
        for (int k = 0; k < 12; ++k) sec.blocks.push_back(paragraph(sample_text));
        doc.sections.push_back(std::move(sec));
    }
    DiagnosticSink sink;
    LayoutSettings s = brief_settings();
    s.title_page = false;
    s.table_of_contents = false;
    Layout layout = layout_document(doc, s, sink);
    std::set<std::size_t> opening;
    for (const auto& e : layout.outline)
        if (e.level == 1) opening.insert(e.page);
    REQUIRE(opening.size() == 2);
    REQUIRE(layout.pages.size() > 3);   // at least one section runs over two pages
    auto lines = visual_lines(layout);
    for (std::size_t p = 0; p < layout.pages.size(); ++p) {
        bool header = false, folio = false;
        for (const auto& l : lines)
            if (l.page == p) {
                header = header || l.text == doc.meta.title;
                folio = folio || l.text == std::to_string(p + 1);
            }
        CAPTURE(p);
        CHECK(header == (opening.count(p) == 0));
        CHECK(folio);
    }
}

namespace {

// The body text of each column of each page, in reading order: horizontal columns left to right, each line by
// line; vertical tiers top to bottom, each column by column (right to left), each top to bottom. Also checks
// that every body glyph lies inside its column (tier). Body glyphs are those of the body size.
std::vector<std::vector<std::string>> column_texts(const Layout& layout, const LayoutSettings& s, double column, double gap) {
    std::vector<std::vector<std::string>> out;
    for (const Page& page : layout.pages) {
        std::vector<std::vector<const PlacedGlyph*>> columns(static_cast<std::size_t>(s.columns));
        for (const GlyphRun& run : page.runs) {
            if (std::abs(run.size - s.font_size) > 0.01) continue;
            for (const PlacedGlyph& g : run.glyphs) {
                double along = s.vertical ? g.y - s.margin_top : g.x - s.margin_inner;   // across the columns
                auto c = static_cast<std::size_t>(std::clamp(std::floor((along + gap / 2) / (column + gap)), 0.0, s.columns - 1.0));
                double start = static_cast<double>(c) * (column + gap);
                double extent = s.vertical ? s.font_size : g.advance;
                CHECK(along >= start - 0.01);
                CHECK(along + extent <= start + column + s.font_size * 1.01);   // a hanging mark may pass the end
                columns[c].push_back(&g);
            }
        }
        auto& texts = out.emplace_back();
        for (auto& glyphs : columns) {
            if (s.vertical)
                std::sort(glyphs.begin(), glyphs.end(), [&](const PlacedGlyph* a, const PlacedGlyph* b) {
                    if (std::abs(a->x - b->x) > s.font_size / 2) return a->x > b->x;
                    return a->y < b->y;
                });
            else
                std::sort(glyphs.begin(), glyphs.end(), [](const PlacedGlyph* a, const PlacedGlyph* b) {
                    if (std::abs(a->y - b->y) > 0.01) return a->y < b->y;
                    return a->x < b->x;
                });
            std::string text;
            for (const PlacedGlyph* g : glyphs) text += g->text;
            texts.push_back(text);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("layout columns: the body fills a page's columns in turn, a section starts at the top of the next one") {
    // Han text only (the opening of the Thousand Character Classic), so that every glyph sits in its column.
    const std::string verse = "天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。寒來暑往，秋收冬藏。閏餘成歲，律呂調陽。雲騰致雨，露結為霜。";
    std::string first, second = "金生麗水，玉出崑岡。劍號巨闕，珠稱夜光。";
    Document doc;
    doc.meta.language = "zh-Hant-TW";
    for (int i = 0; i < 2; ++i) {
        Section sec;
        sec.title.push_back(make_text(i == 0 ? "千字文" : "又"));
        if (i == 0)
            for (int k = 0; k < 7; ++k) {
                sec.blocks.push_back(paragraph(verse));
                first += verse;
            }
        else
            sec.blocks.push_back(paragraph(second));
        doc.sections.push_back(std::move(sec));
    }
    for (bool vertical : {false, true}) {
        CAPTURE(vertical);
        LayoutSettings s = plain_settings();
        s.page_width = 300;
        s.page_height = 420;
        s.margin_top = s.margin_bottom = s.margin_inner = s.margin_outer = 40;
        s.font_size = 10;
        s.columns = 2;
        s.column_gap_em = 2;
        s.section_starts_page = s.entry_starts_page = s.section_starts_column = true;
        s.vertical = vertical;
        // The columns' width (tiers' length): the text block across the columns, less the gap, halved.
        double across = vertical ? s.page_height - s.margin_top - s.margin_bottom : s.page_width - s.margin_inner - s.margin_outer;
        double column = (across - 20) / 2;
        DiagnosticSink sink;
        Layout layout = layout_document(doc, s, sink);
        CHECK(sink.count(Severity::warning) == 0);
        auto pages = column_texts(layout, s, column, 20);
        std::string all;
        std::size_t full = 0;
        for (const auto& texts : pages) {
            for (const auto& t : texts) all += t;
            full += !texts[0].empty() && !texts[1].empty();
        }
        CHECK(all == first + second);
        CHECK(full >= 1);   // a page with text in both columns
        // The first section fills two columns and part of a third (the next page's first); the second opens the
        // column after it, on the same page.
        REQUIRE(pages.size() == 2);
        CHECK(utf8::count_code_points(pages[0][0]) > 100);
        CHECK(utf8::count_code_points(pages[0][1]) > 100);
        CHECK(!pages[1][0].empty());
        CHECK(pages[1][1] == second);
        // A page break (sections.break: page) leaves the rest of the page's columns empty.
        s.section_starts_column = false;
        pages = column_texts(layout_document(doc, s, sink), s, column, 20);
        REQUIRE(pages.size() == 3);
        CHECK(pages[1][1].empty());
        CHECK(pages[2][0] == second);
    }
}

TEST_CASE("layout vertical: a dash between upright characters is centred across the column") {
    // 濟南-青島 and 北京—天津 in a column: the turned dash's ink is centred on the column's centre line (where the
    // upright characters' vertical origins are), within 3% of an em; a hyphen in a Latin word (e-mail) is not moved.
    LayoutSettings s = plain_settings();
    s.vertical = true;
    DiagnosticSink sink;
    Layout layout = layout_document(one_section({paragraph("濟南-青島、北京—天津")}), s, sink);
    std::size_t dashes = 0;
    for (const Page& page : layout.pages) {
        for (const GlyphRun& run : page.runs) {
            if (run.orientation != Orientation::sideways || std::abs(run.size - s.font_size) > 0.01) continue;
            for (const PlacedGlyph& g : run.glyphs) {
                if (g.text != "-" && g.text != "—") continue;
                // The column's centre: the upright glyph of 南 or 京 just before it.
                double centre = -1;
                for (const GlyphRun& other : page.runs)
                    if (other.orientation == Orientation::vertical)
                        for (const PlacedGlyph& h : other.glyphs)
                            if (h.text == (g.text == "-" ? "南" : "京")) centre = h.x;
                REQUIRE(centre > 0);
                const fonts::Font& font = *layout.fonts[run.font];
                hb_glyph_extents_t ink{};
                REQUIRE(hb_font_get_glyph_extents(font.font(), g.gid, &ink));
                double ink_centre = g.x + (ink.y_bearing + ink.height / 2.0) * run.size / font.upem();
                CAPTURE(g.text);
                CHECK(std::abs(ink_centre - centre) < 0.03 * run.size);
                ++dashes;
            }
        }
    }
    CHECK(dashes == 2);
}

namespace {

// Calls visit(text, shaped, options) for every body paragraph of the corpus articles and the sample, shaped with
// the brief style, options set to its body measure and 2 em indent as the PDF breaks it; returns how many.
template <typename Visit>
std::size_t corpus_paragraphs(const LayoutSettings& settings, Visit&& visit) {
    std::vector<std::filesystem::path> inputs;
    const std::filesystem::path root(DOCEXPORT_SOURCE_DIR);
    for (const char* dir : {"tests/corpus", "input"})
        for (const auto& entry : std::filesystem::directory_iterator(root / dir))
            if (entry.path().extension() == ".txt") inputs.push_back(entry.path());
    std::sort(inputs.begin(), inputs.end());
    REQUIRE(inputs.size() > 40);
    DiagnosticSink sink;
    std::vector<std::unique_ptr<docexport::fonts::Font>> store;
    FontChains fonts(settings, store, sink);
    Shaper shaper(fonts, settings, "zh-Hant", sink);
    std::size_t paragraphs = 0;
    for (const auto& path : inputs) {
        Document doc;
        try {
            doc = read_one(path);
        } catch (const Error&) {
            continue;
        }
        for (const Section& section : doc.sections)
            for (const Block& block : section.blocks) {
                if (block.kind != BlockKind::paragraph) continue;
                InlineText text;
                TextStyle style;
                style.size = settings.font_size;
                collect_inlines(block.inlines, style, text);
                text.trim_end();
                if (text.text.empty()) continue;
                ShapedText shaped;
                shaper.shape(text, shaped);
                LineOptions options;
                options.measure = settings.page_width - settings.margin_inner - settings.margin_outer;
                options.first_indent = settings.first_line_indent_em * settings.font_size;
                CAPTURE(path.string());
                CAPTURE(text.text);
                visit(text, shaped, options);
                ++paragraphs;
            }
    }
    return paragraphs;
}

}  // namespace

TEST_CASE("layout runts: no paragraph of the corpus or the sample ends with one Han character and its punctuation") {
    // Every body paragraph, with and without the runt rule: without it the corpus has runts (the test can fail),
    // with it none is left.
    LayoutSettings settings = settings_for_style("brief", "zh-Hant");
    auto is_runt = [](const ShapedText& shaped, const Line& line) {
        if (line.end <= line.begin || shaped.clusters[line.begin].first != CharClass::han) return false;
        for (std::uint32_t k = line.begin + 1; k < line.end; ++k)
            if (shaped.clusters[k].first != CharClass::wide_punct && shaped.clusters[k].first != CharClass::other)
                return false;
        return true;
    };
    std::size_t runts_before = 0, runts_after = 0;
    std::vector<Line> lines;
    std::size_t paragraphs = corpus_paragraphs(settings, [&](const InlineText& text, const ShapedText& shaped, LineOptions options) {
        break_lines(shaped, text, options, lines);
        bool before = lines.size() >= 2 && !lines[lines.size() - 2].last && is_runt(shaped, lines.back());
        options.avoid_runts = true;
        break_lines(shaped, text, options, lines);
        bool after = lines.size() >= 2 && !lines[lines.size() - 2].last && is_runt(shaped, lines.back());
        CHECK_FALSE(after);
        runts_before += before;
        runts_after += after;
    });
    MESSAGE(paragraphs << " paragraphs, " << runts_before << " runts without the rule, " << runts_after << " with it");
    CHECK(paragraphs > 300);
    CHECK(runts_before > 0);
    CHECK(runts_after == 0);
}

TEST_CASE("layout hanging punctuation: a pause or stop mark hangs past a full line, nothing else moves out") {
    // Every body paragraph, with and without hanging: a hanging line is full up to the measure and ends with one
    // pause or stop mark past it; no line starts with a prohibited mark; no text is lost; and hanging never takes
    // more lines.
    LayoutSettings settings = settings_for_style("brief", "zh-Hant");
    const std::u32string hangable = U"、。，．：；？！,.:;?!";
    std::size_t lines_plain = 0, lines_hanging = 0, hung = 0;
    std::vector<double> positions;
    std::vector<Line> lines;
    corpus_paragraphs(settings, [&](const InlineText& text, const ShapedText& shaped, LineOptions options) {
        options.avoid_runts = true;
        break_lines(shaped, text, options, lines);
        lines_plain += lines.size();
        std::size_t before = lines.size();
        options.hang = true;
        break_lines(shaped, text, options, lines);
        lines_hanging += lines.size();
        CHECK(lines.size() <= before);
        std::string all;
        for (const Line& line : lines) {
            std::string_view from(text.text);
            from = from.substr(shaped.clusters[line.begin].text_begin,
                               shaped.clusters[line.end - 1].text_end - shaped.clusters[line.begin].text_begin);
            all += from;
            std::size_t i = 0;
            CHECK_FALSE(never_starts_line(utf8::next_code_point(from, i), settings.prohibition));
            if (line.hang == 0) continue;
            ++hung;
            const ShapedCluster& mark = shaped.clusters[line.end - 1];
            std::size_t at = mark.text_begin;
            CHECK(hangable.find(utf8::next_code_point(text.text, at)) != std::u32string::npos);
            CHECK(line.hang == doctest::Approx(mark.width));
            cluster_positions(shaped, line, positions);
            CHECK(line.start + positions[line.end - 1 - line.begin] == doctest::Approx(options.measure));
        }
        std::string source = text.text;
        for (char drop : {' ', '\n'}) {   // spaces at breaks vanish, hard breaks are no line's text
            std::erase(source, drop);
            std::erase(all, drop);
        }
        CHECK(all == source);
    });
    MESSAGE(lines_plain << " lines without hanging, " << lines_hanging << " with it, " << hung << " marks hung");
    CHECK(hung > 20);
    CHECK(lines_hanging < lines_plain);
}

namespace {

// A page sink that records, for each page, how far layout's progress had come when the page arrived, and keeps the
// pages as the collecting layout would (insertions shift the pages after them).
struct RecordingSink final : PageSink {
    const std::size_t* sections_done = nullptr;
    std::vector<std::size_t> done_at_page;   // sections_done when each page (in arrival order) came
    std::vector<Page> pages;
    std::size_t inserted = 0;
    bool finished = false;
    void add_page(Page&& page, const std::vector<const fonts::Font*>& fonts) override {
        CHECK_FALSE(finished);
        for (const auto& run : page.runs)
            if (!run.glyphs.empty()) CHECK(run.font < fonts.size());
        done_at_page.push_back(*sections_done);
        pages.push_back(std::move(page));
    }
    void insert_pages(std::size_t at, std::vector<Page>&& more, const std::vector<const fonts::Font*>&) override {
        REQUIRE(at <= pages.size());
        inserted += more.size();
        pages.insert(pages.begin() + static_cast<std::ptrdiff_t>(at), std::make_move_iterator(more.begin()),
                     std::make_move_iterator(more.end()));
    }
    void finish(LayoutTail&&) override { finished = true; }
};

// Returns the text of a page's runs, in order.
std::string page_text(const Page& page) {
    std::string out;
    for (const auto& run : page.runs)
        for (const auto& g : run.glyphs) out += g.text;
    return out;
}

}  // namespace

TEST_CASE("layout streaming: pages reach the sink while later sections, and later pieces of a long paragraph, are still to be laid out") {
    auto check = [](const Document& doc, const LayoutSettings& s, bool one_paragraph) {
        DiagnosticSink sink;
        std::size_t done = 0;
        ProgressCallback progress = [&](const Progress& p) {
            if (p.stage == ProgressStage::layout) done = p.done;
        };
        RecordingSink recording;
        recording.sections_done = &done;
        std::vector<std::unique_ptr<fonts::Font>> fonts;
        layout_document(doc, s, sink, recording, fonts, progress);
        CHECK(recording.finished);
        // The same pages as the collected layout, in the same order.
        Layout whole = layout_document(doc, s, sink);
        REQUIRE(recording.pages.size() == whole.pages.size());
        for (std::size_t p = 0; p < whole.pages.size(); ++p) CHECK(page_text(recording.pages[p]) == page_text(whole.pages[p]));
        // Most pages came before layout was done: they were not all held until the end.
        std::size_t early = 0;
        for (std::size_t d : recording.done_at_page) early += d < doc.sections.size() ? 1 : 0;
        CHECK(early * 2 > recording.done_at_page.size());
        if (one_paragraph) CHECK(early > 10);   // one section: those pages came while its paragraph was being set
        return recording.inserted;
    };
    LayoutSettings s = brief_settings();
    // Many sections (the contents are inserted before the body at the end).
    Document many;
    many.meta.language = "zh-Hant-TW";
    many.meta.title = "簡報";
    for (int i = 0; i < 120; ++i) {
        Section section;
        section.title.push_back(make_text("第" + std::to_string(i + 1) + "節"));
        for (int k = 0; k < 6; ++k) section.blocks.push_back(paragraph(sample_text));
        many.sections.push_back(std::move(section));
    }
    CHECK(check(many, s, false) > 0);
    // One paragraph of about 600 KB: set in pieces, its pages handed on after each piece.
    std::string text;
    while (text.size() < 600000) text += sample_text;
    check(one_section({paragraph(text)}), s, true);
}
