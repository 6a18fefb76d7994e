// Slices → pages: fill each page's body top to bottom, break only where keep-with-next allows (headings
// with what follows, no widows or orphans), repeat a table's header row above its continuation.
#pragma once

#include "layout/fragment.hpp"

#include <docexport/diagnostics.hpp>

#include <vector>

namespace docexport::layout {

// The page and its text block.
struct PageFrame {
    double width = 595.276, height = 841.89;
    double left = 62, top = 72;      // the text block's top-left corner
    double body_height = 700;
    double text_width = 0;           // of the text block (footnote rule); 0 = width - 2 left
    double note_gap = 13;            // between the body text and the footnotes (the short rule sits in it)
};

// An anchor with its final place.
struct PlacedAnchor {
    Anchor anchor;
    std::size_t page = 0;   // index into the returned pages
    double y = 0;           // on the page
};

// Returns the pages holding slices (whose content is moved out); anchors are appended with their pages.
// A slice taller than the body is placed alone (overfull) and reported to sink. The notes a slice claims
// (Slice::notes, indexes into notes) are set at the foot of its page under a short rule, bottom-aligned;
// the page reserves their height, and a note that does not fit whole continues at the foot of the next page
// (its first line always stays with the reference). Note links get their targets (page index, y).
std::vector<Page> paginate(std::vector<Slice>& slices, const std::vector<RepeatedHeader>& headers, const PageFrame& frame,
                           std::vector<PlacedAnchor>& anchors, DiagnosticSink& sink, std::vector<Footnote>* notes = nullptr);

}  // namespace docexport::layout
