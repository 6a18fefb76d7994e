// Finishing the inlines of one block: soft breaks by the CJK rule, merged text, the {base|annotation} ruby
// syntax, CJK punctuation. Shared by the Markdown reader, front matter and manifests.
#pragma once

#include <docexport/model.hpp>

#include <string>
#include <string_view>

namespace docexport::readers {

// What finish_inlines does besides the fixed steps.
struct InlineFinish {
    bool cjk_punctuation = true;  // convert , : ; ! ? ( ) next to CJK text (never in code or URLs)
    std::string escape_marker;    // stands for a backslash-escaped '{' in text; empty when there is none
};

// The text of a text inline that stands for a soft line break until finish_inlines resolves it.
inline constexpr std::string_view soft_break_text = "\n";

// Resolves soft breaks (nothing between two CJK characters, else a space), merges adjacent text, turns
// {base|annotation} into ruby inlines, restores escaped '{' and converts punctuation, in place.
void finish_inlines(Inlines& inlines, const InlineFinish& how);

// Returns text (a title from front matter or a manifest) as finished inlines, every node at pos.
Inlines text_inlines(std::string text, const SourcePos& pos, const InlineFinish& how);

// Returns s with every occurrence of from replaced by to (linear; s unchanged when from is empty).
std::string replace_all(std::string_view s, std::string_view from, std::string_view to);

}  // namespace docexport::readers
