// Step 2 of inline layout: per-character font fallback, runs by font, script and style, HarfBuzz shaping
// (once per paragraph) into clusters that carry widths, Han-Latin spacing, break and stretch opportunities.
#pragma once

#include "layout/collect.hpp"
#include "layout/font_chain.hpp"
#include "layout/line_break.hpp"

#include <docexport/diagnostics.hpp>

#include <hb.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace docexport::layout {

// The class of a cluster's first or last character, for spacing and justification.
enum class CharClass : std::uint8_t {
    other,       // narrow punctuation and symbols
    han,         // wide letters and digits: Han, kana, bopomofo, full-width alphanumerics
    wide_punct,  // wide punctuation and symbols (，。「」…)
    latin,       // narrow letters and digits
    space,       // U+0020, U+00A0
    newline,     // a hard line break (no glyph)
};

// One shaped glyph; lengths in points. advance and x_offset run along the inline axis (forwards), y_offset
// across it, towards the line's top (horizontal: HarfBuzz's y offset, upwards; vertical: to the right). A
// vertical glyph's offsets are from its vertical origin (what vpal or a mark moves), not HarfBuzz's raw ones;
// a combined (tate-chu-yoko) glyph's x_offset is its place across the column, from the em box's left edge.
struct ShapedGlyph {
    std::uint32_t gid = 0;
    double advance = 0;
    double x_offset = 0;
    double y_offset = 0;
};

// A cluster: the smallest unit that lines are made of (one or more characters, one or more glyphs).
struct ShapedCluster {
    std::uint32_t text_begin = 0, text_end = 0;    // source bytes
    std::uint32_t glyph_begin = 0, glyph_end = 0;  // into ShapedText::glyphs
    std::uint32_t span = 0;                        // into InlineText::spans
    std::uint32_t font = 0;                        // into Layout::fonts
    double width = 0;                              // sum of advances (after punctuation compression)
    double space_before = 0;                       // Han-Latin space, dropped at a line start
    CharClass first = CharClass::other, last = CharClass::other;
    BreakKind break_before = BreakKind::none;      // may a line start here?
    bool stretch_before = false;                   // may justification add space before it?
    std::int32_t ruby = -1;                        // into ShapedText::rubies when part of a ruby base
    double inset = 0;                              // space before the glyphs, inside width (a spaced-out ruby base)
    std::int32_t object = -1;                      // into InlineText::objects for an inline image's U+FFFC
    // Vertical text (LayoutSettings::vertical): how the cluster stands in its column.
    enum class Setting : std::uint8_t {
        horizontal,   // shaped left to right: horizontal text, or Latin turned sideways in a column
        vertical,     // shaped top to bottom (vert/vrt2): ideographs, kana, punctuation in vertical forms
        combined,     // tate-chu-yoko: a few figures side by side, upright, in one em of the column
    } setting = Setting::horizontal;
};

// A ruby annotation shaped for its base: its glyphs, and the space its base was given when the annotation is
// wider (what may not overhang the neighbours).
struct ShapedRuby {
    std::uint32_t ruby = 0;                          // into InlineText::rubies
    std::uint32_t base_begin = 0, base_end = 0;      // the base's clusters (one unbreakable group)
    std::uint32_t cluster_begin = 0, cluster_end = 0;  // into ShapedText::ruby_clusters
    double size = 0;                                 // the annotation's font size
    double width = 0;                                // its extent along the inline axis
    double pad_before = 0, pad_after = 0;            // space added around the base for it
    double spacing = 0;                              // least space to the annotation before it on the line
    double shift = 0;                                // how far the annotation sits before its centred place
    double raise = 0;                                // from the base's baseline to the annotation's (block axis)
    double extent = 0;                               // block-axis space the annotation needs beyond the base's em box
    // Where it goes: over the base (ruby; in vertical text that is the base's right), or zhuyin set as a column
    // of symbols shaped top to bottom: beside = to the right of its base in horizontal text (inside the base's
    // advance, which grows by the column), column = over the base in vertical text (its right on the page).
    enum class Place : std::uint8_t { over, beside, column } place = Place::over;
};

// What a cluster of a zhuyin annotation is: a bopomofo symbol, the tone mark (ˊ ˇ ˋ, or ˉ) set beside the last
// symbol, or the light-tone dot (˙) set above the first.
enum class ZhuyinPart : std::uint8_t { symbol, tone, light };
ZhuyinPart zhuyin_part(const std::string& annotation, const ShapedCluster& cluster);

// The room a zhuyin column takes across, of its symbols' size: the symbols' em and the tone mark beside them.
inline constexpr double zhuyin_tone_room = 1.5;
// Where the tone mark and the light-tone dot go, of the symbols' size (their ink is centred in their em boxes,
// Shaper::centre_zhuyin_marks): the tone mark's em box starts this far before the last symbol's, so its ink is
// beside the symbol's upper half, and its centre is this far right of the column's; the dot's em box starts
// this far before the first symbol's, so its ink is above the column.
inline constexpr double zhuyin_tone_raise = 0.25;
inline constexpr double zhuyin_tone_shift = 0.7;
inline constexpr double zhuyin_light_raise = 0.85;

// A shaped paragraph.
struct ShapedText {
    std::vector<ShapedGlyph> glyphs;
    std::vector<ShapedCluster> clusters;
    std::vector<ShapedRuby> rubies;             // in text order
    std::vector<ShapedGlyph> ruby_glyphs;       // the annotations' glyphs
    std::vector<ShapedCluster> ruby_clusters;   // their clusters (text offsets into RubySpan::annotation)
    // Empties everything (keeps the capacity).
    void clear();
};

// A character that no font of the style has, where it first occurred.
struct MissingChar {
    char32_t c = 0;
    SourcePos pos;
};

// Shapes paragraphs with HarfBuzz; owns one buffer and one line breaker, reused for every paragraph. One per
// thread; several Shapers may share a FontChains.
class Shaper {
public:
    Shaper(FontChains& fonts, const LayoutSettings& settings, const std::string& language, DiagnosticSink& sink);
    ~Shaper();
    Shaper(const Shaper&) = delete;
    Shaper& operator=(const Shaper&) = delete;

    // Shapes text into out, ruby annotations included (each base one unbreakable group, spaced out where its
    // annotation may not overhang). A character that no font has is set as the geta mark 〓 carrying the
    // original text, never as .notdef, and recorded for take_missing().
    void shape(const InlineText& text, ShapedText& out);
    // Returns the characters no font had since the last call, each once, in order of first occurrence (the
    // caller reports them).
    std::vector<MissingChar> take_missing();
    // Turns the context-free fast path on or off (on by default; off shapes every run whole, for tests that
    // compare the two).
    void set_fast_path(bool on) { fast_enabled_ = on; }
    // Frees what the fast path keeps (its glyphs of each font and script); it is made again as needed.
    void forget_fast_paths();

private:
    struct Item;
    struct FastPath;
    FastPath& fast_path(int font, hb_script_t script, hb_direction_t direction);
    // Shapes what buffer_ holds in font: the one place that sets the run properties, so that a glyph cached
    // by the fast path is what shaping a whole run gives.
    void shape_buffer(const fonts::Font& font, hb_script_t script, hb_direction_t direction = HB_DIRECTION_LTR,
                      const std::vector<hb_feature_t>* features = nullptr);
    // Converts HarfBuzz's position of a glyph shaped top to bottom into the inline/cross offsets of ShapedGlyph
    // (font units).
    void vertical_position(const fonts::Font& font, hb_codepoint_t gid, hb_glyph_position_t& pos) const;
    // Sets a tate-chu-yoko item: its figures shaped left to right (half- or third-width forms when the font has
    // them) as one cluster an em long, centred across the column.
    void shape_combined(const InlineText& text, const Item& item, ShapedText& out);
    void shape_item(const InlineText& text, const Item& item, ShapedText& out);
    void shape_range(const InlineText& text, const Item& item, std::uint32_t begin, std::uint32_t end, ShapedText& out);
    void add_missing(const InlineText& text, const Item& item, ShapedText& out);
    // Adds the cluster of an inline object: its width, and a space glyph that carries its alt text.
    void add_object(const InlineText& text, const Item& item, ShapedText& out);
    // Allows breaks on both sides of each inline object (as around an ideograph), within the clreq rules.
    void allow_object_breaks(const InlineText& text);
    void classify(const InlineText& text, ShapedText& out);
    // shape() without the annotations.
    void shape_text(const InlineText& text, ShapedText& out);
    // Shapes text.rubies' annotations into out and fits them to their bases (after shape_text).
    void shape_rubies(const InlineText& text, ShapedText& out);
    void centre_zhuyin_marks(const std::string& annotation, double size, ShapedText& shaped) const;
    // Vertical text: centres across the column the ink of glyphs [begin, end), a dash turned sideways between
    // upright characters (濟南-青島), which would otherwise sit where Latin's x-height puts it.
    void centre_sideways_dash(const fonts::Font& font, double size, std::uint32_t begin, std::uint32_t end,
                              ShapedText& out) const;

    FontChains& fonts_;
    const LayoutSettings& settings_;
    DiagnosticSink& sink_;
    LineBreaker breaker_;
    hb_buffer_t* buffer_ = nullptr;
    std::vector<hb_feature_t> features_;
    hb_language_t language_ = HB_LANGUAGE_INVALID;
    bool hans_ = false;                   // Simplified (GB) punctuation: pause and stop marks sit left
    bool vertical_ = false;               // shape for vertical lines (settings_.vertical)
    bool zhuyin_ = false;                 // shaping a zhuyin annotation: its tone marks stand upright too
    std::vector<BreakKind> breaks_;
    std::vector<Item> items_;
    std::vector<std::unique_ptr<FastPath>> fast_;
    bool fast_enabled_ = true;
    std::set<char32_t> seen_missing_;
    std::vector<MissingChar> missing_;
    InlineText annotation_;          // scratch for shape_rubies
    ShapedText annotation_shaped_;
};

// The ideographic em box's part above the baseline (Noto CJK, Source Han), as a fraction of the size.
inline constexpr double em_box_ascent = 0.88;

}  // namespace docexport::layout
