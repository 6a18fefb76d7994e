#include "charset.hpp"

#include "utf8.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

namespace docexport::readers {

namespace {

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

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
                    append_utf8(out, static_cast<char32_t>(U16_GET_SUPPLEMENTARY(pending_high, u)));
                    pending_high = 0;
                    continue;
                }
                append_utf8(out, U'\uFFFD');
                ++count.replacements;
                pending_high = 0;
            }
            if (U16_IS_LEAD(u)) pending_high = u;
            else if (U16_IS_TRAIL(u)) { append_utf8(out, U'\uFFFD'); ++count.replacements; }
            else append_utf8(out, static_cast<char32_t>(u));
        }
        if (e != U_BUFFER_OVERFLOW_ERROR) break;
    }
    if (pending_high) {
        append_utf8(out, U'\uFFFD');
        ++count.replacements;
    }
    *replacements = count.replacements;
    return out;
}

// Reports where U+FFFD replacements are in text (at most 20, then a total).
void report_replacements(std::string_view name, std::string_view text, std::size_t replacements,
                         const std::string& encoding, DiagnosticSink& sink) {
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
                      reported == 0 ? std::vector<std::string>{"check the declared encoding; the file may be damaged"}
                                    : std::vector<std::string>{});
            ++reported;
            i += 2;
        }
    }
    if (replacements > reported)
        sink.warn(SourcePos{std::string(name), 0, 0},
                  std::to_string(replacements) + " invalid byte sequences in all were replaced by U+FFFD");
}

struct Detected {
    std::string name;
    int confidence = 0;
};

// Returns ICU's guess at the encoding of bytes (the first 64 KiB are enough), markup ignored.
Detected detect(std::string_view bytes) {
    UErrorCode e = U_ZERO_ERROR;
    UCharsetDetector* d = ucsdet_open(&e);
    if (U_FAILURE(e)) return {};
    std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(d, ucsdet_close);
    ucsdet_enableInputFilter(d, true);
    auto len = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 65536));
    ucsdet_setText(d, bytes.data(), len, &e);
    const UCharsetMatch* m = ucsdet_detect(d, &e);
    if (U_FAILURE(e) || !m) return {};
    Detected r;
    r.name = ucsdet_getName(m, &e);
    r.confidence = ucsdet_getConfidence(m, &e);
    if (U_FAILURE(e)) return {};
    return r;
}

std::size_t count_invalid_utf8(std::string_view s) {
    std::size_t bad = 0;
    int32_t i = 0;
    auto n = static_cast<int32_t>(s.size());
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) ++bad;
    }
    return bad;
}

// Returns the UTF-16/32 encoding that the zero bytes of the first characters show, or "".
std::string sniff_wide(std::string_view b) {
    if (b.size() < 4) return {};
    auto z = [&](std::size_t i) { return b[i] == '\0'; };
    if (z(0) && z(1) && z(2) && !z(3)) return "UTF-32BE";
    if (!z(0) && z(1) && z(2) && z(3)) return "UTF-32LE";
    if (z(0) && !z(1) && z(2) && !z(3)) return "UTF-16BE";
    if (!z(0) && z(1) && !z(2) && z(3)) return "UTF-16LE";
    return {};
}

std::string display_name(const std::string& converter) {
    if (converter == "windows-950") return "Big5";
    if (converter == "windows-31j") return "Shift_JIS";
    if (converter == "windows-949") return "EUC-KR";
    return converter;
}

DecodedText decode_with(std::string_view name, std::string_view bytes, const std::string& converter,
                        DiagnosticSink& sink) {
    std::size_t replacements = 0;
    std::string text = convert(bytes, converter, &replacements);
    DecodedText out;
    out.encoding = display_name(converter);
    // Line ends and NUL characters as for UTF-8 input (nothing else is left to replace).
    DiagnosticSink quiet;
    out.text = sanitize_utf8(name, text, quiet);
    if (replacements > 0) report_replacements(name, out.text, replacements, out.encoding, sink);
    for (const Diagnostic& d : quiet.diagnostics()) sink.report(d);
    return out;
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
    std::string l = ascii_lower(trim(label));
    if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" || l == "us-ascii" || l == "ascii") return "UTF-8";
    if (l == "iso-8859-1" || l == "iso8859-1" || l == "iso_8859-1" || l == "latin1" || l == "l1" ||
        l == "cp1252" || l == "windows-1252" || l == "x-cp1252" || l == "cp819")
        return "windows-1252";
    if (l == "gb2312" || l == "gbk" || l == "x-gbk" || l == "cp936" || l == "ms936" || l == "windows-936" ||
        l == "euc-cn" || l == "csgb2312" || l == "gb_2312-80" || l == "gb_2312" || l == "chinese" ||
        l == "iso-ir-58" || l == "gb18030" || l == "hz-gb-2312")
        return l == "hz-gb-2312" ? "HZ" : "GB18030";
    if (l == "big5" || l == "big-5" || l == "cn-big5" || l == "x-x-big5" || l == "csbig5" || l == "x-big5" ||
        l == "cp950" || l == "ms950" || l == "windows-950")
        return "windows-950";
    if (l == "big5-hkscs") return "Big5-HKSCS";
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

DecodedText decode_to_utf8(std::string_view name, std::string_view bytes, std::string_view declared_label,
                           DiagnosticSink& sink) {
    SourcePos file_pos{std::string(name), 0, 0};
    // 1. A byte order mark settles it.
    struct Bom {
        std::string_view mark;
        const char* encoding;
    };
    static constexpr Bom boms[] = {{std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
                                   {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
                                   {"\xEF\xBB\xBF", "UTF-8"},
                                   {"\xFE\xFF", "UTF-16BE"},
                                   {"\xFF\xFE", "UTF-16LE"}};
    for (const Bom& bom : boms) {
        if (bytes.substr(0, bom.mark.size()) != bom.mark) continue;
        if (std::string(bom.encoding) == "UTF-8") return {sanitize_utf8(name, bytes, sink), "UTF-8"};
        return decode_with(name, bytes.substr(bom.mark.size()), bom.encoding, sink);
    }
    // 2. UTF-16/32 without a BOM, by the zero bytes around the first ASCII characters.
    if (std::string wide = sniff_wide(bytes); !wide.empty()) return decode_with(name, bytes, wide, sink);

    // 3. The declared encoding.
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

    // 4. UTF-8, unless the bytes say otherwise.
    std::size_t invalid = count_invalid_utf8(bytes);
    if (invalid == 0) return {sanitize_utf8(name, bytes, sink), "UTF-8"};
    Detected guess = detect(bytes);
    std::string guessed = guess.name.empty() ? std::string() : converter_name(guess.name);
    if (!guessed.empty() && !is_unicode_name(guessed)) {
        std::size_t replacements = 0;
        convert(bytes, guessed, &replacements);
        bool convincing = declared.empty() ? guess.confidence >= 10 : guess.confidence >= 50 && replacements == 0;
        if (convincing) {
            std::string shown = display_name(guessed);
            if (declared.empty())
                sink.warn(file_pos,
                          "no encoding is declared and the bytes are not UTF-8; read as " + shown + " (detected, " +
                              std::to_string(guess.confidence) + "% confidence)",
                          {"check the text; declare the encoding, e.g. <?xml version=\"1.0\" encoding=\"" + shown +
                               "\"?>, or convert the file to UTF-8"});
            else
                sink.warn(file_pos,
                          "the encoding is declared as UTF-8 but the bytes are " + shown + " (detected, " +
                              std::to_string(guess.confidence) + "% confidence); read as " + shown,
                          {"fix the declaration or convert the file to UTF-8"});
            return decode_with(name, bytes, guessed, sink);
        }
    }
    // Read as UTF-8; sanitize_utf8 reports each invalid sequence.
    return {sanitize_utf8(name, bytes, sink), "UTF-8"};
}

}  // namespace docexport::readers
