#include "readers/feed/feed_dates.hpp"

#include "readers/common/dates.hpp"
#include "readers/common/utf8.hpp"
#include "support/ascii.hpp"
#include "support/dates.hpp"

#include <array>
#include <vector>

namespace docexport::readers {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

void two(std::string& out, int v) {
    out += static_cast<char>('0' + v / 10 % 10);
    out += static_cast<char>('0' + v % 10);
}

struct Parts {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    bool has_time = false;
    bool has_zone = false;
    int zone_minutes = 0;  // east of UTC
};

std::optional<FeedDate> build(const Parts& p) {
    std::optional<std::chrono::sys_days> day = support::civil_date(p.year, p.month, p.day);
    if (!day || p.year < 1000 || p.year > 9999 || p.hour > 24 || p.minute > 59 || p.second > 60 ||
        p.zone_minutes < -18 * 60 || p.zone_minutes > 18 * 60)
        return std::nullopt;
    FeedDate d;
    std::string date = std::to_string(p.year) + "-";
    two(date, p.month);
    date += '-';
    two(date, p.day);
    d.display = date;
    d.iso = date;
    if (p.has_time) {
        d.display += ' ';
        two(d.display, p.hour);
        d.display += ':';
        two(d.display, p.minute);
        d.iso += 'T';
        two(d.iso, p.hour);
        d.iso += ':';
        two(d.iso, p.minute);
        d.iso += ':';
        two(d.iso, p.second);
        if (p.has_zone) {
            if (p.zone_minutes == 0) {
                d.iso += 'Z';
            } else {
                int z = p.zone_minutes < 0 ? -p.zone_minutes : p.zone_minutes;
                d.iso += p.zone_minutes < 0 ? '-' : '+';
                two(d.iso, z / 60);
                d.iso += ':';
                two(d.iso, z % 60);
            }
        }
    }
    d.utc = static_cast<std::int64_t>(day->time_since_epoch().count()) * 86400 + p.hour * 3600 + p.minute * 60 +
            p.second - static_cast<std::int64_t>(p.zone_minutes) * 60;
    return d;
}

// Reads exactly n digits at s[i]; returns -1 when they are not there.
int fixed(std::string_view s, std::size_t& i, std::size_t n) {
    if (i + n > s.size()) return -1;
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!digit(s[i + k])) return -1;
        v = v * 10 + (s[i + k] - '0');
    }
    i += n;
    return v;
}

// Reads a numeric zone "+08:00", "+0800", "+08" at s[i] into minutes east of UTC.
bool numeric_zone(std::string_view s, std::size_t& i, int& minutes) {
    if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
    int sign = s[i] == '-' ? -1 : 1;
    std::size_t j = i + 1;
    int h = fixed(s, j, 2);
    if (h < 0) return false;
    int m = 0;
    if (j < s.size() && s[j] == ':') ++j;
    if (j < s.size() && digit(s[j])) {
        m = fixed(s, j, 2);
        if (m < 0) return false;
    }
    if (h > 18 || m > 59) return false;
    minutes = sign * (h * 60 + m);
    i = j;
    return true;
}

// RFC 3339 and the ISO 8601 forms feeds use: 2021-02-20, 2021-02-20T06:19[:00[.123]][Z|+08:00|+0800].
std::optional<FeedDate> parse_iso(std::string_view s) {
    Parts p;
    std::size_t i = 0;
    if ((p.year = fixed(s, i, 4)) < 0 || i >= s.size() || s[i++] != '-') return std::nullopt;
    if ((p.month = fixed(s, i, 2)) < 0 || i >= s.size() || s[i++] != '-') return std::nullopt;
    if ((p.day = fixed(s, i, 2)) < 0) return std::nullopt;
    if (i == s.size()) return build(p);
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
    ++i;
    if ((p.hour = fixed(s, i, 2)) < 0 || i >= s.size() || s[i++] != ':') return std::nullopt;
    if ((p.minute = fixed(s, i, 2)) < 0) return std::nullopt;
    p.has_time = true;
    if (i < s.size() && s[i] == ':') {
        ++i;
        if ((p.second = fixed(s, i, 2)) < 0) return std::nullopt;
        if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
            ++i;
            if (i >= s.size() || !digit(s[i])) return std::nullopt;
            while (i < s.size() && digit(s[i])) ++i;
        }
    }
    while (i < s.size() && s[i] == ' ') ++i;
    if (i == s.size()) return build(p);
    if (s[i] == 'Z' || s[i] == 'z') {
        p.has_zone = true;
        ++i;
    } else if (numeric_zone(s, i, p.zone_minutes)) {
        p.has_zone = true;
    } else {
        std::string_view rest = s.substr(i);
        if (rest != "GMT" && rest != "UTC" && rest != "UT") return std::nullopt;
        p.has_zone = true;
        i = s.size();
    }
    if (i != s.size()) return std::nullopt;
    return build(p);
}

int month_of(std::string_view w) {
    static constexpr std::array<std::string_view, 12> names{"january", "february", "march",     "april",
                                                            "may",     "june",     "july",      "august",
                                                            "september", "october", "november", "december"};
    if (w.size() < 3) return 0;
    for (std::size_t m = 0; m < names.size(); ++m)
        if (names[m].substr(0, w.size()) == w || (m == 8 && w == "sept")) return static_cast<int>(m) + 1;
    return 0;
}

bool weekday(std::string_view w) {
    static constexpr std::array<std::string_view, 7> names{"monday", "tuesday", "wednesday", "thursday",
                                                           "friday", "saturday", "sunday"};
    if (w.size() < 3) return false;
    for (auto n : names)
        if (n.substr(0, w.size()) == w) return true;
    return false;
}

// Returns the offset of a zone name in minutes east of UTC, or nullopt for an unknown name.
std::optional<int> named_zone(std::string_view w) {
    struct Zone {
        std::string_view name;
        int minutes;
    };
    static constexpr std::array<Zone, 26> zones{{{"gmt", 0},      {"ut", 0},       {"utc", 0},    {"z", 0},
                                                 {"est", -300},   {"edt", -240},   {"cst", -360}, {"cdt", -300},
                                                 {"mst", -420},   {"mdt", -360},   {"pst", -480}, {"pdt", -420},
                                                 {"jst", 540},    {"kst", 540},    {"hkt", 480},  {"cct", 480},
                                                 {"sgt", 480},    {"awst", 480},   {"cet", 60},   {"cest", 120},
                                                 {"bst", 60},     {"eet", 120},    {"eest", 180}, {"wet", 0},
                                                 {"west", 60},    {"aest", 600}}};
    for (const Zone& z : zones)
        if (z.name == w) return z.minutes;
    if (w.size() == 1 && w[0] != 'j') return 0;  // military zones: RFC 1123 says treat them as UTC
    return std::nullopt;
}

// RFC 822 and its variants, by tokens: words (weekday, month, zone, am/pm), numbers, a time, a numeric zone.
std::optional<FeedDate> parse_rfc822(std::string_view s) {
    Parts p;
    std::vector<int> numbers;
    std::vector<std::size_t> number_widths;
    bool pm = false, am = false;
    std::size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (alpha(c)) {
            std::string w;
            while (i < s.size() && alpha(s[i])) w += support::ascii_lower(s[i++]);
            if (int m = month_of(w); m && !p.month) {
                p.month = m;
            } else if (weekday(w)) {
            } else if (w == "am" || w == "pm") {
                (w == "pm" ? pm : am) = true;
            } else if (auto z = named_zone(w)) {
                p.has_zone = true;
                p.zone_minutes = *z;
                int extra = 0;  // "GMT+8", "UTC+08:00"
                if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
                    std::size_t j = i;
                    if (numeric_zone(s, j, extra)) {
                        p.zone_minutes += extra;
                        i = j;
                    } else if (j + 1 < s.size() && digit(s[j + 1])) {
                        int sign = s[j] == '-' ? -1 : 1;
                        ++j;
                        int h = 0;
                        std::size_t start = j;
                        while (j < s.size() && digit(s[j]) && j - start < 2) h = h * 10 + (s[j++] - '0');
                        p.zone_minutes += sign * h * 60;
                        i = j;
                    }
                }
            } else {
                return std::nullopt;
            }
        } else if (digit(c)) {
            std::size_t start = i;
            int v = 0;
            while (i < s.size() && digit(s[i]) && i - start < 5) v = v * 10 + (s[i++] - '0');
            if (i < s.size() && digit(s[i])) return std::nullopt;
            if (i < s.size() && s[i] == ':' && !p.has_time) {
                p.hour = v;
                ++i;
                if ((p.minute = fixed(s, i, 2)) < 0) return std::nullopt;
                if (i < s.size() && s[i] == ':') {
                    ++i;
                    if ((p.second = fixed(s, i, 2)) < 0) return std::nullopt;
                    if (i < s.size() && s[i] == '.')
                        for (++i; i < s.size() && digit(s[i]);) ++i;
                }
                p.has_time = true;
            } else {
                numbers.push_back(v);
                number_widths.push_back(i - start);
            }
        } else if ((c == '+' || c == '-') && p.has_time && !p.has_zone) {
            if (!numeric_zone(s, i, p.zone_minutes)) return std::nullopt;
            p.has_zone = true;
        } else if (c == ' ' || c == ',' || c == '-' || c == '/' || c == '.' || c == '(' || c == ')' || c == '\t') {
            ++i;
        } else {
            return std::nullopt;
        }
    }
    if (!p.month) return std::nullopt;
    // Day first, then year; a four-digit number is the year wherever it is.
    bool have_day = false, have_year = false;
    for (std::size_t k = 0; k < numbers.size(); ++k) {
        if (number_widths[k] == 4 && !have_year) {
            p.year = numbers[k];
            have_year = true;
        } else if (!have_day && number_widths[k] <= 2) {
            p.day = numbers[k];
            have_day = true;
        } else if (!have_year && number_widths[k] == 2) {
            p.year = numbers[k] < 50 ? 2000 + numbers[k] : 1900 + numbers[k];
            have_year = true;
        } else {
            return std::nullopt;
        }
    }
    if (!have_day || !have_year) return std::nullopt;
    if (pm && p.hour < 12) p.hour += 12;
    if (am && p.hour == 12) p.hour = 0;
    if (p.hour == 24) return std::nullopt;
    return build(p);
}

}  // namespace

std::optional<FeedDate> parse_feed_date(std::string_view text) {
    std::string_view s = trim(text);
    if (s.empty() || s.size() > 100) return std::nullopt;
    bool ascii = true;
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    if (ascii) {
        if (auto d = parse_iso(s)) return d;
        if (auto d = parse_rfc822(s)) return d;
    }
    // Chinese and other forms that the other readers know; the time is taken as written, as UTC.
    auto n = normalize_date(s);
    if (!n) return std::nullopt;
    Parts p;
    std::size_t i = 0;
    p.year = fixed(*n, i, 4);
    i = 5;
    p.month = fixed(*n, i, 2);
    i = 8;
    p.day = fixed(*n, i, 2);
    if (n->size() >= 16) {
        i = 11;
        p.hour = fixed(*n, i, 2);
        i = 14;
        p.minute = fixed(*n, i, 2);
        p.has_time = true;
    }
    return build(p);
}

}  // namespace docexport::readers
