// The cover page the PDF opens with, when one is asked for.
#pragma once

#include "layout/cover_page.hpp"
#include "layout/page.hpp"
#include "writers/write_settings.hpp"

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>
#include <docexport/writers.hpp>

#include <memory>
#include <optional>
#include <string>

namespace docexport::pdf {

// A cover page: its image (a file, or the generated cover's bytes), the image's size in pixels, its page label.
struct CoverPage {
    layout::ImageBox image;
    std::shared_ptr<const std::string> bytes;   // the generated cover's PNG; null for a file
    double pixel_width = 0, pixel_height = 0;
    std::string label;
};

// Returns the cover page asked for: `--cover IMAGE` (PNG or JPEG), `--cover generated` (the generated cover
// in the style's fonts, at the page's proportions) or the manifest's `cover:`; nothing when none is. A --cover
// image that is missing or not PNG or JPEG throws Error(usage); a manifest's is a warning, and the generated
// cover is used instead. Throws Error(input) when the generated cover's fonts are not installed.
std::optional<CoverPage> cover_page(const Document& doc, const WriteOptions& options,
                                    const writers::WriteSettings& settings, DiagnosticSink& sink);

// Returns what layout puts on the cover page (layout::cover_page): the image fills the page.
layout::CoverPicture cover_picture(const CoverPage& cover);

// Reports a cover image of other proportions than the page's, which loses its edges, when more than a twentieth
// is cut.
void report_cover_cut(const CoverPage& cover, double page_width, double page_height, DiagnosticSink& sink);

}  // namespace docexport::pdf
