// `字(pinyin)` artifacts of scraped web pages: finding them, and turning annotated text into inlines.
#pragma once

#include <docexport/model.hpp>
#include <docexport/options.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace docexport::readers {

// One `字(pinyin)` artifact, as code point indices into the text it was found in.
struct PinyinAnnotation {
    std::size_t base = 0;      // index of the Han character the pinyin belongs to
    std::size_t open = 0;      // index of the opening parenthesis (base + 1)
    std::size_t end = 0;       // index just past the closing parenthesis; the pinyin (e.g. qū) is between
};

// Returns true when s is one plausible pinyin syllable: an initial and a final of Mandarin, lowercase,
// with exactly one tone mark (precomposed or combining), or a toneless neutral-tone syllable (de, le, men...).
bool is_pinyin_syllable(std::u32string_view s);

// Returns the artifacts in text, in order: a Han character directly followed by a pinyin syllable in
// half- or full-width parentheses. Linear in the length of text.
std::vector<PinyinAnnotation> find_pinyin_annotations(std::u32string_view text);

// Returns text with every artifact's parenthesised pinyin removed (the drop mode, nothing else changed).
std::string strip_pinyin_annotations(std::string_view text);

// Returns text as inlines: artifacts dropped, turned into ruby (of their pinyin, or for Annotations::zhuyin of
// its zhuyin, the pinyin when it has none) or kept as written (per mode), and, when
// cjk_punctuation is set, half-width punctuation next to CJK made full-width everywhere except inside
// kept artifacts. Adjacent text is merged into one text inline.
Inlines annotated_inlines(std::string_view text, Annotations mode, bool cjk_punctuation);

}  // namespace docexport::readers
