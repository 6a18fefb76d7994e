// The cover's pixels: a ground colour and a few inks, each pixel one ink at one of 64 coverage levels, so
// that the image is a palette PNG of at most 253 colours (a fraction of the bytes of RGB).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace docexport::cover {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

// An ink of the canvas (at most Canvas::max_inks).
using Ink = std::uint8_t;

class Canvas {
public:
    static constexpr std::size_t max_inks = 4;
    static constexpr unsigned levels = 63;   // coverage levels above none

    // A width × height canvas of ground, with inks (at most max_inks) to draw in.
    Canvas(unsigned width, unsigned height, Rgb ground, std::vector<Rgb> inks);

    unsigned width() const { return width_; }
    unsigned height() const { return height_; }

    // Fills the rectangle [x0, x1) × [y0, y1) (clipped to the canvas) with ink.
    void fill(int x0, int y0, int x1, int y1, Ink ink);
    // Composites a coverage bitmap (rows × columns bytes, 0 none to 255 full, rows pitch bytes apart) with its
    // top-left corner at (x, y), clipped to the canvas.
    void composite(int x, int y, const std::uint8_t* bitmap, unsigned rows, unsigned columns, int pitch, Ink ink);
    // Returns the image as a palette PNG (deterministic: no time or text chunks).
    std::string png() const;

private:
    // Returns a pixel's palette index for ink at a level (1..levels); 0 is the ground.
    static std::uint8_t index(Ink ink, unsigned level) { return static_cast<std::uint8_t>(1 + ink * levels + level - 1); }

    unsigned width_, height_;
    Rgb ground_;
    std::vector<Rgb> inks_;
    std::vector<std::uint8_t> pixels_;   // palette indices, row by row
};

}  // namespace docexport::cover
