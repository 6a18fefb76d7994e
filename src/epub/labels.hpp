// Words the book itself shows (table of contents, landmarks), in the book's language.
#pragma once

#include <string>

namespace docexport::epub {

struct Labels {
    std::string contents;    // the table of contents' heading
    std::string landmarks;
    std::string cover;
    std::string bodymatter;
};

// Returns the labels for a BCP 47 tag: Traditional or Simplified Chinese, Japanese, else English.
Labels labels_for(const std::string& language);

}  // namespace docexport::epub
