// The logical structure layout makes for a tagged PDF (layout/structure.hpp): the nodes of a document's blocks,
// heading levels without gaps, list items, table header cells, and which content is decoration.
#include "layout/layout.hpp"
#include "layout/settings.hpp"
#include "layout/structure.hpp"
#include "test_helpers.hpp"

#include <docexport/docexport.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace docexport;
using namespace docexport::layout;
using docexport::test::image_inline;
using docexport::test::link_to;
using docexport::test::paragraph;
using docexport::test::text_block;

namespace {

// A document titled 結構測試 of one section, 第一節, that holds blocks.
Document document(Blocks blocks) { return test::one_section(std::move(blocks), "第一節", "結構測試"); }

// Returns the text of the runs of page p whose node has role (any node when role is null, none when untagged).
std::string text_of(const Layout& layout, std::size_t p, const StructRole* role, bool tagged = true) {
    std::string out;
    for (const GlyphRun& run : layout.pages[p].runs) {
        bool is_tagged = run.tag >= 0;
        if (is_tagged != tagged) continue;
        if (tagged && role && layout.structure[static_cast<std::size_t>(run.tag)].role != *role) continue;
        for (const PlacedGlyph& g : run.glyphs) out += g.text;
    }
    return out;
}

std::size_t count(const Layout& layout, StructRole role) {
    std::size_t n = 0;
    for (const StructNode& node : layout.structure) n += node.role == role ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("structure: sections, headings without gaps, lists with labels, and decoration left out") {
    Block list;
    list.kind = BlockKind::bullet_list;
    list.items.push_back({text_block(BlockKind::paragraph, "甲項")});
    list.items.push_back({text_block(BlockKind::paragraph, "乙項")});
    Document doc = document({text_block(BlockKind::heading, "三級標題", 3), text_block(BlockKind::paragraph, "正文段落。"),
                             text_block(BlockKind::heading, "五級標題", 5), list});
    LayoutSettings s = brief_settings();
    DiagnosticSink sink;
    Layout layout = layout_document(doc, s, sink);
    REQUIRE_FALSE(layout.structure.empty());
    CHECK(layout.structure.front().role == StructRole::document);
    CHECK(count(layout, StructRole::sect) == 1);
    CHECK(count(layout, StructRole::toc) == 1);
    // A source h3 under the section's title is H2, an h5 after it H3: no level skipped.
    std::vector<int> levels;
    for (const StructNode& node : layout.structure)
        if (node.role == StructRole::heading) levels.push_back(node.level);
    CHECK(levels == std::vector<int>{1, 1, 1, 2, 3});   // the title page's, the contents', the section's, then its own
    // Two list items, each with a label and a body under one list.
    CHECK(count(layout, StructRole::list) == 1);
    CHECK(count(layout, StructRole::list_item) == 2);
    CHECK(count(layout, StructRole::label) == 2);
    for (std::size_t n = 0; n < layout.structure.size(); ++n) {
        const StructNode& node = layout.structure[n];
        if (node.role == StructRole::label || node.role == StructRole::list_body)
            CHECK(layout.structure[static_cast<std::size_t>(node.parent)].role == StructRole::list_item);
        if (node.role == StructRole::list_item) CHECK(layout.structure[static_cast<std::size_t>(node.parent)].role == StructRole::list);
        if (n > 0) CHECK(node.parent >= 0);
        if (n > 0) CHECK(static_cast<std::size_t>(node.parent) < n);   // a parent comes before its children
    }
    // Every piece of text points into the structure or is decoration; the running head (the title, small) and the
    // folios are decoration, the body's text is not.
    std::string decoration, body;
    for (std::size_t p = 0; p < layout.pages.size(); ++p) {
        for (const GlyphRun& run : layout.pages[p].runs) CHECK(run.tag < static_cast<std::int32_t>(layout.structure.size()));
        decoration += text_of(layout, p, nullptr, false);
        body += text_of(layout, p, nullptr, true);
    }
    CHECK(body.find("正文段落") != std::string::npos);
    CHECK(body.find("甲項") != std::string::npos);
    CHECK(decoration.find("正文段落") == std::string::npos);
    const StructRole label = StructRole::label;
    std::string labels;
    for (std::size_t p = 0; p < layout.pages.size(); ++p) labels += text_of(layout, p, &label);
    CHECK(labels == "●●");
}

TEST_CASE("structure: a table's header cells are TH where the table starts, decoration where it repeats") {
    Block table;
    table.kind = BlockKind::table;
    for (const char* h : {"先導區", "批次"}) table.table.header.push_back(TableCell{{make_text(h)}, {}});
    for (int r = 0; r < 90; ++r)
        table.table.rows.push_back({TableCell{{make_text("區" + std::to_string(r))}, {}}, TableCell{{make_text("第二批")}, {}}});
    LayoutSettings s = brief_settings();
    s.title_page = false;
    s.table_of_contents = false;
    DiagnosticSink sink;
    Layout layout = layout_document(document({table}), s, sink);
    REQUIRE(layout.pages.size() >= 2);
    CHECK(count(layout, StructRole::table) == 1);
    CHECK(count(layout, StructRole::table_header) == 2);
    CHECK(count(layout, StructRole::table_row) == 91);
    const StructRole th = StructRole::table_header;
    CHECK(text_of(layout, 0, &th) == "先導區批次");
    for (std::size_t p = 1; p < layout.pages.size(); ++p) {
        CAPTURE(p);
        CHECK(text_of(layout, p, &th).empty());
        CHECK(text_of(layout, p, nullptr, false).find("批次") != std::string::npos);   // the repeated header row
    }
}

TEST_CASE("structure: links, ruby and an image without alt text") {
    Block p = paragraph({make_text("見"), link_to("https://example.com/brief", "簡報"), make_ruby("先導", "xiān dǎo"),
                         image_inline(std::string(DOCEXPORT_SOURCE_DIR) + "/tests/validate/pdf_image.png")});
    std::vector<Diagnostic> diagnostics;
    DiagnosticSink sink([&](const Diagnostic& d) { diagnostics.push_back(d); });
    LayoutSettings s = brief_settings();
    Layout layout = layout_document(document({p}), s, sink);
    CHECK(count(layout, StructRole::link) >= 2);   // the link, and the contents entry's
    CHECK(count(layout, StructRole::ruby) == 1);
    CHECK(count(layout, StructRole::ruby_base) == 1);
    CHECK(count(layout, StructRole::ruby_text) == 1);
    CHECK(count(layout, StructRole::figure) == 1);
    bool warned = false;
    for (const Diagnostic& d : diagnostics) warned = warned || d.message.find("without alt text") != std::string::npos;
    CHECK(warned);
    for (const StructNode& node : layout.structure)
        if (node.role == StructRole::ruby_text) CHECK(node.text() == "xiān dǎo");
    // The link area on the page points at its Link node.
    bool found = false;
    for (const Page& page : layout.pages)
        for (const LinkArea& area : page.links)
            if (area.uri == "https://example.com/brief") {
                found = true;
                REQUIRE(area.tag >= 0);
                CHECK(layout.structure[static_cast<std::size_t>(area.tag)].role == StructRole::link);
            }
    CHECK(found);
}
