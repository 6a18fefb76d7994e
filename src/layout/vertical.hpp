// Vertical writing (columns top to bottom, right to left) without a second layout engine: the document is laid out
// in a logical frame, a page turned a quarter anticlockwise, where lines run left to right and follow each other
// downwards like horizontal ones, and each finished page is turned upright for the writer:
//   logical x (along a line)    → page y (down a column)
//   logical y (line after line) → page x, from the right edge leftwards
// so a logical page of width W and height H becomes a page H wide and W high. In the logical frame, ideographs
// and punctuation are shaped top to bottom (Orientation::vertical, points on their vertical origins), Latin and
// long numbers left to right (they end up turned sideways, as a vertical book sets them), and tate-chu-yoko
// figures as Orientation::upright runs, whose points are given already as they stand once the page is turned.
#pragma once

#include "layout/page_sink.hpp"
#include "layout/settings.hpp"

#include <cstddef>

namespace docexport::layout {

// Returns the settings of the logical frame for vertical settings: the page's width and height swapped, and the
// margins turned with it (the right margin is the logical top, where running heads go; the left one the
// logical bottom, where folios go).
LayoutSettings logical_settings(const LayoutSettings& vertical);

// Turns a page of the logical frame upright (see above): its size, runs, rules, images and links.
void turn_upright(Page& page);

// Hands pages on to out turned upright; the first page given is passed on as it is when it is a cover (made
// for the upright page). Outline and link targets point at the top of their page.
class VerticalPages final : public PageSink {
public:
    VerticalPages(PageSink& out, bool cover) : out_(out), keep_first_(cover) {}
    void add_page(Page&& page, const std::vector<const fonts::Font*>& fonts) override;
    void insert_pages(std::size_t at, std::vector<Page>&& pages, const std::vector<const fonts::Font*>& fonts) override;
    void finish(LayoutTail&& tail) override;

private:
    PageSink& out_;
    bool keep_first_ = false;
    double width_ = 0;   // the upright width of the last page turned
};

}  // namespace docexport::layout
