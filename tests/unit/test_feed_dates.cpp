#include "readers/feed/feed_dates.hpp"

#include <doctest/doctest.h>

using namespace docexport::readers;

namespace {
std::string display(const char* s) {
    auto d = parse_feed_date(s);
    return d ? d->display : "none";
}
std::string iso(const char* s) {
    auto d = parse_feed_date(s);
    return d ? d->iso : "none";
}
}  // namespace

TEST_CASE("feed dates: RFC 822 and its real-world variants") {
    CHECK(display("Sat, 20 Feb 2021 06:19:00 +0800") == "2021-02-20 06:19");
    CHECK(iso("Sat, 20 Feb 2021 06:19:00 +0800") == "2021-02-20T06:19:00+08:00");
    CHECK(iso("20 Feb 2021 06:19 GMT") == "2021-02-20T06:19:00Z");
    CHECK(display("Sat, 20 Feb 21 6:19:00 EST") == "2021-02-20 06:19");
    CHECK(iso("Sat, 20 Feb 21 6:19:00 EST") == "2021-02-20T06:19:00-05:00");
    CHECK(display("Saturday, 20-Feb-2021 06:19:00 CST") == "2021-02-20 06:19");
    CHECK(display("Sat,20 February 2021 06:19:00 +08:00") == "2021-02-20 06:19");
    CHECK(display("Feb 20, 2021") == "2021-02-20");
    CHECK(display("Feb 20, 2021 6:19 PM") == "2021-02-20 18:19");
    CHECK(display("Sat Feb 20 06:19:00 2021") == "2021-02-20 06:19");  // asctime
    CHECK(display("20 Sept 2021 06:19:00 GMT+8") == "2021-09-20 06:19");
    CHECK(iso("20 Sept 2021 06:19:00 GMT+8") == "2021-09-20T06:19:00+08:00");
    CHECK(display("sat, 20 feb 2021 06:19:00 z") == "2021-02-20 06:19");
    CHECK(display("Sat, 20 Feb 2021 06:19:00") == "2021-02-20 06:19");
}

TEST_CASE("feed dates: RFC 3339 and ISO 8601") {
    CHECK(iso("2021-02-20T06:19:00+08:00") == "2021-02-20T06:19:00+08:00");
    CHECK(iso("2021-02-20T06:19:00.123Z") == "2021-02-20T06:19:00Z");
    CHECK(iso("2021-02-20 06:19:00 +0800") == "2021-02-20T06:19:00+08:00");
    CHECK(iso("2021-02-20t06:19Z") == "2021-02-20T06:19:00Z");
    CHECK(iso("2021-02-20") == "2021-02-20");
    CHECK(display("2021年2月20日 06:19") == "2021-02-20 06:19");
}

TEST_CASE("feed dates: UTC instants order dates across zones") {
    auto a = parse_feed_date("Sat, 20 Feb 2021 06:19:00 +0800");
    auto b = parse_feed_date("2021-02-19T22:19:00Z");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->utc == b->utc);
    CHECK(parse_feed_date("1970-01-01T00:00:00Z")->utc == 0);
}

TEST_CASE("feed dates: what is not a date is refused") {
    for (const char* bad : {"", "yesterday", "昨天下午", "Sat, 31 Feb 2021 06:19:00 +0800", "2021-13-01", "20 Foo 2021",
                            "2021-02-20T25:00:00Z", "Feb 2021", "12345678901234567890", "Sat, 20 Feb 2021 06:19:00 +9999"})
        CHECK_MESSAGE(!parse_feed_date(bad), bad);
}
