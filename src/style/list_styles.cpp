// list_styles: the public list of the styles found in the data directories (docexport --list-styles).
#include "style/style.hpp"

#include <docexport/styles.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <system_error>

namespace docexport {

namespace {

namespace fs = std::filesystem;

// Returns a number of millimetres without trailing zeros ("148", "215.9").
std::string millimetres(double mm) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::round(mm * 10) / 10);
    return ec == std::errc() ? std::string(buffer, end) : std::string("?");
}

}  // namespace

std::vector<StyleInfo> list_styles(DiagnosticSink& sink) {
    std::map<std::string, fs::path> files;   // by name; the first directory searched wins, as in load_style
    std::vector<fs::path> dirs = style::data_directories();
    for (const fs::path& dir : dirs) {
        std::error_code ec;
        std::vector<fs::path> found;
        for (const auto& entry : fs::directory_iterator(dir / "styles", ec))
            if (entry.path().extension() == ".yaml" && entry.is_regular_file(ec)) found.push_back(entry.path());
        for (const fs::path& f : found) files.emplace(f.stem().string(), f);
    }
    if (files.empty()) {
        std::string searched;
        for (const fs::path& dir : dirs) searched += (searched.empty() ? "" : ", ") + (dir / "styles").string();
        sink.warn({}, "no styles found", {"searched: " + (searched.empty() ? std::string("nothing") : searched),
                                          "set DOCEXPORT_DATA_DIR to the directory that holds styles/ and fonts/"});
    }
    std::vector<StyleInfo> out;
    for (const auto& [name, file] : files) {
        try {
            style::Style st = style::load_style(file.string(), "");
            for (const Diagnostic& d : st.warnings) sink.report(d);
            StyleInfo info;
            info.name = name;
            info.description = st.description;
            info.page_width_mm = st.page.width;
            info.page_height_mm = st.page.height;
            info.paper = !st.page.paper.empty() ? st.page.paper
                                                : millimetres(st.page.width) + "x" + millimetres(st.page.height) + "mm";
            info.file = file;
            out.push_back(std::move(info));
        } catch (const Error& e) {
            Diagnostic d = e.as_diagnostic();
            if (d.pos.file.empty()) d.pos.file = file.string();
            sink.warn(d.pos, d.message + "; the style is left out", d.hints);
        }
    }
    return out;
}

}  // namespace docexport
