// UTF-8 input and character classes shared by the readers (the codec is support's, the properties ICU's).
#pragma once

#include "support/utf8.hpp"

#include <docexport/diagnostics.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace docexport::readers {

// Returns content as valid UTF-8 with Unix line ends: a BOM dropped, CR LF and lone CR turned into LF,
// each run of invalid bytes replaced by U+FFFD and reported (file:line:col) to sink; NUL becomes U+FFFD too.
std::string sanitize_utf8(std::string_view name, std::string_view content, DiagnosticSink& sink);

// The readers step through text with the shared codec (src/support/utf8.hpp).
using utf8::next_code_point;
using utf8::previous_code_point;

// Returns true for Han ideographs (any CJK Unified or Compatibility block, Ext-B included) and 〇.
bool is_han(char32_t c);
// Returns true for characters of CJK text: Han, kana, bopomofo, hangul, CJK and full-width punctuation.
bool is_cjk(char32_t c);
// Returns true for Unicode white space, including U+2002 EN SPACE, U+3000 and NBSP.
bool is_space(char32_t c);
// Returns true for letters and digits of alphabetic scripts (Latin, Greek, Cyrillic, ...) and ASCII digits.
bool is_alnum_latin(char32_t c);

// Returns s without leading and trailing Unicode white space.
std::string_view trim(std::string_view s);

// Returns the 1-based column (in code points) of byte offset off in line.
std::uint32_t column_of(std::string_view line, std::size_t off);

}  // namespace docexport::readers
