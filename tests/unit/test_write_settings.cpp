// Units for src/writers/write_settings: the write options settled once for both writers.
#include "writers/write_settings.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace docexport;

TEST_CASE("is_calendar_date: only days that exist, written YYYY-MM-DD") {
    CHECK(writers::is_calendar_date("2021-02-20"));
    CHECK(writers::is_calendar_date("2020-02-29"));
    CHECK(writers::is_calendar_date("2000-02-29"));
    CHECK_FALSE(writers::is_calendar_date("1900-02-29"));
    CHECK_FALSE(writers::is_calendar_date("2021-02-29"));
    CHECK_FALSE(writers::is_calendar_date("2021-04-31"));
    CHECK_FALSE(writers::is_calendar_date("2021-99-99"));
    CHECK_FALSE(writers::is_calendar_date("2021-00-10"));
    CHECK_FALSE(writers::is_calendar_date("2021-1-1"));
    CHECK_FALSE(writers::is_calendar_date("2021/02/20"));
    CHECK_FALSE(writers::is_calendar_date("2021-02-2x"));
}

TEST_CASE("source_date_epoch_from_environment: unset, valid, malformed") {
    ::unsetenv("SOURCE_DATE_EPOCH");
    CHECK_FALSE(writers::source_date_epoch_from_environment());
    ::setenv("SOURCE_DATE_EPOCH", "1613801940", 1);
    CHECK(writers::source_date_epoch_from_environment() == 1613801940);
    for (const char* bad : {"-1", "1e9", "yesterday", "99999999999999999999"}) {
        ::setenv("SOURCE_DATE_EPOCH", bad, 1);
        CHECK_THROWS_AS(writers::source_date_epoch_from_environment(), Error);
    }
    ::unsetenv("SOURCE_DATE_EPOCH");
}

TEST_CASE("settle_write_options: overrides win, the document's values stay otherwise") {
    ::unsetenv("SOURCE_DATE_EPOCH");
    Document doc;
    doc.meta.title = "簡報";
    doc.meta.language = "zh-Hant";
    doc.meta.publisher = "中國證券報";
    doc.meta.date = "2021-02-19";
    doc.meta.authors = {"王小明"};
    WriteOptions options;
    options.date = "2021-02-20";
    options.authors = {"李四", "張三"};
    writers::WriteSettings s = writers::settle_write_options(doc, options);
    CHECK(s.meta.title == "簡報");
    CHECK(s.meta.publisher == "中國證券報");
    CHECK(s.meta.date == "2021-02-20");
    CHECK(s.meta.authors == std::vector<std::string>{"李四", "張三"});
    CHECK_FALSE(s.source_date_epoch);
    options.date = "2021-02-30";
    CHECK_THROWS_AS(writers::settle_write_options(doc, options), Error);
}

TEST_CASE("settle_write_options: --paper, --font-size and --margins override the style, in one place") {
    ::unsetenv("SOURCE_DATE_EPOCH");
    Document doc;
    doc.meta.language = "zh-Hant";
    WriteOptions options;
    options.style = "brief";   // A4, 10.5pt, margins 25/22/25/25 mm
    writers::WriteSettings plain = writers::settle_write_options(doc, options);
    CHECK(plain.style.page.paper == "A4");
    CHECK(plain.epub_font_scale == 0);
    options.paper = "a3";
    options.font_size = "12pt";
    options.margins = "10mm,11mm,12mm,13mm";
    writers::WriteSettings s = writers::settle_write_options(doc, options);
    CHECK(s.style.page.paper == "A3");
    CHECK(s.style.page.width == doctest::Approx(297));
    CHECK(s.style.page.height == doctest::Approx(420));
    CHECK(s.style.font_size_pt == doctest::Approx(12));
    CHECK(s.epub_font_scale == doctest::Approx(1));
    CHECK(s.style.page.margin_top == doctest::Approx(10));
    CHECK(s.style.page.margin_outer == doctest::Approx(11));
    CHECK(s.style.page.margin_bottom == doctest::Approx(12));
    CHECK(s.style.page.margin_inner == doctest::Approx(13));
    CHECK(s.style.line_height == doctest::Approx(plain.style.line_height));   // the rest is the style's
    options.font_size = "15";
    CHECK(writers::settle_write_options(doc, options).epub_font_scale == doctest::Approx(1.25));
}

TEST_CASE("settle_write_options: a malformed override or a page without room for text is a usage error") {
    ::unsetenv("SOURCE_DATE_EPOCH");
    Document doc;
    auto fails = [&](WriteOptions options, const std::string& message) {
        options.style = "brief";
        try {
            writers::settle_write_options(doc, options);
            FAIL("no error for " << message);
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::usage);
            CHECK(std::string(e.what()).find(message) != std::string::npos);
        }
    };
    WriteOptions o;
    o.paper = "A11";
    fails(o, "--paper 'A11' is not a paper size");
    o = {};
    o.font_size = "3pt";
    fails(o, "--font-size '3pt' is out of range");
    o.font_size = "73";
    fails(o, "--font-size '73' is out of range");
    o.font_size = "12em";
    fails(o, "unknown unit 'em'");
    o = {};
    o.margins = "10";
    fails(o, "--margins '10' has no unit");
    o.margins = "100mm";   // A4 is 210 mm wide: 10 mm of text
    fails(o, "the page leaves too little room for text: 10 mm wide and 97 mm tall");
    o = {};
    o.paper = "A6";
    o.font_size = "40";   // 8 em of 40pt are 113 mm, A6 leaves 58 mm
    fails(o, "the page leaves too little room for text");
    o = {};
    o.toc_depth = 7;
    fails(o, "--toc-depth 7 is out of range");
    o.toc_depth = -2;
    fails(o, "--toc-depth -2 is out of range");
}

TEST_CASE("settle_write_options: the contents depth for both writers, and the title page's date") {
    ::unsetenv("SOURCE_DATE_EPOCH");
    Document doc;
    doc.meta.language = "zh-Hans";
    doc.meta.date = "2021-02-20";
    WriteOptions options;
    writers::WriteSettings s = writers::settle_write_options(doc, options);
    CHECK(s.pdf_contents_depth == 2);   // the defaults: the brief style's sections and their headings in the PDF,
                                        // every heading in the EPUB
    CHECK(s.epub_nav_depth == 6);
    CHECK(s.title_page_date == "2021年2月20日");
    options.toc_depth = 0;
    options.date = "2022-03-04";
    s = writers::settle_write_options(doc, options);
    CHECK(s.pdf_contents_depth == 0);
    CHECK(s.epub_nav_depth == 0);
    CHECK(s.title_page_date == "2022年3月4日");
    CHECK(s.meta.date == "2022-03-04");   // the metadata keeps the ISO date
    doc.meta.language = "en";
    CHECK(writers::settle_write_options(doc, options).title_page_date == "2022-03-04");
}

TEST_CASE("contents_title: the contents heading in the document's language") {
    CHECK(writers::contents_title("zh-Hant-TW") == "目錄");
    CHECK(writers::contents_title("zh-HK") == "目錄");
    CHECK(writers::contents_title("zh-Hans") == "目录");
    CHECK(writers::contents_title("zh-CN") == "目录");
    CHECK(writers::contents_title("zh") == "目录");
    CHECK(writers::contents_title("ja") == "目次");
    CHECK(writers::contents_title("ko-KR") == "목차");
    CHECK(writers::contents_title("en") == "Contents");
    CHECK(writers::contents_title("") == "目錄");   // no language: the default style's Traditional Chinese
}
