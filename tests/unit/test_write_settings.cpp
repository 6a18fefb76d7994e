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
