#include <docexport/readers.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

using namespace docexport;
namespace fs = std::filesystem;

namespace {

const char* zone_a = "---\ntitle: 北京先導區\nzone: 北京\nbatch: 第二批\nfocus: [智能製造, 智慧城市]\n---\n正文,一。\n";
const char* zone_b = "---\ntitle: 深圳先導區\nzone: 深圳\nbatch: 第一批\nfocus: []\n---\n正文二。\n";
const char* plain = "# 沒有先導區\n\n正文三。\n";

bool has_warning(const DiagnosticSink& sink, std::string_view part) {
    for (const Diagnostic& d : sink.diagnostics())
        if (d.severity == Severity::warning && d.message.find(part) != std::string::npos) return true;
    return false;
}

Error manifest_error(const std::string& path, DiagnosticSink& sink, const ReadOptions& options = {}) {
    try {
        read_manifest(path, options, sink);
    } catch (const Error& e) {
        return e;
    }
    FAIL("expected an error");
    return Error(ErrorCode::internal, "unreachable");
}

}  // namespace

TEST_CASE("manifest: metadata, outputs, inputs in order and a generated overview") {
    test::TempDir dir("manifest-test");
    dir.write("zones/a.md", zone_a);
    dir.write("zones/b.md", zone_b);
    dir.write("c.md", plain);
    std::string path = dir.write("brief.yaml",
                                 "version: 1\n"
                                 "title: 簡報\nsubtitle: 副題\nlanguage: zh-Hant-TW\ndate: 2021/2/20\n"
                                 "authors: 編輯部\npublisher: 出版社\nsource: 中國證券報\nidentifier: urn:x\nsummary: 摘要\n"
                                 "style: brief\noutput:\n  pdf: out.pdf\n  epub: out.epub\n"
                                 "contents:\n"
                                 "  - zones/a.md\n"
                                 "  - overview:\n"
                                 "      title: 一覽\n"
                                 "      intro: 說明文字。\n"
                                 "      select: zone\n"
                                 "      columns:\n"
                                 "        - {key: title, label: 名稱}\n"
                                 "        - {key: zone, label: 先導區}\n"
                                 "        - {key: focus, label: 重點領域}\n"
                                 "        - batch\n"
                                 "  - input: c.md\n"
                                 "    title: 改過的標題\n"
                                 "  - input: zones/b.md\n"
                                 "    from: markdown\n");
    DiagnosticSink sink;
    Document doc = read_manifest(path, {}, sink);
    CHECK(sink.count(Severity::warning) == 0);
    CHECK(doc.meta.title == "簡報");
    CHECK(doc.meta.subtitle == "副題");
    CHECK(doc.meta.language == "zh-Hant-TW");
    CHECK(doc.meta.date == "2021-02-20");
    CHECK(doc.meta.authors == std::vector<std::string>{"編輯部"});
    CHECK(doc.meta.publisher == "出版社");
    CHECK(doc.meta.source == "中國證券報");
    CHECK(doc.meta.identifier == "urn:x");
    CHECK(doc.meta.summary == "摘要");
    CHECK(doc.style == "brief");
    CHECK(doc.output_pdf == "out.pdf");
    CHECK(doc.output_epub == "out.epub");
    REQUIRE(doc.sections.size() == 4);
    CHECK(plain_text(doc.sections[0].title) == "北京先導區");
    CHECK(doc.sections[0].pos.file == (dir.path / "zones/a.md").lexically_normal().generic_string());
    CHECK(plain_text(doc.sections[2].title) == "改過的標題");
    CHECK(plain_text(doc.sections[3].title) == "深圳先導區");

    const Section& o = doc.sections[1];
    CHECK(plain_text(o.title) == "一覽");
    CHECK(o.attr.classes == std::vector<std::string>{"overview"});
    REQUIRE(o.blocks.size() == 2);
    CHECK(plain_text(o.blocks[0].inlines) == "說明文字。");
    const Table& t = o.blocks[1].table;
    REQUIRE(t.header.size() == 4);
    CHECK(plain_text(t.header[1].content) == "先導區");
    CHECK(plain_text(t.header[3].content) == "batch");
    REQUIRE(t.rows.size() == 2);  // c.md has no zone; b.md is listed after the overview but still a row
    CHECK(plain_text(t.rows[0][0].content) == "北京先導區");
    CHECK(plain_text(t.rows[0][2].content) == "智能製造、智慧城市");
    CHECK(plain_text(t.rows[1][1].content) == "深圳");
    CHECK(plain_text(t.rows[1][2].content) == "—");  // focus: [] is missing, without a warning
    CHECK(plain_text(t.rows[1][3].content) == "第一批");
}

TEST_CASE("manifest: options are defaults that the command line overrides") {
    test::TempDir dir("manifest-test");
    dir.write("a.md", "中文,標點\n");
    std::string path = dir.write("m.yaml", "options:\n  cjk-punctuation: false\n  annotations: ruby\ncontents: [a.md]\n");
    DiagnosticSink sink;
    Document doc = read_manifest(path, {}, sink);
    CHECK(plain_text(doc.sections.at(0).blocks.at(0).inlines) == "中文,標點");
    CHECK(sink.count(Severity::warning) == 0);

    // An option the caller gave wins even when it has the default value (--annotations drop, --max-entries 0).
    ReadOptions given;
    given.given.cjk_punctuation = true;   // cjk_punctuation stays true, as given
    Document converted = read_manifest(path, given, sink);
    CHECK(plain_text(converted.sections.at(0).blocks.at(0).inlines) == "中文，標點");

    std::string wrong = dir.write("w.yaml", "options:\n  cjk-punctuation: maybe\ncontents: [a.md]\n");
    Error e = manifest_error(wrong, sink);
    CHECK(std::string(e.what()) == "'cjk-punctuation' must be true or false");
    CHECK(to_string(e.pos()) == wrong + ":2:20");
}

TEST_CASE("manifest: an unknown key is a warning with a 'did you mean' hint") {
    test::TempDir dir("manifest-test");
    dir.write("a.md", plain);
    std::string path = dir.write("m.yaml", "titel: 簡報\ncontents:\n  - input: a.md\n    tilte: x\n");
    DiagnosticSink sink;
    Document doc = read_manifest(path, {}, sink);
    CHECK(doc.sections.size() == 1);
    REQUIRE(sink.count(Severity::warning) == 2);
    const Diagnostic& d = sink.diagnostics()[0];
    CHECK(d.message == "unknown key 'titel' in the manifest; it is ignored");
    CHECK(to_string(d.pos) == path + ":1:1");
    REQUIRE(!d.hints.empty());
    CHECK(d.hints[0] == "did you mean 'title'?");
    CHECK(sink.diagnostics()[1].message == "unknown key 'tilte' in the contents entry; it is ignored");
    CHECK(to_string(sink.diagnostics()[1].pos) == path + ":4:5");
}

TEST_CASE("manifest: a missing input is an error at its entry, with the path looked for") {
    test::TempDir dir("manifest-test");
    dir.write("a.md", plain);
    std::string path = dir.write("m.yaml", "contents:\n  - a.md\n  - zones/missing.md\n");
    DiagnosticSink sink;
    Error e = manifest_error(path, sink);
    CHECK(e.code() == ErrorCode::input);
    CHECK(std::string(e.what()) == "input 'zones/missing.md' does not exist");
    CHECK(to_string(e.pos()) == path + ":3:5");
    REQUIRE(e.hints().size() == 1);
    CHECK(e.hints()[0].find("relative to its directory") != std::string::npos);
    CHECK(e.hints()[0].find("zones/missing.md") != std::string::npos);
}

TEST_CASE("manifest: missing or malformed contents are errors") {
    test::TempDir dir("manifest-test");
    DiagnosticSink sink;
    Error none = manifest_error(dir.write("a.yaml", "title: 只有標題\n"), sink);
    CHECK(std::string(none.what()) == "manifest has no contents");
    CHECK_FALSE(none.hints().empty());

    std::string p = dir.write("b.yaml", "title: x\ncontents: a.md\n");
    Error scalar = manifest_error(p, sink);
    CHECK(std::string(scalar.what()) == "'contents' must be a list, not a single value");
    CHECK(to_string(scalar.pos()) == p + ":2:11");

    Error empty = manifest_error(dir.write("c.yaml", "contents: []\n"), sink);
    CHECK(std::string(empty.what()) == "manifest contents is empty");

    std::string q = dir.write("d.yaml", "contents:\n  - inptu: a.md\n");
    Error entry = manifest_error(q, sink);
    CHECK(std::string(entry.what()) == "a contents entry needs 'input', 'feed' or 'overview'");
    CHECK(to_string(entry.pos()) == q + ":2:5");
    REQUIRE(entry.hints().size() >= 2);
    CHECK(entry.hints()[1] == "did you mean 'input'?");

    std::string r = dir.write("e.yaml", "title: [a, b]\ncontents: [x.md]\n");
    Error type = manifest_error(r, sink);
    CHECK(std::string(type.what()) == "'title' must be a single value, not a list");
    CHECK(to_string(type.pos()) == r + ":1:8");

    Error root = manifest_error(dir.write("f.yaml", "- a.md\n"), sink);
    CHECK(std::string(root.what()) == "a manifest is a map of keys, not a list");

    Error version = manifest_error(dir.write("g.yaml", "version: 2\ncontents: [a.md]\n"), sink);
    CHECK(std::string(version.what()) == "manifest version 2 is not supported");
}

TEST_CASE("manifest: bad YAML is an error at the manifest's line and column") {
    test::TempDir dir("manifest-test");
    std::string p = dir.write("m.yaml", "title: 簡報\ncontents:\n  - a.md\n  - 路徑: 名: x\n");
    DiagnosticSink sink;
    Error e = manifest_error(p, sink);
    CHECK(e.code() == ErrorCode::input);
    CHECK(std::string(e.what()).find("manifest is not valid YAML: ") == 0);
    CHECK(e.pos().file == p);
    CHECK(to_string(e.pos()) == p + ":4:10");  // the second ': ', counted in characters
    CHECK_FALSE(e.hints().empty());
}

TEST_CASE("manifest: diagnostics of an input name it by the manifest's directory and the path as given") {
    test::TempDir dir("manifest-test");
    dir.write("zones/bad.md", "---\ntitle: x\ndate: 上週\n---\n正文\n");
    std::string p = dir.write("m.yaml", "contents:\n  - zones/bad.md\n");
    DiagnosticSink sink;
    Document doc = read_manifest(p, {}, sink);
    REQUIRE(sink.count(Severity::warning) == 1);
    CHECK(to_string(sink.diagnostics()[0].pos) ==
          (dir.path / "zones/bad.md").lexically_normal().generic_string() + ":3:7");
}

TEST_CASE("manifest: an input that cannot be used is an error at the line that lists it") {
    test::TempDir dir("manifest-test");
    std::string empty = dir.write("empty.md", "");
    std::string binary = dir.write("bin.txt", std::string("\x7f" "ELF\0\0\0\0\1\2", 10));
    std::string blank_feed = dir.write("news.rss", "  \n");
    struct Case {
        std::string manifest, message, pos;
    } cases[] = {
        {"contents:\n  - a.md\n  - empty.md\n", "'" + empty + "': file is empty", ":3:5"},
        {"contents:\n  - input: bin.txt\n    title: x\n", "'" + binary + "': binary file, not text", ":2:12"},
        {"contents:\n  - feed: news.rss\n", "'" + blank_feed + "': file holds only white space", ":2:11"},
    };
    dir.write("a.md", plain);
    for (const Case& c : cases) {
        CAPTURE(c.manifest);
        std::string p = dir.write("m.yaml", c.manifest);
        DiagnosticSink sink;
        Error e = manifest_error(p, sink);
        CHECK(e.code() == ErrorCode::input);
        CHECK(std::string(e.what()) == c.message);
        CHECK(to_string(e.pos()) == p + c.pos);
        CHECK_FALSE(e.hints().empty());
    }
}

TEST_CASE("manifest: an error inside a listed input keeps its place and names the manifest's line") {
    test::TempDir dir("manifest-test");
    std::string bad = dir.write("bad.md", "---\ntitle: [x\n---\n正文\n");
    std::string p = dir.write("m.yaml", "contents:\n  - bad.md\n");
    DiagnosticSink sink;
    Error e = manifest_error(p, sink);
    CHECK(e.pos().file == bad);
    CHECK(e.pos().line > 0);
    REQUIRE_FALSE(e.hints().empty());
    CHECK(e.hints().back() == "the manifest lists it at " + p + ":2:5");
}

TEST_CASE("manifest: max-entries beyond what a count holds is an error, not a wrapped number") {
    test::TempDir dir("manifest-test");
    dir.write("a.md", plain);
    std::string p = dir.write("m.yaml", "options:\n  max-entries: 99999999999999999999\ncontents: [a.md]\n");
    DiagnosticSink sink;
    Error e = manifest_error(p, sink);
    CHECK(std::string(e.what()) == "'max-entries' 99999999999999999999 is too large");
    CHECK(to_string(e.pos()) == p + ":2:16");
    p = dir.write("m.yaml", "options:\n  max-entries: -1\ncontents: [a.md]\n");
    e = manifest_error(p, sink);
    CHECK(std::string(e.what()) == "'max-entries' must be a whole number, not '-1'");
}

TEST_CASE("manifest: an overview that selects nothing warns") {
    test::TempDir dir("manifest-test");
    dir.write("a.md", plain);
    std::string p = dir.write("m.yaml", "contents:\n  - overview:\n      select: zone\n      columns: [title]\n  - a.md\n");
    DiagnosticSink sink;
    Document doc = read_manifest(p, {}, sink);
    CHECK(has_warning(sink, "overview selects no sections"));
    CHECK(doc.sections.at(0).blocks.at(0).table.rows.empty());
}
