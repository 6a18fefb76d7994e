#include "layout/cover_page.hpp"

#include <algorithm>

namespace docexport::layout {

double insert_cover_page(Layout& layout, ImageBox image, double pixel_width, double pixel_height, const std::string& label) {
    Page cover;
    if (!layout.pages.empty()) {
        cover.width = layout.pages.front().width;
        cover.height = layout.pages.front().height;
    }
    // Scaled so that the image covers the page in both directions, centred.
    double scale = std::max(cover.width / pixel_width, cover.height / pixel_height);
    image.width = pixel_width * scale;
    image.height = pixel_height * scale;
    image.x = (cover.width - image.width) / 2;
    image.y = (cover.height - image.height) / 2;
    double cut = std::max(1 - cover.width / image.width, 1 - cover.height / image.height);
    cover.images.push_back(std::move(image));

    for (Page& page : layout.pages)
        for (LinkArea& link : page.links)
            if (link.uri.empty()) ++link.target_page;
    for (OutlineEntry& entry : layout.outline) ++entry.page;
    for (PageLabelRange& range : layout.page_labels) ++range.first;
    layout.page_labels.insert(layout.page_labels.begin(), PageLabelRange{0, PageLabelRange::Style::none, label, 1});
    layout.pages.insert(layout.pages.begin(), std::move(cover));
    return std::max(0.0, cut);
}

}  // namespace docexport::layout
