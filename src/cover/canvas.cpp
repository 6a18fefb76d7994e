#include "cover/canvas.hpp"

#include "cover/png_writer.hpp"

#include <docexport/diagnostics.hpp>

#include <algorithm>

namespace docexport::cover {

Canvas::Canvas(unsigned width, unsigned height, Rgb ground, std::vector<Rgb> inks)
    : width_(width), height_(height), ground_(ground), inks_(std::move(inks)),
      pixels_(std::size_t{width} * height, 0) {
    if (inks_.size() > max_inks) throw Error(ErrorCode::internal, "a cover canvas takes at most four inks");
}

void Canvas::fill(int x0, int y0, int x1, int y1, Ink ink) {
    int w = static_cast<int>(width_), h = static_cast<int>(height_);
    x0 = std::clamp(x0, 0, w);
    x1 = std::clamp(x1, 0, w);
    y0 = std::clamp(y0, 0, h);
    y1 = std::clamp(y1, 0, h);
    for (int y = y0; y < y1; ++y)
        std::fill_n(pixels_.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * width_ + static_cast<std::size_t>(x0)),
                    std::max(0, x1 - x0), index(ink, levels));
}

void Canvas::composite(int x, int y, const std::uint8_t* bitmap, unsigned rows, unsigned columns, int pitch, Ink ink) {
    for (unsigned r = 0; r < rows; ++r) {
        long py = static_cast<long>(y) + static_cast<long>(r);
        if (py < 0 || py >= static_cast<long>(height_)) continue;
        const std::uint8_t* row = bitmap + static_cast<long>(r) * pitch;
        for (unsigned c = 0; c < columns; ++c) {
            long px = static_cast<long>(x) + static_cast<long>(c);
            if (px < 0 || px >= static_cast<long>(width_) || row[c] == 0) continue;
            std::uint8_t& pixel = pixels_[static_cast<std::size_t>(py) * width_ + static_cast<std::size_t>(px)];
            unsigned added = (row[c] * levels + 127) / 255;
            if (added == 0) continue;
            unsigned have = 0;
            if (pixel != 0) {
                unsigned pixel_ink = (pixel - 1u) / levels;
                have = (pixel - 1u) % levels + 1;
                // Another ink under this one: the stronger covers the pixel (inks do not overlap by design).
                if (pixel_ink != ink) {
                    if (added > have) pixel = index(ink, added);
                    continue;
                }
            }
            // The same ink twice (touching glyphs): coverage adds up as a + b - ab.
            unsigned level = have + added - (have * added + levels / 2) / levels;
            pixel = index(ink, std::min(level, levels));
        }
    }
}

std::string Canvas::png() const {
    std::vector<Rgb> palette{ground_};
    for (const Rgb& ink : inks_)
        for (unsigned level = 1; level <= levels; ++level) {
            auto mix = [&](std::uint8_t from, std::uint8_t to) {
                int v = from + (static_cast<int>(to) - from) * static_cast<int>(level) / static_cast<int>(levels);
                return static_cast<std::uint8_t>(v);
            };
            palette.push_back(Rgb{mix(ground_.r, ink.r), mix(ground_.g, ink.g), mix(ground_.b, ink.b)});
        }
    return encode_palette_png(width_, height_, pixels_, palette);
}

}  // namespace docexport::cover
