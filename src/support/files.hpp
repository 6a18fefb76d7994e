// Input files: reading one whole, with a size limit and errors that say what to do; the extension of a name.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace docexport::support {

// The hints read_file gives with two of its errors; they depend on what kind of input the file is.
struct ReadFileHints {
    std::string directory;  // for a directory named as a file ("" = none)
    std::string too_large;  // for a file over the size limit
};

// Returns the bytes of the file at path. Throws Error(input), positioned at path, when the file is missing, a
// directory, unreadable or larger than max_bytes (checked before reading when the size is known, and while
// reading for pipes and the like).
std::string read_file(const std::string& path, std::size_t max_bytes, const ReadFileHints& hints);

// Returns the extension of the last component of a file name or path, without its dot and ASCII-lowercased
// ("a/B.MD" -> "md"), or "" when it has none.
std::string lower_extension(std::string_view name);

}  // namespace docexport::support
