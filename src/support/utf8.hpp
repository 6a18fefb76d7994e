// The UTF-8 codec that the layout engine and the writers share (header-only: it sits on hot paths). A malformed
// byte decodes to U+FFFD and is skipped alone; overlong forms, surrogates and values beyond U+10FFFF are
// malformed. (The readers decode through ICU in src/readers/common/utf8.*; what they produce is always valid.)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace docexport::utf8 {

// Returns the code point starting at text[i] and advances i past it (one byte and U+FFFD when malformed).
inline char32_t next_code_point(std::string_view text, std::size_t& i) {
    auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
    if (len == 0 || i + len > text.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t c = b0 & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
        auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        c = (c << 6) | (b & 0x3F);
    }
    static constexpr char32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < min_for_len[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        ++i;
        return 0xFFFD;
    }
    i += len;
    return c;
}

// Returns the code point that ends just before text[i] (i > 0) and moves i to its first byte.
inline char32_t previous_code_point(std::string_view text, std::size_t& i) {
    std::size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80 && i - start < 4) --start;
    std::size_t k = start;
    char32_t c = next_code_point(text, k);
    if (k != i) {   // not one well-formed sequence ending at i: the last byte alone
        i -= 1;
        return 0xFFFD;
    }
    i = start;
    return c;
}

// Appends c to out as UTF-8.
inline void append(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Returns the code points of text.
inline std::u32string decode(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) out += next_code_point(text, i);
    return out;
}

}  // namespace docexport::utf8
