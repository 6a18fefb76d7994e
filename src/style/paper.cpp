// Paper sizes, lengths with units, margins and the title page's date: the words of styles/*.yaml and of the
// options that override them (--paper, --margins, --font-size).
#include "style/style.hpp"

#include "support/ascii.hpp"
#include "support/dates.hpp"

#include <charconv>
#include <vector>

namespace docexport::style {

namespace {

// Returns the ISO 216 size of series (A0 is 841 x 1189 mm, B0 1000 x 1414 mm) number n: each size halves
// the longer side of the one before, rounded down to a millimetre.
std::pair<double, double> iso_size(int width, int height, int n) {
    for (int i = 0; i < n; ++i) {
        int shorter = height / 2;
        height = width;
        width = shorter;
    }
    return {width, height};
}

// Returns s without spaces at either end.
std::string_view trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// Returns how many millimetres (unit "mm") or points (unit "pt") one suffix is, or 0 for an unknown suffix.
double unit_factor(std::string_view suffix, std::string_view unit) {
    double mm = suffix == "mm" ? 1 : suffix == "cm" ? 10 : suffix == "in" ? 25.4 : suffix == "pt" ? 25.4 / 72 : 0;
    return unit == "pt" ? mm * 72 / 25.4 : mm;
}

const std::vector<std::string> length_hints = {"give a number and a unit: mm, cm, in or pt (e.g. 20mm, 0.75in)"};

std::vector<std::string> paper_hints() {
    return {"a paper size: A0-A10, B0-B10 (ISO 216), letter, legal, 16K or 32K",
            "or WIDTHxHEIGHT with a unit: 148x210mm, 6x9in, 14.8x21cm"};
}

// Returns the number at the start of s and the rest of s after it, or nothing when s does not start with one.
std::optional<std::pair<double, std::string_view>> leading_number(std::string_view s) {
    double value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, std::chars_format::fixed);
    if (ec != std::errc() || end == s.data()) return std::nullopt;
    return std::pair{value, s.substr(static_cast<std::size_t>(end - s.data()))};
}

}  // namespace

std::optional<std::pair<double, double>> paper_size(std::string_view name) {
    std::string n = support::ascii_lower(name);
    if (n == "letter") return std::pair{215.9, 279.4};
    if (n == "legal") return std::pair{215.9, 355.6};
    if (n == "16k") return std::pair{185.0, 260.0};
    if (n == "32k") return std::pair{130.0, 184.0};
    if (n.size() < 2 || n.size() > 3 || (n[0] != 'a' && n[0] != 'b') || n[1] < '0' || n[1] > '9') return std::nullopt;
    int number = 0;
    auto [end, ec] = std::from_chars(n.data() + 1, n.data() + n.size(), number);
    if (ec != std::errc() || end != n.data() + n.size() || number > 10 || (n.size() == 3 && n[1] == '0'))
        return std::nullopt;
    return n[0] == 'a' ? iso_size(841, 1189, number) : iso_size(1000, 1414, number);
}

double parse_length(std::string_view text, std::string_view unit, bool bare_number, const std::string& what) {
    std::string_view s = trimmed(text);
    auto number = leading_number(s);
    if (!number || number->first < 0)
        throw Error(ErrorCode::usage, what + " '" + std::string(text) + "' is not a length", {}, length_hints);
    std::string suffix = support::ascii_lower(trimmed(number->second));
    if (suffix.empty()) {
        if (bare_number) return number->first;
        throw Error(ErrorCode::usage, what + " '" + std::string(text) + "' has no unit", {}, length_hints);
    }
    double factor = unit_factor(suffix, unit);
    if (factor == 0)
        throw Error(ErrorCode::usage, what + " '" + std::string(text) + "': unknown unit '" + suffix + "'", {},
                    length_hints);
    return number->first * factor;
}

PageGeometry parse_paper(std::string_view text, const std::string& what) {
    PageGeometry page;
    std::string s = std::string(trimmed(text));
    if (auto size = paper_size(s)) {
        page.paper = support::ascii_lower(s);
        if (page.paper[0] == 'a' || page.paper[0] == 'b') page.paper[0] = static_cast<char>(page.paper[0] - 'a' + 'A');
        if (page.paper.back() == 'k') page.paper.back() = 'K';
        page.width = size->first;
        page.height = size->second;
        return page;
    }
    // WIDTHxHEIGHT: the unit may follow each number or only the second ("148x210mm").
    std::string lower = support::ascii_lower(s);
    for (std::size_t at = lower.find("\xc3\x97"); at != std::string::npos; at = lower.find("\xc3\x97"))
        lower.replace(at, 2, "x");   // 148×210mm
    std::size_t x = lower.find('x');
    auto first = x == std::string::npos ? std::nullopt : leading_number(std::string_view(lower).substr(0, x));
    auto second = x == std::string::npos ? std::nullopt : leading_number(std::string_view(lower).substr(x + 1));
    if (!first || !second)
        throw Error(ErrorCode::usage, what + " '" + s + "' is not a paper size", {}, paper_hints());
    std::string_view width_text = std::string_view(lower).substr(0, x);
    std::string_view height_text = std::string_view(lower).substr(x + 1);
    page.paper.clear();
    std::string unit(trimmed(second->second));
    if (unit.empty())
        throw Error(ErrorCode::usage, what + " '" + s + "' has no unit", {}, paper_hints());
    std::string width_with_unit(width_text);
    if (trimmed(first->second).empty()) width_with_unit += unit;
    page.width = parse_length(width_with_unit, "mm", false, what);
    page.height = parse_length(height_text, "mm", false, what);
    // libharu takes pages of 3 to 14400 points (1 mm to 5 m); a page smaller than a business card is a typo.
    if (page.width < 50 || page.height < 50 || page.width > 5000 || page.height > 5000)
        throw Error(ErrorCode::usage, what + " '" + s + "' is out of range", {},
                    {"each side must be between 50 mm and 5000 mm"});
    return page;
}

void parse_margins(std::string_view text, PageGeometry& page, const std::string& what) {
    std::vector<double> values;
    std::string_view rest = text;
    while (true) {
        std::size_t comma = rest.find(',');
        values.push_back(parse_length(rest.substr(0, comma), "mm", false, what));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    if (values.size() == 1) values.assign(4, values[0]);
    if (values.size() != 4)
        throw Error(ErrorCode::usage, what + " '" + std::string(text) + "' needs one or four lengths", {},
                    {"one for all four sides (20mm), or top,right,bottom,left (25mm,20mm,25mm,30mm)"});
    page.margin_top = values[0];
    page.margin_outer = values[1];
    page.margin_bottom = values[2];
    page.margin_inner = values[3];
}

std::string title_page_date(const std::string& date, DateFormat format, const std::string& language) {
    if (format == DateFormat::automatic) {
        std::string script = script_for_language(language);
        bool chinese_form = script == "hant" || script == "hans" || script == "jpan";
        format = chinese_form && !language.empty() ? DateFormat::chinese : DateFormat::iso;
    }
    if (format == DateFormat::iso) return date;
    // YYYY, YYYY-MM or YYYY-MM-DD, a month or day that exists; anything else is printed as given.
    auto part = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (date[i] < '0' || date[i] > '9') return -1;
            v = v * 10 + (date[i] - '0');
        }
        return v;
    };
    std::size_t size = date.size();
    if (size != 4 && size != 7 && size != 10) return date;
    if ((size >= 7 && date[4] != '-') || (size == 10 && date[7] != '-')) return date;
    int year = part(0, 4);
    int month = size >= 7 ? part(5, 2) : 1;
    int day = size == 10 ? part(8, 2) : 1;
    if (year < 0 || month < 0 || day < 0 || !support::civil_date(year, month, day)) return date;
    std::string out = std::to_string(year) + "年";
    if (size >= 7) out += std::to_string(month) + "月";
    if (size == 10) out += std::to_string(day) + "日";
    return out;
}

const char* to_string(DateFormat f) {
    switch (f) {
    case DateFormat::automatic: return "auto";
    case DateFormat::chinese: return "chinese";
    case DateFormat::iso: return "iso";
    }
    return "auto";
}

}  // namespace docexport::style
