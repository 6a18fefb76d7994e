# Installs the library, its public headers, a CMake package (docexport::docexport), a pkg-config file, the command
# and its manual page.
include(CMakePackageConfigHelpers)
install(TARGETS docexport EXPORT docexportTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS docexport_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The manual page (written by hand; validate.man_page_sync keeps its options those of --help).
install(FILES docs/docexport.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(DIRECTORY src/include/docexport DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
install(FILES "${PROJECT_BINARY_DIR}/include/docexport/version.hpp" "${PROJECT_BINARY_DIR}/include/docexport/export.hpp"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/docexport)
install(EXPORT docexportTargets NAMESPACE docexport:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/docexport)
configure_package_config_file(cmake/docexportConfig.cmake.in "${PROJECT_BINARY_DIR}/docexportConfig.cmake"
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/docexport)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/docexportConfigVersion.cmake" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/docexportConfig.cmake" "${PROJECT_BINARY_DIR}/docexportConfigVersion.cmake"
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/docexport)
# The .pc file names its prefix relative to its own directory (${pcfiledir}), so a moved install still works.
file(RELATIVE_PATH DOCEXPORT_PC_PREFIX_FROM_PCDIR "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig" "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/$" "" DOCEXPORT_PC_PREFIX_FROM_PCDIR "${DOCEXPORT_PC_PREFIX_FROM_PCDIR}")
configure_file(cmake/docexport.pc.in "${PROJECT_BINARY_DIR}/docexport.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/docexport.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
