// Word lists that the text rules match lines against: whether a line contains, starts or ends with any of them.
#pragma once

#include <initializer_list>
#include <string_view>

namespace docexport::readers {

using Words = std::initializer_list<std::string_view>;

// Returns true when s contains one of words.
inline bool contains_any(std::string_view s, Words words) {
    for (std::string_view w : words)
        if (s.find(w) != std::string_view::npos) return true;
    return false;
}

// Returns true when s starts with one of words.
inline bool starts_with_any(std::string_view s, Words words) {
    for (std::string_view w : words)
        if (s.starts_with(w)) return true;
    return false;
}

// Returns true when s ends with one of words.
inline bool ends_with_any(std::string_view s, Words words) {
    for (std::string_view w : words)
        if (s.ends_with(w)) return true;
    return false;
}

}  // namespace docexport::readers
