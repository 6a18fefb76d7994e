// The cover page of paged output: one image that fills the first page.
#pragma once

#include "layout/page.hpp"

#include <string>

namespace docexport::layout {

// A picture for the cover page: an image file (or the name of an image made in memory), its size in pixels, and
// the cover's page label (shown without a number).
struct CoverPicture {
    ImageBox image;
    double pixel_width = 0, pixel_height = 0;
    std::string label;
};

// Returns a page of width × height showing the picture scaled to cover the whole page, centred, its proportions
// kept, so that what does not fit is cut by the page's edges.
Page cover_page(double width, double height, const CoverPicture& picture);

// Returns the share of the picture's width or height that a page of width × height cuts (0 when the picture has
// the page's proportions).
double cover_cut(double width, double height, const CoverPicture& picture);

}  // namespace docexport::layout
