#include "epub/navigation.hpp"

#include <utility>

namespace docexport::epub {

namespace {

void add_text(pugi::xml_node node, const std::string& s, CharUse* chars, bool bold = false) {
    std::string t = clean_text(s);
    if (chars) chars->add(t, bold);
    node.text().set(t.c_str());
}

pugi::xml_node landmark(pugi::xml_node ol, const char* type, const std::string& href, const std::string& label, CharUse& chars) {
    pugi::xml_node a = ol.append_child("li").append_child("a");
    a.append_attribute("epub:type") = type;
    a.append_attribute("href") = href.c_str();
    add_text(a, label, &chars);
    return a;
}

}  // namespace

std::string render_nav(const NavigationInput& in, const std::vector<TocEntry>& toc, CharUse& chars) {
    Labels labels = labels_for(in.language);
    pugi::xml_document xml = new_xml_document(true);
    pugi::xml_node html = start_xhtml(xml, in.language, in.title.empty() ? labels.contents : in.title, in.stylesheets);
    pugi::xml_node body = html.append_child("body");
    pugi::xml_node nav = body.append_child("nav");
    nav.append_attribute("epub:type") = "toc";
    nav.append_attribute("id") = "toc";
    nav.append_attribute("role") = "doc-toc";
    add_text(nav.append_child("h1"), labels.contents, &chars, true);
    pugi::xml_node root = nav.append_child("ol");
    // A stack of (level, li): each entry goes into the <ol> of the nearest shallower entry.
    std::vector<std::pair<int, pugi::xml_node>> stack;
    for (const TocEntry& e : toc) {
        while (!stack.empty() && stack.back().first >= e.level) stack.pop_back();
        pugi::xml_node ol = root;
        if (!stack.empty()) {
            ol = stack.back().second.child("ol");
            if (!ol) ol = stack.back().second.append_child("ol");
        }
        pugi::xml_node li = ol.append_child("li");
        pugi::xml_node a = li.append_child("a");
        a.append_attribute("href") = e.href.c_str();
        add_text(a, e.label, &chars);
        stack.emplace_back(e.level, li);
    }
    if (toc.empty()) {
        pugi::xml_node a = root.append_child("li").append_child("a");
        a.append_attribute("href") = in.cover_href.c_str();
        add_text(a, labels.cover, &chars);
    }
    pugi::xml_node marks = body.append_child("nav");
    marks.append_attribute("epub:type") = "landmarks";
    marks.append_attribute("id") = "landmarks";
    marks.append_attribute("hidden") = "hidden";
    add_text(marks.append_child("h2"), labels.landmarks, &chars, true);
    pugi::xml_node ol = marks.append_child("ol");
    landmark(ol, "cover", in.cover_href, labels.cover, chars);
    landmark(ol, "toc", "nav.xhtml#toc", labels.contents, chars);
    if (!in.bodymatter_href.empty()) landmark(ol, "bodymatter", in.bodymatter_href, labels.bodymatter, chars);
    return save_xml(xml, true);
}

std::string render_ncx(const NavigationInput& in, const std::vector<TocEntry>& toc) {
    pugi::xml_document xml = new_xml_document(false);
    pugi::xml_node ncx = xml.append_child("ncx");
    ncx.append_attribute("xmlns") = "http://www.daisy.org/z3986/2005/ncx/";
    ncx.append_attribute("version") = "2005-1";
    if (!in.language.empty()) ncx.append_attribute("xml:lang") = in.language.c_str();
    pugi::xml_node head = ncx.append_child("head");
    auto meta = [&](const char* name, const std::string& content) {
        pugi::xml_node m = head.append_child("meta");
        m.append_attribute("name") = name;
        m.append_attribute("content") = content.c_str();
        return m;
    };
    meta("dtb:uid", in.identifier);
    pugi::xml_node depth = meta("dtb:depth", "1");
    meta("dtb:totalPageCount", "0");
    meta("dtb:maxPageNumber", "0");
    add_text(ncx.append_child("docTitle").append_child("text"), in.title, nullptr);
    pugi::xml_node map = ncx.append_child("navMap");
    std::vector<std::pair<int, pugi::xml_node>> stack;
    std::size_t order = 0, max_depth = 1;
    auto point = [&](pugi::xml_node parent, const std::string& label, const std::string& href) {
        ++order;
        pugi::xml_node np = parent.append_child("navPoint");
        np.append_attribute("id") = ("np-" + std::to_string(order)).c_str();
        np.append_attribute("playOrder") = std::to_string(order).c_str();
        add_text(np.append_child("navLabel").append_child("text"), label, nullptr);
        np.append_child("content").append_attribute("src") = href.c_str();
        return np;
    };
    for (const TocEntry& e : toc) {
        while (!stack.empty() && stack.back().first >= e.level) stack.pop_back();
        pugi::xml_node parent = stack.empty() ? map : stack.back().second;
        stack.emplace_back(e.level, point(parent, e.label, e.href));
        max_depth = std::max(max_depth, stack.size());
    }
    if (toc.empty()) point(map, labels_for(in.language).cover, in.cover_href);
    depth.attribute("content") = std::to_string(max_depth).c_str();
    return save_xml(xml, true);
}

}  // namespace docexport::epub
