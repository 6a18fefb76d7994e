#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>

#include <doctest/doctest.h>

using namespace docexport;

TEST_CASE("model: source positions print as file:line:col") {
    CHECK(to_string(SourcePos{"input/a.md", 12, 3}) == "input/a.md:12:3");
    CHECK(to_string(SourcePos{"input/a.md", 12, 0}) == "input/a.md:12");
    CHECK(to_string(SourcePos{"input/a.md", 0, 0}) == "input/a.md");
}

TEST_CASE("model: attributes keep order and replace on set") {
    Attr a;
    CHECK(a.empty());
    a.set("zone", "北京");
    a.set("batch", "第二批");
    a.set("zone", "杭州");
    REQUIRE(a.values.size() == 2);
    CHECK(a.values[0].first == "zone");
    CHECK(*a.find("zone") == "杭州");
    CHECK(a.find("focus") == nullptr);
}

TEST_CASE("model: plain text keeps ruby bases and drops annotations") {
    Inlines in;
    in.push_back(make_text("天津"));
    in.push_back(make_ruby("區", "qū"));
    Inline em;
    em.kind = InlineKind::emphasis;
    em.children.push_back(make_text("新"));
    in.push_back(em);
    Inline br;
    br.kind = InlineKind::line_break;
    in.push_back(br);
    CHECK(plain_text(in) == "天津區新\n");
}

TEST_CASE("model: the JSON dump is versioned, ordered and leaves out empty fields") {
    Document doc;
    doc.meta.title = "簡報";
    doc.meta.language = "zh-Hant-TW";
    Section s;
    s.title.push_back(make_text("標題", SourcePos{"a.txt", 5, 1}));
    s.meta.date = "2021-02-20 06:19";
    s.attr.set("zone", "北京");
    Block p;
    p.kind = BlockKind::paragraph;
    p.inlines.push_back(make_ruby("區", "qū", SourcePos{"a.txt", 9, 5}));
    p.pos = SourcePos{"a.txt", 9, 5};
    s.blocks.push_back(p);
    doc.sections.push_back(s);
    std::string json = dump_model_json(doc);
    CHECK(json.find("\"docexport-model\": 1") != std::string::npos);
    CHECK(json.find("\"title\": \"簡報\"") != std::string::npos);
    CHECK(json.find("\"subtitle\"") == std::string::npos);
    CHECK(json.find("\"annotation\": \"qū\"") != std::string::npos);
    CHECK(json.find("\"pos\": \"a.txt:9:5\"") != std::string::npos);
    CHECK(json.find("\"zone\": \"北京\"") != std::string::npos);
    CHECK(json.find("\"docexport-model\"") < json.find("\"meta\""));
}

TEST_CASE("model: the outline names sections, tables and counts") {
    Document doc;
    doc.meta.title = "簡報";
    Section s;
    s.title.push_back(make_text("一覽"));
    Block t;
    t.kind = BlockKind::table;
    t.table.header.resize(3);
    t.table.rows.resize(8);
    s.blocks.push_back(t);
    doc.sections.push_back(s);
    std::string o = dump_outline(doc);
    CHECK(o.find("1 section\n") != std::string::npos);
    CHECK(o.find("1. 一覽") != std::string::npos);
    CHECK(o.find("[table: 3 columns, 8 rows]") != std::string::npos);
}

TEST_CASE("model: the outline counts one of a thing in the singular") {
    Document doc;
    Section s;
    Block t;
    t.kind = BlockKind::table;
    t.table.header.resize(1);
    t.table.rows.resize(1);
    s.blocks.push_back(t);
    Block p;
    p.kind = BlockKind::paragraph;
    p.inlines.push_back(make_text("字"));
    s.blocks.push_back(p);
    doc.sections.push_back(s);
    std::string o = dump_outline(doc);
    CHECK(o.find("[table: 1 column, 1 row]") != std::string::npos);
    CHECK(o.find("1 paragraph, 1 character\n") != std::string::npos);
    doc.sections.push_back(s);
    o = dump_outline(doc);
    CHECK(o.find("2 sections\n") != std::string::npos);
}

TEST_CASE("diagnostics: formatted with position and hints") {
    Diagnostic d{Severity::warning, SourcePos{"input/a.md", 12, 3}, "no glyph for U+2A6D6", {"install fonts-hanazono"}, false};
    CHECK(format_diagnostic(d) == "input/a.md:12:3: warning: no glyph for U+2A6D6\n  hint: install fonts-hanazono\n");
    DiagnosticSink sink;
    sink.warn(SourcePos{"a", 1, 1}, "w");
    sink.note(SourcePos{"a", 2, 1}, "n");
    CHECK(sink.count(Severity::warning) == 1);
    CHECK(sink.count(Severity::note) == 1);
    REQUIRE(sink.diagnostics().size() == 2);
    CHECK(sink.diagnostics()[1].verbose_only);
    Error e(ErrorCode::input, "no such file", SourcePos{"x.txt", 0, 0}, {"check the path"});
    CHECK(format_diagnostic(e.as_diagnostic()) == "x.txt: error: no such file\n  hint: check the path\n");
}
