// Rules for CJK text shared by the readers: joining wrapped lines, and full-width punctuation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace docexport::readers {

// Returns whether a line break between before and after reads as a space: not when both are CJK
// (the CSS Text segment-break rule for Chinese) or either is full-width punctuation, yes otherwise.
bool soft_break_is_space(char32_t before, char32_t after);

// Returns the lines joined into one paragraph: each trimmed, no space between CJK characters,
// one space between other words.
std::string join_lines(const std::vector<std::string_view>& lines);

// Returns text with half-width , : ; ! ? ( ) that touch CJK characters turned into full-width
// ，：；！？（）. A parenthesis pair is converted as a pair. Latin text and numbers (06:19, 1,000) are left alone.
std::string convert_cjk_punctuation(std::string_view text);
// The same on code points; the result has exactly as many code points as text (a 1:1 mapping).
std::u32string convert_cjk_punctuation(std::u32string_view text);
// convert_cjk_punctuation on text itself (no second copy of a long text).
void convert_cjk_punctuation_in_place(std::u32string& text);

}  // namespace docexport::readers
