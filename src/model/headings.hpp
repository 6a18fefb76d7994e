// Heading levels without gaps, for writers whose output must not skip a level (EPUB, tagged PDF): the section's
// title is level 1, and its headings are renumbered under it.
#pragma once

#include <docexport/model.hpp>

#include <unordered_map>

namespace docexport {

// Sets in levels the level of every heading of a section's blocks (lists and block quotes included), in document
// order: a heading is one level below the nearest heading before it whose source level is smaller (2 when there is
// none), at most 6, so that no level is skipped (feed HTML often goes from h2 to h4) and the source's nesting is
// kept.
void level_headings(const Blocks& blocks, std::unordered_map<const Block*, int>& levels);

}  // namespace docexport
