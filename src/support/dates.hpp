// Civil (proleptic Gregorian) dates through <chrono>: which days exist, and their place on the time line.
#pragma once

#include <chrono>
#include <optional>

namespace docexport::support {

// Returns the day year-month-day of the proleptic Gregorian calendar, or nullopt when there is no such day
// (month 13, February 29 of a common year, day 0). Years run from -32767 to 32767.
std::optional<std::chrono::sys_days> civil_date(int year, int month, int day);

}  // namespace docexport::support
