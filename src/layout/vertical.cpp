#include "layout/vertical.hpp"

#include <utility>

namespace docexport::layout {

namespace {

// A box of the logical frame (x, y, width, height) on a page `turned_width` wide once upright.
template <class Box>
void turn_box(Box& box, double turned_width) {
    double x = turned_width - box.y - box.height;
    double y = box.x;
    std::swap(box.width, box.height);
    box.x = x;
    box.y = y;
}

void turn_link(LinkArea& link, double turned_width) {
    turn_box(link, turned_width);
    if (link.uri.empty()) link.target_y = 0;   // a column's place is its page: the target is the page's top
}

}  // namespace

LayoutSettings logical_settings(const LayoutSettings& vertical) {
    LayoutSettings s = vertical;
    s.page_width = vertical.page_height;
    s.page_height = vertical.page_width;
    s.margin_inner = vertical.margin_top;      // the start of every column
    s.margin_outer = vertical.margin_bottom;   // its end
    s.margin_top = vertical.margin_outer;      // right of the first column
    s.margin_bottom = vertical.margin_inner;   // left of the last
    return s;
}

void turn_upright(Page& page) {
    const double width = page.height;   // the upright page's width
    for (Rect& r : page.rects) turn_box(r, width);
    for (ImageBox& image : page.images) turn_box(image, width);
    for (LinkArea& link : page.links) turn_link(link, width);
    for (GlyphRun& run : page.runs) {
        for (PlacedGlyph& g : run.glyphs) {
            double x = width - g.y;
            g.y = g.x;
            g.x = x;
        }
        switch (run.orientation) {
        case Orientation::horizontal: run.orientation = Orientation::sideways; break;
        case Orientation::upright: run.orientation = Orientation::horizontal; break;
        default: break;
        }
    }
    std::swap(page.width, page.height);
}

void VerticalPages::add_page(Page&& page, const std::vector<const fonts::Font*>& fonts) {
    if (keep_first_) {
        keep_first_ = false;
    } else {
        width_ = page.height;
        turn_upright(page);
    }
    out_.add_page(std::move(page), fonts);
}

void VerticalPages::insert_pages(std::size_t at, std::vector<Page>&& pages, const std::vector<const fonts::Font*>& fonts) {
    for (Page& page : pages) turn_upright(page);
    out_.insert_pages(at, std::move(pages), fonts);
}

void VerticalPages::finish(LayoutTail&& tail) {
    for (auto& entry : tail.links) {
        // Links found after their page was given: the width of that page, upright, is not known here; footnote
        // links are in the body, whose pages all have one size.
        turn_link(entry.second, width_);
    }
    for (OutlineEntry& e : tail.outline) e.y = 0;
    out_.finish(std::move(tail));
}

}  // namespace docexport::layout
