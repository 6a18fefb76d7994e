#include <docexport/versions.hpp>

#include <hb.h>
#include <hpdf.h>
#include <pugixml.hpp>
#include <unicode/uversion.h>
#include <zip.h>

namespace docexport {

std::vector<ComponentVersion> component_versions() {
    UVersionInfo icu{};
    u_getVersion(icu);
    char icu_text[U_MAX_VERSION_STRING_LENGTH] = {};
    u_versionToString(icu, icu_text);
    // PUGIXML_VERSION is major * 1000 + minor * 10 (1130 is 1.13).
    std::string pugixml = std::to_string(PUGIXML_VERSION / 1000) + "." + std::to_string(PUGIXML_VERSION % 1000 / 10);
    return {{"HarfBuzz", hb_version_string()},
            {"ICU", icu_text},
            {"libharu", HPDF_GetVersion()},
            {"libzip", zip_libzip_version()},
            {"pugixml", pugixml}};
}

}  // namespace docexport
