// The document model: one small tree that every reader produces and every writer consumes.
#pragma once

#include <docexport/export.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace docexport {

// Where a node came from in its input: file name, 1-based line and column (0 = unknown).
struct SourcePos {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t col = 0;
};

// Returns "file:line:col" (or shorter when line or column are unknown).
DOCEXPORT_API std::string to_string(const SourcePos& pos);

// Generic attributes: an id, classes and ordered key-values, instead of a new node kind per need.
struct DOCEXPORT_API Attr {
    std::string id;
    std::vector<std::string> classes;
    std::vector<std::pair<std::string, std::string>> values;

    // Returns the value for key, or nullptr.
    const std::string* find(std::string_view key) const;
    // Returns true when cls is one of the classes.
    bool has_class(std::string_view cls) const;
    // Sets key to value, replacing an earlier value.
    void set(std::string key, std::string value);
    // Returns true when nothing is set.
    bool empty() const { return id.empty() && classes.empty() && values.empty(); }
};

enum class InlineKind {
    text,        // text: the characters
    emphasis,    // children
    strong,      // children
    link,        // children; target = URL, title
    code,        // text: the code
    line_break,  // a hard line break
    ruby,        // children = base; text = annotation
    span,        // children with attr
};

// One inline node. Which fields matter depends on kind (see InlineKind).
struct Inline {
    InlineKind kind = InlineKind::text;
    std::string text;
    std::string target;
    std::string title;
    std::vector<Inline> children;
    Attr attr;
    SourcePos pos;
};

using Inlines = std::vector<Inline>;

// Returns a text inline.
DOCEXPORT_API Inline make_text(std::string text, SourcePos pos = {});
// Returns a ruby inline with a plain-text base.
DOCEXPORT_API Inline make_ruby(std::string base, std::string annotation, SourcePos pos = {});
// Returns the text of inlines with markup removed (ruby keeps its base, line breaks become '\n', an inline
// image its alt text).
DOCEXPORT_API std::string plain_text(const Inlines& inlines);

enum class Align { none, left, center, right };

struct TableCell {
    Inlines content;
    SourcePos pos;
};

struct Table {
    Inlines caption;
    std::vector<Align> aligns;                   // one per column
    std::vector<TableCell> header;               // the header row (may be empty)
    std::vector<std::vector<TableCell>> rows;    // body rows
};

enum class BlockKind {
    heading,       // level 1-6, inlines
    paragraph,     // inlines
    bullet_list,   // items
    ordered_list,  // items; start = first number
    table,         // table
    block_quote,   // blocks
    image,         // target = source, inlines = alt text, title
    rule,          // nothing
    code_block,    // text = code, info = language
};

struct Block;
using Blocks = std::vector<Block>;

// One block node. Which fields matter depends on kind (see BlockKind).
struct Block {
    BlockKind kind = BlockKind::paragraph;
    int level = 0;
    int start = 1;
    Inlines inlines;
    Blocks blocks;
    std::vector<Blocks> items;
    Table table;
    std::string text;
    std::string info;
    std::string target;
    std::string title;
    Attr attr;
    SourcePos pos;
};

// Metadata of a section: an article, a feed entry, a zone.
struct SectionMeta {
    std::string date;     // "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", or as written when unparseable
    std::string source;   // publisher or origin, e.g. 中國證券報
    std::string url;
    std::string summary;
    std::vector<std::string> authors;
};

// A section: one per article, feed entry or zone, with its own title and blocks.
struct Section {
    Inlines title;
    SectionMeta meta;
    Attr attr;        // id, classes and extra metadata (e.g. zone, batch, focus)
    Blocks blocks;
    SourcePos pos;
    // The blocks packed (pack_blocks): a compact byte form, a few times smaller than the nodes, that a reader
    // makes when ReadOptions::compact asks it to, so that a long book is held whole in a fraction of the memory.
    // Empty when nothing is packed. The section's blocks are those packed, then any in blocks. The writers,
    // normalize_quotes and the dumps read either form; other code calls unpack_blocks first.
    std::string packed_blocks;
};

// Packs section's blocks into packed_blocks (after those already packed there) and frees them.
DOCEXPORT_API void pack_blocks(Section& section);
// Returns the blocks of section: those packed, then those in section.blocks.
DOCEXPORT_API Blocks unpacked_blocks(const Section& section);
// Makes section's packed blocks its blocks again (packed_blocks is empty afterwards).
DOCEXPORT_API void unpack_blocks(Section& section);

// Metadata of the whole publication.
struct DocumentMeta {
    std::string title;
    std::string subtitle;
    std::string language;   // BCP 47, e.g. zh-Hant-TW
    std::string date;
    std::vector<std::string> authors;
    std::string publisher;
    std::string source;
    std::string identifier;
    std::string summary;
    std::string cover;      // path of a cover image, empty for a generated cover
};

// A publication: metadata and its ordered sections.
struct Document {
    DocumentMeta meta;
    std::vector<Section> sections;
    std::string style;      // style name requested by a manifest, empty for the default
    SourcePos style_pos;    // where the manifest names the style (its errors point there)
    std::string output_pdf;   // output file names requested by a manifest, empty when not given
    std::string output_epub;
    std::string pdf_standard;      // the PDF standard a manifest asks for (output: pdf-standard:), empty when not given
    SourcePos pdf_standard_pos;    // where it asks for it
};

// Returns the version of the JSON dump format written by dump_model_json.
inline constexpr int model_dump_version = 1;

// Returns the document as versioned, indented JSON (deterministic; what reader tests compare against).
DOCEXPORT_API std::string dump_model_json(const Document& doc);

// Returns a short human-readable outline: metadata, sections, their headings and block counts.
DOCEXPORT_API std::string dump_outline(const Document& doc);

}  // namespace docexport
