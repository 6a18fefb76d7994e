// The write options settled once for every writer: metadata overrides, the style and its overrides (paper, font
// size, margins), the contents depth, the title page's date, SOURCE_DATE_EPOCH.
#pragma once

#include "style/style.hpp"
#include "support/pdf_standard.hpp"

#include <docexport/model.hpp>
#include <docexport/writers.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace docexport::writers {

// What a writer needs from WriteOptions, checked.
struct WriteSettings {
    DocumentMeta meta;   // the document's metadata with the options' identifier, publisher, date and authors
    style::Style style;  // the options' style, else the document's, else the default, for meta.language, with
                         // the options' paper, font size and margins
    std::optional<std::int64_t> source_date_epoch;  // $SOURCE_DATE_EPOCH in seconds, when it is set
    std::string title_page_date;   // meta.date as the PDF's title page and the EPUB's generated cover print it
    int pdf_contents_depth = 1;    // outline levels the PDF's printed contents lists (0 = no contents pages):
                                   // --toc-depth, else the style's contents: depth:
    int epub_nav_depth = 6;        // outline levels the EPUB's navigation lists (0 = the cover and contents only)
    double epub_font_scale = 0;    // the EPUB's body text size, of the reader's own (1 = 12pt); 0 = not set
    bool vertical = false;         // vertical writing: --vertical or the style's text: writing-mode: vertical-rl
    support::PdfStandard pdf_standard;   // --pdf-standard, else the manifest's, else the style's
};

// Returns the style options name (options.style, else the manifest's doc.style, else the default) for doc's
// language, without the options' overrides. Throws Error(usage) for an unknown style, Error(input) at the
// manifest's line for an unknown style a manifest names.
style::Style document_style(const Document& doc, const WriteOptions& options);

// Returns the settled options for doc. Throws Error(usage) when the date override is not a calendar date
// (YYYY-MM-DD), $SOURCE_DATE_EPOCH is not a number of seconds, or the paper, font size, margins or contents
// depth are malformed or leave no room for text, the same for every writer.
WriteSettings settle_write_options(const Document& doc, const WriteOptions& options);

// Returns $SOURCE_DATE_EPOCH, or nothing when it is unset or empty. Throws Error(usage) when it is not a
// number of seconds from 1970 to 9999-12-31.
std::optional<std::int64_t> source_date_epoch_from_environment();

// Returns whether s is a calendar date written YYYY-MM-DD (2021-02-29 is not).
bool is_calendar_date(std::string_view s);

// Text the writers generate, in the language (BCP 47) of a document: Traditional and Simplified Chinese,
// Japanese, Korean, and English for any other.
struct GeneratedText {
    std::string contents;      // the contents' heading: 目錄 / 目录 / 目次 / 목차 / Contents
    std::string untitled;      // a missing title: （無題） / （无题） / （無題） / (무제) / (Untitled)
    std::string image_open;    // around a missing image's alt text in the PDF: ［圖：alt］, ［图：alt］, [Image: alt]
    std::string image_close;
};
GeneratedText generated_text(const std::string& language);

// Returns generated_text(language).contents, for the PDF's contents page and the EPUB's.
std::string contents_title(const std::string& language);

// Returns what writes each piece of an output to out; it throws Error(output), "cannot write the <format> to the
// output stream", when out fails.
OutputPiece writing_to(std::ostream& out, std::string format);

// Returns what frees the blocks of section i of doc once a writer is done with them (write_pdf and write_epub of a
// document given up, Document&&).
std::function<void(std::size_t section)> freeing_blocks(Document& doc);

}  // namespace docexport::writers
