#include "pdf/content.hpp"

#include "pdf/text.hpp"

#include <cmath>
#include <string>

namespace docexport::pdf {

void TextWriter::begin_run(std::string_view font, double size, const Rgb& color, TextDirection direction) {
    size_ = size > 0 ? size : 1;
    positioned_ = false;
    direction_ = direction;
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

void TextWriter::set_char_spacing(double spacing) {
    spacing = std::round(spacing * 1e5) / 1e5;   // as written
    if (spacing == char_spacing_) return;
    close_array();
    out_ += format_number(spacing, 5);
    out_ += " Tc\n";
    char_spacing_ = spacing;
}

void TextWriter::set_render_mode(int mode) {
    if (mode == render_mode_) return;
    close_array();
    out_ += std::to_string(mode);
    out_ += " Tr\n";
    render_mode_ = mode;
}

void TextWriter::set_horizontal_scaling(double percent) {
    percent = std::round(percent * 1e3) / 1e3;   // as written
    if (percent == scaling_) return;
    close_array();
    out_ += format_number(percent, 3);
    out_ += " Tz\n";
    scaling_ = percent;
}

void TextWriter::close_array() {
    if (in_string_) out_ += ')';
    if (in_array_) out_ += "] TJ\n";
    in_string_ = in_array_ = false;
}

void TextWriter::code_byte(unsigned char b) {
    // A literal string holds the code bytes as they are, except the three that need a backslash and the two
    // line ends (a reader would normalise a bare CR).
    switch (b) {
    case '(': out_ += "\\("; return;
    case ')': out_ += "\\)"; return;
    case '\\': out_ += "\\\\"; return;
    case '\r': out_ += "\\r"; return;
    case '\n': out_ += "\\n"; return;
    default: out_ += static_cast<char>(b);
    }
}

void TextWriter::glyph(std::uint16_t code, int width, double x, double y) {
    // Along the run and across it: a horizontal run advances in x; the others run down the page.
    bool down = direction_ != TextDirection::horizontal;
    double along = down ? -y : x, across = down ? x : y;
    if (!positioned_ || std::abs(across - y_) > 0.0005) {
        close_array();
        out_ += direction_ == TextDirection::sideways ? "0 -1 1 0 " : "1 0 0 1 ";
        out_ += format_number(x) + ' ' + format_number(y) + " Tm\n";
        // The pen is where the Tm put it, as rounded in the output.
        x_ = down ? -(std::round(y * 1000.0) / 1000.0) : std::round(x * 1000.0) / 1000.0;
        y_ = across;
        positioned_ = true;
    } else {
        // A TJ number moves the pen back along a horizontal (and turned) run, but on down a vertical one.
        double sign = direction_ == TextDirection::vertical ? -1 : 1;
        long n = std::lround(sign * (x_ - along) * 1000.0 / size_);
        if (n != 0) {
            if (!in_array_) {
                out_ += '[';
                in_array_ = true;
            }
            if (in_string_) {
                out_ += ')';
                in_string_ = false;
            }
            out_ += std::to_string(n);
            x_ -= sign * static_cast<double>(n) * size_ / 1000.0;
        }
    }
    if (!in_array_) {
        out_ += '[';
        in_array_ = true;
    }
    if (!in_string_) {
        out_ += '(';
        in_string_ = true;
    }
    code_byte(static_cast<unsigned char>(code >> 8));
    code_byte(static_cast<unsigned char>(code & 0xFF));
    // Tc moves a vertical run's pen up (PDF 9.4.4: ty = w1 × Tfs + Tc, with w1 negative).
    x_ += width * size_ / 1000.0 + (direction_ == TextDirection::vertical ? -char_spacing_ : char_spacing_);
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
