// The shared UTF-8 codec in the layout engine's namespace (input is valid UTF-8: the readers guarantee it).
#pragma once

#include "support/utf8.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace docexport::layout {

// The shared codec (src/support/utf8.hpp), under the names the layout engine uses.
using utf8::next_code_point;
using utf8::previous_code_point;
inline void append_utf8(std::string& out, char32_t c) { utf8::append(out, c); }

}  // namespace docexport::layout
