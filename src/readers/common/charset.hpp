// Character encodings of feeds, text and Markdown: byte order marks, UTF-16/32 by their zero bytes, declared or
// forced legacy encodings (ICU converters), detection of undeclared ones (ICU's charset detector, each guess
// checked by decoding it), invalid bytes reported as U+FFFD.
#pragma once

#include <docexport/diagnostics.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace docexport::readers {

// Text decoded from an input's bytes.
struct DecodedText {
    std::string text;      // valid UTF-8 with LF line ends and no BOM
    std::string encoding;  // the encoding it was read in, e.g. "UTF-8", "Big5-HKSCS", "GB18030"
};

// Returns the value of encoding="..." in an XML declaration at the start of bytes (after a UTF-8 BOM and
// white space), or "" when there is none. Reads ASCII-compatible bytes only.
std::string xml_declared_encoding(std::string_view bytes);

// Returns the name of the ICU converter for an encoding label as feeds write it (WHATWG-style aliases:
// gb2312/gbk -> GB18030, big5 -> Big5-HKSCS, iso-8859-1 -> windows-1252, ...), or "" when ICU has none.
std::string converter_name(std::string_view label);

// Returns the hint that lists the encoding names most inputs need, for messages about an unknown name.
std::string encoding_names_hint();

// A Unicode encoding form recognised from the bytes alone.
struct UnicodeForm {
    std::string encoding;  // "UTF-8" (BOM only), "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"; "" = none
    std::size_t bom = 0;   // bytes of the byte order mark (0 = recognised by its zero bytes)
};

// Returns the Unicode form that a BOM shows or, without one, that the zero bytes show: UTF-32 when every
// 4-byte unit of the first 64 KiB is a character, UTF-16 when the NUL bytes fall on one side of the 16-bit
// units and these decode to text (no unpaired surrogates, unassigned characters or control characters).
UnicodeForm sniff_unicode(std::string_view bytes);

// Returns bytes decoded into UTF-8. The order of evidence: a BOM; UTF-16/32 without a BOM recognised by
// sniff_unicode; the declared label (empty = none); valid UTF-8; a checked detection (as decode_text_input,
// with a warning); else UTF-8 with invalid bytes as U+FFFD, reported (at most 20 with line:col, then a count).
// An unknown declared encoding is reported as a warning and the bytes are read as if undeclared.
DecodedText decode_to_utf8(std::string_view name, std::string_view bytes, std::string_view declared,
                           DiagnosticSink& sink);

// Returns a text or Markdown input's bytes as valid UTF-8 with LF line ends and no BOM. The order of evidence:
// forced (an encoding name, e.g. from --encoding; "" = none); a BOM; UTF-16/32 by sniff_unicode; UTF-8 when there
// is at most one invalid sequence for ten valid non-ASCII characters (each reported, and become U+FFFD); else Big5-HKSCS,
// GB18030, Shift_JIS or EUC-KR, as ICU's detector proposes and a strict decoding confirms (noted, verbose).
// Throws Error(usage) for an unknown forced name, Error(input) when no encoding is convincing or the forced
// one does not fit the bytes.
std::string decode_text_input(std::string_view name, std::string_view bytes, std::string_view forced,
                              DiagnosticSink& sink);

}  // namespace docexport::readers
