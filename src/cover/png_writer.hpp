// A palette PNG through libpng, in memory.
#pragma once

#include "cover/canvas.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace docexport::cover {

// Returns a PNG of width × height 8-bit palette indices (row by row) with palette (at most 256 colours),
// compressed at zlib level 9, with no chunk that could vary between runs (no tIME, tEXt or iTXt).
// Throws Error(internal) if libpng fails.
std::string encode_palette_png(unsigned width, unsigned height, const std::vector<std::uint8_t>& pixels,
                               const std::vector<Rgb>& palette);

}  // namespace docexport::cover
