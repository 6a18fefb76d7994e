// Where the article is on a scraped page: the body first (the run of article-like lines that outweighs the
// chrome around it), then the title and the dateline next to it; the header is what lies above, the footer
// what lies below. docs/text-reader.md explains the weights and the published methods they follow.
#pragma once

#include "readers/text/text_dateline.hpp"
#include "readers/text/text_lines.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace docexport::readers {

// Where the parts of the article are, as indices into the lines.
struct ArticlePlan {
    std::optional<std::size_t> title;
    std::optional<std::size_t> dateline;
    Dateline date;                        // what the dateline says
    std::vector<std::size_t> meta_lines;  // short source or author lines next to the dateline
    std::size_t head_end = 0;             // lines [0, head_end) are the page header
    std::size_t body_begin = 0;           // lines [body_begin, body_end) hold the article text
    std::size_t body_end = 0;             // lines [body_end, size) are the page footer
    std::optional<std::size_t> end_rule;  // the site end: rule line that ended the article, if any
    bool found_body = false;              // false when nothing reads as article text
};

// Returns where the title, the dateline, the body, the header and the footer are.
ArticlePlan plan_article(const std::vector<TextLine>& lines);

}  // namespace docexport::readers
