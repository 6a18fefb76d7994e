// Navigation: nav.xhtml (table of contents and landmarks) and toc.ncx for EPUB 2 readers.
#pragma once

#include "epub/content.hpp"
#include "epub/labels.hpp"

#include <string>
#include <vector>

namespace docexport::epub {

struct NavigationInput {
    std::string language;
    std::string title;
    std::string identifier;
    std::string cover_href;        // e.g. "text/cover.xhtml"
    std::string bodymatter_href;   // the first content document
    std::vector<std::string> stylesheets;  // hrefs relative to the package directory
};

// Returns nav.xhtml (to sit in the package directory), recording the characters it shows in chars.
std::string render_nav(const NavigationInput& in, const std::vector<TocEntry>& toc, CharUse& chars);

// Returns toc.ncx with the same entries, nested the same way.
std::string render_ncx(const NavigationInput& in, const std::vector<TocEntry>& toc);

}  // namespace docexport::epub
