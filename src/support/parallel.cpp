#include "support/parallel.hpp"

#include <docexport/diagnostics.hpp>

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace docexport {

std::size_t worker_count(std::size_t count) {
    std::size_t n = 0;
    if (const char* env = std::getenv("DOCEXPORT_THREADS"); env && *env) {
        std::string_view s(env);
        std::size_t v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        bool digits = end == s.data() + s.size();
        if (!digits || (ec != std::errc() && ec != std::errc::result_out_of_range))
            throw Error(ErrorCode::usage, "DOCEXPORT_THREADS is not a number of threads: '" + std::string(s) + "'", {},
                        {"set it to a whole number (at most 64 are used; 0 = one per core, at most 8), or unset it"});
        n = ec == std::errc::result_out_of_range ? 64 : std::min<std::size_t>(v, 64);
    }
    if (n == 0) n = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    return std::max<std::size_t>(1, std::min(n, count));
}

}  // namespace docexport
