// Helpers shared by the XML files of the EPUB: saving pugixml documents, clean text, the characters used.
#pragma once

#include "support/utf8.hpp"

#include <pugixml.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace docexport::epub {

// The XHTML, OPS and OPF namespaces.
inline constexpr const char* xhtml_ns = "http://www.w3.org/1999/xhtml";
inline constexpr const char* ops_ns = "http://www.idpf.org/2007/ops";

// Which characters the book shows, and in which weight: the input for font subsets.
class CharUse {
public:
    CharUse();
    // Records every character of utf8 in the regular weight, and also in bold when bold.
    void add(std::string_view utf8, bool bold);
    // Returns the characters recorded (bold = the bold ones).
    std::set<char32_t> chars(bool bold) const;

private:
    std::vector<std::uint8_t> flags_;  // bit 0 regular, bit 1 bold, indexed by code point
};

// Returns utf8 with what XML 1.0 cannot hold removed (C0 controls but tab/newline/CR, U+FFFE/FFFF) and
// malformed sequences replaced by U+FFFD.
std::string clean_text(std::string_view utf8);

// Returns the next code point of s at i (advancing i); malformed bytes give U+FFFD.
using utf8::next_code_point;

// Returns a new document with the XML declaration (and <!DOCTYPE html> when html).
pugi::xml_document new_xml_document(bool html);

// Returns the document serialised as UTF-8; indent = pretty-printed (only for files without mixed content).
std::string save_xml(const pugi::xml_document& doc, bool indent);

// Returns a new XHTML document's <html> element with lang/xml:lang, a <head> with title and stylesheet links.
pugi::xml_node start_xhtml(pugi::xml_document& doc, const std::string& language, const std::string& title,
                           const std::vector<std::string>& stylesheets);

}  // namespace docexport::epub
