#include "epub/xml_output.hpp"

#include "support/code_points.hpp"

#include <string_view>

namespace docexport::epub {

namespace {

struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

}  // namespace

CharUse::CharUse() : flags_(0x110000, 0) {}

void CharUse::add(std::string_view utf8, bool bold) {
    std::uint8_t bits = bold ? 3 : 1;
    for (std::size_t i = 0; i < utf8.size();) {
        auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            flags_[c] |= bits;
            ++i;
            continue;
        }
        flags_[next_code_point(utf8, i)] |= bits;
    }
}

std::set<char32_t> CharUse::chars(bool bold) const {
    std::set<char32_t> out;
    std::uint8_t bit = bold ? 2 : 1;
    for (std::size_t c = 0x20; c < flags_.size(); ++c)
        if (flags_[c] & bit) out.insert(static_cast<char32_t>(c));
    return out;
}

std::string clean_text(std::string_view utf8) {
    // The common case, clean text, is returned as is after one scan.
    bool clean = true;
    for (std::size_t i = 0; i < utf8.size() && clean;) {
        auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) clean = false;
            ++i;
            continue;
        }
        char32_t cp = utf8::next_or_malformed(utf8, i);
        if (cp == utf8::malformed || !support::is_xml_char(cp)) clean = false;
    }
    if (clean) return std::string(utf8);
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t cp = next_code_point(utf8, i);
        if (support::is_xml_char(cp)) utf8::append(out, cp);
    }
    return out;
}

pugi::xml_document new_xml_document(bool html) {
    pugi::xml_document doc;
    pugi::xml_node decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    if (html) doc.append_child(pugi::node_doctype).set_value("html");
    return doc;
}

namespace {
// Returns true when some attribute of the document uses the epub: prefix.
bool uses_epub_prefix(const pugi::xml_node& root) {
    return root.find_node([](const pugi::xml_node& n) {
        for (const pugi::xml_attribute& a : n.attributes())
            if (std::string_view(a.name()).substr(0, 5) == "epub:") return true;
        return false;
    });
}
}  // namespace

std::string save_xml(const pugi::xml_document& doc, bool indent) {
    // A file split off a long section has no epub:type; drop the unused namespace (EPUBCheck HTM-044).
    pugi::xml_node html = doc.child("html");
    if (html && html.attribute("xmlns:epub") && !uses_epub_prefix(html))
        html.remove_attribute("xmlns:epub");
    StringWriter writer;
    doc.save(writer, "  ", indent ? pugi::format_indent : (pugi::format_raw), pugi::encoding_utf8);
    if (writer.out.empty() || writer.out.back() != '\n') writer.out += '\n';
    return std::move(writer.out);
}

pugi::xml_node start_xhtml(pugi::xml_document& doc, const std::string& language, const std::string& title,
                           const std::vector<std::string>& stylesheets) {
    pugi::xml_node html = doc.append_child("html");
    html.append_attribute("xmlns") = xhtml_ns;
    html.append_attribute("xmlns:epub") = ops_ns;
    if (!language.empty()) {
        html.append_attribute("lang") = language.c_str();
        html.append_attribute("xml:lang") = language.c_str();
    }
    pugi::xml_node head = html.append_child("head");
    head.append_child("title").text().set(clean_text(title).c_str());
    for (const std::string& href : stylesheets) {
        pugi::xml_node link = head.append_child("link");
        link.append_attribute("rel") = "stylesheet";
        link.append_attribute("type") = "text/css";
        link.append_attribute("href") = href.c_str();
    }
    return html;
}

}  // namespace docexport::epub
