// Steps 3-4 of inline layout: choose the line breaks (first fit over the clreq-tailored opportunities) and
// measure each line along the inline axis. Direction-agnostic: nothing here knows x or y.
#pragma once

#include "layout/shape.hpp"

#include <cstdint>
#include <vector>

namespace docexport::layout {

// How lines are filled.
struct LineOptions {
    double measure = 400;        // the line length
    double first_indent = 0;     // extra inline start of the first line (2 em in body paragraphs)
    bool justify = true;         // spread the remaining space over the stretch gaps (not on last lines)
    std::uint32_t begin = 0;     // the first cluster of the first line; those before it are context only
    // No runt: when the last line would hold one Han character and only punctuation after it (地。), the line
    // before gives it one or two more characters, where a break is allowed there and that line's added
    // justification stays under 0.15 em a gap (clreq: adjust the preceding breaks within the limits).
    bool avoid_runts = false;
    // Hanging punctuation: a pause or stop mark (，。、；：？！ and their half-width forms) that does not fit is set
    // past the line's end (Line::hang), when a line may end after it.
    bool hang = false;
};

// One line: a range of clusters and how to set it.
struct Line {
    std::uint32_t begin = 0, end = 0;   // clusters [begin, end): leading and trailing spaces excluded
    double start = 0;                   // inline offset of the first cluster (indent)
    double natural = 0;                 // natural extent: widths plus Han-Latin spaces inside the line
    double stretch = 0;                 // added at every stretch gap (justification)
    double hang = 0;                    // width of a mark hanging past the measure (included in natural)
    double size = 0;                    // largest font size on the line
    double annotation = 0;              // block-axis space its ruby annotations need beyond the em box (0: none)
    bool last = false;                  // the paragraph's last line or a line before a hard break
};

// Fills lines with the lines of text (cleared first). Overlong clusters with no break opportunity before
// them are set on a line of their own (overfull); breaking is linear in the number of clusters.
void break_lines(const ShapedText& shaped, const InlineText& text, const LineOptions& options, std::vector<Line>& lines);

// Returns the inline offset of each cluster of line relative to the line start (its pen position), for
// cluster k of the line at positions[k - line.begin]; positions gets line.end - line.begin + 1 entries (the
// last is the line's extent).
void cluster_positions(const ShapedText& shaped, const Line& line, std::vector<double>& positions);

}  // namespace docexport::layout
