// The navigation of the PDF: link annotations (internal and URI), the outline (bookmarks) and page labels.
#pragma once

#include "pdf/hpdf_document.hpp"
#include "pdf/structure.hpp"
#include "pdf/metadata.hpp"

#include "layout/page.hpp"

#include <docexport/diagnostics.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace docexport::pdf {

// Writes what lets a reader move around the document. pages[i] is the page object of page i and heights[i] its
// height; a target is a page index and a y from that page's top. What is written is added to the document
// identifier. All references must outlive this object.
class NavigationWriter {
public:
    NavigationWriter(HpdfDocument& doc, const std::vector<HPDF_Page>& pages, const std::vector<double>& heights,
                     DiagnosticSink& sink, DocumentId& id)
        : doc_(doc), pages_(pages), heights_(heights), sink_(sink), id_(id) {}

    // Adds page i's links: URI links (percent-encoded) and internal links to [page /XYZ null top null], without
    // a border and with /F 4. A link to a page that does not exist is reported and left out. Appends each link
    // annotation made, with its link's structure node, to annotations.
    void write_links(std::size_t page, const std::vector<layout::LinkArea>& links,
                     std::vector<TaggedAnnotation>& annotations);
    // Writes the outline (nested by level, UTF-16 titles, top level open) and shows it when the document opens.
    void write_outline(const std::vector<layout::OutlineEntry>& outline);
    // Writes /PageLabels from the ranges.
    void write_page_labels(const std::vector<layout::PageLabelRange>& labels);

private:
    HpdfDocument& doc_;
    const std::vector<HPDF_Page>& pages_;
    const std::vector<double>& heights_;
    DiagnosticSink& sink_;
    DocumentId& id_;

    // Returns [page /XYZ null top null] for y on page page_index (top clamped to the page), as libharu writes it.
    std::string destination(std::size_t page_index, double y) const;
    // Returns the annotation made, or null.
    HPDF_Annotation write_link(HPDF_Page page, double page_height, const layout::LinkArea& link);
};

}  // namespace docexport::pdf
