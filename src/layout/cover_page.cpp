#include "layout/cover_page.hpp"

#include <algorithm>

namespace docexport::layout {

namespace {

// Returns the scale that makes the picture cover a page of width × height.
double cover_scale(double width, double height, const CoverPicture& picture) {
    return std::max(width / picture.pixel_width, height / picture.pixel_height);
}

}  // namespace

Page cover_page(double width, double height, const CoverPicture& picture) {
    Page cover;
    cover.width = width;
    cover.height = height;
    double scale = cover_scale(width, height, picture);
    ImageBox image = picture.image;
    image.width = picture.pixel_width * scale;
    image.height = picture.pixel_height * scale;
    image.x = (width - image.width) / 2;
    image.y = (height - image.height) / 2;
    cover.images.push_back(std::move(image));
    return cover;
}

double cover_cut(double width, double height, const CoverPicture& picture) {
    double scale = cover_scale(width, height, picture);
    double image_width = picture.pixel_width * scale, image_height = picture.pixel_height * scale;
    return std::max(0.0, std::max(1 - width / image_width, 1 - height / image_height));
}

}  // namespace docexport::layout
