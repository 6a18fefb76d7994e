// Where styles/ and fonts/ are found: relative to the installed library, so that an install can be moved.
#include "style/style.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace docexport::style {

namespace fs = std::filesystem;

namespace {

// Returns the file that holds this code: the shared library, or the program a static copy is linked into.
fs::path own_binary() {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<const void*>(&own_binary), &info) == 0 || !info.dli_fname) return {};
    std::error_code ec;
    fs::path p = fs::canonical(info.dli_fname, ec);
    return ec ? fs::path(info.dli_fname) : p;
}

// Returns whether path lies inside directory (both absolute).
bool inside(const fs::path& path, const fs::path& directory) {
    std::error_code ec;
    fs::path dir = fs::weakly_canonical(directory, ec);
    if (ec) return false;
    auto [d, p] = std::mismatch(dir.begin(), dir.end(), path.begin(), path.end());
    return d == dir.end();
}

}  // namespace

std::vector<fs::path> data_directories() {
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("DOCEXPORT_DATA_DIR"); env && *env) dirs.emplace_back(env);
    fs::path binary = own_binary();
    if (!binary.empty()) {
        // DOCEXPORT_DATA_FROM_LIBDIR is share/docexport relative to the library's directory (../share/docexport).
        dirs.push_back((binary.parent_path() / DOCEXPORT_DATA_FROM_LIBDIR).lexically_normal());
        if (inside(binary, DOCEXPORT_BUILD_DIR)) dirs.emplace_back(DOCEXPORT_SOURCE_DATA_DIR);
    }
    return dirs;
}

}  // namespace docexport::style
