// Small UTF-8 helpers for the layout engine (input is valid UTF-8: the readers guarantee it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace docexport::layout {

// Returns the code point starting at text[i] and advances i past it (U+FFFD for a broken sequence).
inline char32_t next_code_point(std::string_view text, std::size_t& i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = b(i);
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len == 1 || i + len > text.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
    i += len;
    return cp;
}

// Returns the code point that ends just before text[i] (i > 0) and moves i to its first byte.
inline char32_t previous_code_point(std::string_view text, std::size_t& i) {
    std::size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80 && i - start < 4) --start;
    std::size_t k = start;
    char32_t cp = next_code_point(text, k);
    i = start;
    return cp;
}

// Appends c to out as UTF-8.
inline void append_utf8(std::string& out, char32_t c) {
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

// Returns "U+XXXX" (at least four hex digits).
inline std::string code_point_name(char32_t c) {
    static const char* hex = "0123456789ABCDEF";
    std::string digits;
    for (char32_t v = c; v > 0 || digits.size() < 4; v >>= 4) digits.insert(digits.begin(), hex[v & 0xF]);
    return "U+" + digits;
}

}  // namespace docexport::layout
