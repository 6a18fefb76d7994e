#include "pdf/structure.hpp"

#include "pdf/text.hpp"

#include <algorithm>
#include <climits>
#include <span>
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
using Key = std::pair<std::uint32_t, std::int32_t>;
constexpr Key no_key{UINT32_MAX, INT32_MAX};

// A kid of a structure element, 12 bytes: marked content (its MCID is the key's), an annotation (by index), or a
// child element. The kids of all elements are one array, grouped by their element (a vector per element would
// take more than the kids themselves in a book of a million elements).
struct Kid {
    Key key;
    std::int32_t ref = -1;   // >= 0: a child element; -1: marked content; <= -2: annotation -2 - ref

    std::int32_t node() const { return ref >= 0 ? ref : -1; }
    std::int32_t mcid() const { return ref == -1 ? key.second : -1; }
    std::int32_t annotation() const { return ref <= -2 ? -2 - ref : -1; }
};

// Returns a PDF text string: a literal for printable ASCII (only its delimiters escaped), else UTF-16BE with its
// byte order mark, in hex, as HpdfDocument::text writes it.
std::string text_string(const std::string& utf8_text) {
    if (!is_printable_ascii(utf8_text)) return HpdfDocument::text(utf8_text);
    std::string out = "(";
    for (char c : utf8_text) {
        if (c == '(' || c == ')' || c == '\\') out += '\\';
        out += c;
    }
    return out + ")";
}

}  // namespace

std::size_t write_structure(HpdfDocument& doc, std::vector<StructNode> nodes, const std::vector<HPDF_Page>& pages,
                     const std::vector<std::vector<std::int32_t>>& marks,
                     const std::vector<TaggedAnnotation>& annotations, const std::string& language, bool pack) {
    if (nodes.empty() || nodes.front().role != StructRole::document) {
        // Content from a layout without structure belongs to the Document.
        nodes.clear();
        nodes.emplace_back().role = StructRole::document;
    }
    auto node_of = [&](std::int32_t tag) {
        return tag >= 0 && static_cast<std::size_t>(tag) < nodes.size() ? static_cast<std::size_t>(tag) : 0;
    };
    // The node of a marked content (marks name the nodes layout made, not the Links added below).
    auto mark_node = [&, made = nodes.size()](std::int32_t tag) {
        return tag >= 0 && static_cast<std::size_t>(tag) < made ? static_cast<std::size_t>(tag) : 0;
    };
    // Annotations: a kid of their Link node; a link whose text is in another node gets a Link of its own there.
    std::vector<std::size_t> annotation_node(annotations.size());
    for (std::size_t a = 0; a < annotations.size(); ++a) {
        std::size_t n = node_of(annotations[a].tag);
        if (nodes[n].role != StructRole::link) {
            StructNode& link = nodes.emplace_back();
            link.role = StructRole::link;
            link.parent = static_cast<std::int32_t>(n);
            n = nodes.size() - 1;
        }
        annotation_node[a] = n;
    }
    const std::size_t page_count = std::min(marks.size(), pages.size());
    auto annotation_key = [&](std::size_t a) { return Key{static_cast<std::uint32_t>(annotations[a].page), INT32_MAX}; };
    // Where each node's content first comes, its descendants' included (a parent's id is below its children's).
    std::vector<Key> first(nodes.size(), no_key);
    for (std::size_t p = 0; p < page_count; ++p)
        for (std::size_t m = 0; m < marks[p].size(); ++m) {
            Key& f = first[mark_node(marks[p][m])];
            f = std::min(f, Key{static_cast<std::uint32_t>(p), static_cast<std::int32_t>(m)});
        }
    for (std::size_t a = 0; a < annotations.size(); ++a)
        first[annotation_node[a]] = std::min(first[annotation_node[a]], annotation_key(a));
    // A child element is a kid of its parent (of the Document when its parent is not before it).
    auto parent_of = [&](std::size_t n) {
        auto parent = nodes[n].parent;
        return parent >= 0 && static_cast<std::size_t>(parent) < n ? static_cast<std::size_t>(parent) : 0;
    };
    for (std::size_t n = nodes.size(); n-- > 1;)
        if (first[n] != no_key) first[parent_of(n)] = std::min(first[parent_of(n)], first[n]);
    // The kids of node n: kids[begin[n], begin[n + 1]), counted, placed, then each node's sorted.
    std::vector<std::uint32_t> begin(nodes.size() + 1, 0);
    for (std::size_t p = 0; p < page_count; ++p)
        for (std::int32_t tag : marks[p]) ++begin[mark_node(tag) + 1];
    for (std::size_t n : annotation_node) ++begin[n + 1];
    for (std::size_t n = 1; n < nodes.size(); ++n)
        if (first[n] != no_key) ++begin[parent_of(n) + 1];   // nothing on the pages belongs to it otherwise
    for (std::size_t n = 0; n < nodes.size(); ++n) begin[n + 1] += begin[n];
    std::vector<Kid> kids(begin.back());
    {
        std::vector<std::uint32_t> next(begin.begin(), begin.end() - 1);
        for (std::size_t p = 0; p < page_count; ++p)
            for (std::size_t m = 0; m < marks[p].size(); ++m)
                kids[next[mark_node(marks[p][m])]++] = Kid{{static_cast<std::uint32_t>(p), static_cast<std::int32_t>(m)}, -1};
        for (std::size_t a = 0; a < annotations.size(); ++a)
            kids[next[annotation_node[a]]++] = Kid{annotation_key(a), -2 - static_cast<std::int32_t>(a)};
        for (std::size_t n = 1; n < nodes.size(); ++n)
            if (first[n] != no_key) kids[next[parent_of(n)]++] = Kid{first[n], static_cast<std::int32_t>(n)};
    }
    std::vector<Key>().swap(first);
    // A child element before the marked content it starts with; elements by id, annotations in order, where keys
    // are equal.
    auto rank = [](const Kid& k) { return std::tuple(k.key, k.node() < 0 ? 1 : 0, k.node(), k.mcid(), k.annotation()); };
    for (std::size_t n = 0; n < nodes.size(); ++n)
        std::sort(kids.begin() + begin[n], kids.begin() + begin[n + 1],
                  [&](const Kid& a, const Kid& b) { return rank(a) < rank(b); });
    auto kids_of = [&](std::size_t n) {
        return std::span<const Kid>(kids.data() + begin[n], begin[n + 1] - begin[n]);
    };

    // The elements, parents first (so that they are numbered in reading order), then each page's parent array:
    // packed objects (HpdfDocument::pack_objects), after the root, which the catalog points at.
    PdfDict root = doc.new_raw_dict();
    std::vector<std::uint32_t> order;
    std::vector<std::uint32_t> position(nodes.size(), 0);
    std::vector<std::uint32_t> stack{0};
    while (!stack.empty()) {
        std::uint32_t n = stack.back();
        stack.pop_back();
        position[n] = static_cast<std::uint32_t>(order.size());
        order.push_back(n);
        auto list = kids_of(n);
        for (auto it = list.rbegin(); it != list.rend(); ++it)
            if (it->node() >= 0) stack.push_back(static_cast<std::uint32_t>(it->node()));
    }
    std::size_t marked_pages = 0;
    for (std::size_t p = 0; p < pages.size() && p < marks.size(); ++p) marked_pages += marks[p].empty() ? 0 : 1;
    // Unpacked: an object of libharu's each (raw entries), the parent arrays too.
    std::vector<PdfDict> unpacked;
    const std::uint32_t first_number = pack ? doc.pack_objects(order.size() + marked_pages) : 0;
    if (!pack)
        for (std::size_t k = 0; k < order.size(); ++k) unpacked.push_back(doc.new_raw_dict());
    auto element = [&](std::size_t n) {
        return pack ? std::to_string(first_number + position[n]) + " 0 R" : HpdfDocument::reference(unpacked[position[n]].get());
    };
    std::vector<std::string> page_refs(pages.size());
    for (std::size_t p = 0; p < pages.size(); ++p) page_refs[p] = HpdfDocument::reference(pages[p]);
    const std::string root_ref = HpdfDocument::reference(root.get());
    std::size_t without_alt = 0;
    for (std::size_t n : order) {
        const StructNode& node = nodes[n];
        if (node.role == StructRole::figure && node.text().empty()) ++without_alt;
        std::string e = "/S /" + structure_type(node) + " /P " +
                        (n == 0 ? root_ref : element(static_cast<std::size_t>(node.parent >= 0 ? node.parent : 0)));
        // /Pg: the page of its first marked content; kids on other pages are marked-content references.
        std::size_t page = SIZE_MAX;
        auto list = kids_of(n);
        for (const Kid& k : list)
            if (k.mcid() >= 0) {
                page = k.key.first;
                break;
            }
        if (page != SIZE_MAX) e += " /Pg " + page_refs[page];
        if (list.size() == 1 && list.front().mcid() >= 0) {
            e += " /K " + std::to_string(list.front().mcid());
        } else {
            e += " /K [";
            for (const Kid& kid : list) {
                if (kid.node() >= 0)
                    e += ' ' + element(static_cast<std::size_t>(kid.node()));
                else if (kid.annotation() >= 0)
                    e += " <</Type /OBJR /Pg " + page_refs[kid.key.first] + " /Obj " +
                         HpdfDocument::reference(annotations[static_cast<std::size_t>(kid.annotation())].annotation) + ">>";
                else if (kid.key.first == page)
                    e += ' ' + std::to_string(kid.mcid());
                else
                    e += " <</Type /MCR /Pg " + page_refs[kid.key.first] + " /MCID " + std::to_string(kid.mcid()) + ">>";
            }
            e += " ]";
        }
        if (node.role == StructRole::figure && !node.text().empty()) e += " /Alt " + text_string(node.text());
        if (node.role == StructRole::ruby_text && !node.text().empty()) e += " /ActualText " + text_string(node.text());
        if (node.role == StructRole::table_header)
            e += std::string(" /A <</O /Table /Scope /") + (node.row_scope ? "Row" : "Column") + ">>";
        if (!node.lang().empty() && node.lang() != language && is_printable_ascii(node.lang())) e += " /Lang " + text_string(node.lang());
        if (pack) doc.set_packed(position[n], "<<" + e + ">>");
        else doc.set_raw_entries(unpacked[position[n]], e + '\n');
    }

    // The parent tree: each page's MCIDs to their elements (key: the page's number), each annotation to its Link
    // (keys after the pages').
    std::string nums;
    std::size_t array = order.size();
    for (std::size_t p = 0; p < pages.size(); ++p) {
        bool marked = p < marks.size() && !marks[p].empty();
        doc.set_page_structure(pages[p], marked ? static_cast<std::int32_t>(p) : -1);
        if (!marked) continue;
        if (pack) {
            std::string parents = "[";
            for (std::int32_t tag : marks[p]) parents += ' ' + element(node_of(tag));
            doc.set_packed(array, parents + " ]");
            nums += ' ' + std::to_string(p) + ' ' + std::to_string(first_number + array) + " 0 R";
            ++array;
        } else {
            PdfArray parents = doc.new_indirect_array();
            for (std::int32_t tag : marks[p]) parents.add(unpacked[position[node_of(tag)]]);
            nums += ' ' + std::to_string(p) + ' ' + HpdfDocument::reference(parents.get());
        }
    }
    auto key = static_cast<std::int32_t>(pages.size());
    for (std::size_t a = 0; a < annotations.size(); ++a, ++key) {
        doc.append_raw_entries(PdfDict(annotations[a].annotation), "/StructParent " + std::to_string(key) + "\n");
        nums += ' ' + std::to_string(key) + ' ' + element(annotation_node[a]);
    }
    doc.set_raw_entries(root, "/Type /StructTreeRoot /K " + element(0) + " /ParentTree <</Nums [" + nums +
                                  " ]>> /ParentTreeNextKey " + std::to_string(key) + "\n");
    PdfDict mark_info = doc.new_direct_dict();
    mark_info.set_boolean("Marked", true);
    doc.catalog().set("StructTreeRoot", root).set("MarkInfo", mark_info);
    doc.check("writing the structure tree");
    return without_alt;
}

}  // namespace docexport::pdf
