// ToUnicode CMaps: which text each 2-byte character code of a CID font stands for.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace docexport::pdf {

// Returns a ToUnicode CMap (CMapType 2, codespace <0000>-<FFFF>) with one bfchar entry per code, in blocks of at
// most 100, destinations in UTF-16BE (surrogate pairs beyond the BMP). Empty texts are left out.
std::string to_unicode_cmap(const std::map<std::uint16_t, std::u32string>& text_by_code);

}  // namespace docexport::pdf
