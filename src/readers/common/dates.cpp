#include "readers/common/dates.hpp"

#include "readers/common/utf8.hpp"
#include "support/dates.hpp"

namespace docexport::readers {

namespace {

// A cursor over code points with ASCII digits (full-width digits folded to ASCII).
struct DateScanner {
    std::u32string s;
    std::size_t i = 0;

    bool at_end() const { return i >= s.size(); }
    char32_t peek() const { return at_end() ? U'\0' : s[i]; }
    bool eat(char32_t c) {
        if (peek() != c) return false;
        ++i;
        return true;
    }
    // Reads min..max digits into value; returns false (and moves nothing) when there are fewer than min.
    bool number(int min, int max, int& value) {
        std::size_t start = i;
        int v = 0;
        while (!at_end() && static_cast<int>(i - start) < max && s[i] >= U'0' && s[i] <= U'9') {
            v = v * 10 + static_cast<int>(s[i] - U'0');
            ++i;
        }
        if (static_cast<int>(i - start) < min) {
            i = start;
            return false;
        }
        // More digits than max: not a field this scanner knows.
        if (!at_end() && s[i] >= U'0' && s[i] <= U'9') {
            i = start;
            return false;
        }
        value = v;
        return true;
    }
    void skip_spaces() {
        while (!at_end() && is_space(s[i])) ++i;
    }
};

void append_2(std::string& out, int v) {
    out += static_cast<char>('0' + v / 10);
    out += static_cast<char>('0' + v % 10);
}

}  // namespace

std::optional<std::string> normalize_date(std::string_view text) {
    DateScanner d;
    d.s = utf8::decode(trim(text));
    for (char32_t& c : d.s)
        if (c >= U'\uFF10' && c <= U'\uFF19') c = U'0' + (c - U'\uFF10');
    int year = 0, month = 0, day = 0;
    if (!d.number(4, 4, year)) return std::nullopt;
    bool cjk = false;
    if (d.eat(U'年')) {
        cjk = true;
    } else {
        char32_t sep = d.peek();
        if (sep != U'-' && sep != U'/' && sep != U'.') return std::nullopt;
        ++d.i;
        if (!d.number(1, 2, month)) return std::nullopt;
        if (!d.eat(sep)) return std::nullopt;
    }
    if (cjk) {
        d.skip_spaces();
        if (!d.number(1, 2, month) || !d.eat(U'月')) return std::nullopt;
        d.skip_spaces();
        if (!d.number(1, 2, day)) return std::nullopt;
        if (!d.eat(U'日')) d.eat(U'號');
    } else if (!d.number(1, 2, day)) {
        return std::nullopt;
    }
    if (year < 1000 || !support::civil_date(year, month, day)) return std::nullopt;
    std::string out = std::to_string(year);
    out += '-';
    append_2(out, month);
    out += '-';
    append_2(out, day);
    if (d.at_end()) return out;

    // An optional time.
    if (!d.eat(U'T')) {
        if (!cjk && !is_space(d.peek())) return std::nullopt;
        d.skip_spaces();
    }
    int hour = 0, minute = 0, second = 0;
    if (!d.number(1, 2, hour) || !(d.eat(U':') || d.eat(U'：')) || !d.number(2, 2, minute)) return std::nullopt;
    if (d.eat(U':') && !d.number(2, 2, second)) return std::nullopt;
    if (d.eat(U'.')) {
        int fraction = 0;
        if (!d.number(1, 9, fraction)) return std::nullopt;
    }
    // A time zone is accepted and dropped: the model keeps the local time as written.
    if (d.eat(U'Z')) {
    } else if (d.peek() == U'+' || d.peek() == U'-') {
        ++d.i;
        int zh = 0, zm = 0;
        if (!d.number(2, 2, zh)) return std::nullopt;
        d.eat(U':');
        d.number(2, 2, zm);
    }
    d.skip_spaces();
    if (!d.at_end() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    out += ' ';
    append_2(out, hour);
    out += ':';
    append_2(out, minute);
    return out;
}

}  // namespace docexport::readers
