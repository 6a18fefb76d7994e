// The versions of the libraries docexport is made of, for bug reports (docexport --version).
#pragma once

#include <docexport/export.hpp>

#include <string>
#include <vector>

namespace docexport {

// A third-party library and its version.
struct ComponentVersion {
    std::string name;      // e.g. "HarfBuzz"
    std::string version;   // e.g. "6.0.0"
};

// Returns HarfBuzz, ICU, libharu, libzip and pugixml with their versions, in that order: the version each loaded
// library reports, except pugixml's, which has no run-time query (the version of the headers built against).
DOCEXPORT_API std::vector<ComponentVersion> component_versions();

}  // namespace docexport
