// Telling Traditional from Simplified Chinese by the characters that only one of them uses.
#include "readers/inputs.hpp"
#include "readers/common/utf8.hpp"

#include <string_view>

namespace docexport::readers {

namespace {

// Frequent characters whose Traditional and Simplified forms differ, the same order in both strings.
constexpr std::u32string_view traditional_only = U"們個這會來時國學說對為與過後發還進動經開關從當點問華區創應導見長業產實體處書車門頭話東線據據務網";
constexpr std::u32string_view simplified_only = U"们个这会来时国学说对为与过后发还进动经开关从当点问华区创应导见长业产实体处书车门头话东线据据务网";

void count_blocks(const Blocks& blocks, std::size_t& trad, std::size_t& simp);

void count_text(std::string_view s, std::size_t& trad, std::size_t& simp) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        if (c < 0x4E00) continue;
        if (traditional_only.find(c) != std::u32string_view::npos) ++trad;
        else if (simplified_only.find(c) != std::u32string_view::npos) ++simp;
    }
}

void count_inlines(const Inlines& inlines, std::size_t& trad, std::size_t& simp) {
    for (const Inline& in : inlines) {
        count_text(in.text, trad, simp);
        count_inlines(in.children, trad, simp);
    }
}

void count_blocks(const Blocks& blocks, std::size_t& trad, std::size_t& simp) {
    for (const Block& b : blocks) {
        count_inlines(b.inlines, trad, simp);
        count_blocks(b.blocks, trad, simp);
        for (const Blocks& item : b.items) count_blocks(item, trad, simp);
        for (const TableCell& c : b.table.header) count_inlines(c.content, trad, simp);
        for (const auto& row : b.table.rows)
            for (const TableCell& c : row) count_inlines(c.content, trad, simp);
    }
}

}  // namespace

std::string guess_language(const Document& doc) {
    std::size_t trad = 0, simp = 0;
    for (const Section& s : doc.sections) {
        count_inlines(s.title, trad, simp);
        count_blocks(s.blocks, trad, simp);
    }
    if (trad == 0 && simp == 0) return {};
    return trad >= simp ? "zh-Hant" : "zh-Hans";
}

}  // namespace docexport::readers
