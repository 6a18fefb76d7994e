// Text operators for a page's content stream: glyph codes in TJ arrays that reproduce absolute positions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace docexport::pdf {

// An RGB fill colour, components 0..1.
struct Rgb {
    double r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
};

// Appends `BT /Fn size Tf … Tm [(codes) n (codes)] TJ … ET` blocks to a string; codes are the 2-byte glyph codes
// as raw bytes in literal strings (half the size of hex, so half the work for deflate). Positions are in PDF user
// space (origin bottom-left, y up). A glyph on the current baseline is reached with a TJ adjustment from where
// the previous glyph's /W width left the pen; a change of baseline starts a new Tm. Rounding never accumulates.
// How a run's glyphs advance: to the right (Identity-H), downwards upright (Identity-V: a glyph's point is its
// vertical origin), or downwards turned 90° clockwise (Identity-H in a turned text matrix).
enum class TextDirection { horizontal, vertical, sideways };

class TextWriter {
public:
    explicit TextWriter(std::string& out) : out_(out) {}

    // Starts a text object in font resource `font` (e.g. "F1") at size points, filled with color, its glyphs set
    // in direction (a vertical run's font must be an Identity-V one, and its widths the vertical advances).
    void begin_run(std::string_view font, double size, const Rgb& color,
                   TextDirection direction = TextDirection::horizontal);
    // Sets the character spacing (Tc, points added after every glyph) for the following glyphs: a justified
    // CJK line then needs no TJ adjustment between its characters. Written only when it changes.
    void set_char_spacing(double spacing);
    // Sets the text render mode (Tr: 0 fill, 3 invisible) for the following glyphs; written only when it changes.
    void set_render_mode(int mode);
    // Sets the horizontal scaling (Tz, percent) for the following glyphs; written only when it changes. Only for
    // a run of one glyph: the pen tracking assumes 100.
    void set_horizontal_scaling(double percent);
    // Shows the glyph with 2-byte code, whose /W width (vertical: minus its /W2 advance) is width (1/1000 em),
    // with its origin at (x, y).
    void glyph(std::uint16_t code, int width, double x, double y);
    // Wraps the following glyphs in a marked-content span whose extracted text is text (UTF-16BE bytes).
    void begin_actual_text(std::string_view utf16be_text);
    void end_actual_text();
    // Ends the text object.
    void end_run();

private:
    void close_array();
    void code_byte(unsigned char b);

    std::string& out_;
    double size_ = 10;
    Rgb color_;                 // the fill colour in the graphics state (black at the start of the page)
    bool positioned_ = false;   // a Tm has been written in this text object
    TextDirection direction_ = TextDirection::horizontal;
    double x_ = 0, y_ = 0;      // where the pen is: along the run's direction and across it
    bool in_array_ = false, in_string_ = false;
    double char_spacing_ = 0;   // Tc in the graphics state (0 at the start of the page)
    int render_mode_ = 0;       // Tr in the graphics state (0 at the start of the page)
    double scaling_ = 100;      // Tz in the graphics state (100 at the start of the page)
};

}  // namespace docexport::pdf
