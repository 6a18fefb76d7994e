// Blocks → slices: paragraphs (one slice per line, with widow and orphan control), headings (kept with
// what follows), lists, block quotes, tables (rows as slices, a repeated header), images, rules, code.
#pragma once

#include "layout/finalize.hpp"
#include "layout/font_chain.hpp"
#include "layout/fragment.hpp"
#include "layout/shape.hpp"

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>

#include <functional>
#include <span>
#include <unordered_map>
#include <vector>

namespace docexport::layout {

enum class TextAlign { justify, left, center, right };

// How a piece of text is set as a paragraph.
struct ParagraphStyle {
    TextStyle base;
    double line_height = 1.8;     // multiple of the largest size on the line
    double first_indent = 0;      // points
    TextAlign align = TextAlign::justify;
    bool balance = false;         // lines of about equal length (headings: no word alone on the last line)
};

// Where blocks go: an offset from the text block's left edge and the width available.
struct BlockContext {
    double left = 0;
    double width = 0;
    bool indent_paragraphs = true;   // first-line indent (not in list items and table cells)
    bool tight = false;              // no paragraph spacing (list items)
};

// Lays out blocks into slices with one set of reusable buffers.
class BlockLayouter {
public:
    BlockLayouter(const LayoutSettings& settings, FontChains& fonts, Shaper& shaper, DiagnosticSink& sink);

    // Appends the slices of section number index: its title (an anchor for the outline and the contents),
    // its date and source, and its blocks.
    void layout_section(const Section& section, std::int32_t index, double width, std::vector<Slice>& out);
    // Appends the slices of section number index's title, date and source (layout_section without the blocks).
    void layout_section_head(const Section& section, std::int32_t index, double width, std::vector<Slice>& out);
    // Appends the slices of blocks in context. Blocks depend on nothing laid out before them, so that runs of
    // a section's blocks can be laid out on different threads and their slices concatenated.
    void layout_blocks(std::span<const Block> blocks, const BlockContext& context, std::vector<Slice>& out);
    // Appends the slices of a footnote block (class footnote, value note = its number): its blocks with a
    // hanging indent, its number in the indent on the first line, linking back to the reference. Called on a
    // layouter whose settings have the notes' smaller size.
    void layout_footnote(const Block& block, double width, std::vector<Slice>& out);
    // Appends one slice per line of text (set in style, at context) to out, the first space_before after what
    // precedes it; returns how many.
    std::size_t text_slices(const InlineText& text, const ParagraphStyle& style, const BlockContext& context,
                            std::vector<Slice>& out, double space_before = 0);
    // While set, a paragraph set in pieces hands the finished slices of out (all but its last two lines) to
    // drain after each piece, which takes them out of the vector: a paragraph of any length then holds only a
    // piece's slices. Only for out vectors that nothing after the paragraph indexes from before it.
    void set_drain(std::function<void(std::vector<Slice>&)> drain) { drain_ = std::move(drain); }
    // Sets text into one fragment of width with its top-left corner at (0, 0); returns its height.
    double text_box(const InlineText& text, const ParagraphStyle& style, double width, Fragment& out);
    // Returns the natural (unbroken) width of text and the widest piece between break opportunities.
    std::pair<double, double> measure_text(const InlineText& text);

    // Records the structure of what it lays out from now on (structure.hpp) in nodes, under parent (section_node
    // in layout work, whose numbers start at 0); heading_levels gives heading blocks their level (H2 for a source
    // h1 under the section's title, no level skipped), else the source level + 1. nodes null: no structure.
    void set_structure(std::vector<StructNode>* nodes, std::int32_t parent,
                       const std::unordered_map<const Block*, int>* heading_levels = nullptr) {
        nodes_ = nodes;
        parent_ = parent;
        heading_levels_ = heading_levels;
    }
    std::vector<StructNode>* structure() const { return nodes_; }
    // Adds a node of role under parent to the structure; returns its id, or untagged without a structure.
    std::int32_t add_node(StructRole role, std::int32_t parent) { return layout::add_node(nodes_, role, parent); }

    // Table headers repeated after page breaks, indexed by Slice::table.
    std::vector<RepeatedHeader>& headers() { return headers_; }
    const LayoutSettings& settings() const { return settings_; }
    FontChains& fonts() { return fonts_; }

private:
    void paragraph(const Block& block, const BlockContext& context, std::vector<Slice>& out);
    void heading(const Block& block, const BlockContext& context, std::vector<Slice>& out);
    void list(const Block& block, const BlockContext& context, std::vector<Slice>& out);
    void quote(const Block& block, const BlockContext& context, std::vector<Slice>& out);
    void table(const Block& block, const BlockContext& context, std::vector<Slice>& out);
    void image(const Block& block, const BlockContext& context, std::vector<Slice>& out);
    void rule(const BlockContext& context, std::vector<Slice>& out);
    void code(const Block& block, const BlockContext& context, std::vector<Slice>& out);
    // Lines of text broken and aligned for width, in lines_ (after shaping into shaped_). from is the byte where
    // the first line starts (what comes before is context for shaping only); the first line is indented on the
    // first piece of a paragraph only.
    void set_lines(const InlineText& text, const ParagraphStyle& style, double width, std::uint32_t from = 0,
                   bool first_piece = true);
    // Appends a slice for each of the first count lines_ of text (see text_slices).
    void line_slices(const InlineText& text, const ParagraphStyle& style, const BlockContext& context,
                     std::size_t count, std::vector<Slice>& out);
    // text_slices for a paragraph longer than LayoutSettings::paragraph_piece_bytes: shaped and broken a piece
    // at a time, so that the memory it takes is bounded by the piece, with the same lines as when set whole
    // (line breaking is first fit; a piece starts with some context before its first line, and the lines near
    // its end are set again at the start of the next).
    // first is the index of the paragraph's first slice in out, or out.size() once drained.
    void piecewise_slices(const InlineText& text, const ParagraphStyle& style, const BlockContext& context,
                          std::vector<Slice>& out, std::size_t& first, double space_before);
    double line_box(const Line& line, const ParagraphStyle& style, double& baseline) const;
    // collect_inlines into text_ (cleared first) with the structure; warns about an inline image that has no text
    // alternative, where the image is (at pos when its position is not known).
    void collect(const Inlines& inlines, const TextStyle& base, const SourcePos& pos);
    // Adds a node of role for block under parent_, with block's language; returns its id (or untagged).
    std::int32_t block_node(StructRole role, const Block& block);
    // Warns at pos that an image has no alternative text for the PDF's structure.
    void warn_no_alt(const SourcePos& pos);

    const LayoutSettings& settings_;
    FontChains& fonts_;
    Shaper& shaper_;
    DiagnosticSink& sink_;
    std::vector<RepeatedHeader> headers_;
    InlineText text_;
    ShapedText shaped_;
    std::vector<Line> lines_;
    std::vector<double> positions_;
    std::function<void(std::vector<Slice>&)> drain_;
    std::size_t drained_ = 0;   // slices of the paragraph being set that drain_ has taken
    std::vector<StructNode>* nodes_ = nullptr;   // the structure being made (set_structure)
    std::int32_t parent_ = untagged;             // the node that blocks go under
    const std::unordered_map<const Block*, int>* heading_levels_ = nullptr;
};

// Returns true for a footnote block (a block quote of class footnote), which layout_blocks leaves out.
bool is_footnote(const Block& block);

// What the header of a PNG or JPEG file says (all 0 for anything else or a header cut short).
struct ImageHeader {
    double width = 0, height = 0;        // pixels
    unsigned png_color_type = 0;         // PNG's IHDR colour type (4 and 6 have an alpha channel)
    unsigned jpeg_components = 0;        // a JPEG frame's components (1 grey, 3 YCbCr or RGB, 4 CMYK or YCCK)
};
// Reads the header from the first bytes of a file (the IHDR of a PNG, the frame header of a JPEG).
ImageHeader read_image_header(std::string_view bytes);

// Returns the pixel size of a PNG or JPEG file, or {0, 0} when it cannot be read.
std::pair<double, double> image_pixel_size(const std::string& path);

}  // namespace docexport::layout
