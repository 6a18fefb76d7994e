#include "epub/cover.hpp"

namespace docexport::epub {

namespace {

void paragraph(pugi::xml_node parent, const char* cls, const std::string& s, CharUse& chars) {
    if (s.empty()) return;
    pugi::xml_node p = parent.append_child("p");
    p.append_attribute("class") = cls;
    std::string t = clean_text(s);
    chars.add(t, false);
    p.text().set(t.c_str());
}

}  // namespace

std::string render_cover(const CoverInput& in, CharUse& chars) {
    pugi::xml_document xml = new_xml_document(true);
    pugi::xml_node html = start_xhtml(xml, in.language, in.title, in.stylesheets);
    pugi::xml_node body = html.append_child("body");
    pugi::xml_node section = body.append_child("section");
    section.append_attribute("epub:type") = "cover";
    section.append_attribute("id") = "cover";
    std::string title = clean_text(in.title);
    if (!in.image_href.empty()) {
        section.append_attribute("class") = "cover cover-image";
        pugi::xml_node img = section.append_child("img");
        img.append_attribute("src") = in.image_href.c_str();
        img.append_attribute("alt") = title.c_str();
        img.append_attribute("role") = "doc-cover";
        chars.add(title, false);
        return save_xml(xml, true);
    }
    section.append_attribute("class") = "cover generated-cover";
    pugi::xml_node h1 = section.append_child("h1");
    h1.append_attribute("class") = "cover-title";
    chars.add(title, true);
    h1.text().set(title.c_str());
    paragraph(section, "cover-subtitle", in.subtitle, chars);
    std::string authors;
    for (const std::string& a : in.authors) {
        if (!authors.empty()) authors += "、";
        authors += a;
    }
    paragraph(section, "cover-authors", authors, chars);
    paragraph(section, "cover-publisher", in.publisher, chars);
    paragraph(section, "cover-date", in.date, chars);
    return save_xml(xml, true);
}

}  // namespace docexport::epub
