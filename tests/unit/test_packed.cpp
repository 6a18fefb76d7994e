// Packed sections (Section::packed_blocks, ReadOptions::compact): the blocks come back exactly as they were, and
// every writer and dump gives from a packed document the bytes it gives from the document as read.
#include "test_helpers.hpp"

#include <docexport/docexport.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace docexport;

namespace {

// A section with every kind of node and field set, some of them to unusual values.
Section every_field() {
    Section s;
    s.title.push_back(make_text("標題", SourcePos{"a.md", 1, 1}));
    s.pos = SourcePos{"a.md", 1, 1};
    Block h;
    h.kind = BlockKind::heading;
    h.level = 3;
    h.attr.id = "h";
    h.attr.classes = {"one", "two"};
    h.attr.set("lang", "en");
    h.pos = SourcePos{"a.md", 4000000000u, 7};
    Inline link;
    link.kind = InlineKind::link;
    link.target = "#other";
    link.title = "到別處";
    link.children.push_back(make_ruby("區", "qū", SourcePos{"b.md", 2, 3}));
    link.pos = SourcePos{"", 0, 0};
    h.inlines.push_back(link);
    Inline br;
    br.kind = InlineKind::line_break;
    h.inlines.push_back(br);
    s.blocks.push_back(h);
    Block list;
    list.kind = BlockKind::ordered_list;
    list.start = -5;
    list.pos = SourcePos{"a.md", 9, 1};
    Block item;
    item.kind = BlockKind::paragraph;
    item.inlines.push_back(make_text("第一項\n", SourcePos{"a.md", 9, 4}));
    list.items = {{item, item}, {}, {item}};
    s.blocks.push_back(list);
    Block quote;
    quote.kind = BlockKind::block_quote;
    quote.attr.classes.push_back("footnote");
    quote.attr.set("note", "1");
    quote.blocks.push_back(item);
    quote.blocks.push_back(list);
    s.blocks.push_back(quote);
    Block table;
    table.kind = BlockKind::table;
    table.table.caption.push_back(make_text("表"));
    table.table.aligns = {Align::none, Align::left, Align::center, Align::right};
    table.table.header = {TableCell{{make_text("甲")}, SourcePos{"a.md", 20, 1}}, TableCell{}};
    table.table.rows = {{TableCell{{make_text("乙")}, {}}}, {}, {TableCell{}, TableCell{{br}, SourcePos{"c.md", 1, 1}}}};
    s.blocks.push_back(table);
    Block code;
    code.kind = BlockKind::code_block;
    code.text = std::string("int main() {}\n\0zero", 19);
    code.info = "cpp";
    s.blocks.push_back(code);
    Block image;
    image.kind = BlockKind::image;
    image.target = "pic.png";
    image.title = "圖";
    image.inlines.push_back(make_text("替代文字"));
    s.blocks.push_back(image);
    Block rule;
    rule.kind = BlockKind::rule;
    s.blocks.push_back(rule);
    return s;
}

// Returns the model dump of a document whose only section is s.
std::string dump(const Section& s) {
    Document doc;
    doc.sections.push_back(s);
    return dump_model_json(doc);
}

// The inputs of the model's golden tests (every reader) and the sample brief.
std::vector<std::string> reader_inputs() {
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(DOCEXPORT_SOURCE_DIR) + "/tests/golden")) {
        std::string ext = entry.path().extension().string();
        if (ext == ".md" || ext == ".txt" || ext == ".rss" || ext == ".atom" || ext == ".rdf" || ext == ".jsonfeed" ||
            ext == ".yaml")
            paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    paths.push_back(std::string(DOCEXPORT_SOURCE_DIR) + "/input/brief.yaml");
    return paths;
}

// The read options of those inputs (one is a malformed feed), compact or not.
ReadOptions reading(bool compact) {
    ReadOptions options;
    options.lenient = true;
    options.compact = compact;
    return options;
}

}  // namespace

TEST_CASE("packed: every kind of node and field comes back unpacked as it was") {
    Section s = every_field();
    const std::string before = dump(s);
    const Blocks original = s.blocks;
    pack_blocks(s);
    CHECK(s.blocks.empty());
    REQUIRE_FALSE(s.packed_blocks.empty());
    CHECK(dump(s) == before);   // the dump reads packed blocks
    Blocks back = unpacked_blocks(s);
    REQUIRE(back.size() == original.size());
    CHECK(back[4].text == original[4].text);   // a NUL inside a string too
    CHECK(back[0].pos.line == 4000000000u);
    CHECK(back[1].start == -5);
    unpack_blocks(s);
    CHECK(s.packed_blocks.empty());
    CHECK(dump(s) == before);
}

TEST_CASE("packed: blocks added after packing follow the packed ones, and packing again keeps them all") {
    Section s = every_field();
    const std::string before = dump(s);
    Block last = s.blocks.back();
    s.blocks.pop_back();
    pack_blocks(s);
    s.blocks.push_back(last);
    CHECK(dump(s) == before);
    pack_blocks(s);
    CHECK(s.blocks.empty());
    CHECK(dump(s) == before);
    Section empty;
    pack_blocks(empty);
    CHECK(empty.packed_blocks.empty());
    CHECK(unpacked_blocks(empty).empty());
}

TEST_CASE("packed: damaged packed blocks are an error, never a crash") {
    Section s = every_field();
    pack_blocks(s);
    const std::string good = s.packed_blocks;
    for (std::size_t cut : {std::size_t{1}, std::size_t{3}, good.size() / 2, good.size() - 1}) {
        s.packed_blocks = good.substr(0, cut);
        CHECK_THROWS_AS(unpacked_blocks(s), Error);
    }
    s.packed_blocks = good;
    s.packed_blocks[0] = '\x7f';   // a length the data cannot hold
    CHECK_THROWS_AS(unpacked_blocks(s), Error);
    s.packed_blocks = std::string(1, '\x05') + "xxxxx";   // not zlib
    CHECK_THROWS_AS(unpacked_blocks(s), Error);
}

TEST_CASE("packed: every reader's document read compact is the same model, in less memory") {
    for (const std::string& path : reader_inputs()) {
        CAPTURE(path);
        DiagnosticSink sink;
        Document plain = read_inputs({path}, reading(false), sink);
        Document packed = read_inputs({path}, reading(true), sink);
        CHECK(dump_model_json(packed) == dump_model_json(plain));
        CHECK(dump_outline(packed) == dump_outline(plain));
        std::size_t with_blocks = 0, packed_sections = 0;
        for (std::size_t i = 0; i < plain.sections.size(); ++i) {
            with_blocks += plain.sections[i].blocks.empty() ? 0 : 1;
            packed_sections += packed.sections[i].packed_blocks.empty() ? 0 : 1;
        }
        // Overviews are made after reading, of unpacked blocks; every section read from an input is packed, unless
        // it is the document's only one.
        if (plain.sections.size() > 1) {
            CHECK(packed_sections + (path.ends_with(".yaml") ? 2 : 0) >= with_blocks);
            CHECK(packed_sections > 0);
        } else {
            CHECK(packed_sections == 0);
        }
    }
}

TEST_CASE("packed: the writers give from a compact document the bytes they give from the document as read") {
    test::TempDir dir("packed");
    // Headings that link to each other across sections, footnotes and their references, nested lists and quotes:
    // what the writers key by node.
    std::string a = dir.write("a.md", "# 甲\n\n見[乙節](#乙的小節)與註[^1]。\n\n## 小節一\n\n> ### 引文中的標題\n>\n> - 項目[^2]\n"
                                      "\n#### 跳級\n\n[^1]: 第一條註。\n[^2]: 第二條註，[回到甲](#小節一)。\n");
    std::string b = dir.write("b.md", "# 乙\n\n## 乙的小節 {#own}\n\n| 欄 | 值 |\n|---|---:|\n| 一 | 1[^1] |\n\n[^1]: 表中的註。\n");
    std::vector<std::vector<std::string>> documents = {{a, b}, {std::string(DOCEXPORT_SOURCE_DIR) + "/input/brief.yaml"}};
    std::vector<std::string> markdown;   // every reader's Markdown golden input, as one document
    for (const std::string& path : reader_inputs()) {
        if (path.ends_with(".md")) markdown.push_back(path);
        if (path.ends_with(".md") || path.ends_with(".rss") || path.ends_with(".yaml")) documents.push_back({path});
    }
    documents.push_back(markdown);
    for (const auto& inputs : documents) {
        CAPTURE(inputs.front());
        DiagnosticSink sink;
        Document plain = read_inputs(inputs, reading(false), sink);
        Document packed = read_inputs(inputs, reading(true), sink);
        for (bool vertical : {false, true}) {
            WriteOptions options;
            options.vertical = vertical;
            std::ostringstream pdf_plain, pdf_packed, epub_plain, epub_packed;
            write_pdf(plain, pdf_plain, options, sink);
            write_pdf(packed, pdf_packed, options, sink);
            CHECK(pdf_packed.str() == pdf_plain.str());
            write_epub(plain, epub_plain, options, sink);
            write_epub(packed, epub_packed, options, sink);
            CHECK(epub_packed.str() == epub_plain.str());
            CHECK(dump_layout(packed, options, sink) == dump_layout(plain, options, sink));
        }
        // Given up to the writer, a packed document gives the same bytes and is freed.
        std::ostringstream pdf_plain, pdf_given;
        write_pdf(plain, pdf_plain, WriteOptions{}, sink);
        Document given = read_inputs(inputs, reading(true), sink);
        write_pdf(std::move(given), pdf_given, WriteOptions{}, sink);
        CHECK(pdf_given.str() == pdf_plain.str());
        for (const Section& s : given.sections) CHECK(s.packed_blocks.empty());   // NOLINT: given up, documented
    }
}

TEST_CASE("packed: Taiwan's quotation marks reach packed blocks") {
    test::TempDir dir("packed-quotes");
    std::string path = dir.write("q.md", "# 題\n\n他說“好”，‘是’。\n");
    std::string other = dir.write("r.md", "# 又一題\n\n“引號”在此。\n");
    DiagnosticSink sink;
    ReadOptions compact;
    compact.compact = true;
    Document plain = read_inputs({path, other}, ReadOptions{}, sink);
    Document packed = read_inputs({path, other}, compact, sink);
    normalize_quotes(plain, Quotes::tw);
    normalize_quotes(packed, Quotes::tw);
    CHECK_FALSE(packed.sections[0].packed_blocks.empty());
    CHECK(dump_model_json(packed) == dump_model_json(plain));
    CHECK(dump_model_json(packed).find("他說「好」，『是』。") != std::string::npos);
}
