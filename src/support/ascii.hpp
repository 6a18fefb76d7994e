// ASCII case: identifiers, tags, labels and language codes compare without case, independent of the locale
// (std::tolower depends on it) and without touching the bytes of UTF-8 sequences.
#pragma once

#include <string>
#include <string_view>

namespace docexport::support {

// Returns c lowercased when it is an ASCII capital letter, else c.
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Returns c uppercased when it is an ASCII small letter, else c.
constexpr char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Returns s with its ASCII capital letters lowercased and every other byte as it is.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

}  // namespace docexport::support
