#include "support/parallel.hpp"

#include <cstdlib>

namespace docexport {

std::size_t worker_count(std::size_t count) {
    std::size_t n = 0;
    if (const char* env = std::getenv("DOCEXPORT_THREADS"); env && *env) {
        char* end = nullptr;
        unsigned long v = std::strtoul(env, &end, 10);
        if (end && *end == '\0' && v > 0) n = std::min<unsigned long>(v, 64);
    }
    if (n == 0) n = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    return std::max<std::size_t>(1, std::min(n, count));
}

}  // namespace docexport
