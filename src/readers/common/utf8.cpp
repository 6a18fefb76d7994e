#include "readers/common/utf8.hpp"

#include "support/wording.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace docexport::readers {

std::string sanitize_utf8(std::string_view name, std::string_view content, DiagnosticSink& sink) {
    std::string out;
    out.reserve(content.size());
    std::size_t i = 0;
    if (content.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    std::uint32_t line = 1, col = 1;
    std::size_t reported = 0;
    constexpr std::size_t max_reports = 20;
    bool in_bad_run = false;
    std::string file(name);
    while (i < content.size()) {
        auto b = static_cast<unsigned char>(content[i]);
        if (b < 0x80) {
            in_bad_run = false;
            ++i;
            if (b == '\r') {
                if (i < content.size() && content[i] == '\n') ++i;
                out += '\n';
                ++line;
                col = 1;
                continue;
            }
            if (b == '\n') {
                out += '\n';
                ++line;
                col = 1;
                continue;
            }
            if (b == 0) {
                out += "\xEF\xBF\xBD";
                if (reported++ < max_reports)
                    sink.warn(SourcePos{file, line, col}, "NUL byte replaced by U+FFFD",
                              {"the file may be binary or UTF-16; convert it to UTF-8 first"});
                ++col;
                continue;
            }
            out += static_cast<char>(b);
            ++col;
            continue;
        }
        std::size_t start = i;
        if (utf8::next_or_malformed(content, i) == utf8::malformed) {
            out += "\xEF\xBF\xBD";
            if (!in_bad_run && reported++ < max_reports)
                sink.warn(SourcePos{file, line, col},
                          "invalid UTF-8 byte 0x" + std::string(1, "0123456789ABCDEF"[b >> 4]) +
                              std::string(1, "0123456789ABCDEF"[b & 15]) + " replaced by U+FFFD",
                          {"the file is not UTF-8; convert it first, e.g. iconv -f BIG5 -t UTF-8"});
            in_bad_run = true;
        } else {
            in_bad_run = false;
            out.append(content.substr(start, i - start));
        }
        ++col;
    }
    if (reported > max_reports)
        sink.warn(SourcePos{file, 0, 0},
                  support::counted(reported - max_reports, "more invalid UTF-8 sequence", "more invalid UTF-8 sequences") +
                      " replaced by U+FFFD");
    return out;
}

bool is_han(char32_t c) {
    if (c == U'\u3007') return true;
    UErrorCode err = U_ZERO_ERROR;
    return uscript_getScript(static_cast<UChar32>(c), &err) == USCRIPT_HAN && u_isalpha(static_cast<UChar32>(c));
}

bool is_cjk(char32_t c) {
    if (c < 0x2E80) return false;
    if (is_han(c)) return true;
    if (c >= 0x3000 && c <= 0x303F) return true;    // CJK symbols and punctuation
    if (c >= 0x3040 && c <= 0x31FF) return true;    // kana, bopomofo, CJK strokes, katakana ext
    if (c >= 0xFF00 && c <= 0xFFEF) return true;    // half-width and full-width forms
    if (c >= 0xFE30 && c <= 0xFE4F) return true;    // CJK compatibility forms
    if (c >= 0xAC00 && c <= 0xD7AF) return true;    // hangul syllables
    if (c >= 0x2E80 && c <= 0x2FDF) return true;    // radicals
    return false;
}

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || u_isUWhiteSpace(static_cast<UChar32>(c));
}

bool is_alnum_latin(char32_t c) {
    if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
    if (is_cjk(c)) return false;
    return u_isalnum(static_cast<UChar32>(c));
}

std::string_view trim(std::string_view s) {
    std::size_t b = 0;
    while (b < s.size()) {
        std::size_t j = b;
        if (!is_space(next_code_point(s, j))) break;
        b = j;
    }
    std::size_t e = s.size();
    while (e > b) {
        std::size_t j = e;
        if (!is_space(previous_code_point(s, j))) break;
        e = j;
    }
    return s.substr(b, e - b);
}

std::uint32_t column_of(std::string_view line, std::size_t off) {
    return static_cast<std::uint32_t>(utf8::count_code_points(line.substr(0, off)) + 1);
}

}  // namespace docexport::readers
