#include "pdf/navigation.hpp"

#include "pdf/text.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace docexport::pdf {

std::string NavigationWriter::destination(std::size_t page_index, double y) const {
    double h = heights_[page_index];
    return "[ " + HpdfDocument::reference(pages_[page_index]) + " /XYZ null " + HpdfDocument::real(std::clamp(h - y, 0.0, h)) +
           " null ]";
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
        e += "/Dest " + destination(link.target_page, link.target_y) + "\n";
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
    // The items in order, nested by level (an item's parent: the last earlier item of a lower level).
    struct Item {
        const layout::OutlineEntry* entry;
        std::size_t parent;   // index + 1; 0 = the root
        std::size_t first = 0, last = 0, prev = 0, next = 0;   // index + 1; 0 = none
        bool opened;          // the top level is open
        PdfDict dict;
    };
    std::vector<Item> items;
    std::vector<std::pair<int, std::size_t>> open;   // the chain of ancestors: (level, index + 1)
    for (const auto& entry : outline) {
        if (entry.page >= pages_.size()) {
            sink_.warn({}, "outline entry '" + entry.title + "' points past the last page; left out");
            continue;
        }
        while (!open.empty() && open.back().first >= entry.level) open.pop_back();
        items.push_back(Item{&entry, open.empty() ? 0 : open.back().second, 0, 0, 0, 0, open.empty(), {}});
        open.emplace_back(entry.level, items.size());
    }
    if (items.empty()) return;
    // Dictionaries of raw entries (a book has tens of thousands of headings, and libharu's own outline items take
    // kilobytes each), numbered and written as libharu numbers and writes its outline: the root, then the items.
    PdfDict root = doc_.new_raw_dict();
    doc_.catalog().set("Outlines", root);
    std::size_t root_first = 0, root_last = 0;
    for (std::size_t k = 0; k < items.size(); ++k) {
        items[k].dict = doc_.new_raw_dict();
        std::size_t p = items[k].parent;
        std::size_t& first = p ? items[p - 1].first : root_first;
        std::size_t& last = p ? items[p - 1].last : root_last;
        if (!first) first = k + 1;
        if (last) {
            items[last - 1].next = k + 1;
            items[k].prev = last;
        }
        last = k + 1;
    }
    // /Count: the items shown under an item (its children, and theirs under an open child), negative when the
    // item is closed; none when it has no children.
    std::vector<long> shown(items.size(), 0);
    for (std::size_t k = items.size(); k-- > 0;)
        for (std::size_t c = items[k].first; c; c = items[c - 1].next) shown[k] += 1 + (items[c - 1].opened ? shown[c - 1] : 0);
    long root_shown = 0;
    for (std::size_t c = root_first; c; c = items[c - 1].next) root_shown += 1 + (items[c - 1].opened ? shown[c - 1] : 0);
    auto ref = [&](std::size_t index) { return HpdfDocument::reference(items[index - 1].dict.get()); };
    const std::string root_ref = HpdfDocument::reference(root.get());
    for (std::size_t k = 0; k < items.size(); ++k) {
        const Item& item = items[k];
        const layout::OutlineEntry& entry = *item.entry;
        std::string e = "/Title " + HpdfDocument::text(entry.title) + "\n";
        if (item.prev) e += "/Prev " + ref(item.prev) + "\n";
        e += "/Parent " + (item.parent ? ref(item.parent) : root_ref) + "\n";
        e += "/Dest " + destination(entry.page, entry.y) + "\n";
        if (item.first) e += "/First " + ref(item.first) + "\n/Last " + ref(item.last) + "\n";
        if (item.next) e += "/Next " + ref(item.next) + "\n";
        if (shown[k]) e += "/Count " + std::to_string(item.opened ? shown[k] : -shown[k]) + "\n";
        doc_.set_raw_entries(item.dict, std::move(e));
        id_.add(entry.title);
    }
    doc_.set_raw_entries(root, "/Type /Outlines\n/First " + ref(root_first) + "\n/Last " + ref(root_last) + "\n/Count " +
                                   std::to_string(root_shown) + "\n");
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
