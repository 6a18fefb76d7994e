// The wording of messages: a count with its noun in the right number, and the known word a misspelt one
// most likely meant ("did you mean").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace docexport::support {

// Returns n and its noun, singular for exactly one: counted(1, "row", "rows") is "1 row", counted(0, …) "0 rows".
std::string counted(std::size_t n, std::string_view singular, std::string_view plural);

// Returns the number of single-character insertions, deletions and substitutions that turn a into b.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Returns the word of known closest to word, or "" when none is close enough to be a likely misspelling
// (at most two edits, or a third of the known word's length for longer ones).
std::string_view closest_word(std::string_view word, const std::vector<std::string_view>& known);

// Returns the hints for an unknown key: "did you mean 'KEY'?" when one of known is close, then the list of
// known keys ("known keys here: a, b, c").
std::vector<std::string> unknown_key_hints(std::string_view key, const std::vector<std::string_view>& known);

// Returns n (1 or more) in Chinese numerals as a page number is read: 一, 十, 十一, 二十, 一百零五, 一百一十,
// 一千零二十; from 10,000 on, digit by digit (一〇〇〇〇).
std::string chinese_numeral(std::size_t n);

}  // namespace docexport::support
