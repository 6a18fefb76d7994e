// Helpers that several unit test files share: a temporary directory, whole-file reading, test feed paths, the
// sample's zone articles.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

namespace docexport::test {

// A fresh directory under the system temp directory (docexport-PREFIX-PID-N), removed at the end of the test.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& prefix) {
        static int counter = 0;
        path = std::filesystem::temp_directory_path() /
               ("docexport-" + prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    // Writes text to name (directories made as needed) and returns the file's path.
    std::string write(const std::string& name, const std::string& text) const {
        std::filesystem::path p = path / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
};

// Returns all bytes of the file at path (empty when it cannot be read).
inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Returns the path of a test feed in tests/feeds.
inline std::string feed_path(const std::string& name) {
    return std::string(DOCEXPORT_SOURCE_DIR) + "/tests/feeds/" + name;
}

// The zones of the sample brief: eight Markdown articles, in name order.
inline std::vector<std::string> zone_inputs() {
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(DOCEXPORT_SOURCE_DIR) + "/input/zones"))
        paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
    return paths;
}

}  // namespace docexport::test
