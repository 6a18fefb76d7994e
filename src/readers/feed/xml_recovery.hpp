// Ill-formed XML feeds read with libxml2's recovery (--lenient) and rebuilt as a pugixml document, so that the
// feed reader reads what was recovered exactly as it reads a well-formed feed (see docs/feeds.md, "Broken feeds").
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <string_view>
#include <unordered_map>

namespace docexport::readers {

// What libxml2 recovered from an ill-formed document, besides the document itself.
struct RecoveredXml {
    // Byte offset in the text of each element's name and of the document type declaration, by pugixml node
    // (xml_node::internal_object()): what offset_debug() gives for a parsed document.
    std::unordered_map<const void*, std::size_t> offsets;
    std::size_t errors = 0;  // the errors libxml2 met and read past
};

// Reads text (UTF-8, whatever its XML declaration says) with libxml2 in recovery mode into doc (reset first).
// It reads as the strict reader does: no DTD is read and no entity expanded (references other than &lt; &gt;
// &amp; &quot; &apos; and numeric ones stay as written, and a bare & is a character), no network, no file;
// comments and processing instructions are left out, and so is white space between elements.
RecoveredXml recover_xml(std::string_view text, pugi::xml_document& doc);

}  // namespace docexport::readers
