// Text helpers of the PDF writer: UTF-8 to code points, UTF-16BE, hex, XML and URI escaping, numbers.
#pragma once

#include "support/deflate.hpp"
#include "support/utf8.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace docexport::pdf {

// Returns text as UTF-16BE bytes (surrogate pairs for characters beyond the BMP), without a byte order mark.
std::string utf16be(std::u32string_view text);
// Returns bytes as uppercase hexadecimal digits.
std::string hex(std::string_view bytes);
// Returns the text with & < > " ' escaped and characters that XML 1.0 forbids dropped.
std::string xml_escape(std::string_view text);
// Returns a URI with non-ASCII bytes, spaces, controls and characters RFC 3986 does not allow as %XX.
std::string percent_encode_uri(std::string_view uri);
// Returns x in plain decimal notation with at most `decimals` digits after the point, independent of the locale
// ("12.5", "-3", "0").
std::string format_number(double x, int decimals = 3);
// Returns true when every byte is printable ASCII (a PDF literal string needs no text encoding).
bool is_printable_ascii(std::string_view text);

// Returns a 64-bit FNV-1a hash of bytes continued from seed (for deterministic IDs and subset tags).
// Returns bytes compressed with zlib (the FlateDecode filter), at zlib's default level. Thread-safe.
std::string deflate(std::string_view bytes);

// Deflater (support/deflate.hpp) compresses like deflate() with one zlib state reused for every call: one per
// thread that compresses many streams.

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ULL);

}  // namespace docexport::pdf
