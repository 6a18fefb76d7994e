// Guessing a document's language from its characters: Japanese by its kana, Korean by its hangul, Chinese by its
// Han characters, Traditional or Simplified by the characters that only one of them uses.
#include "readers/inputs.hpp"
#include "model/packed.hpp"
#include "readers/common/utf8.hpp"

#include <string_view>

namespace docexport::readers {

namespace {

// Frequent characters whose Traditional and Simplified forms differ, the same order in both strings.
constexpr std::u32string_view traditional_only = U"們個這會來時國學說對為與過後發還進動經開關從當點問華區創應導見長業產實體處書車門頭話東線據據務網";
constexpr std::u32string_view simplified_only = U"们个这会来时国学说对为与过后发还进动经开关从当点问华区创应导见长业产实体处书车门头话东线据据务网";

// What the characters of a document are.
struct Counts {
    std::size_t trad = 0, simp = 0;   // Han characters of one script only
    std::size_t han = 0, kana = 0, hangul = 0;
};

void count_blocks(const Blocks& blocks, Counts& n);

void count_text(std::string_view s, Counts& n) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        if (c < 0x3040) continue;
        if (c <= 0x30FF) {
            if (c != 0x30FB && c != 0x30FC) ++n.kana;   // not the middle dot and the prolonged sound mark
        } else if (c >= 0xAC00 && c <= 0xD7AF) {
            ++n.hangul;
        } else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x3134F)) {
            ++n.han;
            if (traditional_only.find(c) != std::u32string_view::npos) ++n.trad;
            else if (simplified_only.find(c) != std::u32string_view::npos) ++n.simp;
        }
    }
}

void count_inlines(const Inlines& inlines, Counts& n) {
    for (const Inline& in : inlines) {
        count_text(in.text, n);
        count_inlines(in.children, n);
    }
}

void count_blocks(const Blocks& blocks, Counts& n) {
    for (const Block& b : blocks) {
        count_inlines(b.inlines, n);
        count_blocks(b.blocks, n);
        for (const Blocks& item : b.items) count_blocks(item, n);
        for (const TableCell& c : b.table.header) count_inlines(c.content, n);
        for (const auto& row : b.table.rows)
            for (const TableCell& c : row) count_inlines(c.content, n);
    }
}

}  // namespace

std::string guess_language(const Document& doc) {
    Counts n;
    Blocks scratch;
    for (const Section& s : doc.sections) {
        count_inlines(s.title, n);
        count_blocks(blocks_of(s, scratch), n);
    }
    // Kana and hangul are each one language's; Han text whose characters both scripts share is taken as
    // Traditional, docexport's default (what the styles set it as).
    if (n.kana > 0 && n.kana * 2 >= n.han) return "ja";   // Japanese prose: kana at least a third; a quoted title is less
    if (n.hangul > 0 && n.hangul >= n.han) return "ko";
    if (n.han == 0) return {};
    return n.trad >= n.simp ? "zh-Hant" : "zh-Hans";
}

}  // namespace docexport::readers
