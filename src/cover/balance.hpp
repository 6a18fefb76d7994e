// Balanced line breaking for display lines (cover titles): the fewest lines that fit, as even as possible,
// breaking between words rather than inside them, and never leaving one character alone on a line.
#pragma once

#include <cstddef>
#include <vector>

namespace docexport::cover {

// A place where a line may end: after the text's first `offset` bytes. The first point is the start of the
// text (offset 0), the last its end.
struct BreakPoint {
    std::size_t offset = 0;
    double x = 0;                 // pen position there: the advances of everything before offset
    double trim = 0;              // width of the spaces just before offset, which a line ending here drops
    double penalty = 0;           // cost of ending a line here, in the units of balance_lines' cost (em²)
    std::size_t characters = 0;   // visible characters (not spaces, not marks) before offset
    double lead = 0;              // space just after offset (Han-Latin spacing), which a line starting here drops
};

// Returns the indexes into points at which lines end, the last being points.size() - 1: the fewest lines no
// wider than max_width (a piece wider than that takes a line of its own), chosen to make the lines' widths as
// even as possible ((width - mean)² in ems of em), plus the break points' penalties, and a line holding a single
// character only when nothing else is possible. points needs at least two entries.
std::vector<std::size_t> balance_lines(const std::vector<BreakPoint>& points, double max_width, double em);

}  // namespace docexport::cover
