// Step 5 of inline layout: a measured line becomes glyph runs (one per font, size and colour) and link
// areas. Only this step maps the inline axis to page coordinates (x for horizontal text).
#pragma once

#include "layout/fragment.hpp"
#include "layout/lines.hpp"

#include <vector>

namespace docexport::layout {

// Appends line's runs and link areas to out with the line's inline start at x and its baseline at
// baseline, then its ruby annotations (a run each, RunRole::annotation); positions is scratch space reused
// across calls.
void place_line(const ShapedText& shaped, const InlineText& text, const Line& line, double x, double baseline,
                Fragment& out, std::vector<double>& positions);

}  // namespace docexport::layout
