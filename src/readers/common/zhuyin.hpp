// Pinyin to zhuyin (bopomofo): one syllable of standard Mandarin at a time, for --annotations zhuyin.
#pragma once

#include <string>
#include <string_view>

namespace docexport::readers {

// Returns the zhuyin of one pinyin syllable (e.g. "zhù" → "ㄓㄨˋ", "de" → "˙ㄉㄜ"), in Taiwan's convention:
// tone 1 unmarked, ˊ ˇ ˋ after the syllable, the neutral tone (a syllable without a tone mark) as ˙ before
// it. Tone marks may be precomposed or combining, ü may be written ü, v or (after j, q, x, y) u, and ê is
// known. Returns "" for anything that is not one syllable of standard Mandarin; the caller keeps the pinyin.
std::string pinyin_to_zhuyin(std::u32string_view syllable);

// The same for a syllable in UTF-8; "" when it is not valid UTF-8 either.
std::string pinyin_to_zhuyin(std::string_view syllable);

}  // namespace docexport::readers
