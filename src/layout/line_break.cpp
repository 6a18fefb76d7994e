#include "layout/line_break.hpp"

#include "support/utf8.hpp"

#include <docexport/diagnostics.hpp>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

namespace docexport::layout {

bool is_pause_or_stop_mark(char32_t c) {
    switch (c) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF1F: case 0xFF01:  // 、。，．：；？！
    case ',': case '.': case ':': case ';': case '?': case '!':
        return true;
    default:
        return false;
    }
}

namespace {

// clreq "basic": closing brackets and quotes, pause and stop marks, connectors and interpuncts.
bool basic_no_start(char32_t c) {
    if (is_pause_or_stop_mark(c)) return true;
    switch (c) {
    case 0xFF09: case 0xFF3D: case 0xFF5D: case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3017:  // ）］｝」』】〕〗
    case 0x3019: case 0x301B: case 0x3009: case 0x300B: case 0x201D: case 0x2019: case 0x301E: case 0x301F:  // 〙〛〉》”’〞〟
    case 0x00B7: case 0x2027: case 0x30FB: case 0xFF65:                                                      // ·‧・･
    case 0x2010: case 0x2013: case 0xFF5E: case 0x301C:                                                      // ‐–～〜
    case 0xFF61: case 0xFF63: case 0xFF64: case 0x203C: case 0x2047: case 0x2048: case 0x2049:              // ｡｣､‼⁇⁈⁉
    case 0xFE50: case 0xFE51: case 0xFE52: case 0xFE54: case 0xFE55: case 0xFE56: case 0xFE57:              // small forms
    case 0xFE5A: case 0xFE5C: case 0xFE5E:
    case ')': case ']': case '}':
        return true;
    default:
        return false;
    }
}

// clreq "basic": opening brackets and quotes.
bool basic_no_end(char32_t c) {
    switch (c) {
    case 0xFF08: case 0xFF3B: case 0xFF5B: case 0x300C: case 0x300E: case 0x3010: case 0x3014: case 0x3016:  // （［｛「『【〔〖
    case 0x3018: case 0x301A: case 0x3008: case 0x300A: case 0x201C: case 0x2018: case 0x301D: case 0xFF62:  // 〘〚〈《“‘〝｢
    case 0xFE59: case 0xFE5B: case 0xFE5D:
    case '(': case '[': case '{':
        return true;
    default:
        return false;
    }
}

bool is_wide(char32_t c) {
    auto w = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
}

bool is_opening_quote(char32_t c) { return c == 0x201C || c == 0x2018; }
bool is_closing_quote(char32_t c) { return c == 0x201D || c == 0x2019; }

}  // namespace

bool never_starts_line(char32_t c, Prohibition level) {
    if (level == Prohibition::none) return false;
    if (basic_no_start(c)) return true;
    if (level == Prohibition::strict)
        return c == 0x2026 || c == 0x22EF || c == 0x2014 || c == 0x2E3A || c == 0x2E3B;  // … ⋯ — ⸺ ⸻
    return false;
}

bool never_ends_line(char32_t c, Prohibition level) {
    if (level == Prohibition::none) return false;
    if (basic_no_end(c)) return true;
    if (level == Prohibition::gb || level == Prohibition::strict) return c == 0xFF0F || c == '/';  // ／ /
    return false;
}

struct LineBreaker::Impl {
    std::unique_ptr<icu::BreakIterator> iterator;
    UText text = UTEXT_INITIALIZER;
    ~Impl() { utext_close(&text); }
};

LineBreaker::LineBreaker(BreakRules rules) : rules_(rules), impl_(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    impl_->iterator.reset(icu::BreakIterator::createLineInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !impl_->iterator)
        throw Error(ErrorCode::internal, std::string("ICU line break iterator: ") + u_errorName(status));
}

LineBreaker::~LineBreaker() = default;

void LineBreaker::find_breaks(std::string_view text, std::vector<BreakKind>& out) {
    out.assign(text.size() + 1, BreakKind::none);
    if (text.empty()) {
        out[0] = BreakKind::mandatory;
        return;
    }
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&impl_->text, text.data(), static_cast<int64_t>(text.size()), &status);
    impl_->iterator->setText(&impl_->text, status);
    if (U_FAILURE(status)) throw Error(ErrorCode::internal, std::string("ICU line breaking: ") + u_errorName(status));
    for (int32_t pos = impl_->iterator->next(); pos != icu::BreakIterator::DONE; pos = impl_->iterator->next()) {
        int status_value = impl_->iterator->getRuleStatus();
        out[static_cast<std::size_t>(pos)] =
            status_value >= UBRK_LINE_HARD && status_value < UBRK_LINE_HARD_LIMIT ? BreakKind::mandatory : BreakKind::allowed;
    }
    out[text.size()] = BreakKind::mandatory;

    bool prohibit = rules_.prohibition != Prohibition::none;
    if (!prohibit && !rules_.cjk_quotes) return;
    // One pass over the code points: prev | cur is a boundary at the byte offset of cur.
    char32_t prev = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t at = i;
        char32_t cur = utf8::next_code_point(text, i);
        if (at > 0 && out[at] != BreakKind::mandatory) {
            if (rules_.cjk_quotes && out[at] == BreakKind::none) {
                // Before an opening quote after a wide character, after a closing quote before one.
                if (is_opening_quote(cur) && is_wide(prev) && !basic_no_end(prev)) out[at] = BreakKind::allowed;
                if (is_closing_quote(prev) && is_wide(cur) && !basic_no_start(cur)) out[at] = BreakKind::allowed;
            }
            if (prohibit && out[at] == BreakKind::allowed &&
                (never_starts_line(cur, rules_.prohibition) || never_ends_line(prev, rules_.prohibition)))
                out[at] = BreakKind::none;
        }
        prev = cur;
    }
}

const char* to_string(Prohibition p) {
    switch (p) {
    case Prohibition::none: return "none";
    case Prohibition::basic: return "basic";
    case Prohibition::gb: return "gb";
    case Prohibition::strict: return "strict";
    }
    return "basic";
}

}  // namespace docexport::layout
