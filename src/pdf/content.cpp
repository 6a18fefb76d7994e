#include "content.hpp"

#include "text.hpp"

#include <cmath>

namespace docexport::pdf {

void TextWriter::begin_run(std::string_view font, double size, const Rgb& color) {
    size_ = size > 0 ? size : 1;
    positioned_ = false;
    out_ += "BT /";
    out_ += font;
    out_ += ' ';
    out_ += format_number(size_);
    out_ += " Tf\n";
    if (!(color == color_)) {
        out_ += format_number(color.r, 4) + ' ' + format_number(color.g, 4) + ' ' + format_number(color.b, 4) + " rg\n";
        color_ = color;
    }
}

void TextWriter::close_array() {
    if (in_hex_) out_ += '>';
    if (in_array_) out_ += "] TJ\n";
    in_hex_ = in_array_ = false;
}

void TextWriter::glyph(std::uint16_t code, int width, double x, double y) {
    if (!positioned_ || std::abs(y - y_) > 0.0005) {
        close_array();
        out_ += "1 0 0 1 " + format_number(x) + ' ' + format_number(y) + " Tm\n";
        // The pen is where the Tm put it, as rounded in the output.
        x_ = std::round(x * 1000.0) / 1000.0;
        y_ = y;
        positioned_ = true;
    } else {
        long n = std::lround((x_ - x) * 1000.0 / size_);
        if (n != 0) {
            if (!in_array_) {
                out_ += '[';
                in_array_ = true;
            }
            if (in_hex_) {
                out_ += '>';
                in_hex_ = false;
            }
            out_ += std::to_string(n);
            x_ -= static_cast<double>(n) * size_ / 1000.0;
        }
    }
    if (!in_array_) {
        out_ += '[';
        in_array_ = true;
    }
    if (!in_hex_) {
        out_ += '<';
        in_hex_ = true;
    }
    static constexpr char digits[] = "0123456789abcdef";
    out_ += digits[(code >> 12) & 0xF];
    out_ += digits[(code >> 8) & 0xF];
    out_ += digits[(code >> 4) & 0xF];
    out_ += digits[code & 0xF];
    x_ += width * size_ / 1000.0;
}

void TextWriter::begin_actual_text(std::string_view utf16be_text) {
    close_array();
    out_ += "/Span <</ActualText <FEFF" + hex(utf16be_text) + ">>> BDC\n";
}

void TextWriter::end_actual_text() {
    close_array();
    out_ += "EMC\n";
}

void TextWriter::end_run() {
    close_array();
    out_ += "ET\n";
}

}  // namespace docexport::pdf
