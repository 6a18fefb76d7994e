#include "model/headings.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace docexport {

namespace {

void level(const Blocks& blocks, std::vector<std::pair<int, int>>& open, std::unordered_map<const Block*, int>& levels) {
    for (const Block& b : blocks) {
        if (b.kind == BlockKind::heading) {
            int source = std::clamp(b.level, 1, 6);
            while (!open.empty() && open.back().first >= source) open.pop_back();
            int given = std::min(open.empty() ? 2 : open.back().second + 1, 6);
            open.emplace_back(source, given);
            levels[&b] = given;
        }
        level(b.blocks, open, levels);
        for (const Blocks& item : b.items) level(item, open, levels);
    }
}

}  // namespace

void level_headings(const Blocks& blocks, std::unordered_map<const Block*, int>& levels) {
    std::vector<std::pair<int, int>> open;   // (source level, given level) of the headings still open
    level(blocks, open, levels);
}

}  // namespace docexport
