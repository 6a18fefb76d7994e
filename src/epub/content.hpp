// The book's content documents: one XHTML file per section (split by a size budget), with resolved links.
#pragma once

#include "epub/xml_output.hpp"

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>
#include <docexport/progress.hpp>

#include <functional>
#include <string>
#include <vector>

namespace docexport::epub {

// A file of the publication other than the package document, path relative to the package directory.
struct Resource {
    std::string href;        // e.g. "text/s0001.xhtml", "images/i001.png"
    std::string id;          // manifest id
    std::string media_type;  // e.g. "application/xhtml+xml"
    std::string bytes;
    std::string properties;  // manifest properties, e.g. "cover-image", "svg"
};

// One entry of the table of contents; level 1 is a section, deeper levels its headings.
struct TocEntry {
    std::string label;
    std::string href;  // relative to the package directory, e.g. "text/s0001.xhtml#h2"
    int level = 1;
};

struct ContentOptions {
    std::string language;                     // the book's BCP 47 tag
    std::vector<std::string> stylesheets;     // hrefs relative to text/
    std::size_t split_bytes = 250 * 1000;     // a section larger than this is split at block boundaries
    ProgressCallback progress;                // hears ProgressStage::writing: sections rendered (empty = none)
    // Vertical text: a run of 1 to tate_chu_yoko ASCII digits standing alone (2月19日, 8個) is set upright in
    // one character's space (a span of class tcy: text-combine-upright); longer numbers stay rotated.
    bool vertical = false;
    int tate_chu_yoko = 3;
    // Hears each XHTML document as soon as it is made, in reading order, before it joins Content::documents (it
    // may take the bytes: a book's documents then need not wait whole in memory). Empty = none.
    std::function<void(Resource&)> on_document;
    // Hears each section whose blocks are not read again (its documents are made): a caller that owns the document
    // may free them. Empty = none.
    std::function<void(std::size_t section)> section_done;
};

// Everything the content pass makes.
struct Content {
    std::vector<Resource> documents;   // XHTML files in reading order
    std::vector<Resource> images;      // images the content uses
    std::vector<TocEntry> toc;
    CharUse chars;                     // the characters shown, by weight
    bool has_ruby = false;
    bool has_images = false;
    bool images_have_alt = true;       // every image has alternative text
    std::size_t images_without_alt = 0;   // how many have none; the first is at first_image_without_alt
    SourcePos first_image_without_alt;
    bool has_tables = false;
    bool tables_have_headers = true;   // every table has a header row (th cells)
};

// Returns the content documents of doc. Content problems (a missing image, an unresolved link) are reported
// to sink; the book is still written.
Content render_content(const Document& doc, const ContentOptions& options, DiagnosticSink& sink);

// Returns the media type of an image from its first bytes (and name, for SVG), or "" when it is not one
// EPUB readers must support (PNG, JPEG, GIF, SVG).
std::string image_media_type(const std::string& bytes, const std::string& name);

}  // namespace docexport::epub
