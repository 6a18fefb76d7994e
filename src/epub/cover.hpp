// The cover page: the given cover image, or a generated page with the title set in the book's font.
#pragma once

#include "epub/xml_output.hpp"

#include <string>
#include <vector>

namespace docexport::epub {

struct CoverInput {
    std::string language;
    std::string title;
    std::string subtitle;
    std::vector<std::string> authors;
    std::string publisher;
    std::string date;
    std::string image_href;                 // relative to text/; empty = a generated cover
    std::vector<std::string> stylesheets;   // relative to text/
};

// Returns text/cover.xhtml, recording the characters it shows in chars.
std::string render_cover(const CoverInput& in, CharUse& chars);

}  // namespace docexport::epub
