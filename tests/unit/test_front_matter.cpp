#include "readers/common/dates.hpp"
#include "readers/markdown/front_matter.hpp"

#include <doctest/doctest.h>

using namespace docexport;
using namespace docexport::readers;

namespace {

struct Applied {
    Section section;
    DocumentMeta meta;
    bool titled = false;
};

Applied apply(std::string_view content, DiagnosticSink& sink, bool with_doc_meta = true) {
    Applied a;
    FrontMatter fm = find_front_matter(content);
    REQUIRE(fm.present);
    a.titled = apply_front_matter(fm, "f.md", InlineFinish{}, a.section, with_doc_meta ? &a.meta : nullptr, sink);
    return a;
}

}  // namespace

TEST_CASE("front matter: found between '---' and '---' or '...', with the body's first line") {
    FrontMatter a = find_front_matter("---\ntitle: T\n---\nbody\n");
    CHECK(a.present);
    CHECK(a.yaml == "title: T\n");
    CHECK(a.body_first_line == 4);
    CHECK(a.body_offset == 17);
    FrontMatter b = find_front_matter("---  \na: 1\nb: 2\n...\n");
    CHECK(b.present);
    CHECK(b.body_first_line == 5);
    FrontMatter empty = find_front_matter("---\n---\nx");
    CHECK(empty.present);
    CHECK(empty.yaml.empty());
    CHECK_FALSE(find_front_matter("text\n---\na: 1\n---\n").present);
    CHECK_FALSE(find_front_matter("---\n\nparagraph after a rule\n").present);
    CHECK_FALSE(find_front_matter("---\n\nparagraph after a rule\n").unclosed);
    CHECK_FALSE(find_front_matter("---\n\nparagraph after a rule\n---\nand another\n").present);
    FrontMatter open = find_front_matter("---\ntitle: T\nno end\n");
    CHECK_FALSE(open.present);
    CHECK(open.unclosed);
}

TEST_CASE("front matter: known keys fill the section, others become attributes in order") {
    DiagnosticSink sink;
    Applied a = apply("---\ntitle: 北京{先|xiān}導區\ndate: 2021年2月20日\nsource: 中國證券報\nurl: http://x\n"
                      "summary: 摘要\nauthor: 張三\nid: beijing\nzone: 北京\nbatch: 2\nfocus: [智能製造, 智慧城市]\n"
                      "tags: [ai, city]\nempty:\n---\n",
                      sink);
    CHECK(a.titled);
    CHECK(plain_text(a.section.title) == "北京先導區");
    REQUIRE(a.section.title.size() == 3);
    CHECK(a.section.title[1].kind == InlineKind::ruby);
    CHECK(to_string(a.section.pos) == "f.md:2:8");
    CHECK(a.section.meta.date == "2021-02-20");
    CHECK(a.section.meta.source == "中國證券報");
    CHECK(a.section.meta.url == "http://x");
    CHECK(a.section.meta.summary == "摘要");
    CHECK(a.section.meta.authors == std::vector<std::string>{"張三"});
    CHECK(a.section.attr.id == "beijing");
    REQUIRE(a.section.attr.values.size() == 4);
    CHECK(a.section.attr.values[0] == std::pair<std::string, std::string>{"zone", "北京"});
    CHECK(a.section.attr.values[1] == std::pair<std::string, std::string>{"batch", "2"});
    CHECK(a.section.attr.values[2] == std::pair<std::string, std::string>{"focus", "智能製造、智慧城市"});
    CHECK(a.section.attr.values[3] == std::pair<std::string, std::string>{"tags", "ai, city"});
    CHECK(a.meta.title == "北京先導區");
    CHECK(a.meta.date == "2021-02-20");
    CHECK(a.meta.source == "中國證券報");
    CHECK(sink.count(Severity::warning) == 0);
}

TEST_CASE("front matter: publication keys go to the document only when there is one") {
    DiagnosticSink sink;
    Applied a = apply("---\nlang: zh-Hant-TW\nsubtitle: 副\npublisher: 社\nidentifier: urn:x\nauthors: [甲, 乙]\n---\n", sink);
    CHECK(a.meta.language == "zh-Hant-TW");
    CHECK(a.meta.subtitle == "副");
    CHECK(a.meta.publisher == "社");
    CHECK(a.meta.identifier == "urn:x");
    CHECK(a.meta.authors == std::vector<std::string>{"甲", "乙"});
    CHECK_FALSE(a.titled);

    DiagnosticSink quiet;
    Applied b = apply("---\nlanguage: en\ntitle: T\n---\n", quiet, false);
    CHECK(b.section.attr.empty());
    CHECK(quiet.count(Severity::warning) == 0);
}

TEST_CASE("front matter: maps and bad dates are warned about, not fatal") {
    DiagnosticSink sink;
    Applied a = apply("---\ndate: 上週五\nextra:\n  nested: 1\ntitle: [a, b]\n---\n", sink);
    CHECK(a.section.meta.date == "上週五");
    CHECK(a.section.attr.empty());
    CHECK(a.section.title.empty());
    REQUIRE(sink.count(Severity::warning) == 3);
    CHECK(sink.diagnostics()[0].message == "date '上週五' is not in a known form; it is kept as written");
    CHECK(to_string(sink.diagnostics()[0].pos) == "f.md:2:7");
    CHECK(sink.diagnostics()[1].message == "front matter key 'extra' holds a map; it is ignored");
    CHECK(to_string(sink.diagnostics()[1].pos) == "f.md:4:3");
}

TEST_CASE("front matter: bad YAML is an input error at the file's line and column") {
    DiagnosticSink sink;
    std::string content = "---\ntitle: 標題\nzone: 北京: 天津\n---\nbody\n";
    FrontMatter fm = find_front_matter(content);
    Section s;
    try {
        apply_front_matter(fm, "f.md", InlineFinish{}, s, nullptr, sink);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::input);
        CHECK(std::string(e.what()).find("front matter is not valid YAML") == 0);
        CHECK(to_string(e.pos()) == "f.md:3:9");  // the second ": "
        CHECK_FALSE(e.hints().empty());
    }
}

TEST_CASE("dates: normalised to YYYY-MM-DD or YYYY-MM-DD HH:MM") {
    CHECK(normalize_date("2021-02-20") == "2021-02-20");
    CHECK(normalize_date(" 2021/2/20 ") == "2021-02-20");
    CHECK(normalize_date("2021.2.3") == "2021-02-03");
    CHECK(normalize_date("2021年2月20日") == "2021-02-20");
    CHECK(normalize_date("２０２１年２月２０日 ０６:１９") == "2021-02-20 06:19");
    CHECK(normalize_date("2021年02月20日06:19") == "2021-02-20 06:19");
    CHECK(normalize_date("2021-02-20T06:19") == "2021-02-20 06:19");
    CHECK(normalize_date("2021-02-20T06:19:30+08:00") == "2021-02-20 06:19");
    CHECK(normalize_date("2021-02-20 6:19:30.5Z") == "2021-02-20 06:19");
    CHECK(normalize_date("2024-02-29") == "2024-02-29");
    CHECK_FALSE(normalize_date("2021-02-29"));
    CHECK_FALSE(normalize_date("2021-13-01"));
    CHECK_FALSE(normalize_date("2021-02-20 25:00"));
    CHECK_FALSE(normalize_date("2021-02-20 extra"));
    CHECK_FALSE(normalize_date("20210220"));
    CHECK_FALSE(normalize_date("2021-2/20"));
    CHECK_FALSE(normalize_date(""));
    CHECK_FALSE(normalize_date("yesterday"));
}

TEST_CASE("front matter: lists are joined with 、 for CJK and ', ' otherwise") {
    CHECK(join_list({"智能製造", "智慧城市"}) == "智能製造、智慧城市");
    CHECK(join_list({"a", "b"}) == "a, b");
    CHECK(join_list({"AI", "醫療"}) == "AI、醫療");
    CHECK(join_list({}).empty());
}
