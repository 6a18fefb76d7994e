// The one UTF-8 codec of docexport: the readers, the layout engine and both writers decode and encode through it
// (header-only: it sits on the layout's hot paths). A malformed sequence decodes to one U+FFFD per maximal subpart
// (Unicode 3.9, "U+FFFD substitution of maximal subparts"): a truncated three-byte sequence is one U+FFFD, a stray
// continuation byte another. Overlong forms, surrogates and values beyond U+10FFFF are malformed. This is what
// ICU's U8_NEXT and U8_PREV do (tests/unit/test_support.cpp compares them); the codec is not ICU's macros so that
// support, which every module may use, the model included, depends on no library.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace docexport::utf8 {

// What next_or_malformed returns for a malformed sequence (no code point has this value).
inline constexpr char32_t malformed = 0xFFFFFFFF;

// Returns the code point starting at text[i] (i < text.size()) and advances i past it; for a malformed sequence,
// returns `malformed` and advances i past its maximal subpart (at least one byte).
inline char32_t next_or_malformed(std::string_view text, std::size_t& i) {
    auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    // The length of the sequence, the value bits of its lead byte, the range its second byte must be in (which
    // rules out overlong forms, surrogates and values beyond U+10FFFF).
    std::size_t length = 0;
    char32_t c = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        c = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        c = b0 & 0x0Fu;
        if (b0 == 0xE0) low = 0xA0;
        if (b0 == 0xED) high = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        c = b0 & 0x07u;
        if (b0 == 0xF0) low = 0x90;
        if (b0 == 0xF4) high = 0x8F;
    } else {
        ++i;
        return malformed;
    }
    std::size_t k = i + 1;
    for (std::size_t n = 1; n < length; ++n, ++k) {
        if (k >= text.size()) {
            i = k;
            return malformed;
        }
        auto b = static_cast<unsigned char>(text[k]);
        if (b < low || b > high) {
            i = k;
            return malformed;
        }
        c = (c << 6) | (b & 0x3Fu);
        low = 0x80;
        high = 0xBF;
    }
    i = k;
    return c;
}

// Returns the code point starting at text[i] (i < text.size()) and advances i past it (U+FFFD when malformed).
inline char32_t next_code_point(std::string_view text, std::size_t& i) {
    char32_t c = next_or_malformed(text, i);
    return c == malformed ? U'\uFFFD' : c;
}

// Returns the code point that ends just before text[i] (0 < i <= text.size()) and moves i back to its first byte.
// A malformed end gives U+FFFD: i moves back over the maximal subpart that ends there, else over one byte.
inline char32_t previous_code_point(std::string_view text, std::size_t& i) {
    std::size_t start = i - 1;
    while (start > 0 && i - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    std::size_t end = start;
    char32_t c = next_or_malformed(text.substr(0, i), end);
    if (end != i) {  // no sequence (or maximal subpart) from there ends at i: the last byte alone
        i -= 1;
        return U'\uFFFD';
    }
    i = start;
    return c == malformed ? U'\uFFFD' : c;
}

// Appends c to out as UTF-8; a surrogate or a value beyond U+10FFFF is appended as U+FFFD.
inline void append(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c <= 0x10FFFF) {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += "\xEF\xBF\xBD";
    }
}

// Returns the code points of text (U+FFFD for each malformed sequence).
inline std::u32string decode(std::string_view text) {
    std::u32string out;
    // One code point for each byte that is not a continuation byte (a malformed sequence may give more; the
    // string then grows): 4 bytes a character, not 4 a byte, for Chinese text.
    out.reserve(static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char b) { return (static_cast<unsigned char>(b) & 0xC0) != 0x80; })));
    for (std::size_t i = 0; i < text.size();) out += next_code_point(text, i);
    return out;
}

// Returns code points encoded as UTF-8 (U+FFFD for surrogates and values beyond U+10FFFF).
inline std::string encode(std::u32string_view code_points) {
    std::string out;
    out.reserve(code_points.size() * 3);
    for (char32_t c : code_points) append(out, c);
    return out;
}

// Returns the number of code points in well-formed UTF-8 text (the bytes that start a sequence).
inline std::size_t count_code_points(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char b) { return (static_cast<unsigned char>(b) & 0xC0) != 0x80; }));
}

}  // namespace docexport::utf8
