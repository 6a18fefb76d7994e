// The cover page of paged output: one image that fills the first page.
#pragma once

#include "layout/page.hpp"

#include <string>

namespace docexport::layout {

// Puts a page showing image before the first page of layout (of the first page's size): scaled to cover the whole
// page, centred, its proportions kept, so that what does not fit is cut by the page's edges (image's position and
// size are set here). Internal links, outline entries and page labels move one page on; the cover's page label
// is label, without a number. Returns the share of the image's width or height that is cut (0 when the image has
// the page's proportions).
double insert_cover_page(Layout& layout, ImageBox image, double pixel_width, double pixel_height, const std::string& label);

}  // namespace docexport::layout
