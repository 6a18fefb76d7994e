#include "readers/common/cjk_text.hpp"

#include "readers/common/utf8.hpp"

namespace docexport::readers {

namespace {

// Returns true for CJK and full-width punctuation (not full-width letters and digits): it carries its own
// spacing, so a line break next to it never reads as a space.
bool is_wide_punctuation(char32_t c) {
    if (c >= 0x3000 && c <= 0x303F) return true;
    if (c < 0xFF01 || c > 0xFF65) return false;
    return !((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A));
}

}  // namespace

bool soft_break_is_space(char32_t before, char32_t after) {
    if (is_wide_punctuation(before) || is_wide_punctuation(after)) return false;
    return !(is_cjk(before) && is_cjk(after));
}

std::string join_lines(const std::vector<std::string_view>& lines) {
    std::string out;
    for (std::string_view raw : lines) {
        std::string_view line = trim(raw);
        if (line.empty()) continue;
        if (!out.empty()) {
            std::size_t i = out.size();
            char32_t before = previous_code_point(out, i);
            // A half-width , : ; ! ? right after CJK text belongs to that text (it becomes full-width).
            if (i > 0 && (before == U',' || before == U':' || before == U';' || before == U'!' || before == U'?') &&
                is_cjk(previous_code_point(out, i)))
                before = U'\uFF0C';
            std::size_t j = 0;
            char32_t after = next_code_point(line, j);
            if (soft_break_is_space(before, after)) out += ' ';
        }
        out += line;
    }
    return out;
}

namespace {

char32_t full_width(char32_t c) {
    switch (c) {
    case U',': return U'\uFF0C';
    case U':': return U'\uFF1A';
    case U';': return U'\uFF1B';
    case U'!': return U'\uFF01';
    case U'?': return U'\uFF1F';
    case U'(': return U'\uFF08';
    case U')': return U'\uFF09';
    default: return c;
    }
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

}  // namespace

void convert_cjk_punctuation_in_place(std::u32string& cps) {
    const std::size_t n = cps.size();
    // What is CJK is decided on the text as given: a mark made full-width here (itself CJK) changes no decision.
    std::vector<bool> cjk(n);
    for (std::size_t k = 0; k < n; ++k) cjk[k] = is_cjk(cps[k]);
    auto cjk_at = [&](std::size_t k) { return k < n && cjk[k]; };
    auto touches_cjk = [&](std::size_t k) { return (k > 0 && cjk_at(k - 1)) || cjk_at(k + 1); };

    // Pair up parentheses first, so that both halves of a pair change together. A half is changed only when its
    // pair closes, after anything has read it.
    std::vector<std::size_t> open;
    std::vector<bool> paired(n, false);
    for (std::size_t k = 0; k < n; ++k) {
        if (cps[k] == U'(' || cps[k] == U'\uFF08') {
            open.push_back(k);
        } else if ((cps[k] == U')' || cps[k] == U'\uFF09') && !open.empty()) {
            std::size_t o = open.back();
            open.pop_back();
            paired[o] = paired[k] = true;
            bool inner_cjk = cjk_at(o + 1) || (k > 0 && cjk_at(k - 1));
            bool outer_cjk = (o > 0 && cjk_at(o - 1)) || cjk_at(k + 1);
            bool already = cps[o] == U'\uFF08' || cps[k] == U'\uFF09';
            if (inner_cjk || outer_cjk || already) {
                cps[o] = U'\uFF08';
                cps[k] = U'\uFF09';
            }
        }
    }
    // Unpaired parentheses and the other marks: convert when they touch a CJK character. A mark before k that was
    // made full-width is neither a digit nor a Latin letter or digit, as it was not before.
    for (std::size_t k = 0; k < n; ++k) {
        char32_t c = cps[k];
        if (c == U'(' || c == U')') {
            if (!paired[k] && touches_cjk(k)) cps[k] = full_width(c);
            continue;
        }
        if (c != U',' && c != U':' && c != U';' && c != U'!' && c != U'?') continue;
        bool before_cjk = k > 0 && cjk_at(k - 1);
        bool after_cjk = cjk_at(k + 1);
        if (k > 0 && is_digit(cps[k - 1]) && k + 1 < n && is_digit(cps[k + 1])) continue;  // 06:19, 1,000
        if (before_cjk || (after_cjk && !(k > 0 && is_alnum_latin(cps[k - 1])))) cps[k] = full_width(c);
    }
}

std::u32string convert_cjk_punctuation(std::u32string_view cps) {
    std::u32string out(cps);
    convert_cjk_punctuation_in_place(out);
    return out;
}

std::string convert_cjk_punctuation(std::string_view text) {
    return utf8::encode(convert_cjk_punctuation(std::u32string_view(utf8::decode(text))));
}

}  // namespace docexport::readers
