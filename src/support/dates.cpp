#include "support/dates.hpp"

namespace docexport::support {

std::optional<std::chrono::sys_days> civil_date(int year, int month, int day) {
    using namespace std::chrono;
    // month and day hold only 0-255: check the range before constructing them.
    if (year < static_cast<int>(year::min()) || year > static_cast<int>(year::max()) || month < 1 || month > 12 ||
        day < 1 || day > 31)
        return std::nullopt;
    year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return std::nullopt;
    return sys_days{date};
}

}  // namespace docexport::support
