// Taiwan's quotation marks for text that came with Western ones (--quotes tw).
#pragma once

#include <docexport/model.hpp>
#include <docexport/options.hpp>

#include <string>

namespace docexport::readers {

// Returns text with “” as 「」 and ‘’ as 『』 (an apostrophe between Latin letters, as in don’t, stays), and a
// hyphen-minus between two Han characters (濟南-青島) as the full-width －.
std::string taiwan_quotes(const std::string& text);

// Applies taiwan_quotes to every text of doc (titles, inlines at any depth, table cells, captions, alt texts,
// metadata) when quotes is Quotes::tw; text in an element marked with a language other than Chinese, code and
// link targets are left alone.
void normalize_quotes(Document& doc, Quotes quotes);

}  // namespace docexport::readers
