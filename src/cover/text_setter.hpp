// Display text for the cover: faces opened with FreeType, text shaped by HarfBuzz (hb-ft) in the style's fonts
// with per-character fallback, broken into balanced lines at ICU's line-break opportunities (strict CJK rules;
// ICU's Chinese dictionary tells word boundaries), and drawn onto a canvas.
#pragma once

#include "cover/canvas.hpp"

#include "style/style.hpp"

#include <docexport/diagnostics.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace docexport::cover {

// One glyph of a set line; x from the line's start, y from its baseline (downwards), in pixels.
struct LineGlyph {
    std::size_t face = 0;
    std::uint32_t gid = 0;
    double x = 0, y = 0;
};

struct SetLine {
    std::vector<LineGlyph> glyphs;
    double width = 0;         // advance width, trailing spaces left out
    double start_blank = 0;   // the blank side of punctuation that starts the line (「 （), left out when centring
    double end_blank = 0;     // the blank side of punctuation that ends it (、 ） ：)
};

// Text set at one size into lines.
struct SetText {
    double size = 0;    // pixels per em
    std::vector<SetLine> lines;
};

class TextSetter {
public:
    // A setter for text in language (BCP 47), with han_latin_space em between Han and Latin letters or digits
    // (clreq; none at line ends), reporting characters no face has to sink.
    TextSetter(const std::string& language, double han_latin_space, DiagnosticSink& sink);
    ~TextSetter();
    TextSetter(const TextSetter&) = delete;
    TextSetter& operator=(const TextSetter&) = delete;

    // Returns the id of a chain of faces: primary first, then fallback for what it lacks. Throws Error(input)
    // when the primary face is not installed; a fallback that is not installed is left out.
    std::size_t add_chain(const style::FontFace& primary, const std::vector<style::FontFace>& fallback);
    // Returns text (one paragraph; runs of white space count as one space) set in chain at size pixels per em,
    // in balanced lines no wider than measure where the text allows.
    SetText set(const std::string& text, std::size_t chain, double size, double measure);
    // Draws text with ink, each line's ink (the blank sides of punctuation at its ends left out) centred on centre_x, the first baseline at baseline and the next ones
    // line_pitch below each other.
    void draw(const SetText& text, Canvas& canvas, double centre_x, double baseline, double line_pitch, Ink ink);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Returns text with runs of white space (and control characters) as one space, without leading or trailing
// space, cut after max_characters code points with an ellipsis.
std::string display_text(const std::string& text, std::size_t max_characters);

}  // namespace docexport::cover
