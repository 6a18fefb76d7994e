#include "epub/package.hpp"

namespace docexport::epub {

namespace {

pugi::xml_node element(pugi::xml_node parent, const char* name, const std::string& value) {
    pugi::xml_node n = parent.append_child(name);
    n.text().set(clean_text(value).c_str());
    return n;
}

pugi::xml_node property(pugi::xml_node metadata, const char* name, const std::string& value) {
    pugi::xml_node n = element(metadata, "meta", value);
    n.append_attribute("property") = name;
    return n;
}

}  // namespace

std::string render_package(const PackageInput& in) {
    pugi::xml_document xml = new_xml_document(false);
    pugi::xml_node package = xml.append_child("package");
    package.append_attribute("xmlns") = "http://www.idpf.org/2007/opf";
    package.append_attribute("version") = "3.0";
    package.append_attribute("unique-identifier") = "uid";
    if (!in.language.empty()) package.append_attribute("xml:lang") = in.language.c_str();

    pugi::xml_node metadata = package.append_child("metadata");
    metadata.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    element(metadata, "dc:identifier", in.identifier).append_attribute("id") = "uid";
    element(metadata, "dc:title", in.title).append_attribute("id") = "title";
    property(metadata, "title-type", "main").append_attribute("refines") = "#title";
    // The subtitle is on the cover page, not in a second dc:title: many readers show the last or both.
    element(metadata, "dc:language", in.language.empty() ? "und" : in.language);
    for (std::size_t i = 0; i < in.authors.size(); ++i) {
        std::string id = "creator" + std::to_string(i + 1);
        element(metadata, "dc:creator", in.authors[i]).append_attribute("id") = id.c_str();
        pugi::xml_node role = property(metadata, "role", "aut");
        role.append_attribute("refines") = ("#" + id).c_str();
        role.append_attribute("scheme") = "marc:relators";
    }
    if (!in.publisher.empty()) element(metadata, "dc:publisher", in.publisher);
    if (!in.source.empty()) element(metadata, "dc:source", in.source);
    if (!in.description.empty()) element(metadata, "dc:description", in.description);
    if (!in.date.empty()) element(metadata, "dc:date", in.date);
    property(metadata, "dcterms:modified", in.modified);
    // Accessibility metadata (EPUB Accessibility 1.1, schema.org).
    property(metadata, "schema:accessMode", "textual");
    if (in.has_images) property(metadata, "schema:accessMode", "visual");
    if (!in.has_images || in.images_have_alt) property(metadata, "schema:accessModeSufficient", "textual");
    if (in.has_images) property(metadata, "schema:accessModeSufficient", "textual,visual");
    for (const char* f : {"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"})
        property(metadata, "schema:accessibilityFeature", f);
    if (in.has_ruby) property(metadata, "schema:accessibilityFeature", "rubyAnnotations");
    if (in.has_images && in.images_have_alt) property(metadata, "schema:accessibilityFeature", "alternativeText");
    property(metadata, "schema:accessibilityHazard", "none");
    if (in.conforms) property(metadata, "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA");
    // What the book has, as a reader choosing it would want to know.
    std::string summary = "Reflowable text in reading order, with a full table of contents and headings that do not "
                          "skip levels.";
    if (in.vertical) summary += " Set in vertical lines, read right to left.";
    if (in.embedded_fonts) summary += " Fonts are embedded as subsets; readers may replace them.";
    if (in.has_ruby) summary += " Pronunciation is given as ruby.";
    if (in.has_tables && in.tables_have_headers) summary += " Tables mark their header cells.";
    if (in.has_images) summary += in.images_have_alt ? " Images have text alternatives." : " Some images lack text alternatives.";
    if (in.conforms) summary += " Meets EPUB Accessibility 1.1 at WCAG 2.2 Level AA.";
    property(metadata, "schema:accessibilitySummary", summary);
    if (in.vertical) {
        pugi::xml_node m = metadata.append_child("meta");
        m.append_attribute("name") = "primary-writing-mode";
        m.append_attribute("content") = "vertical-rl";
    }
    if (!in.cover_image_id.empty()) {
        pugi::xml_node m = metadata.append_child("meta");
        m.append_attribute("name") = "cover";
        m.append_attribute("content") = in.cover_image_id.c_str();
    }

    pugi::xml_node manifest = package.append_child("manifest");
    for (const Resource* r : in.manifest) {
        pugi::xml_node item = manifest.append_child("item");
        item.append_attribute("id") = r->id.c_str();
        item.append_attribute("href") = r->href.c_str();
        item.append_attribute("media-type") = r->media_type.c_str();
        if (!r->properties.empty()) item.append_attribute("properties") = r->properties.c_str();
    }
    pugi::xml_node spine = package.append_child("spine");
    if (!in.ncx_id.empty()) spine.append_attribute("toc") = in.ncx_id.c_str();
    if (in.vertical) spine.append_attribute("page-progression-direction") = "rtl";
    for (const std::string& id : in.spine) spine.append_child("itemref").append_attribute("idref") = id.c_str();
    return save_xml(xml, true);
}

std::string render_container() {
    pugi::xml_document xml = new_xml_document(false);
    pugi::xml_node container = xml.append_child("container");
    container.append_attribute("version") = "1.0";
    container.append_attribute("xmlns") = "urn:oasis:names:tc:opendocument:xmlns:container";
    pugi::xml_node rootfile = container.append_child("rootfiles").append_child("rootfile");
    rootfile.append_attribute("full-path") = package_path;
    rootfile.append_attribute("media-type") = "application/oebps-package+xml";
    return save_xml(xml, true);
}

}  // namespace docexport::epub
