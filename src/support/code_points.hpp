// Names and classes of single code points: "U+XXXX" labels for messages, the characters XML 1.0 allows, bopomofo.
#pragma once

#include "support/utf8.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace docexport::support {

// Returns c as "U+XXXX": uppercase hexadecimal, at least four digits ("U+3000", "U+2A6D6").
inline std::string code_point_label(char32_t c) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string hex;
    for (char32_t v = c; v > 0 || hex.size() < 4; v >>= 4) hex.insert(hex.begin(), digits[v & 0xF]);
    return "U+" + hex;
}

// Returns true for a character XML 1.0 documents may hold (production Char): tab, newline, CR and U+0020 up to
// U+10FFFF, but surrogates and the non-characters U+FFFE and U+FFFF.
constexpr bool is_xml_char(char32_t c) {
    if (c < 0x20) return c == 0x09 || c == 0x0A || c == 0x0D;
    if (c >= 0xD800 && c <= 0xDFFF) return false;
    return c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF;
}

// The tone marks of zhuyin set beside its symbols: ˉ ˊ ˇ ˋ (U+02C9, U+02CA, U+02C7, U+02CB; the first tone's
// ˉ is usually left out); the light tone's dot ˙ (U+02D9) goes above them.
constexpr bool is_zhuyin_tone_mark(char32_t c) { return c == 0x02C9 || c == 0x02CA || c == 0x02C7 || c == 0x02CB; }
constexpr char32_t zhuyin_light_tone = 0x02D9;

// Returns true for bopomofo (U+3100–U+312F, extended U+31A0–U+31BF) and the marks zhuyin writes tones with.
constexpr bool is_zhuyin_char(char32_t c) {
    return (c >= 0x3100 && c <= 0x312F) || (c >= 0x31A0 && c <= 0x31BF) || is_zhuyin_tone_mark(c) ||
           c == zhuyin_light_tone;
}

// Returns true when text is zhuyin: not empty, with at least one bopomofo letter, and every code point
// bopomofo or a tone mark (so that a ruby annotation can be set as zhuyin).
inline bool is_zhuyin(std::string_view text) {
    bool letter = false;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = utf8::next_code_point(text, i);
        if (!is_zhuyin_char(c)) return false;
        if (c >= 0x3100) letter = true;
    }
    return letter;
}

// Returns the zhuyin of each character of base when annotation gives one zhuyin syllable per character,
// separated by spaces ({注音|ㄓㄨˋ ㄧㄣ}: ㄓㄨˋ and ㄧㄣ), for a base of at least two characters; else nothing (the
// annotation belongs to the base as a whole). Zhuyin is set beside each character, so the writers split such a
// ruby into one per character.
inline std::vector<std::string_view> zhuyin_per_character(std::string_view base, std::string_view annotation) {
    std::vector<std::string_view> syllables;
    std::size_t characters = utf8::count_code_points(base);
    if (characters < 2) return {};
    for (std::size_t i = 0; i < annotation.size();) {
        std::size_t end = annotation.find(' ', i);
        if (end == std::string_view::npos) end = annotation.size();
        if (end > i) {
            std::string_view syllable = annotation.substr(i, end - i);
            if (!is_zhuyin(syllable)) return {};
            syllables.push_back(syllable);
        }
        i = end + 1;
    }
    if (syllables.size() != characters) return {};
    return syllables;
}

}  // namespace docexport::support
