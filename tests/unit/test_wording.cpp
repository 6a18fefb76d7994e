#include "support/wording.hpp"

#include <doctest/doctest.h>

using namespace docexport::support;

TEST_CASE("wording: a count takes the singular for exactly one") {
    CHECK(counted(0, "row", "rows") == "0 rows");
    CHECK(counted(1, "row", "rows") == "1 row");
    CHECK(counted(2, "entry", "entries") == "2 entries");
    CHECK(counted(21, "entry", "entries") == "21 entries");
}

TEST_CASE("wording: edit distance counts insertions, deletions and substitutions") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("size", "size") == 0);
    CHECK(edit_distance("szie", "size") == 2);
    CHECK(edit_distance("margin", "margins") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("wording: the closest known word, only when it is close") {
    std::vector<std::string_view> known = {"size", "width", "height", "margins"};
    CHECK(closest_word("szie", known) == "size");
    CHECK(closest_word("margin", known) == "margins");
    CHECK(closest_word("hieght", known) == "height");
    CHECK(closest_word("colour", known).empty());
    CHECK(closest_word("x", {}).empty());
}

TEST_CASE("wording: hints for an unknown key") {
    auto hints = unknown_key_hints("line-hieght", {"size", "line-height", "align"});
    REQUIRE(hints.size() == 2);
    CHECK(hints[0] == "did you mean 'line-height'?");
    CHECK(hints[1] == "known keys here: size, line-height, align");
    hints = unknown_key_hints("colour", {"size", "align"});
    REQUIRE(hints.size() == 1);
    CHECK(hints[0] == "known keys here: size, align");
}

TEST_CASE("wording: page numbers in Chinese numerals") {
    CHECK(chinese_numeral(1) == "一");
    CHECK(chinese_numeral(9) == "九");
    CHECK(chinese_numeral(10) == "十");
    CHECK(chinese_numeral(11) == "十一");
    CHECK(chinese_numeral(20) == "二十");
    CHECK(chinese_numeral(21) == "二十一");
    CHECK(chinese_numeral(100) == "一百");
    CHECK(chinese_numeral(105) == "一百零五");
    CHECK(chinese_numeral(110) == "一百一十");
    CHECK(chinese_numeral(999) == "九百九十九");
    CHECK(chinese_numeral(1000) == "一千");
    CHECK(chinese_numeral(1005) == "一千零五");
    CHECK(chinese_numeral(1020) == "一千零二十");
    CHECK(chinese_numeral(2300) == "二千三百");
    CHECK(chinese_numeral(9999) == "九千九百九十九");
    CHECK(chinese_numeral(10000) == "一〇〇〇〇");
    CHECK(chinese_numeral(20481) == "二〇四八一");
}
