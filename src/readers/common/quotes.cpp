#include "readers/common/quotes.hpp"

#include "readers/common/utf8.hpp"

namespace docexport::readers {

namespace {

bool latin_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

// Returns whether an element marked with language lang holds text that is not Chinese.
bool other_language(const Attr& attr) {
    const std::string* lang = attr.find("lang");
    return lang && !lang->empty() && lang->rfind("zh", 0) != 0;
}

void inlines(Inlines& list);

void one(Inline& in) {
    if (in.kind == InlineKind::code) return;
    if ((in.kind == InlineKind::span || in.kind == InlineKind::emphasis || in.kind == InlineKind::strong) &&
        other_language(in.attr))
        return;
    if (in.kind == InlineKind::text || in.kind == InlineKind::ruby) in.text = taiwan_quotes(in.text);
    if (const std::string* alt = in.attr.find("alt")) in.attr.set("alt", taiwan_quotes(*alt));
    inlines(in.children);
}

void inlines(Inlines& list) {
    for (Inline& in : list) one(in);
}

void blocks(Blocks& list) {
    for (Block& b : list) {
        if (b.kind == BlockKind::code_block || other_language(b.attr)) continue;
        inlines(b.inlines);
        blocks(b.blocks);
        for (Blocks& item : b.items) blocks(item);
        inlines(b.table.caption);
        for (TableCell& cell : b.table.header) inlines(cell.content);
        for (auto& row : b.table.rows)
            for (TableCell& cell : row) inlines(cell.content);
        if (b.kind == BlockKind::image) b.title = taiwan_quotes(b.title);
        if (const std::string* alt = b.attr.find("alt")) b.attr.set("alt", taiwan_quotes(*alt));
    }
}

}  // namespace

std::string taiwan_quotes(const std::string& text) {
    if (text.find("\xE2\x80") == std::string::npos && text.find('-') == std::string::npos) return text;  // no “”‘’ nor -
    std::u32string cps = docexport::utf8::decode(text);
    bool changed = false;
    for (std::size_t k = 0; k < cps.size(); ++k) {
        char32_t c = cps[k];
        char32_t before = k > 0 ? cps[k - 1] : 0, after = k + 1 < cps.size() ? cps[k + 1] : 0;
        char32_t to = c;
        switch (c) {
        case U'\u201C': to = U'\u300C'; break;   // “ → 「
        case U'\u201D': to = U'\u300D'; break;   // ” → 」
        case U'\u2018': to = U'\u300E'; break;   // ‘ → 『
        case U'\u2019':                          // ’ → 』, but not as an apostrophe
            if (!(latin_letter(before) && latin_letter(after))) to = U'\u300F';
            break;
        case U'-':
            if (is_han(before) && is_han(after)) to = U'\uFF0D';
            break;
        default: break;
        }
        if (to != c) {
            cps[k] = to;
            changed = true;
        }
    }
    return changed ? docexport::utf8::encode(cps) : text;
}

void normalize_quotes(Document& doc, Quotes quotes) {
    if (quotes != Quotes::tw) return;
    doc.meta.title = taiwan_quotes(doc.meta.title);
    doc.meta.subtitle = taiwan_quotes(doc.meta.subtitle);
    doc.meta.summary = taiwan_quotes(doc.meta.summary);
    for (Section& s : doc.sections) {
        if (other_language(s.attr)) continue;
        inlines(s.title);
        s.meta.summary = taiwan_quotes(s.meta.summary);
        if (!s.packed_blocks.empty()) {   // unpacked, normalised and packed again
            unpack_blocks(s);
            blocks(s.blocks);
            pack_blocks(s);
        } else {
            blocks(s.blocks);
        }
    }
}

}  // namespace docexport::readers
