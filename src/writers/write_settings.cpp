#include "writers/write_settings.hpp"

#include "support/dates.hpp"

#include <docexport/diagnostics.hpp>

#include <cstdlib>

namespace docexport::writers {

namespace {

// Returns the two or four digits at s[at, at + n) as a number, or -1.
int digits_at(std::string_view s, std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

}  // namespace

bool is_calendar_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    int y = digits_at(s, 0, 4), m = digits_at(s, 5, 2), d = digits_at(s, 8, 2);
    if (y < 0 || m < 0 || d < 0) return false;
    return support::civil_date(y, m, d).has_value();
}

std::optional<std::int64_t> source_date_epoch_from_environment() {
    const char* value = std::getenv("SOURCE_DATE_EPOCH");
    if (!value || !*value) return std::nullopt;
    std::int64_t v = 0;
    for (const char* p = value; *p; ++p) {
        if (*p < '0' || *p > '9' || v > 253402300799LL / 10)
            throw Error(ErrorCode::usage,
                        std::string("SOURCE_DATE_EPOCH is not a valid number of seconds: '") + value + "'", {},
                        {"set it to seconds since 1970-01-01 UTC, e.g. $(git log -1 --format=%ct)"});
        v = v * 10 + (*p - '0');
    }
    return v;
}

WriteSettings settle_write_options(const Document& doc, const WriteOptions& options) {
    WriteSettings settings;
    // Read before any work, so that a bad value fails fast and the same way for every format.
    settings.source_date_epoch = source_date_epoch_from_environment();
    if (!options.date.empty() && !is_calendar_date(options.date))
        throw Error(ErrorCode::usage, "--date '" + options.date + "' is not a date", {},
                    {"write it as YYYY-MM-DD, a day that exists (e.g. 2021-02-20)"});
    settings.meta = doc.meta;
    if (!options.identifier.empty()) settings.meta.identifier = options.identifier;
    if (!options.publisher.empty()) settings.meta.publisher = options.publisher;
    if (!options.date.empty()) settings.meta.date = options.date;
    if (!options.authors.empty()) settings.meta.authors = options.authors;
    settings.style = style::load_style(options.style.empty() ? doc.style : options.style, settings.meta.language);
    return settings;
}

}  // namespace docexport::writers
