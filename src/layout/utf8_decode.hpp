// Small UTF-8 helpers for the layout engine (input is valid UTF-8: the readers guarantee it).
#pragma once

#include "support/utf8.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace docexport::layout {

// The shared codec (src/support/utf8.hpp), under the names the layout engine uses.
using utf8::next_code_point;
using utf8::previous_code_point;
inline void append_utf8(std::string& out, char32_t c) { utf8::append(out, c); }

// Returns "U+XXXX" (at least four hex digits).
inline std::string code_point_name(char32_t c) {
    static const char* hex = "0123456789ABCDEF";
    std::string digits;
    for (char32_t v = c; v > 0 || digits.size() < 4; v >>= 4) digits.insert(digits.begin(), hex[v & 0xF]);
    return "U+" + digits;
}

}  // namespace docexport::layout
