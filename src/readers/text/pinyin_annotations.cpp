#include "readers/text/pinyin_annotations.hpp"

#include "readers/common/cjk_text.hpp"
#include "readers/common/utf8.hpp"
#include "readers/common/zhuyin.hpp"


namespace docexport::readers {

namespace {

// The longest syllable is six letters (zhuang), plus one combining tone mark.
constexpr std::size_t max_syllable_length = 7;

// Returns the base letter of a pinyin letter ('v' for ü), and sets *toned when it carries a tone mark;
// returns 0 for anything else. (A switch: this runs for every parenthesis after a Han character.)
char base_letter(char32_t c, bool* toned) {
    *toned = false;
    if (c >= U'a' && c <= U'z') return static_cast<char>(c);
    char base = 0;
    switch (c) {
    case U'\u00FC': return 'v';
    case U'ā': case U'á': case U'ǎ': case U'à': base = 'a'; break;
    case U'ē': case U'é': case U'ě': case U'è': base = 'e'; break;
    case U'ī': case U'í': case U'ǐ': case U'ì': base = 'i'; break;
    case U'ō': case U'ó': case U'ǒ': case U'ò': base = 'o'; break;
    case U'ū': case U'ú': case U'ǔ': case U'ù': base = 'u'; break;
    case U'ǖ': case U'ǘ': case U'ǚ': case U'ǜ': base = 'v'; break;
    case U'ń': case U'ň': case U'ǹ': base = 'n'; break;
    case U'ḿ': base = 'm'; break;
    default: return 0;
    }
    *toned = true;
    return base;
}

// Returns true for the combining grave, acute, macron and caron (a tone written as a separate mark).
bool is_combining_tone(char32_t c) { return c == 0x0300 || c == 0x0301 || c == 0x0304 || c == 0x030C; }

bool is_final(std::string_view f) {
    static constexpr std::string_view finals[] = {
        "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er",
        "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "io", "ua", "uo", "uai", "ui",
        "uan", "un", "uang", "ueng", "ue", "ve", "van", "vn"};
    for (std::string_view x : finals)
        if (x == f) return true;
    return false;
}

// Returns true for a toneless syllable that is commonly written in the neutral tone.
bool is_neutral_syllable(std::string_view s) {
    static constexpr std::string_view neutral[] = {
        "de", "le", "me", "ne", "ma", "ba", "zi", "men", "zhe", "guo", "tou", "la", "ya", "wa"};
    for (std::string_view x : neutral)
        if (x == s) return true;
    return false;
}

// Returns true when letters (base letters, ü as v) are an initial followed by a final.
bool is_initial_final(std::string_view s) {
    if (s == "m" || s == "n" || s == "ng" || s == "hm" || s == "hng") return true;
    std::size_t n = 0;
    if (s.starts_with("zh") || s.starts_with("ch") || s.starts_with("sh")) n = 2;
    else if (!s.empty() && std::string_view("bpmfdtnlgkhjqxrzcsyw").find(s[0]) != std::string_view::npos) n = 1;
    std::string_view initial = s.substr(0, n), final = s.substr(n);
    // ü is only written after n, l, j, q, x, y (or alone, as a bare final).
    if (final.starts_with("v") && !(initial.empty() || initial == "n" || initial == "l" || initial == "j" ||
                                     initial == "q" || initial == "x" || initial == "y"))
        return false;
    return is_final(final);
}

}  // namespace

bool is_pinyin_syllable(std::u32string_view s) {
    if (s.empty() || s.size() > max_syllable_length) return false;
    char buffer[max_syllable_length];
    std::size_t count = 0;
    int tones = 0;
    for (std::size_t k = 0; k < s.size(); ++k) {
        if (is_combining_tone(s[k])) {
            if (k == 0 || is_combining_tone(s[k - 1])) return false;
            ++tones;
            continue;
        }
        bool toned = false;
        char b = base_letter(s[k], &toned);
        if (b == 0) return false;
        if (toned) ++tones;
        buffer[count++] = b;
    }
    std::string_view letters(buffer, count);
    if (tones > 1) return false;
    if (letters == "m" || letters == "n" || letters == "ng" || letters == "hm" || letters == "hng")
        return tones == 1;  // a bare m or n without a tone is more likely a Latin abbreviation
    if (!is_initial_final(letters)) return false;
    return tones == 1 || is_neutral_syllable(letters);
}

std::vector<PinyinAnnotation> find_pinyin_annotations(std::u32string_view text) {
    std::vector<PinyinAnnotation> found;
    const std::size_t n = text.size();
    for (std::size_t k = 1; k < n; ++k) {
        if (text[k] != U'(' && text[k] != U'\uFF08') continue;
        // Cheap tests first: most parentheses hold no pinyin.
        bool toned = false;
        if (k + 1 >= n || base_letter(text[k + 1], &toned) == 0) continue;
        if (!is_han(text[k - 1])) continue;
        // The inner scan is bounded, so the whole scan stays linear.
        std::size_t close = k + 1;
        while (close < n && close - k - 1 <= max_syllable_length && text[close] != U')' && text[close] != U'\uFF09')
            ++close;
        if (close >= n || close == k + 1 || close - k - 1 > max_syllable_length) continue;
        std::u32string_view inner = text.substr(k + 1, close - k - 1);
        if (!is_pinyin_syllable(inner)) continue;
        found.push_back(PinyinAnnotation{k - 1, k, close + 1});
        k = close;
    }
    return found;
}

std::string strip_pinyin_annotations(std::string_view text) {
    // Most lines hold no parenthesis at all; skip the decoding for them.
    if (text.find('(') == std::string_view::npos && text.find("\xEF\xBC\x88") == std::string_view::npos)
        return std::string(text);
    std::u32string raw = utf8::decode(text);
    std::vector<PinyinAnnotation> found = find_pinyin_annotations(raw);
    if (found.empty()) return std::string(text);
    std::u32string out;
    out.reserve(raw.size());
    std::size_t from = 0;
    for (const PinyinAnnotation& a : found) {
        out.append(raw, from, a.open - from);
        from = a.end;
    }
    out.append(raw, from);
    return utf8::encode(out);
}

Inlines annotated_inlines(std::string_view text, Annotations mode, bool cjk_punctuation) {
    std::u32string raw = utf8::decode(text);
    std::vector<PinyinAnnotation> found = find_pinyin_annotations(raw);

    // The text without artifacts, and where each artifact's base landed in it: punctuation is decided on
    // the text as it reads, the same in every mode.
    std::u32string clean;
    std::vector<std::size_t> base_at;  // index in clean of found[i].base
    if (found.empty()) {
        clean = std::move(raw);   // the common case: no second copy of what may be a whole book on one line
    } else {
        clean.reserve(raw.size());
        base_at.reserve(found.size());
        std::size_t from = 0;
        for (const PinyinAnnotation& a : found) {
            clean.append(raw, from, a.open - from);
            base_at.push_back(clean.size() - 1);
            from = a.end;
        }
        clean.append(raw, from);
    }
    if (cjk_punctuation) clean = convert_cjk_punctuation(std::u32string_view(clean));

    Inlines out;
    std::string pending;
    // Without rubies the text is one run: room for all of it at once, without doubling (a line can be 50 MB).
    const bool as_ruby = mode == Annotations::ruby || mode == Annotations::zhuyin;
    if (!as_ruby || found.empty()) pending.reserve(text.size());
    auto flush = [&] {
        if (!pending.empty()) out.push_back(make_text(std::move(pending)));
        pending.clear();
    };
    std::size_t next = 0;
    for (std::size_t k = 0; k < clean.size(); ++k) {
        if (next < found.size() && base_at[next] == k && mode != Annotations::drop) {
            const PinyinAnnotation& a = found[next];
            if (as_ruby) {
                flush();
                std::string base;
                utf8::append(base, clean[k]);
                std::u32string_view pinyin = std::u32string_view(raw).substr(a.open + 1, a.end - a.open - 2);
                // A syllable the converter does not know keeps its pinyin: nothing of the source is lost.
                std::string annotation = mode == Annotations::zhuyin ? pinyin_to_zhuyin(pinyin) : std::string();
                if (annotation.empty()) annotation = utf8::encode(pinyin);
                out.push_back(make_ruby(std::move(base), std::move(annotation)));
            } else {
                utf8::append(pending, clean[k]);
                pending += utf8::encode(std::u32string_view(raw).substr(a.open, a.end - a.open));
            }
            ++next;
            continue;
        }
        if (next < found.size() && base_at[next] == k) ++next;
        utf8::append(pending, clean[k]);
    }
    flush();
    return out;
}

}  // namespace docexport::readers
