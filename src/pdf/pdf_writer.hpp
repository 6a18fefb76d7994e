// The PDF backend: serialises a laid-out document (layout/page.hpp) with libharu. It never shapes or breaks
// lines; fonts become Type0/CID fonts with subsets, ToUnicode and CIDSet (see docs/pdf.md).
#pragma once

#include "layout/cover_page.hpp"
#include "layout/layout.hpp"
#include "layout/page.hpp"
#include "layout/settings.hpp"
#include "support/pdf_standard.hpp"

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>
#include <docexport/progress.hpp>
#include <docexport/writers.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace docexport::pdf {

// How to write the PDF.
struct PdfOptions {
    // CreationDate/ModDate in seconds since 1970 (SOURCE_DATE_EPOCH); unset = the document's date, else 1970-01-01.
    std::optional<std::int64_t> source_date_epoch;
    // Info /Creator and XMP CreatorTool; empty = "docexport <version>".
    std::string creator;
    // Hears ProgressStage::layout (write_document) and ProgressStage::writing (fonts embedded), on the calling
    // thread; empty = no reports.
    ProgressCallback progress;
    // Pages turn right to left (vertical writing): /ViewerPreferences /Direction /R2L.
    bool right_to_left = false;
    // Also meet PDF/UA-1 and/or PDF/A-2u (identified in the XMP; PDF/A with an sRGB output intent); what they
    // forbid (no title or language, an image without alt text, an image with transparency or in CMYK) throws
    // Error(input) instead.
    support::PdfStandard standard;
};

// Returns the PDF bytes for layout with meta's metadata (Info, XMP, /Lang). The output depends only on the
// arguments (byte-identical for identical input). Throws Error for fatal problems (unusable font, libharu
// failure); content problems (a glyph without text, a missing image, .notdef) are reported to sink.
std::string write_layout(const layout::Layout& layout, const DocumentMeta& meta, const PdfOptions& options,
                         DiagnosticSink& sink);

// Lays doc out with settings (a cover page first when cover is given; image_bytes holds the images made in
// memory, by ImageBox::path) and hands the PDF to put in pieces once every page is written (nothing before), each
// page written as layout finishes it and then freed; section_done hears each section layout is done with
// (layout_document). Same output as write_layout of layout_document's Layout, but for font and object numbering.
void write_document(const Document& doc, const layout::LayoutSettings& settings, const DocumentMeta& meta,
                    const PdfOptions& options, DiagnosticSink& sink, const layout::CoverPicture* cover,
                    const std::map<std::string, std::shared_ptr<const std::string>>& image_bytes, const OutputPiece& put,
                    const layout::SectionDone& section_done = {});

}  // namespace docexport::pdf
