// The line structure of an article's body: which lines join into a paragraph (hard-wrapped prose only),
// which stand alone as headings (第一條, 一、, 前言, a poem's title), and which keep their line breaks (verse).
#pragma once

#include "readers/text/text_lines.hpp"

#include <cstddef>
#include <vector>

namespace docexport::readers {

// One block of the body: rows joined by hard line breaks; each row is one or more soft-wrapped lines.
struct TextBlock {
    std::vector<std::vector<const TextLine*>> rows;
    int heading_level = 0;  // 0 = a paragraph, else 2..6
    bool verse = false;     // short lines of similar length that keep their breaks
    // Returns the block's first line.
    const TextLine& first() const { return *rows.front().front(); }
};

// Returns the body lines (blank lines included, chrome already removed) grouped into blocks.
std::vector<TextBlock> group_text_blocks(const std::vector<const TextLine*>& body);

}  // namespace docexport::readers
