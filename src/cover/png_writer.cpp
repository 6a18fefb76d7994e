#include "cover/png_writer.hpp"

#include <docexport/diagnostics.hpp>

#include <png.h>

#include <csetjmp>

namespace docexport::cover {

namespace {

void append_bytes(png_structp png, png_bytep data, png_size_t length) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

void flush_nothing(png_structp) {}

// libpng's messages are not printed: an error leaves write_png with longjmp and becomes an Error.
[[noreturn]] void on_error(png_structp png, png_const_charp) { png_longjmp(png, 1); }
void on_warning(png_structp, png_const_charp) {}

// Writes the image into out; returns false when libpng reports an error. No C++ object with a destructor lives
// in this frame, which libpng's error handler leaves with longjmp.
bool write_png(png_structp png, png_infop info, std::string* out, unsigned width, unsigned height,
               const std::uint8_t* pixels, const png_color* palette, int colours) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_write_fn(png, out, append_bytes, flush_nothing);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_PLTE(png, info, palette, colours);
    png_set_compression_level(png, 9);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);   // what palette images compress best with
    png_write_info(png, info);
    for (unsigned y = 0; y < height; ++y) png_write_row(png, pixels + std::size_t{y} * width);
    png_write_end(png, info);
    return true;
}

}  // namespace

std::string encode_palette_png(unsigned width, unsigned height, const std::vector<std::uint8_t>& pixels,
                               const std::vector<Rgb>& palette) {
    if (palette.empty() || palette.size() > 256 || pixels.size() != std::size_t{width} * height)
        throw Error(ErrorCode::internal, "a cover image with a bad palette or size");
    std::vector<png_color> colours;
    for (const Rgb& c : palette) colours.push_back(png_color{c.r, c.g, c.b});
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    std::string out;
    bool ok = info && write_png(png, info, &out, width, height, pixels.data(), colours.data(),
                                static_cast<int>(colours.size()));
    png_destroy_write_struct(&png, &info);
    if (!ok) throw Error(ErrorCode::internal, "libpng could not write the cover image");
    return out;
}

}  // namespace docexport::cover
