// Where layout puts pages as it finishes them, so that a writer can serialise each page and free it: the memory a
// document takes is then that of the pages being made, not of the whole book (see docs/layout.md, "Streaming").
#pragma once

#include "layout/page.hpp"

#include <cstddef>
#include <utility>
#include <vector>

namespace docexport::layout {

// What layout knows only at the end of a document. Page indexes are final (after every insert_pages).
struct LayoutTail {
    std::vector<std::pair<std::size_t, LinkArea>> links;   // links found after their page was given (footnotes)
    std::vector<OutlineEntry> outline;
    std::vector<PageLabelRange> page_labels;
    std::vector<StructNode> structure;   // what the pages' tags point into (structure.hpp); empty: nothing tagged
};

// Receives a document's pages in order. GlyphRun::font indexes fonts(), which only grows; its faces stay valid
// until the layout call returns. Internal link targets are page indexes in the document as it stands when the
// page is given, and move with insert_pages.
class PageSink {
public:
    virtual ~PageSink() = default;
    // The next page, after those given before.
    virtual void add_page(Page&& page, const std::vector<const fonts::Font*>& fonts) = 0;
    // Puts pages before the page now at index at (at <= the number of pages given): that page and those after it,
    // and the internal link targets given so far that point at them (those of pages inserted before too), move on
    // by pages.size(). The inserted pages' own link targets are as the pages stand once they are in.
    virtual void insert_pages(std::size_t at, std::vector<Page>&& pages, const std::vector<const fonts::Font*>& fonts) = 0;
    // The end of the document.
    virtual void finish(LayoutTail&& tail) = 0;
};

}  // namespace docexport::layout
