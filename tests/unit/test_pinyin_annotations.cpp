// Units for src/readers/text/pinyin_annotations: the `字(pinyin)` artifacts of scraped pages.
#include "readers/text/pinyin_annotations.hpp"
#include "readers/common/utf8.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>

using namespace docexport;
using namespace docexport::readers;

namespace {

std::size_t count_found(std::string_view s) { return find_pinyin_annotations(utf8::decode(s)).size(); }

std::string read_seed() {
    std::ifstream in(DOCEXPORT_SOURCE_DIR "/tests/golden/seed-zqrb.txt", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("pinyin: toned syllables are pinyin") {
    for (std::u32string_view s : {U"qū", U"chuàng", U"zhǔn", U"lǜ", U"nǚ", U"yīng", U"ér", U"wǎng", U"jué",
                                  U"xiàn", U"ń", U"ňg", U"ḿ", U"hǹg", U"qiáng", U"guān"})
        CHECK_MESSAGE(is_pinyin_syllable(s), utf8::encode(s));
}

TEST_CASE("pinyin: a combining tone mark counts as a tone") {
    CHECK(is_pinyin_syllable(U"qu\u0304"));
    CHECK(is_pinyin_syllable(U"chua\u0300ng"));
    CHECK_FALSE(is_pinyin_syllable(U"\u0304qu"));
}

TEST_CASE("pinyin: neutral-tone syllables need no tone mark") {
    for (std::u32string_view s : {U"de", U"le", U"me", U"ne", U"men", U"zi"}) CHECK(is_pinyin_syllable(s));
}

TEST_CASE("pinyin: words, numbers and malformed syllables are not pinyin") {
    for (std::u32string_view s : {U"AI", U"see", U"qu", U"2021", U"café", U"āá", U"Qū", U"zhuàngg", U"bü",
                                  U"xyz", U"ok", U"n", U"m", U"", U"chuàngxīn", U"q ū"})
        CHECK_FALSE_MESSAGE(is_pinyin_syllable(s), utf8::encode(s));
}

TEST_CASE("pinyin: artifacts after a Han character, half- and full-width parentheses") {
    CHECK(count_found("區(qū)") == 1);
    CHECK(count_found("區（qū）") == 1);
    CHECK(count_found("創(chuàng)新應(yīng)用") == 2);
    std::u32string_view text = U"天津(濱海新區(qū))";
    auto found = find_pinyin_annotations(text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].base == 6);
    CHECK(found[0].open == 7);
    CHECK(found[0].end == 11);
    CHECK(text.substr(found[0].open + 1, found[0].end - found[0].open - 2) == U"qū");
}

TEST_CASE("pinyin: real parentheses are not artifacts") {
    CHECK(count_found("天津(濱海新區)") == 0);
    CHECK(count_found("人工智能(AI)技術") == 0);
    CHECK(count_found("年度報告(2021)") == 0);
    CHECK(count_found("請看(see)") == 0);
    CHECK(count_found("a(qū) 5(qū) (qū)") == 0);   // no Han character before
    CHECK(count_found("區(qū") == 0);               // not closed
    CHECK(count_found("區(zhuangzhuang)") == 0);
}

TEST_CASE("pinyin: every artifact of the seed is found") {
    std::string seed = read_seed();
    REQUIRE(!seed.empty());
    CHECK(count_found(seed) == 178);
    std::string stripped = strip_pinyin_annotations(seed);
    CHECK(count_found(stripped) == 0);
    CHECK(stripped.find("天津(濱海新區)") != std::string::npos);
}

TEST_CASE("pinyin: strip removes only the annotation") {
    CHECK(strip_pinyin_annotations("天津(濱海新區(qū)),杭州") == "天津(濱海新區),杭州");
    CHECK(strip_pinyin_annotations("人工智能(AI)") == "人工智能(AI)");
    CHECK(strip_pinyin_annotations("no parentheses") == "no parentheses");
}

TEST_CASE("pinyin: drop mode with full-width punctuation") {
    Inlines in = annotated_inlines("天津(濱海新區(qū)),杭州", Annotations::drop, true);
    REQUIRE(in.size() == 1);
    CHECK(in[0].kind == InlineKind::text);
    CHECK(in[0].text == "天津（濱海新區），杭州");
}

TEST_CASE("pinyin: a comma after an artifact is converted as if the artifact were not there") {
    CHECK(plain_text(annotated_inlines("先導區(qū)!", Annotations::drop, true)) == "先導區！");
    CHECK(plain_text(annotated_inlines("先導區(qū)!", Annotations::keep, true)) == "先導區(qū)！");
}

TEST_CASE("pinyin: ruby mode") {
    Inlines in = annotated_inlines("天津(濱海新區(qū)),杭州", Annotations::ruby, true);
    REQUIRE(in.size() == 3);
    CHECK(in[0].text == "天津（濱海新");
    CHECK(in[1].kind == InlineKind::ruby);
    CHECK(in[1].text == "qū");
    REQUIRE(in[1].children.size() == 1);
    CHECK(in[1].children[0].text == "區");
    CHECK(in[2].text == "），杭州");
    CHECK(plain_text(in) == "天津（濱海新區），杭州");
}

TEST_CASE("pinyin: ruby mode, adjacent artifacts") {
    Inlines in = annotated_inlines("先導(dǎo)區(qū)", Annotations::ruby, true);
    REQUIRE(in.size() == 3);
    CHECK(in[0].text == "先");
    CHECK(in[1].kind == InlineKind::ruby);
    CHECK(in[2].kind == InlineKind::ruby);
    CHECK(in[2].text == "qū");
}

TEST_CASE("pinyin: keep mode leaves the artifact as written, full-width parentheses included") {
    CHECK(plain_text(annotated_inlines("天津(濱海新區(qū)),杭州", Annotations::keep, true)) ==
          "天津（濱海新區(qū)），杭州");
    CHECK(plain_text(annotated_inlines("新區（qū）,杭州", Annotations::keep, true)) == "新區（qū），杭州");
    CHECK(plain_text(annotated_inlines("天津(濱海新區(qū)),杭州", Annotations::keep, false)) ==
          "天津(濱海新區(qū)),杭州");
}

TEST_CASE("pinyin: without punctuation conversion the text is only stripped") {
    CHECK(plain_text(annotated_inlines("天津(濱海新區(qū)),杭州", Annotations::drop, false)) == "天津(濱海新區),杭州");
}

TEST_CASE("pinyin: Latin text and numbers are left alone") {
    CHECK(plain_text(annotated_inlines("2021-02-20 06:19, GPT-4 (see) 1,000", Annotations::drop, true)) ==
          "2021-02-20 06:19, GPT-4 (see) 1,000");
}

TEST_CASE("pinyin: a 1 MB line is handled in linear time") {
    std::string line;
    while (line.size() < (std::size_t{1} << 20)) line += "區(qū)域(((測試)AI(";
    auto start = std::chrono::steady_clock::now();
    std::size_t found = find_pinyin_annotations(utf8::decode(line)).size();
    Inlines in = annotated_inlines(line, Annotations::ruby, true);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(found > 10000);
    CHECK(in.size() > 10000);
    CHECK(seconds < 10.0);
}
