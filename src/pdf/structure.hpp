// The structure tree of a tagged PDF (ISO 32000-1, 14.7–14.8; docs/pdf.md, "Tagged PDF"): layout's structure
// (layout/structure.hpp) as StructElem dictionaries, the marked content of the pages (MCIDs) and the link
// annotations (OBJR) as their kids, a parent tree, /StructParents on pages, /StructParent on annotations, /Tabs /S,
// and /MarkInfo << /Marked true >>.
#pragma once

#include "layout/structure.hpp"
#include "pdf/hpdf_document.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace docexport::pdf {

// A link annotation and the structure node its link's text belongs to.
struct TaggedAnnotation {
    std::size_t page = 0;
    HPDF_Annotation annotation = nullptr;   // made by HpdfDocument::new_raw_dict
    std::int32_t tag = layout::untagged;
};

// Writes the structure tree. nodes: layout's structure (node 0 is the Document; an empty list gets one);
// marks[p]: the structure node of each MCID of pages[p], by MCID; annotations: the link annotations, each a kid
// of its node when that is a Link, else of a Link node made for it under its node (under the Document when it
// has none). A node's kids are ordered by where their content first comes (page, then MCID); a node that nothing
// on the pages belongs to is left out. /Lang is written on nodes whose language differs from language. pack: the
// elements and the parent tree's arrays go into object streams (HpdfDocument::pack_objects; call it after every
// other object is made), else each is an object of its own (PDF/A: no cross-reference stream beside the table).
// Returns how many Figure elements it wrote without alternate text.
std::size_t write_structure(HpdfDocument& doc, std::vector<layout::StructNode> nodes, const std::vector<HPDF_Page>& pages,
                     const std::vector<std::vector<std::int32_t>>& marks,
                     const std::vector<TaggedAnnotation>& annotations, const std::string& language, bool pack);

// Returns the standard structure type of node (e.g. "P", "H2", "TOCI").
std::string structure_type(const layout::StructNode& node);

}  // namespace docexport::pdf
