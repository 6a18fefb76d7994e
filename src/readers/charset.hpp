// Character encodings of feeds: byte order marks, declared legacy encodings (ICU converters),
// detection of undeclared ones (ICU's charset detector), invalid bytes reported as U+FFFD.
#pragma once

#include <docexport/diagnostics.hpp>

#include <string>
#include <string_view>

namespace docexport::readers {

// Text decoded from a feed's bytes.
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

// Returns bytes decoded into UTF-8. The order of evidence: a BOM; UTF-16/32 without a BOM recognised by the
// zero bytes around '<' or '{'; the declared label (empty = none); valid UTF-8; ICU's detector (with a
// warning). Invalid bytes become U+FFFD and are reported (at most 20 with line:col, then a count).
// An unknown declared encoding is reported as a warning and the bytes are read as if undeclared.
DecodedText decode_to_utf8(std::string_view name, std::string_view bytes, std::string_view declared,
                           DiagnosticSink& sink);

}  // namespace docexport::readers
