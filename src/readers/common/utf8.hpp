// UTF-8 decoding and character classes shared by the readers (ICU does the decoding and the properties).
#pragma once

#include <docexport/diagnostics.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace docexport::readers {

// Returns content as valid UTF-8 with Unix line ends: a BOM dropped, CR LF and lone CR turned into LF,
// each run of invalid bytes replaced by U+FFFD and reported (file:line:col) to sink; NUL becomes U+FFFD too.
std::string sanitize_utf8(std::string_view name, std::string_view content, DiagnosticSink& sink);

// Returns the code point at s[i] and advances i past it (U+FFFD for an invalid sequence). i must be < s.size().
char32_t next_code_point(std::string_view s, std::size_t& i);
// Returns the code point that ends at s[i] (exclusive) and moves i back to its start. i must be > 0.
char32_t previous_code_point(std::string_view s, std::size_t& i);
// Appends c to out as UTF-8.
void append_utf8(std::string& out, char32_t c);
// Returns s decoded into code points (invalid sequences become U+FFFD).
std::u32string to_u32(std::string_view s);
// Returns code points encoded as UTF-8.
std::string to_utf8(std::u32string_view s);
// Returns the number of code points in s.
std::size_t count_code_points(std::string_view s);

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
