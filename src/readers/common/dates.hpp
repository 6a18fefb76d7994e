// Dates as articles, front matter and manifests write them, normalised for the model.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace docexport::readers {

// Returns s as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", or nullopt when it is not a date this reader knows.
// Accepts 2021-02-20, 2021/2/20, 2021.2.20, 2021年2月20日 (full-width digits too), each optionally followed
// by a time "06:19" or "06:19:05" after a space or 'T' (seconds and a time zone Z/+08:00 are dropped).
std::optional<std::string> normalize_date(std::string_view s);

}  // namespace docexport::readers
