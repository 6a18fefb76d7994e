// Datelines of scraped articles: `2021-02-20 06:19  來源:中國證券報`, `2021年2月20日`, `2021/02/20`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace docexport::readers {

// What a dateline says. Fields that are not there are empty.
struct Dateline {
    std::string date;     // "YYYY-MM-DD HH:MM" or "YYYY-MM-DD"
    std::string source;   // after 來源/来源/稿源
    std::string author;   // after 作者/記者/记者
};

// Returns the first date in s normalized to "YYYY-MM-DD HH:MM" (or "YYYY-MM-DD" without a time), from
// 2021-02-20 06:19, 2021年2月20日 6時19分, 2021/02/20, 2021.02.20 (full-width digits too); nothing when
// there is none or it is not a valid date. Meant for short lines.
std::optional<std::string> parse_date(std::string_view s);

// Returns the dateline that line is: a short line (at most 100 code points, no 。，、；) with a date at its start,
// or with a date and a keyword such as 來源, 發布時間, 作者, or with little else than the date.
std::optional<Dateline> parse_dateline(std::string_view line);

// Returns the source and the author named in a short metadata line (the date is left empty).
Dateline parse_meta_fields(std::string_view line);

}  // namespace docexport::readers
