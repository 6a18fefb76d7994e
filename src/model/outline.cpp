// A short outline of a document, for people: what the readers found, without the text.
#include <docexport/model.hpp>

#include "model/packed.hpp"
#include "support/utf8.hpp"
#include "support/wording.hpp"

namespace docexport {
namespace {

void outline_blocks(const Blocks& blocks, std::string& out, std::size_t& paragraphs, std::size_t& chars) {
    for (const Block& b : blocks) {
        switch (b.kind) {
        case BlockKind::heading:
            out += "    ";
            out.append(static_cast<std::size_t>(b.level > 0 ? b.level - 1 : 0) * 2, ' ');
            out += "- " + plain_text(b.inlines) + "\n";
            break;
        case BlockKind::paragraph:
            ++paragraphs;
            chars += utf8::count_code_points(plain_text(b.inlines));
            break;
        case BlockKind::table:
            out += "    [table: " + support::counted(b.table.header.size(), "column", "columns") + ", " +
                   support::counted(b.table.rows.size(), "row", "rows") + "]\n";
            break;
        case BlockKind::block_quote: outline_blocks(b.blocks, out, paragraphs, chars); break;
        case BlockKind::bullet_list:
        case BlockKind::ordered_list:
            for (const Blocks& item : b.items) outline_blocks(item, out, paragraphs, chars);
            break;
        default: break;
        }
    }
}

}  // namespace

std::string dump_outline(const Document& doc) {
    std::string out;
    out += doc.meta.title.empty() ? std::string("(untitled)") : doc.meta.title;
    out += "\n";
    if (!doc.meta.subtitle.empty()) out += doc.meta.subtitle + "\n";
    std::string line;
    if (!doc.meta.language.empty()) line += "language " + doc.meta.language;
    if (!doc.meta.date.empty()) line += (line.empty() ? "" : ", ") + std::string("date ") + doc.meta.date;
    if (!doc.meta.publisher.empty()) line += (line.empty() ? "" : ", ") + std::string("publisher ") + doc.meta.publisher;
    if (!line.empty()) out += line + "\n";
    out += support::counted(doc.sections.size(), "section", "sections") + "\n";
    std::size_t n = 0;
    for (const Section& s : doc.sections) {
        ++n;
        std::string title = plain_text(s.title);
        out += std::to_string(n) + ". " + (title.empty() ? std::string("(untitled)") : title) + "\n";
        std::string info;
        if (!s.meta.date.empty()) info += s.meta.date;
        if (!s.meta.source.empty()) info += (info.empty() ? "" : ", ") + s.meta.source;
        for (const auto& [k, v] : s.attr.values) info += (info.empty() ? "" : ", ") + k + ": " + v;
        if (!info.empty()) out += "    (" + info + ")\n";
        std::size_t paragraphs = 0, chars = 0;
        std::string inner;
        Blocks scratch;
        outline_blocks(blocks_of(s, scratch), inner, paragraphs, chars);
        out += inner;
        out += "    " + support::counted(paragraphs, "paragraph", "paragraphs") + ", " +
               support::counted(chars, "character", "characters") + "\n";
    }
    return out;
}

}  // namespace docexport
