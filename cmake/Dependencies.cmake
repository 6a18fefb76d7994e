# Every third-party dependency, found the way Debian 12 packages it (see docs/dependencies.md).
find_package(PkgConfig REQUIRED)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz harfbuzz-subset)
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)   # the generated cover's rasteriser
pkg_check_modules(LIBPNG REQUIRED IMPORTED_TARGET libpng)       # the generated cover's PNG
find_package(nlohmann_json 3.10 REQUIRED CONFIG)
find_package(yaml-cpp 0.7 REQUIRED CONFIG)
find_package(CLI11 2.0 REQUIRED CONFIG)
find_package(pugixml 1.11 REQUIRED CONFIG)   # the EPUB writer's XML
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)   # the EPUB container
find_package(HPDF 2.3 REQUIRED)   # cmake/FindHPDF.cmake; the PDF writer links it

# cmark-gfm's extensions library (GFM tables) ships no pkg-config file.
find_library(CMARK_GFM_EXTENSIONS_LIBRARY NAMES cmark-gfm-extensions REQUIRED)
find_path(CMARK_GFM_EXTENSIONS_INCLUDE_DIR NAMES cmark-gfm-core-extensions.h REQUIRED)
add_library(docexport_cmark_gfm_extensions INTERFACE)
target_link_libraries(docexport_cmark_gfm_extensions INTERFACE ${CMARK_GFM_EXTENSIONS_LIBRARY} PkgConfig::CMARK_GFM)
target_include_directories(docexport_cmark_gfm_extensions SYSTEM INTERFACE ${CMARK_GFM_EXTENSIONS_INCLUDE_DIR})

if(DOCEXPORT_TESTS)
  find_package(doctest REQUIRED CONFIG)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
endif()

# Feeds: XML (pugixml; no DTDs, no external entities) and HTML content (gumbo, an HTML5 parser).
find_package(pugixml 1.11 REQUIRED CONFIG)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)   # --lenient: recovers malformed feed XML

# Layout and PDF work on several cores: std::thread, and zlib to deflate page content in parallel.
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)
