// Sections whose blocks are packed (Section::packed_blocks), for the code that reads them: the blocks of one
// section at a time, and a way to keep what is known about their nodes across a packing.
#pragma once

#include <docexport/model.hpp>

#include <cstdint>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace docexport {

// Returns section's blocks: section.blocks itself when nothing is packed, else scratch, filled with them.
const Blocks& blocks_of(const Section& section, Blocks& scratch);

// How many sections the writers unpack at a time (unpack_ahead), on several threads.
inline constexpr std::size_t unpack_batch = 32;

// Unpacks the packed sections among sections[begin, end) on several threads: out[i - begin] holds the blocks of
// section i when it is packed, and is empty otherwise (its own blocks are the ones). The output never depends on
// the number of threads.
void unpack_ahead(const std::vector<Section>& sections, std::size_t begin, std::size_t end, std::vector<Blocks>& out);

// Returns the blocks of section i among those unpack_ahead put into ahead for sections [begin, …).
inline const Blocks& blocks_ahead(const std::vector<Section>& sections, std::size_t i, std::size_t begin,
                                  const std::vector<Blocks>& ahead) {
    return sections[i].packed_blocks.empty() ? sections[i].blocks : ahead[i - begin];
}

// Calls visit(node, is_block) for every block and inline of blocks, depth first in a fixed order: a block, its
// inlines (each before its children), its blocks, its items, its table's caption, header and rows.
template <typename Visit>
void visit_nodes(const Inlines& inlines, Visit& visit) {
    for (const Inline& in : inlines) {
        visit(static_cast<const void*>(&in), false);
        visit_nodes(in.children, visit);
    }
}
template <typename Visit>
void visit_nodes(const Blocks& blocks, Visit& visit) {
    for (const Block& b : blocks) {
        visit(static_cast<const void*>(&b), true);
        visit_nodes(b.inlines, visit);
        visit_nodes(b.blocks, visit);
        for (const Blocks& item : b.items) visit_nodes(item, visit);
        visit_nodes(b.table.caption, visit);
        for (const TableCell& cell : b.table.header) visit_nodes(cell.content, visit);
        for (const auto& row : b.table.rows)
            for (const TableCell& cell : row) visit_nodes(cell.content, visit);
    }
}

// What a map keyed by node addresses holds for one section's blocks, keyed by the nodes' numbers in visit_nodes
// order instead: it outlives the blocks, and is put back on the same blocks unpacked again (numbered_nodes).
template <typename Value>
using NumberedNodes = std::vector<std::pair<std::uint32_t, Value>>;

// Moves the entries of by_address whose keys are nodes of blocks out, keyed by number. Key is const void* (any
// node) or const Block* (blocks only).
template <typename Key, typename Value>
NumberedNodes<Value> number_nodes(const Blocks& blocks, std::unordered_map<Key, Value>& by_address) {
    NumberedNodes<Value> out;
    std::uint32_t n = 0;
    auto visit = [&](const void* node, bool is_block) {
        if (std::is_same_v<Key, const void*> || is_block)
            if (auto it = by_address.find(static_cast<Key>(node)); it != by_address.end()) {
                out.emplace_back(n, std::move(it->second));
                by_address.erase(it);
            }
        ++n;
    };
    visit_nodes(blocks, visit);
    return out;
}

// Puts numbered back into by_address, keyed by the addresses of blocks' nodes (the inverse of number_nodes).
template <typename Key, typename Value>
void address_nodes(const Blocks& blocks, NumberedNodes<Value>&& numbered, std::unordered_map<Key, Value>& by_address) {
    std::uint32_t n = 0;
    std::size_t next = 0;
    auto visit = [&](const void* node, bool) {
        for (; next < numbered.size() && numbered[next].first == n; ++next)
            by_address[static_cast<Key>(node)] = std::move(numbered[next].second);
        ++n;
    };
    visit_nodes(blocks, visit);
    NumberedNodes<Value>().swap(numbered);
}

}  // namespace docexport
