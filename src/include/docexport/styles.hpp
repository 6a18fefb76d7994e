// Styles: which named styles (styles/NAME.yaml in the data directories) this installation offers.
#pragma once

#include <docexport/export.hpp>

#include <docexport/diagnostics.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace docexport {

// One style as --style NAME takes it.
struct StyleInfo {
    std::string name;              // what --style takes, e.g. "brief"
    std::string description;       // the file's one-line description:, empty when it has none
    std::string paper;             // the page size's name ("A4"), else WIDTHxHEIGHT in mm ("150x230mm")
    double page_width_mm = 0;
    double page_height_mm = 0;
    std::filesystem::path file;    // where it was read from
};

// Returns the styles of every data directory, sorted by name; where two directories hold the same name, the one
// searched first (the one --style would use) is listed. A style file that cannot be used is reported to sink
// as a warning (file:line:col) and left out.
DOCEXPORT_API std::vector<StyleInfo> list_styles(DiagnosticSink& sink);

}  // namespace docexport
