// The book's stylesheet, generated from a style (styles/NAME.yaml).
#pragma once

#include "style/style.hpp"

#include <set>
#include <string>
#include <vector>

namespace docexport::epub {

// One @font-face rule: an embedded subset.
struct FontFaceRule {
    std::string family;   // the CSS family name, e.g. "DX Noto Serif CJK TC"
    std::string href;     // relative to styles/, e.g. "../fonts/body-400.otf"
    int weight = 400;
    std::string format;   // "opentype" or "truetype"
};

struct StylesheetInput {
    std::vector<FontFaceRule> faces;
    std::vector<std::string> body_stack;     // CSS families in order, without the generic family
    std::vector<std::string> heading_stack;
    std::string generic = "serif";
    bool vertical = false;
    bool latin = false;                      // the book's language is not written in CJK (English, say)
    double font_scale = 0;                   // the body text size, of the reader's own (1.25 = 125%); 0 = not set
    std::set<std::string> used_classes;      // classes the XHTML files use; rules for others are left out
};

// Returns styles/book.css for style (deterministic: numbers are formatted without the locale).
std::string render_stylesheet(const style::Style& style, const StylesheetInput& in);

}  // namespace docexport::epub
