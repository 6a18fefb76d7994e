// A generated cover image: the book's title, subtitle, authors, publisher and date set in the style's fonts on
// a plain ground, as a PNG. The EPUB writer makes it the book's cover-image; the PDF writer can open with it.
#pragma once

#include "style/style.hpp"

#include <docexport/diagnostics.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace docexport::cover {

// What the cover shows; empty fields are left out.
struct CoverText {
    std::string language;   // BCP 47: line breaking and the fonts' language forms
    std::string title;
    std::string subtitle;
    std::vector<std::string> authors;
    std::string publisher;
    std::string date;
};

// The size of an EPUB cover (1:1.6, what e-book stores ask for).
inline constexpr unsigned epub_cover_width = 1600;
inline constexpr unsigned epub_cover_height = 2560;

// The value of --cover that asks for the generated cover (the PDF then opens with it too).
inline constexpr std::string_view generated_cover_name = "generated";

// Returns the PNG bytes of a width × height cover showing text in style's fonts (the heading font for the title,
// the body font for the rest). The same input gives the same bytes. Throws Error(input) when a font is not
// installed; characters no font has are reported to sink.
std::string render_cover_png(const CoverText& text, const style::Style& style, unsigned width, unsigned height,
                             DiagnosticSink& sink);

}  // namespace docexport::cover
