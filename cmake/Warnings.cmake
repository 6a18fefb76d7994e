# Compiler warnings and sanitizers, applied to docexport's own targets only.
add_library(docexport_warnings INTERFACE)
target_compile_options(docexport_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor
  $<$<BOOL:${DOCEXPORT_WERROR}>:-Werror>
  # GCC 12 reports false -Wrestrict overlaps inside std::string operator+ at -O2 (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)

if(DOCEXPORT_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
if(DOCEXPORT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
