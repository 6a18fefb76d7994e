// Writers: the document model into EPUB and PDF.
#pragma once

#include <docexport/export.hpp>

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>
#include <docexport/options.hpp>
#include <docexport/progress.hpp>

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace docexport {

struct WriteOptions {
    std::string style;          // style name from styles/, empty = the default
    bool vertical = false;      // vertical writing (right to left)
    bool embed_fonts = true;
    std::string cover;                  // cover image (EPUB: PNG, JPEG, GIF, SVG; PDF: PNG, JPEG) or "generated";
                                        // empty = the document's, else generated for the EPUB and none for the PDF
    std::string identifier;             // metadata overrides; empty = from the document
    std::string publisher;
    std::string date;                   // YYYY-MM-DD
    std::vector<std::string> authors;
    // Overrides of the style (docs/cli.md): empty = the style's. Paper and margins concern the PDF only.
    std::string paper;                  // A4, A3, B5, letter, ... (ISO A0-A10, B0-B10) or WIDTHxHEIGHT: 148x210mm, 6x9in
    std::string font_size;              // body text size in points, "12" or "12pt"; the EPUB scales to it (12pt = 100%)
    std::string margins;                // one length (20mm) or top,right,bottom,left (25mm,20mm,25mm,20mm)
    int toc_depth = -1;                 // levels in the PDF's contents and the EPUB's navigation, 0 = none;
                                        // -1 = the defaults (PDF: sections, 1; EPUB: every heading, 6)
    // The standard the PDF must meet besides being tagged (it always is): "ua-1" (PDF/UA-1), "a-2u" (PDF/A-2u),
    // "a-2u+ua-1" (both) or "none"; empty = the manifest's (output: pdf-standard:), else the style's (pdf:
    // standard:), else none. What the standard forbids is an error, never a file that claims it falsely.
    std::string pdf_standard;
    // Progress reports (docexport/progress.hpp), on the calling thread; empty = none. write_pdf reports
    // ProgressStage::layout (sections) then writing (pages), write_epub writing (chapters: sections made into
    // XHTML), dump_layout layout. The output is the same with or without it.
    ProgressCallback progress;
};

// Writes doc as EPUB 3 to path as write_file_atomically does (a failure leaves no file and keeps an existing one).
DOCEXPORT_API void write_epub(const Document& doc, const std::filesystem::path& path, const WriteOptions& options,
                DiagnosticSink& sink);
// Writes doc as EPUB 3 to out.
DOCEXPORT_API void write_epub(const Document& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink);
// Writes doc as PDF to path as write_file_atomically does.
DOCEXPORT_API void write_pdf(const Document& doc, const std::filesystem::path& path, const WriteOptions& options,
               DiagnosticSink& sink);
// Writes doc as PDF to out.
DOCEXPORT_API void write_pdf(const Document& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink);

// The same, for a document the caller gives up (std::move(doc)): the blocks of each section are freed as soon as
// the writer is done with them, so that a long book's memory is given back while it is written. The output is the
// same; afterwards doc keeps its metadata and each section's title and metadata, and its sections have no blocks
// (some of them, when the writer throws).
DOCEXPORT_API void write_epub(Document&& doc, const std::filesystem::path& path, const WriteOptions& options,
                              DiagnosticSink& sink);
DOCEXPORT_API void write_epub(Document&& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink);
DOCEXPORT_API void write_pdf(Document&& doc, const std::filesystem::path& path, const WriteOptions& options,
                             DiagnosticSink& sink);
DOCEXPORT_API void write_pdf(Document&& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink);

// Returns the quotation style the style that options and doc name (options.style, else the document's, else the
// default) asks for (its text: quotes:). The writers print the text as the model has it: apply it to the
// document with normalize_quotes after reading, as the command does unless --quotes was given. Throws what
// write_pdf would for a style that cannot be loaded.
DOCEXPORT_API Quotes style_quotes(const Document& doc, const WriteOptions& options);

// Returns the pages the PDF would have as text: one line per placed line of text, with its position and font
// (the format of docexport --dump-layout, documented in docs/layout.md).
DOCEXPORT_API std::string dump_layout(const Document& doc, const WriteOptions& options, DiagnosticSink& sink);

// Writes bytes to path. A regular file or a new path is replaced atomically: a temporary file in the same
// directory (mode 0666 less the umask), fsync, then rename; a failure leaves no file and keeps an existing one.
// A symbolic link (or a chain of them) is followed and its final target replaced atomically, so the link stays
// a link. An existing FIFO, character or block device is opened and written in place, never replaced (opening a
// FIFO waits for a reader). Throws Error(output) naming path, with the system's message (e.g. ENOSPC).
DOCEXPORT_API void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Takes the next piece of an output (the pieces in order make the whole).
using OutputPiece = std::function<void(std::string_view)>;
// Makes an output: gives it to put piece by piece, then returns; throws to give up.
using OutputProducer = std::function<void(const OutputPiece& put)>;
// Writes what produce makes to path as the bytes above are written, without holding the whole in memory: a regular
// file's temporary is made at the first piece (nothing appears beside path before there is output) and removed
// if produce throws. A FIFO or device gets the bytes once produce has made all of them.
DOCEXPORT_API void write_file_atomically(const std::filesystem::path& path, const OutputProducer& produce);

}  // namespace docexport
