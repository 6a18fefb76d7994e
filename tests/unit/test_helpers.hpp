// Helpers that several unit test files share: a temporary directory, whole-file reading, test feed paths, the
// sample's zone articles, and small documents built through the model API.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include <docexport/model.hpp>

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

// A block of kind holding one text run (level for a heading; pos the text's source position).
inline Block text_block(BlockKind kind, const std::string& text, int level = 0, SourcePos pos = {}) {
    Block b;
    b.kind = kind;
    b.level = level;
    b.inlines.push_back(make_text(text, std::move(pos)));
    return b;
}

// A paragraph of inlines.
inline Block paragraph(Inlines inlines) {
    Block b;
    b.kind = BlockKind::paragraph;
    b.inlines = std::move(inlines);
    return b;
}

// A link to target whose text is text.
inline Inline link_to(std::string target, std::string text) {
    Inline in;
    in.kind = InlineKind::link;
    in.target = std::move(target);
    in.children = {make_text(std::move(text))};
    return in;
}

// An inline image: a span of class image whose src is src, without alt text.
inline Inline image_inline(const std::string& src) {
    Inline in;
    in.kind = InlineKind::span;
    in.attr.classes = {"image"};
    in.attr.set("src", src);
    return in;
}

// A zh-Hant-TW document of one section titled section_title that holds blocks; title is the document's title.
inline Document one_section(Blocks blocks, const std::string& section_title = "測試", const std::string& title = {}) {
    Document doc;
    doc.meta.language = "zh-Hant-TW";
    doc.meta.title = title;
    Section s;
    s.title.push_back(make_text(section_title));
    s.blocks = std::move(blocks);
    doc.sections.push_back(std::move(s));
    return doc;
}

}  // namespace docexport::test
