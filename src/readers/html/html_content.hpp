// HTML in feed entries (CDATA, escaped HTML, inline XHTML) into model blocks, through gumbo's HTML5 parser.
#pragma once

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>

#include <string>
#include <string_view>

namespace docexport::readers {

// Where an HTML fragment comes from and what its relative links mean.
struct HtmlContext {
    std::string base_url;  // relative links and images resolve against it ("" = kept as written)
    SourcePos pos;         // where the fragment starts in the feed; block positions count lines from here
};

// The deepest element nesting converted as markup; a fragment that may nest deeper is read as plain text
// (gumbo's tree building is quadratic in the nesting depth).
inline constexpr int max_html_depth = 512;

// Returns the blocks of an HTML fragment: p, h1-h6, lists, tables, blockquote, pre, hr, figures for img
// (alt text and a link; never fetched), a/em/strong/code/br/ruby inlines. Scripts, styles, iframes, forms,
// objects and event handler attributes are dropped and reported as verbose notes.
Blocks html_to_blocks(std::string_view html, const HtmlContext& context, DiagnosticSink& sink);

// Returns the text of an HTML fragment (or of plain text with entities): tags removed, named and numeric
// character references decoded, white space collapsed.
std::string html_to_text(std::string_view html);

// What strip_tags makes of white space. Raw HTML in Markdown wants finished text; HTML too deeply nested to parse
// as markup goes on to html_to_text, which must still see the line ends (none becomes a space between two CJK
// characters), so its white space stays as it is.
enum class TagSpace {
    keep,      // the text between tags byte for byte, each tag or comment one space
    collapse,  // each run of spaces, tabs, line ends and tags one space, none at either end
};

// Returns html without its tags and comments; a '<' that no '>' closes starts text, not a tag.
std::string strip_tags(std::string_view html, TagSpace space);

// Returns plain text as paragraphs: split at blank lines, lines joined (no space between CJK characters).
Blocks text_to_blocks(std::string_view text, const SourcePos& pos);

}  // namespace docexport::readers
