// Reading whole input files, with a size limit and errors that say what to do.
#pragma once

#include <cstddef>
#include <string>

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

}  // namespace docexport::support
