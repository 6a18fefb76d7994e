// Names and classes of single code points: "U+XXXX" labels for messages, the characters XML 1.0 allows.
#pragma once

#include <string>

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

}  // namespace docexport::support
