// The fonts an EPUB embeds: subsets of the style's fonts holding exactly the characters the book shows.
#pragma once

#include "epub/content.hpp"
#include "epub/stylesheet.hpp"
#include "style/style.hpp"

#include <docexport/diagnostics.hpp>

#include <string>
#include <vector>

namespace docexport::epub {

// What embedding decided: font files for the manifest, @font-face rules and font stacks for the stylesheet.
struct FontPlan {
    std::vector<Resource> files;       // hrefs like "fonts/body-400.otf"
    StylesheetInput stylesheet;        // faces and stacks (vertical is left to the caller)
};

// Returns subsets of roles' fonts for the characters in chars (regular from body, bold from heading, the
// rest from the fallback fonts in order), or only font stacks when embed is false. The subsets keep the
// layout tables: locale forms (locl: Taiwan's centred punctuation in Noto CJK TC) and vertical forms. Throws Error(input)
// when a font is missing or its fsType forbids embedding; reports characters no font has and, as a
// verbose note, each embedded font's size. proportional keeps the pwid forms too (a Latin-language book's quotes).
FontPlan plan_fonts(const style::FontRoles& roles, const CharUse& chars, bool embed, bool proportional,
                    DiagnosticSink& sink);

}  // namespace docexport::epub
