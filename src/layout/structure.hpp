// The logical structure of a laid-out document, for a tagged PDF (docs/pdf.md, "Tagged PDF"): a tree of nodes
// (Document, Sect, H1–H6, P, L, Table, Figure, Link, Note, TOC, Ruby, …) made as layout sets the content, which
// points into it (GlyphRun::tag, ImageBox::tag, LinkArea::tag). Content with no node is decoration: running heads,
// folios, rules, leaders, repeated table headers. The PDF writer turns the tree into the structure tree, ordering
// each node's children by where their content first comes in the pages, and drops nodes that got no content.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace docexport::layout {

// What a node is: the standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4) that the document model has.
enum class StructRole : std::uint8_t {
    document,      // Document: the root
    sect,          // Sect: a section (an article, a feed entry or part)
    heading,       // H1–H6 (StructNode::level)
    paragraph,     // P
    list,          // L
    list_item,     // LI
    label,         // Lbl: a list item's marker
    list_body,     // LBody
    block_quote,   // BlockQuote
    code,          // Code
    table,         // Table
    table_row,     // TR
    table_header,  // TH (with /Scope: StructNode::row_scope)
    table_cell,    // TD
    figure,        // Figure (with /Alt: StructNode::text)
    caption,       // Caption
    link,          // Link: its text, and the link annotations (OBJR)
    note,          // Note: a footnote
    toc,           // TOC: the contents
    toc_item,      // TOCI: an entry of the contents
    ruby,          // Ruby
    ruby_base,     // RB
    ruby_text,     // RT (with /ActualText: StructNode::text, as its glyphs are left out of the reading text)
    span,          // Span: text in another language (StructNode::lang)
};

// A node id that no node has: content that is decoration (an artifact).
inline constexpr std::int32_t untagged = -1;
// A parent id that stands for the section a piece of layout work belongs to: layout work runs on several threads
// and numbers its nodes from 0; when it is merged in document order its numbers move on and this becomes the
// section's Sect node.
inline constexpr std::int32_t section_node = -2;

struct StructNode {
    StructRole role = StructRole::paragraph;
    std::uint8_t level = 0;      // a heading's level, 1–6
    bool row_scope = false;      // a header cell that heads its row (else its column)
    std::int32_t parent = untagged;
    std::string text;            // Figure: the alternate text (/Alt); RT: the annotation (/ActualText)
    std::string lang;            // BCP 47, where it differs from what is around it
};

// Adds a node of role under parent to nodes and returns its id; returns untagged when nodes is null (layout that
// makes no structure, as unit tests do).
inline std::int32_t add_node(std::vector<StructNode>* nodes, StructRole role, std::int32_t parent) {
    if (!nodes) return untagged;
    StructNode& node = nodes->emplace_back();
    node.role = role;
    node.parent = parent;
    return static_cast<std::int32_t>(nodes->size() - 1);
}

}  // namespace docexport::layout
