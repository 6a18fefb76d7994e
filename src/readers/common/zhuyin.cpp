#include "readers/common/zhuyin.hpp"

#include "support/utf8.hpp"

#include <string_view>
#include <unordered_map>

namespace docexport::readers {

namespace {

// The syllables of standard Mandarin, as the pinyin table lays them out: initials across, finals down. A
// syllable is an initial's zhuyin followed by its final's; what pinyin spells differently (y and w when there
// is no initial, u for ü after j, q, x, the contractions iu, ui, un, the bare zhi chi shi ri zi ci si) is in
// the spellings below, not in code.

struct Initial {
    std::string_view pinyin, zhuyin;
};

constexpr Initial initials[] = {
    {"b", "ㄅ"}, {"p", "ㄆ"}, {"m", "ㄇ"}, {"f", "ㄈ"}, {"d", "ㄉ"}, {"t", "ㄊ"}, {"n", "ㄋ"}, {"l", "ㄌ"},
    {"g", "ㄍ"}, {"k", "ㄎ"}, {"h", "ㄏ"}, {"j", "ㄐ"}, {"q", "ㄑ"}, {"x", "ㄒ"}, {"zh", "ㄓ"}, {"ch", "ㄔ"},
    {"sh", "ㄕ"}, {"r", "ㄖ"}, {"z", "ㄗ"}, {"c", "ㄘ"}, {"s", "ㄙ"},
};

// One final: its zhuyin, its spelling as a syllable of its own ("" when it has none), its spelling after an
// initial, and the initials it follows (space-separated). A final spelt two ways after different initials (ü
// after n, l and after j, q, x) has two rows; so has the empty final of zhi chi shi ri zi ci si.
struct Final {
    std::string_view zhuyin, alone, after, initials;
};

constexpr Final finals[] = {
    // the empty final: the initial's zhuyin alone
    {"", "", "i", "zh ch sh r z c s"},
    // open finals
    {"ㄚ", "a", "a", "b p m f d t n l g k h zh ch sh z c s"},
    {"ㄛ", "o", "o", "b p m f l"},
    {"ㄜ", "e", "e", "m d t n l g k h zh ch sh r z c s"},
    {"ㄝ", "ê", "", ""},
    {"ㄞ", "ai", "ai", "b p m d t n l g k h zh ch sh z c s"},
    {"ㄟ", "ei", "ei", "b p m f d t n l g k h zh sh z s"},
    {"ㄠ", "ao", "ao", "b p m d t n l g k h zh ch sh r z c s"},
    {"ㄡ", "ou", "ou", "p m f d t n l g k h zh ch sh r z c s"},
    {"ㄢ", "an", "an", "b p m f d t n l g k h zh ch sh r z c s"},
    {"ㄣ", "en", "en", "b p m f d n g k h zh ch sh r z c s"},
    {"ㄤ", "ang", "ang", "b p m f d t n l g k h zh ch sh r z c s"},
    {"ㄥ", "eng", "eng", "b p m f d t n l g k h zh ch sh r z c s"},
    {"ㄨㄥ", "weng", "ong", "d t n l g k h zh ch r z c s"},
    {"ㄦ", "er", "", ""},
    // i-
    {"ㄧ", "yi", "i", "b p m d t n l j q x"},
    {"ㄧㄚ", "ya", "ia", "d l j q x"},
    {"ㄧㄛ", "yo", "", ""},
    {"ㄧㄝ", "ye", "ie", "b p m d t n l j q x"},
    {"ㄧㄞ", "yai", "", ""},
    {"ㄧㄠ", "yao", "iao", "b p m d t n l j q x"},
    {"ㄧㄡ", "you", "iu", "m d n l j q x"},
    {"ㄧㄢ", "yan", "ian", "b p m d t n l j q x"},
    {"ㄧㄣ", "yin", "in", "b p m n l j q x"},
    {"ㄧㄤ", "yang", "iang", "n l j q x"},
    {"ㄧㄥ", "ying", "ing", "b p m d t n l j q x"},
    {"ㄩㄥ", "yong", "iong", "j q x"},
    // u-
    {"ㄨ", "wu", "u", "b p m f d t n l g k h zh ch sh r z c s"},
    {"ㄨㄚ", "wa", "ua", "g k h zh ch sh r"},
    {"ㄨㄛ", "wo", "uo", "d t n l g k h zh ch sh r z c s"},
    {"ㄨㄞ", "wai", "uai", "g k h zh ch sh"},
    {"ㄨㄟ", "wei", "ui", "d t g k h zh ch sh r z c s"},
    {"ㄨㄢ", "wan", "uan", "d t n l g k h zh ch sh r z c s"},
    {"ㄨㄣ", "wen", "un", "d t n l g k h zh ch sh r z c s"},
    {"ㄨㄤ", "wang", "uang", "g k h zh ch sh"},
    // ü-: written ü after n and l (ue for üe too, as often typed), u after j, q, x
    {"ㄩ", "yu", "ü", "n l"},
    {"ㄩ", "", "u", "j q x"},
    {"ㄩㄝ", "yue", "üe", "n l"},
    {"ㄩㄝ", "", "ue", "n l j q x"},
    {"ㄩㄢ", "yuan", "uan", "j q x"},
    {"ㄩㄣ", "yun", "un", "j q x"},
};

// Syllables outside the table: the interjections written with a syllabic m, n or ng (呣 m, 嗯 n ng, 噷 hm,
// 哼 hng). Zhuyin writes 嗯 ㄣ and ng with ㄫ.
constexpr Initial interjections[] = {{"m", "ㄇ"}, {"n", "ㄣ"}, {"ng", "ㄫ"}, {"hm", "ㄏㄇ"}, {"hng", "ㄏㄫ"}};

// Returns the pinyin spelling (ü as ü, no tone) → zhuyin of every syllable, built once.
const std::unordered_map<std::string, std::string>& syllables() {
    static const std::unordered_map<std::string, std::string> table = [] {
        std::unordered_map<std::string, std::string> t;
        auto zhuyin_of_initial = [](std::string_view pinyin) {
            for (const Initial& i : initials)
                if (i.pinyin == pinyin) return i.zhuyin;
            return std::string_view();  // not reached: the table names only initials above
        };
        for (const Final& f : finals) {
            if (!f.alone.empty()) t.emplace(std::string(f.alone), std::string(f.zhuyin));
            for (std::size_t k = 0; k < f.initials.size();) {
                std::size_t end = f.initials.find(' ', k);
                if (end == std::string_view::npos) end = f.initials.size();
                std::string_view initial = f.initials.substr(k, end - k);
                t.emplace(std::string(initial) + std::string(f.after),
                          std::string(zhuyin_of_initial(initial)) + std::string(f.zhuyin));
                k = end + 1;
            }
        }
        for (const Initial& i : interjections) t.emplace(std::string(i.pinyin), std::string(i.zhuyin));
        return t;
    }();
    return table;
}

// A letter of pinyin with its tone mark precomposed: the letter without it, and the tone (1–4).
struct TonedLetter {
    char32_t letter, base;
    int tone;
};

constexpr TonedLetter toned_letters[] = {
    {U'ā', U'a', 1}, {U'á', U'a', 2}, {U'ǎ', U'a', 3}, {U'à', U'a', 4},
    {U'ē', U'e', 1}, {U'é', U'e', 2}, {U'ě', U'e', 3}, {U'è', U'e', 4},
    {U'ī', U'i', 1}, {U'í', U'i', 2}, {U'ǐ', U'i', 3}, {U'ì', U'i', 4},
    {U'ō', U'o', 1}, {U'ó', U'o', 2}, {U'ǒ', U'o', 3}, {U'ò', U'o', 4},
    {U'ū', U'u', 1}, {U'ú', U'u', 2}, {U'ǔ', U'u', 3}, {U'ù', U'u', 4},
    {U'ǖ', U'ü', 1}, {U'ǘ', U'ü', 2}, {U'ǚ', U'ü', 3}, {U'ǜ', U'ü', 4},
    {U'ế', U'ê', 2}, {U'ề', U'ê', 4},
    {U'ḿ', U'm', 2}, {U'ń', U'n', 2}, {U'ň', U'n', 3}, {U'ǹ', U'n', 4},
};

// The combining marks that write a tone after its letter: macron, acute, caron, grave.
constexpr TonedLetter combining_tones[] = {
    {U'\u0304', 0, 1}, {U'\u0301', 0, 2}, {U'\u030C', 0, 3}, {U'\u0300', 0, 4},
};

// Zhuyin's tone marks, by tone (0 = neutral, written before the syllable; 1 = none).
constexpr std::string_view tone_marks[] = {"˙", "", "ˊ", "ˇ", "ˋ"};

}  // namespace

std::string pinyin_to_zhuyin(std::u32string_view syllable) {
    // The spelling without its tone, ü for ü and v, and the one tone mark (0 when there is none).
    std::u32string letters;
    int tone = 0;
    for (char32_t c : syllable) {
        int t = 0;
        char32_t base = c;
        for (const TonedLetter& x : toned_letters)
            if (x.letter == c) base = x.base, t = x.tone;
        for (const TonedLetter& x : combining_tones)
            if (x.letter == c) base = 0, t = x.tone;
        if (c == U'\u0308') {  // a combining diaeresis: u + ¨ is ü
            if (letters.empty() || letters.back() != U'u') return {};
            letters.back() = U'ü';
            continue;
        }
        if (t != 0) {
            if (tone != 0) return {};                 // two tones
            if (base == 0 && letters.empty()) return {};  // a combining mark on nothing
            tone = t;
        }
        if (base == 0) continue;
        if (base == U'v') base = U'ü';
        if (!((base >= U'a' && base <= U'z') || base == U'ü' || base == U'ê')) return {};
        letters += base;
    }
    // y before ü and u before ü are spellings of the same syllable: yu, ju (standard) or yü, jü (also met).
    std::string key = utf8::encode(letters);
    const auto& table = syllables();
    auto it = table.find(key);
    if (it == table.end() && key.size() >= 3 && (key[0] == 'y' || key[0] == 'j' || key[0] == 'q' || key[0] == 'x') &&
        key.compare(1, 2, "\xC3\xBC") == 0) {  // ü after y, j, q, x: look up the usual u
        it = table.find(key.substr(0, 1) + "u" + key.substr(3));
    }
    if (it == table.end()) return {};
    std::string_view mark = tone_marks[tone];
    return tone == 0 ? std::string(mark) + it->second : it->second + std::string(mark);
}

std::string pinyin_to_zhuyin(std::string_view syllable) {
    std::u32string code_points = utf8::decode(syllable);
    for (char32_t c : code_points)
        if (c == 0xFFFD) return {};
    return pinyin_to_zhuyin(std::u32string_view(code_points));
}

}  // namespace docexport::readers
