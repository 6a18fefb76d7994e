// The output of layout and the input of the PDF writer: pages of positioned glyph runs that keep their source
// text, rules, images and links. The PDF writer only serialises this; it never shapes or breaks lines.
// Units are PostScript points; the origin is the page's top-left corner and y grows downwards.
#pragma once

#include "fonts/font.hpp"
#include "layout/structure.hpp"

#include <cstdint>
#include <cstring>
#include <map>
#include <ostream>
#include <string_view>
#include <memory>
#include <string>
#include <vector>

namespace docexport::layout {

struct Color {
    double r = 0, g = 0, b = 0;
};

// The source text of a glyph's cluster in 12 bytes: up to 11 bytes inline (any two CJK characters, most
// clusters), longer texts on the heap. A book holds millions of placed glyphs; std::string would take 32.
class ClusterText {
public:
    ClusterText() = default;
    ClusterText(std::string_view s) { assign(s); }          // NOLINT: implicit, like std::string
    ClusterText(const char* s) { assign(s); }               // NOLINT
    ClusterText(const std::string& s) { assign(s); }        // NOLINT
    ClusterText(const ClusterText& other) { assign(other.view()); }
    ClusterText(ClusterText&& other) noexcept { take(other); }
    ClusterText& operator=(const ClusterText& other) {
        if (this != &other) assign(other.view());
        return *this;
    }
    ClusterText& operator=(ClusterText&& other) noexcept {
        if (this != &other) {
            release();
            take(other);
        }
        return *this;
    }
    ClusterText& operator=(std::string_view s) {
        assign(s);
        return *this;
    }
    ClusterText& operator=(const char* s) { return *this = std::string_view(s); }
    ClusterText& operator=(const std::string& s) { return *this = std::string_view(s); }
    ~ClusterText() { release(); }

    // Replaces the text with s (s may not point into this object's own heap text).
    void assign(std::string_view s);
    // Replaces the text with n bytes of s from pos.
    void assign(const std::string& s, std::size_t pos, std::size_t n) { assign(std::string_view(s).substr(pos, n)); }
    std::string_view view() const;
    operator std::string_view() const { return view(); }   // NOLINT: implicit, like std::string
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return view().size(); }
    friend bool operator==(const ClusterText& a, std::string_view b) { return a.view() == b; }
    friend std::ostream& operator<<(std::ostream& out, const ClusterText& t) { return out << t.view(); }

private:
    static constexpr std::size_t inline_capacity = 11;
    static constexpr std::uint8_t on_heap = 0xFF;   // bytes_ holds a pointer to [uint32 length][bytes]
    void release();
    void take(ClusterText& other) {
        std::memcpy(bytes_, other.bytes_, sizeof bytes_);
        size_ = other.size_;
        other.size_ = 0;
    }
    char bytes_[inline_capacity] = {};
    std::uint8_t size_ = 0;
};

// One glyph placed on the page. text is the source text of its cluster on the first glyph of a cluster and
// empty on the cluster's other glyphs (the PDF writer builds ToUnicode from it).
struct PlacedGlyph {
    double x = 0;        // glyph origin (pen position plus HarfBuzz offset)
    double y = 0;        // baseline (horizontal, sideways) or vertical origin (vertical); see Orientation
    double advance = 0;  // HarfBuzz advance in points, along the run's direction
    std::uint32_t gid = 0;
    ClusterText text;
};

// What a run is to the text layer.
enum class RunRole : std::uint8_t {
    text,         // the reading text
    annotation,   // a ruby annotation: drawn and mapped in ToUnicode, but left out of the reading text
    alt_text,     // an inline image's alt text on one inkless glyph at the image: invisible, read as the text
};

// How a run's glyphs stand on the page (vertical writing: see layout.hpp and docs/layout.md, "Vertical").
enum class Orientation : std::uint8_t {
    horizontal,   // upright, advancing to the right (Identity-H); (x, y) is the glyph's origin on its baseline
    vertical,     // upright, advancing downwards (Identity-V); (x, y) is the glyph's vertical origin (top centre)
    sideways,     // turned 90° clockwise, advancing downwards (Identity-H, rotated); (x, y) as horizontal, turned
    // Only before a vertical page is turned (layout's logical frame): a run that becomes horizontal, the upright
    // figures of tate-chu-yoko, where the logical frame's sideways runs are plain horizontal ones.
    upright,
};

// Glyphs of one font at one size, in visual order.
struct GlyphRun {
    std::size_t font = 0;    // index into Layout::fonts
    double size = 10;        // font size in points
    Color color;
    Orientation orientation = Orientation::horizontal;
    RunRole role = RunRole::text;
    std::vector<PlacedGlyph> glyphs;
    std::int32_t tag = untagged;   // the structure node it belongs to (structure.hpp), untagged = an artifact
};

// A filled rectangle (rules, table lines, backgrounds) or, when stroke_width > 0, an outlined one. Always
// decoration (an artifact of a tagged PDF).
struct Rect {
    double x = 0, y = 0, width = 0, height = 0;
    Color color;
    double stroke_width = 0;
};

// A raster image placed in a box.
struct ImageBox {
    std::string path;   // PNG or JPEG file
    double x = 0, y = 0, width = 0, height = 0;
    std::int32_t tag = untagged;      // its Figure node (structure.hpp), untagged = an artifact
    std::uint32_t after_runs = 0;     // how many of its page's (or fragment's) runs come before it in reading order
};

// A clickable area: an external URI, or an internal target (a page index and a y position on it).
struct LinkArea {
    double x = 0, y = 0, width = 0, height = 0;
    std::string uri;                 // external when not empty
    std::size_t target_page = 0;     // internal otherwise
    double target_y = 0;
    std::string text;                // what the link says (its text, an entry's title): the annotation's /Contents
    std::int32_t tag = untagged;     // the structure node of its text (a Link node, or one the link goes under)
};

// One page and what is drawn on it, in drawing order per kind (rects, then images, then text, then links).
struct Page {
    double width = 595.276;   // A4 by default
    double height = 841.89;
    std::vector<Rect> rects;
    std::vector<ImageBox> images;
    std::vector<GlyphRun> runs;
    std::vector<LinkArea> links;
};

// An entry of the PDF outline (bookmarks): sections at level 1, their headings below.
struct OutlineEntry {
    std::string title;
    int level = 1;
    std::size_t page = 0;
    double y = 0;
};

// Page numbering: from page `first` on, labels are prefix + number in style, starting at start.
struct PageLabelRange {
    std::size_t first = 0;
    enum class Style { decimal, roman_lower, none } style = Style::decimal;
    std::string prefix;
    int start = 1;
};

// A laid-out document. fonts are owned here and referenced by GlyphRun::font.
struct Layout {
    std::vector<std::unique_ptr<fonts::Font>> fonts;
    std::vector<Page> pages;
    std::vector<OutlineEntry> outline;
    std::vector<PageLabelRange> page_labels;
    // Images made in memory (a generated cover), by the ImageBox::path that names them; other paths are files.
    std::map<std::string, std::shared_ptr<const std::string>> image_bytes;
    // The logical structure that the pages' tags point into (empty: nothing is tagged).
    std::vector<StructNode> structure;
};

}  // namespace docexport::layout
