#include "pdf/structure.hpp"

#include <algorithm>
#include <climits>
#include <limits>
#include <tuple>

namespace docexport::pdf {

using layout::StructNode;
using layout::StructRole;

std::string structure_type(const StructNode& node) {
    switch (node.role) {
    case StructRole::document: return "Document";
    case StructRole::sect: return "Sect";
    case StructRole::heading: return "H" + std::to_string(std::clamp<int>(node.level, 1, 6));
    case StructRole::paragraph: return "P";
    case StructRole::list: return "L";
    case StructRole::list_item: return "LI";
    case StructRole::label: return "Lbl";
    case StructRole::list_body: return "LBody";
    case StructRole::block_quote: return "BlockQuote";
    case StructRole::code: return "Code";
    case StructRole::table: return "Table";
    case StructRole::table_row: return "TR";
    case StructRole::table_header: return "TH";
    case StructRole::table_cell: return "TD";
    case StructRole::figure: return "Figure";
    case StructRole::caption: return "Caption";
    case StructRole::link: return "Link";
    case StructRole::note: return "Note";
    case StructRole::toc: return "TOC";
    case StructRole::toc_item: return "TOCI";
    case StructRole::ruby: return "Ruby";
    case StructRole::ruby_base: return "RB";
    case StructRole::ruby_text: return "RT";
    case StructRole::span: return "Span";
    }
    return "Span";
}

namespace {

// Where a piece of content comes: its page, then its MCID (an annotation after the page's marked content).
using Key = std::pair<std::size_t, std::int32_t>;
constexpr Key no_key{std::numeric_limits<std::size_t>::max(), INT32_MAX};

// A kid of a structure element: marked content (mcid >= 0), an annotation, or a child element (node >= 0).
struct Kid {
    Key key;
    std::int32_t mcid = -1;
    HPDF_Annotation annotation = nullptr;
    std::int32_t node = -1;
};

bool printable_ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

}  // namespace

std::size_t write_structure(HpdfDocument& doc, std::vector<StructNode> nodes, const std::vector<HPDF_Page>& pages,
                     const std::vector<std::vector<std::int32_t>>& marks,
                     const std::vector<TaggedAnnotation>& annotations, const std::string& language) {
    if (nodes.empty() || nodes.front().role != StructRole::document) {
        // Content from a layout without structure belongs to the Document.
        nodes.clear();
        nodes.emplace_back().role = StructRole::document;
    }
    auto node_of = [&](std::int32_t tag) {
        return tag >= 0 && static_cast<std::size_t>(tag) < nodes.size() ? static_cast<std::size_t>(tag) : 0;
    };
    // Every node's own content, in page and MCID order.
    std::vector<std::vector<Kid>> kids(nodes.size());
    for (std::size_t p = 0; p < marks.size() && p < pages.size(); ++p)
        for (std::size_t m = 0; m < marks[p].size(); ++m) {
            Kid k;
            k.key = {p, static_cast<std::int32_t>(m)};
            k.mcid = static_cast<std::int32_t>(m);
            kids[node_of(marks[p][m])].push_back(k);
        }
    // Annotations: a kid of their Link node; a link whose text is in another node gets a Link of its own there.
    std::vector<std::size_t> annotation_node(annotations.size());
    for (std::size_t a = 0; a < annotations.size(); ++a) {
        std::size_t n = node_of(annotations[a].tag);
        if (nodes[n].role != StructRole::link) {
            StructNode& link = nodes.emplace_back();
            link.role = StructRole::link;
            link.parent = static_cast<std::int32_t>(n);
            kids.emplace_back();
            n = nodes.size() - 1;
        }
        Kid k;
        k.key = {annotations[a].page, INT32_MAX};
        k.annotation = annotations[a].annotation;
        kids[n].push_back(k);
        annotation_node[a] = n;
    }
    // Where each node's content first comes, its descendants' included (a parent's id is below its children's).
    std::vector<Key> first(nodes.size(), no_key);
    for (std::size_t n = nodes.size(); n-- > 0;) {
        for (const Kid& k : kids[n]) first[n] = std::min(first[n], k.key);
        auto parent = nodes[n].parent;
        if (n > 0 && first[n] != no_key && parent >= 0 && static_cast<std::size_t>(parent) < n)
            first[static_cast<std::size_t>(parent)] = std::min(first[static_cast<std::size_t>(parent)], first[n]);
    }
    for (std::size_t n = 1; n < nodes.size(); ++n) {
        auto parent = nodes[n].parent;
        if (first[n] == no_key) continue;   // nothing on the pages belongs to it
        std::size_t to = parent >= 0 && static_cast<std::size_t>(parent) < n ? static_cast<std::size_t>(parent) : 0;
        Kid k;
        k.key = first[n];
        k.node = static_cast<std::int32_t>(n);
        kids[to].push_back(k);
    }
    for (auto& list : kids)
        std::sort(list.begin(), list.end(), [](const Kid& a, const Kid& b) {
            // A child element before the marked content it starts with; elements by id where keys are equal.
            auto rank = [](const Kid& k) { return std::tuple(k.key, k.node < 0 ? 1 : 0, k.node, k.mcid); };
            return rank(a) < rank(b);
        });

    // The elements, parents first (so that objects are numbered in reading order).
    PdfDict root = doc.new_dict();
    root.set_name("Type", "StructTreeRoot");
    std::vector<PdfDict> elements(nodes.size());
    std::vector<std::size_t> order;
    std::vector<std::size_t> stack{0};
    while (!stack.empty()) {
        std::size_t n = stack.back();
        stack.pop_back();
        order.push_back(n);
        elements[n] = doc.new_dict();
        for (auto it = kids[n].rbegin(); it != kids[n].rend(); ++it)
            if (it->node >= 0) stack.push_back(static_cast<std::size_t>(it->node));
    }
    std::size_t without_alt = 0;
    for (std::size_t n : order) {
        const StructNode& node = nodes[n];
        if (node.role == StructRole::figure && node.text.empty()) ++without_alt;
        PdfDict e = elements[n];
        e.set_name("Type", "StructElem").set_name("S", structure_type(node));
        e.set("P", n == 0 ? root : elements[static_cast<std::size_t>(node.parent >= 0 ? node.parent : 0)]);
        // /Pg: the page of its first marked content; kids on other pages are marked-content references.
        std::size_t page = SIZE_MAX;
        for (const Kid& k : kids[n])
            if (k.mcid >= 0) {
                page = k.key.first;
                break;
            }
        if (page != SIZE_MAX) e.set("Pg", PdfDict(pages[page]));
        if (kids[n].size() == 1 && kids[n].front().mcid >= 0) {
            e.set_number("K", kids[n].front().mcid);
        } else {
            PdfArray k = doc.new_array();
            for (const Kid& kid : kids[n]) {
                if (kid.node >= 0) {
                    k.add(elements[static_cast<std::size_t>(kid.node)]);
                } else if (kid.annotation) {
                    PdfDict objr = doc.new_direct_dict();
                    objr.set_name("Type", "OBJR").set("Pg", PdfDict(pages[kid.key.first])).set("Obj", PdfDict(kid.annotation));
                    k.add(objr);
                } else if (kid.key.first == page) {
                    k.add_number(kid.mcid);
                } else {
                    PdfDict mcr = doc.new_direct_dict();
                    mcr.set_name("Type", "MCR").set("Pg", PdfDict(pages[kid.key.first])).set_number("MCID", kid.mcid);
                    k.add(mcr);
                }
            }
            e.set("K", k);
        }
        if (node.role == StructRole::figure && !node.text.empty()) e.set_text("Alt", node.text);
        if (node.role == StructRole::ruby_text && !node.text.empty()) e.set_text("ActualText", node.text);
        if (node.role == StructRole::table_header) {
            PdfDict a = doc.new_direct_dict();
            a.set_name("O", "Table").set_name("Scope", node.row_scope ? "Row" : "Column");
            e.set("A", a);
        }
        if (!node.lang.empty() && node.lang != language && printable_ascii(node.lang)) e.set_ascii("Lang", node.lang);
    }
    doc.check("writing the structure tree");

    // The parent tree: each page's MCIDs to their elements (key: the page's number), each annotation to its Link
    // (keys after the pages').
    PdfArray nums = doc.new_array();
    for (std::size_t p = 0; p < pages.size(); ++p) {
        PdfDict page(pages[p]);
        page.set_name("Tabs", "S");
        if (p >= marks.size() || marks[p].empty()) continue;
        page.set_number("StructParents", static_cast<std::int32_t>(p));
        PdfArray parents = doc.new_indirect_array();
        for (std::int32_t tag : marks[p]) parents.add(elements[node_of(tag)]);
        nums.add_number(static_cast<std::int32_t>(p)).add(parents);
    }
    auto key = static_cast<std::int32_t>(pages.size());
    for (std::size_t a = 0; a < annotations.size(); ++a, ++key) {
        PdfDict(annotations[a].annotation).set_number("StructParent", key);
        nums.add_number(key).add(elements[annotation_node[a]]);
    }
    PdfDict tree = doc.new_direct_dict();
    tree.set("Nums", nums);
    root.set("K", elements[0]).set("ParentTree", tree).set_number("ParentTreeNextKey", key);
    PdfDict mark_info = doc.new_direct_dict();
    mark_info.set_boolean("Marked", true);
    doc.catalog().set("StructTreeRoot", root).set("MarkInfo", mark_info);
    doc.check("writing the parent tree");
    return without_alt;
}

}  // namespace docexport::pdf
