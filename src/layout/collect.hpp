// Step 1 of inline layout: inlines → one UTF-8 string per paragraph and the styled spans that cover it.
#pragma once

#include "layout/font_chain.hpp"
#include "layout/page.hpp"

#include <docexport/model.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docexport::layout {

// How a span of text is set.
struct TextStyle {
    Role role = Role::body;
    double size = 10.5;
    Color color;
    std::int32_t link = -1;   // index into InlineText::links, -1 = not a link
    double shift = 0;         // baseline shift in points, up positive (sup, sub, note references)
    std::int32_t note = -1;   // a footnote reference: the note's number in its section, -1 = none
    std::uint8_t decoration = 0;   // Decoration bits: lines and fills drawn with the text
    std::int32_t tag = untagged;   // the structure node of the text (structure.hpp)

    // Returns true when spans in a and b may merge (the colour follows the link, as before).
    friend bool same_style(const TextStyle& a, const TextStyle& b) {
        return a.role == b.role && a.size == b.size && a.link == b.link && a.shift == b.shift && a.note == b.note &&
               a.decoration == b.decoration && a.tag == b.tag;
    }
};

// What finalize.cpp draws with a span besides its glyphs (Rects over each line's extent of the span).
enum Decoration : std::uint8_t {
    strike = 1,      // a line through the middle (strikethrough, del, s)
    underline = 2,   // a line under the baseline (u, ins)
    highlight = 4,   // a light fill behind (mark)
    box = 8,         // a thin frame (kbd)
};

// A run of text with one style; spans cover the text in order, without gaps.
struct StyledSpan {
    std::uint32_t begin = 0, end = 0;   // byte range in InlineText::text
    TextStyle style;
    SourcePos pos;                      // of the source inline (for diagnostics)
};

// A ruby: a base (a byte range of InlineText::text, set as one unbreakable group) and its annotation,
// set smaller over the base (horizontal text). Zhuyin beside the base and vertical text would add a position
// here (over / right), not a new kind of span.
struct RubySpan {
    std::uint32_t begin = 0, end = 0;   // the base's bytes in InlineText::text
    std::string annotation;             // the annotation text (spaces collapsed)
    TextStyle style;                    // the base's outer style: the annotation's role and colour, its size × ruby_size_em
    SourcePos pos;                      // of the ruby inline
    std::int32_t tag = untagged;        // the annotation's structure node (RT); style.tag is the base's (RB)
};

// An inline image: one U+FFFC (OBJECT REPLACEMENT CHARACTER) in InlineText::text stands for it; shaping gives
// that cluster the image's width, finalize.cpp draws the image there and carries alt in the text layer.
struct InlineObject {
    std::uint32_t at = 0;       // byte offset of its U+FFFC in InlineText::text
    std::string path;           // the PNG or JPEG file (relative to the input file's directory when given so)
    std::string alt;            // the text layer's text for it: the alt text, else the title
    double width = 0, height = 0;   // in points: 1 em high, the image's aspect ratio
    std::int32_t tag = untagged;    // its Figure node
    SourcePos pos;                  // of the image inline (for diagnostics)
};

// The UTF-8 bytes of U+FFFC, which stands for an InlineObject.
inline constexpr std::string_view object_replacement = "\xEF\xBF\xBC";

// A paragraph's text ready for shaping. '\n' is a hard line break.
struct InlineText {
    std::string text;
    std::vector<StyledSpan> spans;
    std::vector<std::string> links;   // URIs of link spans
    std::vector<RubySpan> rubies;     // in text order, never overlapping
    std::vector<InlineObject> objects;   // inline images, in text order

    // Returns the index in objects of the object whose U+FFFC is at byte offset at, or -1.
    std::int32_t object_at(std::uint32_t at) const;

    // Empties everything (keeps the capacity for the next paragraph).
    void clear();
    // Appends text in style (spaces collapsed unless preserve_spaces) and returns nothing.
    void append(std::string_view s, const TextStyle& style, const SourcePos& pos, bool preserve_spaces = false);
    // Removes trailing spaces.
    void trim_end();
    // Returns bytes [begin, end) (character boundaries) as a text of their own: the spans over them cut to them,
    // the rubies and objects inside them, offsets from begin; links copied whole, so link indexes stay valid.
    // A ruby that crosses begin or end is left out: callers cut where no ruby is.
    InlineText slice(std::uint32_t begin, std::uint32_t end) const;
};

// Appends inlines to out with base as the outer style: emphasis and strong change the role, links get a
// colour and a link index, code uses the mono role, ruby appends its base and records a RubySpan over it,
// line breaks become '\n'; spans of class sup, sub and note-ref are set smaller with a baseline shift,
// strikethrough/del/s, u/ins, mark and kbd get a Decoration; an inline image becomes U+FFFC and an InlineObject
// (1 em high), or its alt text and title in brackets when its file cannot be read.
// With nodes, the inlines' structure goes there, under base.tag: a Link node per link (footnote references too),
// Ruby with RB and RT per ruby, a Figure per inline image, a Span per span in another language (attribute lang).
void collect_inlines(const Inlines& inlines, const TextStyle& base, InlineText& out,
                     std::vector<StructNode>* nodes = nullptr);

}  // namespace docexport::layout
