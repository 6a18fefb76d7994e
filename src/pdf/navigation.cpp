#include "pdf/navigation.hpp"

#include "pdf/text.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace docexport::pdf {

PdfArray NavigationWriter::destination(std::size_t page_index, double y) {
    double h = heights_[page_index];
    return doc_.new_destination(pages_[page_index], std::clamp(h - y, 0.0, h));
}

void NavigationWriter::write_links(std::size_t page, const std::vector<layout::LinkArea>& links,
                                   std::vector<TaggedAnnotation>& annotations) {
    for (const auto& link : links)
        if (HPDF_Annotation annotation = write_link(pages_[page], heights_[page], link))
            annotations.push_back(TaggedAnnotation{page, annotation, link.tag});
}

HPDF_Annotation NavigationWriter::write_link(HPDF_Page page, double h, const layout::LinkArea& link) {
    // A dictionary of raw entries (a book has tens of thousands of links, and libharu's own annotations take
    // kilobytes each), written as libharu writes a link annotation.
    double bottom = h - link.y - link.height, top = h - link.y;
    if (top < bottom) std::swap(top, bottom);
    std::string page_ref = HpdfDocument::reference(page);
    std::string e = "/Rect [ " + HpdfDocument::real(link.x) + ' ' + HpdfDocument::real(bottom) + ' ' +
                    HpdfDocument::real(link.x + link.width) + ' ' + HpdfDocument::real(top) + " ]\n/Type /Annot\n/Subtype /Link\n";
    if (!link.uri.empty()) {
        std::string uri = percent_encode_uri(link.uri);
        e += "/A <<\n/Type /Action\n/S /URI\n/URI " + HpdfDocument::literal(uri) + "\n>>\n";
        id_.add(uri);
    } else {
        if (link.target_page >= pages_.size()) {
            sink_.warn({}, "a link points to page " + std::to_string(link.target_page + 1) + " of " +
                               std::to_string(pages_.size()) + "; left out");
            return nullptr;
        }
        double target_h = heights_[link.target_page];
        e += "/Dest [ " + HpdfDocument::reference(pages_[link.target_page]) + " /XYZ null " +
             HpdfDocument::real(std::clamp(target_h - link.target_y, 0.0, target_h)) + " null ]\n";
        id_.add(std::to_string(link.target_page));
    }
    // No border; /F 4: Print (PDF/A wants it).
    e += "/P " + page_ref + "\n/Border [ 0 0 0 ]\n/F 4\n";
    // What the link is, for assistive technology (PDF/UA): its text, else (no text, or a piece of an address
    // broken over two lines) its address, else the page it goes to.
    std::string_view says = link.text;
    while (!says.empty() && (says.back() == ' ' || says.back() == '\n')) says.remove_suffix(1);
    if (says.empty() || (!link.uri.empty() && link.uri.find(says) != std::string::npos)) says = link.uri;
    e += "/Contents " + HpdfDocument::text(says.empty() ? "page " + std::to_string(link.target_page + 1) : std::string(says)) + "\n";
    PdfDict annot = doc_.new_raw_dict();
    doc_.set_raw_entries(annot, std::move(e));
    doc_.add_annotation(page, annot);
    return annot.get();
}

void NavigationWriter::write_outline(const std::vector<layout::OutlineEntry>& outline) {
    if (outline.empty()) return;
    std::vector<std::pair<int, HPDF_Outline>> open;  // the chain of ancestors: (level, item)
    for (const auto& entry : outline) {
        if (entry.page >= pages_.size()) {
            sink_.warn({}, "outline entry '" + entry.title + "' points past the last page; left out");
            continue;
        }
        while (!open.empty() && open.back().first >= entry.level) open.pop_back();
        HPDF_Outline parent = open.empty() ? nullptr : open.back().second;
        HPDF_Outline item = HPDF_CreateOutline(doc_.get(), parent, "", nullptr);
        doc_.check("creating an outline entry");
        // libharu's titles lose characters beyond the BMP: the title is written as UTF-16BE here.
        PdfDict(item).set_text("Title", entry.title);
        HPDF_Outline_SetDestination(item, destination(entry.page, entry.y).get());
        HPDF_Outline_SetOpened(item, open.empty() ? HPDF_TRUE : HPDF_FALSE);
        PdfDict(item).remove("Type");  // libharu marks items /Type /Outlines; only the root is one
        doc_.check("creating an outline entry");
        id_.add(entry.title);
        open.emplace_back(entry.level, item);
    }
    HPDF_SetPageMode(doc_.get(), HPDF_PAGE_MODE_USE_OUTLINE);
    doc_.check("showing the outline");
}

void NavigationWriter::write_page_labels(const std::vector<layout::PageLabelRange>& labels) {
    if (labels.empty()) return;
    std::vector<layout::PageLabelRange> ranges = labels;
    std::stable_sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // The number tree must start at page 0: plain decimal numbers until the first range.
    if (ranges.front().first != 0) doc_.add_page_label(0, PageNumbering::decimal, {}, 1);
    std::size_t last = static_cast<std::size_t>(-1);
    for (const auto& r : ranges) {
        if (r.first == last || r.first >= pages_.size()) continue;
        last = r.first;
        PageNumbering numbering = r.style == layout::PageLabelRange::Style::decimal       ? PageNumbering::decimal
                                  : r.style == layout::PageLabelRange::Style::roman_lower ? PageNumbering::roman_lower
                                                                                           : PageNumbering::none;
        doc_.add_page_label(r.first, numbering, r.prefix, r.start);
        id_.add(r.prefix + std::to_string(r.first));
    }
}

}  // namespace docexport::pdf
