// The logical structure of a laid-out document, for a tagged PDF (docs/pdf.md, "Tagged PDF"): a tree of nodes
// (Document, Sect, H1–H6, P, L, Table, Figure, Link, Note, TOC, Ruby, …) made as layout sets the content, which
// points into it (GlyphRun::tag, ImageBox::tag, LinkArea::tag). Content with no node is decoration: running heads,
// folios, rules, leaders, repeated table headers. The PDF writer turns the tree into the structure tree, ordering
// each node's children by where their content first comes in the pages, and drops nodes that got no content.
#pragma once

#include <cstdint>
#include <memory>
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

// 16 bytes: a book has a million of them, and few carry a text or a language (those live apart).
struct StructNode {
    StructRole role = StructRole::paragraph;
    std::uint8_t level = 0;      // a heading's level, 1–6
    bool row_scope = false;      // a header cell that heads its row (else its column)
    std::int32_t parent = untagged;

    StructNode() = default;
    StructNode(const StructNode& other) : role(other.role), level(other.level), row_scope(other.row_scope), parent(other.parent),
        extra_(other.extra_ ? std::make_unique<Extra>(*other.extra_) : nullptr) {}
    StructNode(StructNode&&) noexcept = default;
    StructNode& operator=(const StructNode& other) { return *this = StructNode(other); }
    StructNode& operator=(StructNode&&) noexcept = default;

    // Figure: the alternate text (/Alt); RT: the annotation (/ActualText).
    const std::string& text() const { return extra_ ? extra_->text : empty(); }
    void set_text(std::string text) { extra().text = std::move(text); }
    // BCP 47, where it differs from what is around it.
    const std::string& lang() const { return extra_ ? extra_->lang : empty(); }
    void set_lang(std::string lang) { extra().lang = std::move(lang); }

private:
    struct Extra {
        std::string text, lang;
    };
    std::unique_ptr<Extra> extra_;
    Extra& extra() {
        if (!extra_) extra_ = std::make_unique<Extra>();
        return *extra_;
    }
    static const std::string& empty() {
        static const std::string none;
        return none;
    }
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
