#include "readers/common/charset.hpp"

#include "readers/common/utf8.hpp"
#include "support/ascii.hpp"
#include "support/wording.hpp"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace docexport::readers {

namespace {

// Labels go to ucnv_open only when they are plain names: ICU reads a converter file from disk for a name
// with a path separator, and takes options after a comma.
bool plain_label(std::string_view s) {
    if (s.empty() || s.size() > 40) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.' || c == ':';
    });
}

bool is_unicode_name(std::string_view n) { return n.substr(0, 3) == "UTF"; }

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr open_converter(const std::string& name) {
    UErrorCode e = U_ZERO_ERROR;
    ConverterPtr c(ucnv_open(name.c_str(), &e));
    if (U_FAILURE(e)) return nullptr;
    return c;
}

// Counts the replacements a conversion makes; writes U+FFFD for each.
struct ToUnicodeCount {
    std::size_t replacements = 0;
};

void to_unicode_callback(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                         UConverterCallbackReason reason, UErrorCode* err) {
    if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
    auto* count = static_cast<ToUnicodeCount*>(const_cast<void*>(context));
    ++count->replacements;
    static const UChar replacement = 0xFFFD;
    *err = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, err);
}

// Returns bytes converted with the converter to UTF-8; *replacements counts invalid sequences.
std::string convert(std::string_view bytes, const std::string& converter, std::size_t* replacements) {
    ConverterPtr cnv = open_converter(converter);
    if (!cnv) throw Error(ErrorCode::internal, "ICU cannot open the converter " + converter);
    ToUnicodeCount count;
    UErrorCode e = U_ZERO_ERROR;
    ucnv_setToUCallBack(cnv.get(), to_unicode_callback, &count, nullptr, nullptr, &e);
    if (U_FAILURE(e)) throw Error(ErrorCode::internal, std::string("ICU: ") + u_errorName(e));
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    const char* source = bytes.data();
    const char* source_end = source + bytes.size();
    UChar buffer[8192];
    UChar pending_high = 0;
    for (;;) {
        UChar* target = buffer;
        e = U_ZERO_ERROR;
        ucnv_toUnicode(cnv.get(), &target, buffer + std::size(buffer), &source, source_end, nullptr, true, &e);
        if (U_FAILURE(e) && e != U_BUFFER_OVERFLOW_ERROR)
            throw Error(ErrorCode::internal, std::string("ICU conversion failed: ") + u_errorName(e));
        for (UChar* p = buffer; p < target; ++p) {
            UChar u = *p;
            if (pending_high) {
                if (U16_IS_TRAIL(u)) {
                    utf8::append(out, static_cast<char32_t>(U16_GET_SUPPLEMENTARY(pending_high, u)));
                    pending_high = 0;
                    continue;
                }
                utf8::append(out, U'\uFFFD');
                ++count.replacements;
                pending_high = 0;
            }
            if (U16_IS_LEAD(u)) pending_high = u;
            else if (U16_IS_TRAIL(u)) { utf8::append(out, U'\uFFFD'); ++count.replacements; }
            else utf8::append(out, static_cast<char32_t>(u));
        }
        if (e != U_BUFFER_OVERFLOW_ERROR) break;
    }
    if (pending_high) {
        utf8::append(out, U'\uFFFD');
        ++count.replacements;
    }
    *replacements = count.replacements;
    return out;
}

// Reports where U+FFFD replacements are in text (at most 20, then a total).
void report_replacements(std::string_view name, std::string_view text, std::size_t replacements,
                         const std::string& encoding, const std::string& hint, DiagnosticSink& sink) {
    constexpr std::size_t max_reports = 20;
    std::size_t reported = 0;
    std::uint32_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < text.size() && reported < max_reports; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        } else if (text.compare(i, 3, "\xEF\xBF\xBD") == 0) {
            sink.warn(SourcePos{std::string(name), line, column_of(text.substr(line_start), i - line_start)},
                      "bytes that are not valid " + encoding + " were replaced by U+FFFD",
                      reported == 0 ? std::vector<std::string>{hint}
                                    : std::vector<std::string>{});
            ++reported;
            i += 2;
        }
    }
    if (replacements > reported)
        sink.warn(SourcePos{std::string(name), 0, 0},
                  support::counted(replacements, "invalid byte sequence", "invalid byte sequences") +
                      " in all " + (replacements == 1 ? "was" : "were") + " replaced by U+FFFD");
}

// Returns true when invalid sequences are "few": at most one for every ten valid non-ASCII characters. A UTF-8
// file damaged in a few places stays UTF-8; Chinese, Japanese or Korean text in a legacy encoding, read as
// UTF-8, has several invalid sequences for each valid one (which only happen by chance).
bool few_invalid(std::size_t invalid, std::size_t valid_non_ascii) { return invalid * 10 <= valid_non_ascii; }

// Invalid sequences that text with no encoding to detect may hold and still be read as UTF-8 (with warnings):
// a stray byte or two, not text in another encoding.
constexpr std::size_t max_stray_bytes = 3;

// Invalid and non-ASCII sequences of bytes read as UTF-8.
struct Utf8Counts {
    std::size_t invalid = 0;
    std::size_t valid = 0;  // valid multi-byte sequences
};

Utf8Counts count_utf8(std::string_view s) {
    Utf8Counts n;
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        ++(utf8::next_or_malformed(s, i) == utf8::malformed ? n.invalid : n.valid);
    }
    return n;
}

std::size_t count_non_ascii(std::string_view utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8)
        if (c >= 0xC0) ++n;
    return n;
}

std::string display_name(const std::string& converter) {
    if (converter == "windows-950") return "Big5";
    if (converter == "windows-31j") return "Shift_JIS";
    if (converter == "windows-949") return "EUC-KR";
    return converter;
}

// Bytes converted to UTF-8 with line ends normalised; invalid sequences are U+FFFD, not yet reported.
struct Conversion {
    std::string text;
    std::size_t replacements = 0;
    std::vector<Diagnostic> other;  // NUL characters and the like, reported as for UTF-8 input
};

Conversion convert_clean(std::string_view name, std::string_view bytes, const std::string& converter) {
    Conversion c;
    std::string raw = convert(bytes, converter, &c.replacements);
    DiagnosticSink quiet;
    c.text = sanitize_utf8(name, raw, quiet);
    c.other = quiet.diagnostics();
    return c;
}

// The hint for invalid bytes in a feed, whose encoding is declared or detected.
const std::string feed_replacement_hint = "check the declared encoding; the file may be damaged";

void report_conversion(std::string_view name, const Conversion& c, const std::string& encoding,
                       const std::string& hint, DiagnosticSink& sink) {
    if (c.replacements > 0) report_replacements(name, c.text, c.replacements, encoding, hint, sink);
    for (const Diagnostic& d : c.other) sink.report(d);
}

DecodedText decode_with(std::string_view name, std::string_view bytes, const std::string& converter,
                        DiagnosticSink& sink) {
    Conversion c = convert_clean(name, bytes, converter);
    DecodedText out;
    out.encoding = display_name(converter);
    report_conversion(name, c, out.encoding, feed_replacement_hint, sink);
    out.text = std::move(c.text);
    return out;
}

// ---- Detection of legacy CJK encodings -------------------------------------------------------------------

// The characters that make up most running text in each language, taken from the first levels of the national
// character sets (GB 2312 level 1, Big5 level 1, JIS X 0208 level 1, the 2,350 hangul of KS X 1001), which
// were chosen by frequency. Built once by decoding those byte ranges with ICU.
struct CommonChars {
    std::vector<bool> zh, ja, ko;  // indexed by BMP code point
};

// Marks in set every character that the two-byte codes lead x trail decode to with converter.
void mark_decoded(std::vector<bool>& set, const std::string& converter, unsigned lead_first, unsigned lead_last,
                  const std::vector<std::pair<unsigned, unsigned>>& trails) {
    std::string bytes;
    for (unsigned lead = lead_first; lead <= lead_last; ++lead)
        for (auto [first, last] : trails)
            for (unsigned trail = first; trail <= last; ++trail) {
                bytes += static_cast<char>(lead);
                bytes += static_cast<char>(trail);
                bytes += '\n';
            }
    std::size_t replacements = 0;
    std::string text = convert(bytes, converter, &replacements);
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t c = next_code_point(text, i);
        if (c != U'\n' && c != U'\uFFFD' && c < 0x10000) set[c] = true;
    }
}

const CommonChars& common_chars() {
    static const CommonChars chars = [] {
        CommonChars c;
        c.zh.assign(0x10000, false);
        c.ja.assign(0x10000, false);
        c.ko.assign(0x10000, false);
        const std::vector<std::pair<unsigned, unsigned>> euc = {{0xA1, 0xFE}};
        mark_decoded(c.zh, "GB18030", 0xB0, 0xD7, euc);                            // GB 2312 level 1
        mark_decoded(c.zh, "Big5-HKSCS", 0xA4, 0xC5, {{0x40, 0x7E}, {0xA1, 0xFE}});  // Big5 level 1
        mark_decoded(c.zh, "Big5-HKSCS", 0xC6, 0xC6, {{0x40, 0x7E}});
        mark_decoded(c.ja, "EUC-JP", 0xB0, 0xCF, euc);  // JIS X 0208 level 1 kanji
        mark_decoded(c.ko, "windows-949", 0xB0, 0xC8, euc);  // KS X 1001 hangul
        return c;
    }();
    return chars;
}

enum class Language { chinese, japanese, korean };

bool is_common_punctuation(char32_t c) {
    return c == U'\u00B7' || (c >= 0x2010 && c <= 0x203B) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFF01 && c <= 0xFF65);
}

bool is_junk(char32_t c) {
    auto u = static_cast<UChar32>(c);
    if (c == U'\uFFFD' || (c >= 0x80 && c <= 0x9F)) return true;
    if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF)) return true;
    int8_t type = u_charType(u);
    return type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED || type == U_SURROGATE;
}

bool is_kana(char32_t c) { return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF); }

bool is_cjk_letter(char32_t c) { return c >= 0x3040 && (is_kana(c) || (c >= 0xAC00 && c <= 0xD7A3) || is_han(c)); }

// Returns how much c speaks for text in language: +1 for its common characters, 0 for neutral symbols and
// less common ones, negative for characters that a wrong decoding produces (other scripts, private use).
double weigh(char32_t c, Language language, const CommonChars& common) {
    if (is_common_punctuation(c)) return 1;
    if (is_junk(c)) return -3;
    bool bmp = c < 0x10000;
    if (c == U'\u00B0' || c == U'\u00D7' || c == U'\u00F7' || c == U'\u00B1' || (c >= 0x2160 && c <= 0x2169) ||
        (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2460 && c <= 0x24FF) || (c >= 0x25A0 && c <= 0x26FF))
        return 0;  // signs, arrows, circled numbers, shapes: at home in any of the languages
    if ((c >= 0xC0 && c <= 0x24F) || (c >= 0x300 && c <= 0x36F))
        return 0;  // Latin letters with diacritics, e.g. pinyin with tone marks
    bool han = is_han(c);
    switch (language) {
    case Language::chinese:
        if (bmp && common.zh[c]) return 1;
        if (han) return bmp && c >= 0x4E00 && c <= 0x9FFF ? 0 : -0.5;
        return -1;
    case Language::japanese:
        if (is_kana(c) || (bmp && common.ja[c])) return 1;
        if (han) return bmp && c >= 0x4E00 && c <= 0x9FFF ? 0 : -0.5;
        if (c >= 0xFF66 && c <= 0xFF9F) return -0.5;  // half-width katakana: old, rare in running text
        return -1;
    case Language::korean:
        if (bmp && common.ko[c]) return 1;
        if ((c >= 0xAC00 && c <= 0xD7A3) || han) return -0.5;
        return -1;
    }
    return -1;
}

// A legacy encoding that the bytes may be in.
struct Candidate {
    std::string converter;  // ICU converter name
    std::string shown;      // the name in messages
    Language language = Language::chinese;
    int icu_confidence = 0;  // ICU's detector, 0-100 (0 = not proposed)
    bool valid = false;      // the sample decodes without an invalid sequence
    double score = 0;        // mean weight of the non-ASCII characters, -3..1
};

// The detected encoding, if one is convincing, and the ranked candidates (valid ones first, best first).
struct Detection {
    const Candidate* chosen = nullptr;
    std::vector<Candidate> ranked;
};

// The encodings detected, in the order messages name them.
const std::pair<const char*, Language> detectable[] = {{"Big5-HKSCS", Language::chinese},
                                                       {"GB18030", Language::chinese},
                                                       {"windows-31j", Language::japanese},
                                                       {"windows-949", Language::korean}};

// Returns ICU's detector's proposals for sample: (ICU name, confidence), best first.
std::vector<std::pair<std::string, int>> detect_all(std::string_view sample) {
    std::vector<std::pair<std::string, int>> out;
    UErrorCode e = U_ZERO_ERROR;
    UCharsetDetector* d = ucsdet_open(&e);
    if (U_FAILURE(e)) return out;
    std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(d, ucsdet_close);
    ucsdet_enableInputFilter(d, true);
    ucsdet_setText(d, sample.data(), static_cast<int32_t>(sample.size()), &e);
    int32_t found = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(d, &found, &e);
    if (U_FAILURE(e) || !matches) return out;
    for (int32_t i = 0; i < found; ++i) {
        UErrorCode me = U_ZERO_ERROR;
        const char* n = ucsdet_getName(matches[i], &me);
        int32_t confidence = ucsdet_getConfidence(matches[i], &me);
        if (U_SUCCESS(me) && n) out.emplace_back(n, confidence);
    }
    return out;
}

// Score margins for a detection: the best candidate must reach min_score and lead the next valid one by
// min_margin. Text in its right encoding scores 0.7-1; in a wrong one that happens to decode, below 0.3.
constexpr double min_score = 0.5;
constexpr double min_margin = 0.2;
constexpr std::size_t sample_bytes = 65536;

// Returns the candidates of ICU's detector among the detectable encodings (and the others after them), each
// decoded from a sample of bytes and weighed.
Detection detect_legacy(std::string_view bytes) {
    // The sample ends at a line end, never inside a character ('\n' is no trail byte in these encodings).
    std::string_view sample = bytes;
    if (bytes.size() > sample_bytes) {
        std::size_t cut = bytes.rfind('\n', sample_bytes);
        if (cut != std::string_view::npos && cut > sample_bytes / 2) sample = bytes.substr(0, cut + 1);
    }
    Detection d;
    for (const auto& [icu_name, confidence] : detect_all(sample)) {
        std::string converter = converter_name(icu_name);
        for (const auto& [name, language] : detectable) {
            if (converter != name) continue;
            bool seen = std::any_of(d.ranked.begin(), d.ranked.end(),
                                    [&](const Candidate& c) { return c.converter == converter; });
            if (!seen) d.ranked.push_back(Candidate{converter, display_name(converter), language, confidence});
        }
    }
    // ICU's detector weighs bytes, not characters, and may leave one out: every detectable one is checked.
    for (const auto& [name, language] : detectable) {
        std::string converter = name;
        bool seen = std::any_of(d.ranked.begin(), d.ranked.end(),
                                [&](const Candidate& c) { return c.converter == converter; });
        if (!seen) d.ranked.push_back(Candidate{converter, display_name(converter), language, 0});
    }
    const CommonChars& common = common_chars();
    for (Candidate& c : d.ranked) {
        std::size_t replacements = 0;
        std::string text = convert(sample, c.converter, &replacements);
        c.valid = replacements == 0;
        double sum = 0;
        std::size_t n = 0;
        // Korean puts spaces between words; Chinese and Japanese do not: such a space weighs -1 for them.
        char32_t previous = 0;
        bool spaced = false;
        for (std::size_t i = 0; i < text.size();) {
            char32_t ch = next_code_point(text, i);
            if (ch == U' ') {
                spaced = true;
                continue;
            }
            if (spaced && c.language != Language::korean && is_cjk_letter(previous) && is_cjk_letter(ch)) {
                sum -= 1;
                ++n;
            }
            spaced = false;
            previous = ch;
            if (ch < 0x80) continue;
            sum += weigh(ch, c.language, common);
            ++n;
        }
        c.score = n == 0 ? 0 : sum / static_cast<double>(n);
    }
    std::stable_sort(d.ranked.begin(), d.ranked.end(), [](const Candidate& a, const Candidate& b) {
        if (a.valid != b.valid) return a.valid;
        return a.score > b.score;
    });
    if (!d.ranked.empty() && d.ranked[0].valid && d.ranked[0].score >= min_score &&
        (d.ranked.size() < 2 || !d.ranked[1].valid || d.ranked[0].score - d.ranked[1].score >= min_margin))
        d.chosen = &d.ranked[0];
    return d;
}

// Returns the hints for bytes whose encoding cannot be told: the likely encodings and --encoding.
std::vector<std::string> undecided_hints(const Detection& d) {
    std::vector<std::string> likely;
    for (const Candidate& c : d.ranked)
        if (c.valid && c.score >= 0 && likely.size() < 3) likely.push_back(c.shown);
    if (likely.empty())
        for (const Candidate& c : d.ranked)
            if (c.icu_confidence > 0 && likely.size() < 2) likely.push_back(c.shown);
    std::vector<std::string> hints;
    if (!likely.empty()) {
        std::string list;
        for (std::size_t i = 0; i < likely.size(); ++i)
            list += (i == 0 ? "" : i + 1 == likely.size() ? " or " : ", ") + likely[i];
        hints.push_back((likely.size() == 1 ? "the likely encoding is " : "the likely encodings are ") + list +
                        "; the file is not UTF-8, and no encoding fits it clearly");
        hints.push_back("name the encoding with --encoding NAME, e.g. --encoding " + likely[0] +
                        ", or convert the file to UTF-8");
    } else {
        hints.push_back("the bytes are not UTF-8, Big5-HKSCS, GB18030, Shift_JIS or EUC-KR");
        hints.push_back("name the encoding with --encoding NAME (" + encoding_names_hint() +
                        "), or convert the file to UTF-8");
    }
    return hints;
}

// Returns true when every 4-byte unit of head is a Unicode scalar value other than U+0000.
bool all_utf32(std::string_view head, bool little_endian) {
    if (head.size() < 4) return false;
    for (std::size_t i = 0; i + 4 <= head.size(); i += 4) {
        auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(head[i + k])); };
        std::uint32_t u = little_endian ? b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24
                                        : b(3) | b(2) << 8 | b(1) << 16 | b(0) << 24;
        if (u == 0 || u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) return false;
    }
    return true;
}

// Returns true when head read as UTF-16 is text: at most 1 in 200 units an unpaired surrogate, a control
// character, U+0000, a noncharacter or unassigned.
bool plausible_utf16(std::string_view head, bool little_endian) {
    std::size_t units = 0, bad = 0;
    char16_t pending = 0;
    for (std::size_t i = 0; i + 2 <= head.size(); i += 2) {
        auto lo = static_cast<unsigned char>(head[i + (little_endian ? 0 : 1)]);
        auto hi = static_cast<unsigned char>(head[i + (little_endian ? 1 : 0)]);
        auto u = static_cast<char16_t>(hi << 8 | lo);
        ++units;
        if (pending) {
            if (!U16_IS_TRAIL(u)) ++bad;
            pending = 0;
            if (U16_IS_TRAIL(u)) continue;
        }
        if (U16_IS_LEAD(u)) {
            pending = u;
            continue;
        }
        if (U16_IS_TRAIL(u)) {
            ++bad;
            continue;
        }
        char32_t c = u;
        bool control = c < 0x20 ? !(c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x1B)
                                : c >= 0x7F && c <= 0x9F;
        if (control || c == 0xFFFE || c == 0xFFFF || u_charType(static_cast<UChar32>(c)) == U_UNASSIGNED) ++bad;
    }
    return units > 0 && bad * 200 <= units;
}

}  // namespace

std::string xml_declared_encoding(std::string_view b) {
    if (b.substr(0, 3) == "\xEF\xBB\xBF") b.remove_prefix(3);
    std::size_t i = 0;
    while (i < b.size() && i < 1024 && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) ++i;
    if (b.compare(i, 5, "<?xml") != 0) return {};
    std::size_t end = b.find("?>", i);
    if (end == std::string_view::npos || end - i > 512) return {};
    std::string_view decl = b.substr(i, end - i);
    std::size_t k = decl.find("encoding");
    if (k == std::string_view::npos) return {};
    k += 8;
    while (k < decl.size() && (decl[k] == ' ' || decl[k] == '\t' || decl[k] == '\r' || decl[k] == '\n')) ++k;
    if (k >= decl.size() || decl[k] != '=') return {};
    ++k;
    while (k < decl.size() && (decl[k] == ' ' || decl[k] == '\t' || decl[k] == '\r' || decl[k] == '\n')) ++k;
    if (k >= decl.size() || (decl[k] != '"' && decl[k] != '\'')) return {};
    char quote = decl[k++];
    std::size_t close = decl.find(quote, k);
    if (close == std::string_view::npos) return {};
    return std::string(decl.substr(k, close - k));
}

std::string converter_name(std::string_view label) {
    std::string l = support::ascii_lower(trim(label));
    if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" || l == "us-ascii" || l == "ascii") return "UTF-8";
    if (l == "iso-8859-1" || l == "iso8859-1" || l == "iso_8859-1" || l == "latin1" || l == "l1" ||
        l == "cp1252" || l == "windows-1252" || l == "x-cp1252" || l == "cp819")
        return "windows-1252";
    if (l == "gb2312" || l == "gbk" || l == "x-gbk" || l == "cp936" || l == "ms936" || l == "windows-936" ||
        l == "euc-cn" || l == "csgb2312" || l == "gb_2312-80" || l == "gb_2312" || l == "chinese" ||
        l == "iso-ir-58" || l == "gb18030" || l == "hz-gb-2312")
        return l == "hz-gb-2312" ? "HZ" : "GB18030";
    if (l == "big5" || l == "big-5" || l == "cn-big5" || l == "x-x-big5" || l == "csbig5" || l == "x-big5" ||
        l == "cp950" || l == "ms950" || l == "windows-950" || l == "big5-hkscs" || l == "big5hkscs")
        return "Big5-HKSCS";  // as browsers read Big5; in ICU a superset of windows-950 (but for F9FE)
    if (l == "shift_jis" || l == "shift-jis" || l == "sjis" || l == "x-sjis" || l == "ms_kanji" ||
        l == "csshiftjis" || l == "windows-31j" || l == "ms932" || l == "cp932")
        return "windows-31j";
    if (l == "euc-kr" || l == "ks_c_5601-1987" || l == "windows-949" || l == "cp949" || l == "ksc5601" ||
        l == "korean" || l == "csksc56011987" || l == "cseuckr")
        return "windows-949";
    if (l == "utf-16" || l == "utf-16le" || l == "utf-16be" || l == "utf-32" || l == "utf-32le" || l == "utf-32be")
        return "UTF" + l.substr(3, 3) + (l.size() > 6 ? (l.substr(6) == "le" ? "LE" : "BE") : "");
    if (!plain_label(l)) return {};
    if (open_converter(l)) return l;
    return {};
}

std::string encoding_names_hint() {
    return "common names: UTF-8, GB18030 (GBK, GB2312), Big5-HKSCS (Big5), Shift_JIS, EUC-KR, UTF-16LE, "
           "UTF-16BE, windows-1252";
}

UnicodeForm sniff_unicode(std::string_view bytes) {
    struct Bom {
        std::string_view mark;
        const char* encoding;
    };
    static constexpr Bom boms[] = {{std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
                                   {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
                                   {"\xEF\xBB\xBF", "UTF-8"},
                                   {"\xFE\xFF", "UTF-16BE"},
                                   {"\xFF\xFE", "UTF-16LE"}};
    for (const Bom& bom : boms)
        if (bytes.substr(0, bom.mark.size()) == bom.mark) return {bom.encoding, bom.mark.size()};
    // Without a BOM: only bytes with NULs are looked at (8-bit text has none).
    std::string_view head = bytes.substr(0, sample_bytes);
    if (head.find('\0') == std::string_view::npos) return {};
    if (bytes.size() % 4 == 0) {
        if (all_utf32(head, true)) return {"UTF-32LE", 0};
        if (all_utf32(head, false)) return {"UTF-32BE", 0};
    }
    if (bytes.size() % 2 != 0) return {};
    // The NULs of UTF-16 are the high bytes of ASCII characters: on one side of the units.
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < head.size(); ++i)
        if (head[i] == '\0') ++(i % 2 == 0 ? even : odd);
    if (odd > 0 && odd >= 2 * even && plausible_utf16(head, true)) return {"UTF-16LE", 0};
    if (even > 0 && even >= 2 * odd && plausible_utf16(head, false)) return {"UTF-16BE", 0};
    return {};
}

DecodedText decode_to_utf8(std::string_view name, std::string_view bytes, std::string_view declared_label,
                           DiagnosticSink& sink) {
    SourcePos file_pos{std::string(name), 0, 0};
    // 1. A byte order mark, or the zero bytes of UTF-16/32.
    UnicodeForm form = sniff_unicode(bytes);
    if (form.encoding == "UTF-8") return {sanitize_utf8(name, bytes, sink), "UTF-8"};
    if (!form.encoding.empty()) return decode_with(name, bytes.substr(form.bom), form.encoding, sink);

    // 2. The declared encoding.
    std::string label(trim(declared_label));
    std::string declared;
    if (!label.empty()) {
        declared = converter_name(label);
        if (declared.empty()) {
            sink.warn(file_pos, "unknown encoding '" + label + "'; reading the bytes as undeclared",
                      {"declare an encoding that ICU knows, e.g. UTF-8, Big5, GB18030, Shift_JIS, EUC-KR"});
        } else if (is_unicode_name(declared) && declared != "UTF-8") {
            // Declared UTF-16/32, but the bytes are 8-bit (we could read the declaration as ASCII).
            sink.note(file_pos, "the declared encoding " + label + " does not match the bytes; reading them as UTF-8");
            declared = "UTF-8";
        }
    }
    if (!declared.empty() && declared != "UTF-8") return decode_with(name, bytes, declared, sink);

    // 3. UTF-8, unless the bytes say otherwise: the same checked detection as for text inputs.
    Utf8Counts counts = count_utf8(bytes);
    if (!few_invalid(counts.invalid, counts.valid)) {
        Detection guess = detect_legacy(bytes);
        if (guess.chosen) {
            const std::string& shown = guess.chosen->shown;
            if (declared.empty())
                sink.warn(file_pos, "no encoding is declared and the bytes are not UTF-8; read as " + shown + " (detected)",
                          {"check the text; declare the encoding, e.g. <?xml version=\"1.0\" encoding=\"" + shown +
                           "\"?>, or convert the file to UTF-8"});
            else
                sink.warn(file_pos,
                          "the encoding is declared as UTF-8 but the bytes are " + shown + " (detected); read as " + shown,
                          {"fix the declaration or convert the file to UTF-8"});
            return decode_with(name, bytes, guess.chosen->converter, sink);
        }
    }
    // Read as UTF-8; sanitize_utf8 reports each invalid sequence.
    return {sanitize_utf8(name, bytes, sink), "UTF-8"};
}

namespace {

// Returns bytes decoded with converter, the invalid sequences reported when they are few; throws Error(input)
// when there are more. how is said in the note and messages: "detected", "given", "byte order mark".
std::string decode_checked(std::string_view name, std::string_view bytes, const std::string& converter,
                           const std::string& how, DiagnosticSink& sink) {
    Conversion c = convert_clean(name, bytes, converter);
    std::string shown = display_name(converter);
    SourcePos file_pos{std::string(name), 0, 0};
    std::size_t non_ascii = count_non_ascii(c.text);
    if (!few_invalid(c.replacements, non_ascii > c.replacements ? non_ascii - c.replacements : 0))
        throw Error(ErrorCode::input,
                    "the bytes are not " + shown + " (" + how + "): " + std::to_string(c.replacements) +
                        " invalid sequences",
                    file_pos,
                    {how == "given" ? "check the encoding named by --encoding or the manifest's 'encoding:'"
                                    : "name the encoding with --encoding NAME, or convert the file to UTF-8"});
    report_conversion(name, c, shown, "the file may be damaged, or not in " + shown, sink);
    sink.note(file_pos, "read as " + shown + " (" + how + ")");
    return std::move(c.text);
}

}  // namespace

std::string decode_text_input(std::string_view name, std::string_view bytes, std::string_view forced,
                              DiagnosticSink& sink) {
    // 1. A forced encoding wins (its own BOM, if any, is dropped with the line ends' clean-up).
    if (!trim(forced).empty()) {
        std::string converter = converter_name(forced);
        if (converter.empty())
            throw Error(ErrorCode::usage, "unknown encoding '" + std::string(forced) + "'", {},
                        {encoding_names_hint()});
        if (converter == "UTF-8") {
            Utf8Counts counts = count_utf8(bytes);
            if (!few_invalid(counts.invalid, counts.valid))
                throw Error(ErrorCode::input,
                            "the bytes are not UTF-8 (given): " + support::counted(counts.invalid, "invalid sequence", "invalid sequences"),
                            SourcePos{std::string(name), 0, 0},
                            {"check the encoding named by --encoding or the manifest's 'encoding:'"});
            return sanitize_utf8(name, bytes, sink);
        }
        return decode_checked(name, bytes, converter, "given", sink);
    }
    // 2. A byte order mark, or the zero bytes of UTF-16/32.
    UnicodeForm form = sniff_unicode(bytes);
    if (!form.encoding.empty() && form.encoding != "UTF-8")
        return decode_checked(name, bytes.substr(form.bom), form.encoding,
                              form.bom > 0 ? "byte order mark" : "detected", sink);
    // 3. UTF-8, when at most a few sequences are invalid (each is reported).
    Utf8Counts counts = count_utf8(bytes);
    if (form.encoding == "UTF-8" || few_invalid(counts.invalid, counts.valid))
        return sanitize_utf8(name, bytes, sink);
    // 4. A legacy encoding, detected and checked.
    Detection guess = detect_legacy(bytes);
    if (!guess.chosen) {
        // A stray byte or two in text that is otherwise ASCII or UTF-8: read as UTF-8, each reported, as always.
        if (counts.invalid <= max_stray_bytes) return sanitize_utf8(name, bytes, sink);
        throw Error(ErrorCode::input, "cannot tell the encoding of this file", SourcePos{std::string(name), 0, 0},
                    undecided_hints(guess));
    }
    return decode_checked(name, bytes, guess.chosen->converter, "detected", sink);
}

}  // namespace docexport::readers
