#include "readers/text/text_dateline.hpp"

#include "readers/common/utf8.hpp"
#include "readers/text/words.hpp"

#include <docexport/diagnostics.hpp>

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <charconv>
#include <memory>

namespace docexport::readers {

namespace {

// Datelines are short; longer lines are never read as one (and the regexes only ever see short text).
constexpr std::size_t max_dateline_length = 100;

// A year, then 年月日 or a repeated separator - / ., then an optional time (06:19, 6時19分).
constexpr const char* date_regex =
    "(?<!\\d)(\\d{4})\\s*(?:年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日|([-/.])\\s*(\\d{1,2})\\s*\\4\\s*(\\d{1,2})(?!\\d))"
    "(?:\\s*(\\d{1,2})\\s*(?:[:：]|[时時]\\s*)\\s*(\\d{2})(?!\\d))?";
constexpr const char* source_regex = "(?:來源|来源|稿源)\\s*[:：]?\\s*([^\\s|｜丨/()（）\\[\\]【】]+)";
constexpr const char* author_regex = "(?:作者|記者|记者)\\s*[:：]?\\s*([^\\s|｜丨/()（）\\[\\]【】]+)";

// Returns a compiled built-in pattern; a failure is a bug, reported as an internal error.
std::unique_ptr<icu::RegexPattern> compile(const char* pattern) {
    UParseError pe{};
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, pe, status));
    if (U_FAILURE(status) || !p)
        throw Error(ErrorCode::internal, std::string("built-in dateline pattern does not compile: ") + u_errorName(status));
    return p;
}

const icu::RegexPattern& pattern(int which) {
    static const std::unique_ptr<icu::RegexPattern> date = compile(date_regex);
    static const std::unique_ptr<icu::RegexPattern> source = compile(source_regex);
    static const std::unique_ptr<icu::RegexPattern> author = compile(author_regex);
    return which == 0 ? *date : which == 1 ? *source : *author;
}

icu::UnicodeString to_unicode(std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to_std(const icu::UnicodeString& u) {
    std::string out;
    u.toUTF8String(out);
    return out;
}

// Returns the number a group of (possibly full-width) digits spells, or -1.
int group_number(icu::RegexMatcher& m, int group) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString g = m.group(group, status);
    if (U_FAILURE(status) || g.isEmpty()) return -1;
    int value = 0;
    for (int32_t k = 0; k < g.length(); k = g.moveIndex32(k, 1)) {
        int32_t d = u_charDigitValue(g.char32At(k));
        if (d < 0) return -1;
        value = value * 10 + d;
    }
    return value;
}

void append_two(std::string& out, int v) {
    out += static_cast<char>('0' + v / 10);
    out += static_cast<char>('0' + v % 10);
}

struct DateMatch {
    std::string date;
    int32_t begin = 0;  // UTF-16 offsets in the line
    int32_t end = 0;
};

std::optional<DateMatch> find_date(const icu::UnicodeString& text) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern(0).matcher(text, status));
    if (U_FAILURE(status)) return std::nullopt;
    while (m->find(status) && U_SUCCESS(status)) {
        int year = group_number(*m, 1);
        bool han_form = m->start(2, status) >= 0;
        int month = group_number(*m, han_form ? 2 : 5);
        int day = group_number(*m, han_form ? 3 : 6);
        int hour = group_number(*m, 7);
        int minute = group_number(*m, 8);
        if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > 31) continue;
        DateMatch d;
        d.date = std::to_string(year) + "-";
        append_two(d.date, month);
        d.date += "-";
        append_two(d.date, day);
        if (hour >= 0 && hour < 24 && minute >= 0 && minute < 60) {
            d.date += " ";
            append_two(d.date, hour);
            d.date += ":";
            append_two(d.date, minute);
        }
        d.begin = m->start(status);
        d.end = m->end(status);
        return d;
    }
    return std::nullopt;
}

std::string first_group(int which, const icu::UnicodeString& text) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(pattern(which).matcher(text, status));
    if (U_FAILURE(status) || !m->find(status) || U_FAILURE(status)) return {};
    std::string value = to_std(m->group(1, status));
    // A source run together with the next field: 来源：新华网作者：张三.
    for (std::string_view next : {"作者", "記者", "记者", "編輯", "编辑", "責任", "责任", "發布", "发布", "時間", "时间"}) {
        std::size_t at = value.find(next);
        if (at != std::string::npos && at > 0) value.resize(at);
    }
    return value;
}

}  // namespace

std::optional<std::string> parse_date(std::string_view s) {
    if (utf8::count_code_points(s) > max_dateline_length * 4) return std::nullopt;
    auto d = find_date(to_unicode(s));
    if (!d) return std::nullopt;
    return d->date;
}

Dateline parse_meta_fields(std::string_view line) {
    icu::UnicodeString text = to_unicode(line);
    Dateline d;
    d.source = first_group(1, text);
    d.author = first_group(2, text);
    return d;
}

std::optional<Dateline> parse_dateline(std::string_view line) {
    std::size_t length = utf8::count_code_points(line);
    if (length == 0 || length > max_dateline_length) return std::nullopt;
    // Sentence punctuation means article text that mentions a date.
    for (std::string_view mark : {"。", "，", "、", "；"})
        if (line.find(mark) != std::string_view::npos) return std::nullopt;
    icu::UnicodeString text = to_unicode(line);
    auto d = find_date(text);
    if (!d) return std::nullopt;
    bool at_start = text.countChar32(0, d->begin) <= 8;
    bool keyword = contains_any(line, {"來源", "来源", "稿源", "發布", "发布", "時間", "时间", "日期", "作者", "記者",
                                  "记者", "編輯", "编辑", "瀏覽", "浏览", "閱讀", "阅读"});
    bool little_else = length - static_cast<std::size_t>(text.countChar32(d->begin, d->end - d->begin)) <= 20;
    if (!at_start && !keyword && !little_else) return std::nullopt;
    Dateline out = parse_meta_fields(line);
    out.date = d->date;
    return out;
}

}  // namespace docexport::readers
