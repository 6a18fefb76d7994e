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
};

// An anchor with its final place.
struct PlacedAnchor {
    Anchor anchor;
    std::size_t page = 0;   // index into the returned pages
    double y = 0;           // on the page
};

// Returns the pages holding slices (whose content is moved out); anchors are appended with their pages.
// A slice taller than the body is placed alone (overfull) and reported to sink.
std::vector<Page> paginate(std::vector<Slice>& slices, const std::vector<RepeatedHeader>& headers, const PageFrame& frame,
                           std::vector<PlacedAnchor>& anchors, DiagnosticSink& sink);

}  // namespace docexport::layout
