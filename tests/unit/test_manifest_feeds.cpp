// Feeds in manifests: '- feed: path' entries with per-feed options, feeds named by a bare path or 'input:'.
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

// A fresh directory holding copies of the test feeds, removed at the end of the test.
struct FeedDir : test::TempDir {
    FeedDir() : test::TempDir("manifest-feeds-test") {
        fs::create_directories(path / "feeds");
        for (const char* name : {"issue-tech-big5.rss", "atom-zh.atom", "enc-gb18030.rss", "malformed-mismatch.rss"})
            fs::copy_file(test::feed_path(name), path / "feeds" / name);
    }
    // Returns the path of a copied feed, as the manifest reader names it (directory joined to the path, normalised).
    std::string feed(const std::string& name) const { return (path / "feeds" / name).lexically_normal().generic_string(); }
};

Error manifest_error(const std::string& path) {
    DiagnosticSink sink;
    try {
        read_manifest(path, {}, sink);
    } catch (const Error& e) {
        return e;
    }
    FAIL("expected an error");
    return Error(ErrorCode::internal, "unreachable");
}

std::vector<std::string> titles(const Document& doc) {
    std::vector<std::string> out;
    for (const Section& s : doc.sections) out.push_back(plain_text(s.title));
    return out;
}

}  // namespace

TEST_CASE("manifest feeds: the same model as the command line for the same files and options") {
    FeedDir dir;
    // A bare path, a feed entry and an input entry; max-entries and since from the manifest's options.
    std::string manifest = dir.write("issue.yaml",
                                     "options:\n  max-entries: 2\n  since: 2021-02-20\n"
                                     "contents:\n"
                                     "  - feeds/issue-tech-big5.rss\n"
                                     "  - feed: feeds/atom-zh.atom\n"
                                     "  - input: feeds/enc-gb18030.rss\n");
    DiagnosticSink manifest_sink, command_sink;
    Document from_manifest = read_inputs({manifest}, {}, manifest_sink);
    ReadOptions options;
    options.max_entries = 2;
    options.since = "2021-02-20";
    Document from_command =
        read_inputs({dir.feed("issue-tech-big5.rss"), dir.feed("atom-zh.atom"), dir.feed("enc-gb18030.rss")}, options,
                    command_sink);
    CHECK(dump_model_json(from_manifest) == dump_model_json(from_command));
    CHECK(manifest_sink.diagnostics().size() == command_sink.diagnostics().size());
    REQUIRE(from_manifest.sections.size() == 6);  // three parts: 2 + 1 + 0 entries (since leaves out 4)
    CHECK(from_manifest.sections[0].attr.classes == std::vector<std::string>{"part"});
    CHECK(from_manifest.sections[0].pos.file == dir.feed("issue-tech-big5.rss"));

    // Per-feed settings equal to the command line's give the same model too.
    std::string per_feed = dir.write("per-feed.yaml",
                                     "contents:\n"
                                     "  - feed: feeds/issue-tech-big5.rss\n    max-entries: 2\n    since: 2021-02-20\n"
                                     "  - feed: feeds/atom-zh.atom\n    max-entries: 2\n    since: 2021-02-20\n"
                                     "  - feed: feeds/enc-gb18030.rss\n    max-entries: 2\n    since: 2021-02-20\n");
    DiagnosticSink sink;
    CHECK(dump_model_json(read_inputs({per_feed}, {}, sink)) == dump_model_json(from_command));
}

TEST_CASE("manifest feeds: a lone feed makes no part and gives the document what the manifest leaves empty") {
    FeedDir dir;
    std::string manifest = dir.write("one.yaml", "contents:\n  - feed: feeds/atom-zh.atom\n");
    DiagnosticSink sink;
    Document from_manifest = read_inputs({manifest}, {}, sink);
    Document from_command = read_inputs({dir.feed("atom-zh.atom")}, {}, sink);
    CHECK(dump_model_json(from_manifest) == dump_model_json(from_command));
    CHECK(from_manifest.meta.title == "數位出版週報");

    std::string titled = dir.write("titled.yaml", "title: 本刊\ncontents:\n  - feed: feeds/atom-zh.atom\n    title: 出版\n");
    Document doc = read_manifest(titled, {}, sink);
    CHECK(doc.meta.title == "本刊");
    CHECK(doc.meta.source == "數位出版週報");
    CHECK(doc.sections.size() == 3);
}

TEST_CASE("manifest feeds: per-feed title, max-entries and since override the command line") {
    FeedDir dir;
    std::string manifest = dir.write("issue.yaml",
                                     "contents:\n"
                                     "  - feed: feeds/issue-tech-big5.rss\n"
                                     "    title: 科技要聞\n"
                                     "    max-entries: 0\n"  // every entry, whatever --max-entries says
                                     "  - feed: feeds/atom-zh.atom\n"
                                     "    since: 2021-02-21\n");
    ReadOptions options;
    options.max_entries = 1;
    DiagnosticSink sink;
    Document doc = read_manifest(manifest, options, sink);
    CHECK(sink.count(Severity::warning) == 0);
    CHECK(titles(doc) == std::vector<std::string>{"科技要聞", "臺灣半導體產業新聞", "電子書閱讀器銷售成長", "開放資料平臺上線",
                                                  "人工智慧研討會報名", "數位出版週報", "純文字條目 <不是標籤>"});
    const Section& part = doc.sections[0];
    CHECK(part.attr.classes == std::vector<std::string>{"part"});
    CHECK(part.meta.source == "科技週報");  // the feed's own title stays its source
    REQUIRE(part.attr.find("entries") != nullptr);
    CHECK(*part.attr.find("entries") == "4");
    REQUIRE(doc.sections[1].attr.find("part") != nullptr);
    CHECK(*doc.sections[1].attr.find("part") == "科技要聞");
    CHECK(doc.sections[1].meta.source == "科技週報");
    CHECK(doc.sections[1].pos.file == dir.feed("issue-tech-big5.rss"));
    // The Atom feed: since leaves out the entry of 2021-02-20; --max-entries 1 still applies to it.
    REQUIRE(doc.sections[5].attr.find("entries") != nullptr);
    CHECK(*doc.sections[5].attr.find("entries") == "1");
    CHECK(doc.sections[5].meta.source.empty());  // a part named by its feed's title shows the title once
}

TEST_CASE("manifest feeds: overviews before and after feeds, with entries as rows") {
    FeedDir dir;
    dir.write("a.md", "---\ntitle: 導言\n---\n正文。\n");
    std::string manifest = dir.write("issue.yaml",
                                     "contents:\n"
                                     "  - overview:\n      title: 一覽\n      select: published\n"
                                     "      columns: [title, part, date]\n"
                                     "  - a.md\n"
                                     "  - feed: feeds/issue-tech-big5.rss\n    max-entries: 2\n"
                                     "  - overview:\n      title: 全部\n      columns: [title]\n"
                                     "  - feed: feeds/enc-gb18030.rss\n");
    DiagnosticSink sink;
    Document doc = read_manifest(manifest, {}, sink);
    CHECK(sink.count(Severity::warning) == 0);
    CHECK(titles(doc) == std::vector<std::string>{"一覽", "導言", "科技週報", "臺灣半導體產業新聞", "電子書閱讀器銷售成長", "全部",
                                                  "先导区简报", "先导区简报"});
    const Table& entries = doc.sections[0].blocks.at(0).table;
    REQUIRE(entries.rows.size() == 3);  // the dated feed entries, in document order
    CHECK(plain_text(entries.rows[0][0].content) == "臺灣半導體產業新聞");
    CHECK(plain_text(entries.rows[0][1].content) == "科技週報");
    CHECK(plain_text(entries.rows[2][0].content) == "先导区简报");
    CHECK(plain_text(entries.rows[2][2].content) == "2021-02-20 06:19");
    const Section& all = doc.sections[5];
    CHECK(all.attr.classes == std::vector<std::string>{"overview"});
    REQUIRE(all.blocks.size() == 1);
    CHECK(all.blocks[0].table.rows.size() == 6);  // every section but the two overviews
}

TEST_CASE("manifest feeds: mistakes in a feed entry are errors at the manifest's line and column") {
    FeedDir dir;
    auto check = [&](const std::string& entry, const std::string& message, const std::string& where) {
        std::string path = dir.write("m.yaml", "title: x\ncontents:\n  - feed: feeds/atom-zh.atom\n" + entry);
        Error e = manifest_error(path);
        CHECK(e.code() == ErrorCode::input);
        CHECK(std::string(e.what()) == message);
        CHECK(to_string(e.pos()) == path + ":" + where);
        CHECK_FALSE(e.hints().empty());
        return e;
    };
    Error unknown = check("    max-entires: 5\n", "unknown key 'max-entires' in a feed entry", "4:5");
    CHECK(unknown.hints()[0] == "did you mean 'max-entries'?");
    check("    base-url: https://example.com/\n", "unknown key 'base-url' in a feed entry", "4:5");
    check("    max-entries: many\n", "'max-entries' must be a whole number, not 'many'", "4:18");
    check("    max-entries: -3\n", "'max-entries' must be a whole number, not '-3'", "4:18");
    check("    since: yesterday\n", "cannot read the date 'yesterday' of 'since'", "4:12");
    check("    title: [a, b]\n", "'title' must be a single value, not a list", "4:12");
    check("  - feed: feeds/missing.rss\n", "feed 'feeds/missing.rss' does not exist", "4:11");
    check("  - feeds/missing.atom\n", "feed 'feeds/missing.atom' does not exist", "4:5");
    check("  - feed: https://example.com/feed.rss\n",
          "feed 'https://example.com/feed.rss' is a URL; docexport reads saved files only", "4:11");
    check("  - feed:\n", "a contents entry names no feed", "4:5");
    check("  - feeed: feeds/atom-zh.atom\n", "a contents entry needs 'input', 'feed' or 'overview'", "4:5");

    std::string options = dir.write("o.yaml", "options:\n  since: 上週\ncontents: [feeds/atom-zh.atom]\n");
    CHECK(to_string(manifest_error(options).pos()) == options + ":2:10");
}

TEST_CASE("manifest feeds: a feed's own problems keep the feed file's positions") {
    FeedDir dir;
    std::string path = dir.write("m.yaml", "contents:\n  - feed: feeds/malformed-mismatch.rss\n");
    Error e = manifest_error(path);
    CHECK(e.pos().file == dir.feed("malformed-mismatch.rss"));
    CHECK(e.pos().line == 2);
}
