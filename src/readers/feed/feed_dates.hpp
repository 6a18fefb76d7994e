// Dates as feeds write them: RFC 822 with its real-world variants, RFC 3339 / ISO 8601, and the
// Chinese forms normalize_date knows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace docexport::readers {

// A parsed feed date.
struct FeedDate {
    std::string display;    // "YYYY-MM-DD HH:MM" or "YYYY-MM-DD", the local time as written (as the model keeps dates)
    std::string iso;        // RFC 3339, e.g. "2021-02-20T06:19:00+08:00" (no offset when the input gave none)
    std::int64_t utc = 0;   // seconds since 1970-01-01 UTC; a date without a zone counts as UTC
};

// Returns the date in s, or nullopt when it cannot be read. Accepts "Sat, 20 Feb 2021 06:19:00 +0800",
// "20 Feb 21 6:19 GMT", "Feb 20, 2021", "Saturday, 20-Feb-2021 06:19:00 CST", asctime, "2021-02-20T06:19:00Z",
// "2021-02-20 06:19:00 +0800", "2021年2月20日 06:19" and more.
std::optional<FeedDate> parse_feed_date(std::string_view s);

}  // namespace docexport::readers
