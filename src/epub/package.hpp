// The package document (package.opf, EPUB 3.3) and META-INF/container.xml.
#pragma once

#include "epub/content.hpp"

#include <string>
#include <vector>

namespace docexport::epub {

// Where the package document sits in the container.
inline constexpr const char* package_path = "EPUB/package.opf";

struct PackageInput {
    std::string identifier;
    std::string title;
    std::string subtitle;
    std::string language;
    std::vector<std::string> authors;
    std::string publisher;
    std::string source;
    std::string description;
    std::string date;        // W3C date, or empty
    std::string modified;    // CCYY-MM-DDThh:mm:ssZ
    std::vector<const Resource*> manifest;   // every file but the package document, in order
    std::vector<std::string> spine;          // manifest ids in reading order
    std::string nav_id;
    std::string ncx_id;
    std::string cover_image_id;              // empty without a cover image
    bool vertical = false;
    bool has_ruby = false;
    bool has_images = false;
    bool images_have_alt = true;
    bool has_tables = false;
    bool tables_have_headers = true;
    bool embedded_fonts = false;    // the book carries font files
    bool conforms = false;          // dcterms:conformsTo EPUB Accessibility 1.1 - WCAG 2.2 Level AA
};

// Returns package.opf.
std::string render_package(const PackageInput& in);

// Returns META-INF/container.xml pointing at package_path.
std::string render_container();

}  // namespace docexport::epub
