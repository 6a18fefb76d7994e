// Units for src/readers/common/zhuyin: pinyin → zhuyin, checked syllable by syllable against a table that is
// not ours (tests/data/dragonmapper-transcriptions.csv, see tests/data/README.md), in every tone.
#include "readers/common/zhuyin.hpp"
#include "readers/text/pinyin_annotations.hpp"
#include "support/code_points.hpp"
#include "support/utf8.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace docexport;
using namespace docexport::readers;

namespace {

// Returns the (pinyin, zhuyin) rows of the reference table, pinyin without tone, ü as ü.
std::vector<std::pair<std::string, std::string>> reference_rows() {
    std::ifstream in(DOCEXPORT_SOURCE_DIR "/tests/data/dragonmapper-transcriptions.csv", std::ios::binary);
    std::vector<std::pair<std::string, std::string>> rows;
    std::string line;
    std::getline(in, line);  // Pinyin,Zhuyin,IPA
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::size_t a = line.find(','), b = line.find(',', a + 1);
        if (a == std::string::npos || b == std::string::npos) continue;
        rows.emplace_back(line.substr(0, a), line.substr(a + 1, b - a - 1));
    }
    return rows;
}

// Rows of the reference table that are not syllables of standard Mandarin, and so stay unconverted: dialect
// or marginal syllables found in no standard dictionary (Xiandai Hanyu Cidian, the MOE dictionaries), and r,
// the erhua suffix, which is never a syllable (its ㄦ is written as part of the syllable before it).
const std::set<std::string> not_standard = {"diang", "lün", "nia", "shong", "r"};

// Returns the vowel of a toneless pinyin syllable (an index in code points) that takes the tone mark: a or e
// if present, o in ou, else the last vowel; m or n in the syllabic m, n, ng, hm, hng.
std::size_t tone_position(const std::u32string& s) {
    for (char32_t v : {U'a', U'e', U'ê'})
        if (std::size_t at = s.find(v); at != std::u32string::npos) return at;
    if (std::size_t at = s.find(U"ou"); at != std::u32string::npos) return at;
    std::size_t at = s.find_last_of(U"iouü");
    if (at != std::u32string::npos) return at;
    return s.find_first_of(U"mn");
}

// Returns syllable with tone 1–4 marked: precomposed where Unicode has the letter, else (combining = true, or
// m̄, n̄, ê̄, ê̌) with a combining mark after the letter.
std::u32string with_tone(const std::u32string& syllable, int tone, bool combining) {
    static const std::u32string vowels = U"aeiouümnê";
    using namespace std::literals;
    // by tone, the letters of vowels above with the mark (a NUL where Unicode has none)
    static constexpr std::u32string_view precomposed[] = {
        U"āēīōūǖ\0\0\0"sv, U"áéíóúǘḿńế"sv, U"ǎěǐǒǔǚ\0ň\0"sv, U"àèìòùǜ\0ǹề"sv};
    static constexpr char32_t marks[] = {0x0304, 0x0301, 0x030C, 0x0300};
    std::u32string out = syllable;
    std::size_t at = tone_position(syllable);
    std::size_t v = vowels.find(syllable[at]);
    char32_t composed = precomposed[tone - 1][v];
    if (!combining && composed != 0) out[at] = composed;
    else out.insert(at + 1, 1, marks[tone - 1]);
    return out;
}

// Returns the zhuyin of a toneless syllable in tone (0 = neutral, written before it; 1 unmarked).
std::string with_tone_mark(const std::string& zhuyin, int tone) {
    static const char* const marks[] = {"˙", "", "ˊ", "ˇ", "ˋ"};
    return tone == 0 ? marks[0] + zhuyin : zhuyin + marks[tone];
}

}  // namespace

TEST_CASE("zhuyin: every syllable of the reference table, in all five tones, tone marks precomposed and combining") {
    std::vector<std::pair<std::string, std::string>> rows = reference_rows();
    REQUIRE(rows.size() == 417);
    std::size_t syllables = 0, checks = 0;
    for (const auto& [pinyin, zhuyin] : rows) {
        std::u32string toneless = utf8::decode(pinyin);
        if (not_standard.count(pinyin)) {
            CHECK_MESSAGE(pinyin_to_zhuyin(toneless).empty(), pinyin);
            continue;
        }
        ++syllables;
        REQUIRE(support::is_zhuyin(zhuyin));
        CHECK_MESSAGE(pinyin_to_zhuyin(toneless) == with_tone_mark(zhuyin, 0), pinyin);
        ++checks;
        for (int tone = 1; tone <= 4; ++tone) {
            for (bool combining : {false, true}) {
                std::u32string toned = with_tone(toneless, tone, combining);
                std::string written = utf8::encode(toned);
                CHECK_MESSAGE(pinyin_to_zhuyin(toned) == with_tone_mark(zhuyin, tone), written);
                CHECK_MESSAGE(pinyin_to_zhuyin(std::string_view(written)) == with_tone_mark(zhuyin, tone), written);
                // The text reader finds it as an artifact too.
                CHECK_MESSAGE(is_pinyin_syllable(toned), written);
                ++checks;
            }
        }
    }
    CHECK(syllables == 412);   // 417 rows, less the 5 above
    CHECK(checks == 412 * 9);  // toneless, and tones 1–4 precomposed and combining
    MESSAGE(syllables << " syllables of the reference table checked in 5 tones (" << checks << " conversions)");
}

TEST_CASE("zhuyin: every syllable the converter knows is in the reference table or one of the few it lacks") {
    std::set<std::string> reference;
    for (const auto& row : reference_rows()) reference.insert(row.first);
    // Standard syllables the reference table does not list, with their zhuyin.
    const std::vector<std::pair<std::string, std::string>> beyond = {
        {"ê", "ㄝ"},        // 欸 ê (the bare final)
        {"yai", "ㄧㄞ"},    // 崖 yái, Taiwan's older reading
        {"rua", "ㄖㄨㄚ"},  // 挼 ruá
        {"m", "ㄇ"},        // 呣 ḿ
        {"n", "ㄣ"},        // 嗯 ń, written ㄣ in zhuyin
        {"ng", "ㄫ"},       // 嗯 ňg
        {"hm", "ㄏㄇ"},     // 噷 hm̄
        {"hng", "ㄏㄫ"},    // 哼 hng
    };
    for (const auto& [pinyin, zhuyin] : beyond) {
        CHECK_MESSAGE(pinyin_to_zhuyin(std::string_view(pinyin)) == "˙" + zhuyin, pinyin);
        CHECK_MESSAGE(pinyin_to_zhuyin(with_tone(utf8::decode(pinyin), 2, false)) == zhuyin + "ˊ", pinyin);
        CHECK_MESSAGE(pinyin_to_zhuyin(with_tone(utf8::decode(pinyin), 4, true)) == zhuyin + "ˋ", pinyin);
        CHECK(reference.count(pinyin) == 0);
        reference.insert(pinyin);
    }
    // Every initial (and none, y, w, h) before every spelling of a final: what converts must be listed.
    const char* const starts[] = {"", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
                                  "zh", "ch", "sh", "r", "z", "c", "s", "y", "w"};
    const char* const ends[] = {"", "a", "o", "e", "ê", "i", "u", "ü", "v", "ai", "ei", "ao", "ou", "an", "en", "ang",
                                "eng", "ong", "er", "ia", "io", "ie", "iai", "iao", "iu", "iou", "ian", "in", "iang",
                                "ing", "iong", "ua", "uo", "uai", "ui", "uei", "uan", "un", "uen", "uang", "ueng",
                                "üe", "ue", "ve", "üan", "van", "ün", "vn", "m", "ng"};
    std::size_t known = 0;
    for (const char* s : starts)
        for (const char* e : ends) {
            std::string pinyin = std::string(s) + e;
            std::string z = pinyin_to_zhuyin(std::string_view(pinyin));
            if (z.empty()) continue;
            ++known;
            // ü spelt v, or ü after j q x y, is another way to write a listed syllable.
            std::string listed = pinyin;
            for (std::size_t at; (at = listed.find('v')) != std::string::npos;) listed.replace(at, 1, "ü");
            if (listed.size() >= 3 && std::string("jqxy").find(listed[0]) != std::string::npos &&
                listed.compare(1, 2, "ü") == 0)
                listed.replace(1, 2, "u");
            if (listed == "lue" || listed == "nue") listed.replace(1, 1, "ü");  // as often typed
            CHECK_MESSAGE(reference.count(listed) == 1, pinyin << " → " << z);
        }
    CHECK(known > 400);
}

TEST_CASE("zhuyin: spellings, tones and what is not a syllable") {
    CHECK(pinyin_to_zhuyin(std::string_view("zhù")) == "ㄓㄨˋ");
    CHECK(pinyin_to_zhuyin(std::string_view("qū")) == "ㄑㄩ");
    CHECK(pinyin_to_zhuyin(std::string_view("de")) == "˙ㄉㄜ");
    CHECK(pinyin_to_zhuyin(std::string_view("shì")) == "ㄕˋ");
    CHECK(pinyin_to_zhuyin(std::string_view("yī")) == "ㄧ");
    CHECK(pinyin_to_zhuyin(std::string_view("wǔ")) == "ㄨˇ");
    CHECK(pinyin_to_zhuyin(std::string_view("yǔ")) == "ㄩˇ");
    CHECK(pinyin_to_zhuyin(std::string_view("yǒu")) == "ㄧㄡˇ");
    CHECK(pinyin_to_zhuyin(std::string_view("liù")) == "ㄌㄧㄡˋ");
    CHECK(pinyin_to_zhuyin(std::string_view("guì")) == "ㄍㄨㄟˋ");
    CHECK(pinyin_to_zhuyin(std::string_view("lùn")) == "ㄌㄨㄣˋ");
    CHECK(pinyin_to_zhuyin(std::string_view("ér")) == "ㄦˊ");
    CHECK(pinyin_to_zhuyin(std::string_view("jué")) == "ㄐㄩㄝˊ");
    // ü as ü, v, u + combining diaeresis; after j q x y also as ü; üe also as ue after n and l
    for (std::string_view s : {"lǜ", "lv\u0300", "lu\u0308\u0300", "lü\u0300"}) CHECK(pinyin_to_zhuyin(s) == "ㄌㄩˋ");
    for (std::string_view s : {"nüè", "nvè", "nuè"}) CHECK(pinyin_to_zhuyin(s) == "ㄋㄩㄝˋ");
    CHECK(pinyin_to_zhuyin(std::string_view("jǘ")) == "ㄐㄩˊ");
    CHECK(pinyin_to_zhuyin(std::string_view("lú")) == "ㄌㄨˊ");  // not ü
    // not syllables: two tones, a mark on nothing, unknown combinations, other letters, nothing
    for (std::string_view s : {"zhùù", "\u0300a", "gīn", "bǚ", "fiào", "zhì\u0301", "qu1", "Zhōng", "", "x", "ㄓㄨˋ"})
        CHECK_MESSAGE(pinyin_to_zhuyin(s).empty(), s);
    CHECK(pinyin_to_zhuyin(std::string_view("\xFF")).empty());
}

TEST_CASE("zhuyin: what reads as zhuyin (support::is_zhuyin)") {
    CHECK(support::is_zhuyin("ㄓㄨˋ"));
    CHECK(support::is_zhuyin("˙ㄉㄜ"));
    CHECK(support::is_zhuyin("ㆠ"));  // extended bopomofo
    CHECK_FALSE(support::is_zhuyin(""));
    CHECK_FALSE(support::is_zhuyin("ˋ"));
    CHECK_FALSE(support::is_zhuyin("zhù"));
    CHECK_FALSE(support::is_zhuyin("ㄓㄨˋ ㄧㄣ"));
    CHECK_FALSE(support::is_zhuyin("注ㄓㄨˋ"));
}

TEST_CASE("zhuyin: a syllable per character of a word is split over its characters (zhuyin_per_character)") {
    using V = std::vector<std::string_view>;
    CHECK(support::zhuyin_per_character("臺灣", "ㄊㄞˊ ㄨㄢ") == V{"ㄊㄞˊ", "ㄨㄢ"});
    CHECK(support::zhuyin_per_character("注音符號", "ㄓㄨˋ  ㄧㄣ ㄈㄨˊ ㄏㄠˋ") == V{"ㄓㄨˋ", "ㄧㄣ", "ㄈㄨˊ", "ㄏㄠˋ"});
    CHECK(support::zhuyin_per_character("朋友", "ㄆㄥˊ ˙ㄧㄡ") == V{"ㄆㄥˊ", "˙ㄧㄡ"});
    CHECK(support::zhuyin_per_character("注", "ㄓㄨˋ").empty());             // one character: the ruby as it is
    CHECK(support::zhuyin_per_character("臺灣", "ㄊㄞˊㄨㄢ").empty());         // not a syllable a character
    CHECK(support::zhuyin_per_character("臺灣省", "ㄊㄞˊ ㄨㄢ").empty());
    CHECK(support::zhuyin_per_character("臺灣", "tái wān").empty());         // pinyin is set over the word
    CHECK(support::zhuyin_per_character("臺灣", "ㄊㄞˊ wān").empty());
}

TEST_CASE("zhuyin: --annotations zhuyin sets artifacts as ruby of their zhuyin, an unknown syllable as its pinyin") {
    Inlines in = annotated_inlines("先導(dǎo)區(qū),發展", Annotations::zhuyin, true);
    REQUIRE(in.size() == 4);
    CHECK(in[0].kind == InlineKind::text);
    CHECK(in[0].text == "先");
    REQUIRE(in[1].kind == InlineKind::ruby);
    CHECK(plain_text(in[1].children) == "導");
    CHECK(in[1].text == "ㄉㄠˇ");
    REQUIRE(in[2].kind == InlineKind::ruby);
    CHECK(in[2].text == "ㄑㄩ");
    CHECK(in[3].text == "，發展");
    // gīn passes as pinyin (an initial and a final) but is no syllable of Mandarin: the pinyin stays
    Inlines unknown = annotated_inlines("金(gīn)", Annotations::zhuyin, true);
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].text == "gīn");
}
