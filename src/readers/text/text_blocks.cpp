#include "readers/text/text_blocks.hpp"

#include "readers/common/utf8.hpp"

#include <algorithm>
#include <map>

namespace docexport::readers {

namespace {

// Hard wrapping: at least this many lines near one width, which is at least min_wrap_width columns.
constexpr std::size_t min_wrapped_lines = 3;
constexpr std::size_t min_wrap_width = 30;
constexpr std::size_t max_wrap_width = 200;
// Verse: lines of at most this many columns, of widths within about a third of each other.
constexpr std::size_t max_verse_width = 40;
// A line this long (code points) that does not end its sentence reads as wrapped prose between blank lines.
constexpr std::size_t min_prose_line = 16;

// The rank of a heading's marker; plain headings rank with chapters.
int marker_rank(Marker m) {
    switch (m) {
    case Marker::part: return 1;
    case Marker::none:
    case Marker::structure_word:
    case Marker::chapter: return 2;
    case Marker::section: return 3;
    case Marker::article: return 4;
    case Marker::clause: return 5;
    case Marker::item: return 6;
    case Marker::paren_item: return 7;
    case Marker::number_item: return 8;
    case Marker::paren_number: return 9;
    case Marker::bullet: return 10;
    }
    return 10;
}

struct Wrap {
    bool wrapped = false;
    std::size_t width = 0;
    // Returns true when a line runs to the wrap width.
    bool full(const TextLine& l) const {
        if (!wrapped) return false;
        std::size_t slack = std::max<std::size_t>(4, width / 8);
        return l.width + slack >= width;
    }
};

// Finds the width that hard-wrapped prose runs to: the upper quartile of the line widths, when enough
// lines come near it.
Wrap find_wrap(const std::vector<const TextLine*>& body) {
    std::vector<std::size_t> widths;
    for (const TextLine* l : body)
        if (!l->blank()) widths.push_back(l->width);
    Wrap w;
    if (widths.size() < min_wrapped_lines) return w;
    std::vector<std::size_t> sorted = widths;
    std::sort(sorted.begin(), sorted.end());
    std::size_t q = sorted[sorted.size() * 3 / 4];
    if (q < min_wrap_width || q > max_wrap_width) return w;
    std::size_t slack = std::max<std::size_t>(4, q / 8);
    // Prose: most of the lines near that width have punctuation inside (verse lines of one width do not).
    // Prose breaks its lines anywhere, verse at punctuation: most near-width lines must not end in punctuation.
    std::size_t near = 0, punctuated = 0, punctuation_ends = 0;
    for (const TextLine* l : body) {
        if (l->blank() || l->width + slack < q || l->width > q + slack) continue;
        ++near;
        if (ends_with_punctuation(l->clean)) ++punctuation_ends;
        if (l->clean.find_first_of(",.;") != std::string::npos || has_sentence_mark(l->clean) ||
            l->clean.find("，") != std::string::npos || l->clean.find("、") != std::string::npos)
            ++punctuated;
    }
    if (near >= min_wrapped_lines && near * 10 >= widths.size() * 3 && punctuated * 2 >= near &&
        punctuation_ends * 5 <= near * 3) {
        w.wrapped = true;
        w.width = q;
    }
    return w;
}

// Marks the lines of verse: runs of two or more short lines of similar width that all end in punctuation,
// or all end without it.
std::vector<bool> find_verse(const std::vector<const TextLine*>& body, const Wrap& wrap) {
    std::vector<bool> verse(body.size(), false);
    auto fits = [&](const TextLine& l) {
        return !l.blank() && l.width <= max_verse_width && !wrap.full(l) &&
               (l.marker == Marker::none || l.marker == Marker::bullet);
    };
    std::size_t i = 0;
    while (i < body.size()) {
        if (!fits(*body[i])) {
            ++i;
            continue;
        }
        bool punct = ends_with_punctuation(body[i]->clean);
        std::size_t w0 = body[i]->width;
        std::size_t j = i + 1;
        while (j < body.size() && fits(*body[j]) && ends_with_punctuation(body[j]->clean) == punct) {
            std::size_t w = body[j]->width;
            std::size_t lo = std::min(w, w0), hi = std::max(w, w0);
            if (hi * 3 > lo * 4 + 4) break;
            ++j;
        }
        // Four lines make verse; two or three do when they end without punctuation (a couplet) or when a
        // line ending mid-sentence is answered by one ending it (床前明月光，疑是地上霜。).
        bool paired = j - i >= 2 && ends_mid_sentence(body[i]->clean) && ends_sentence(body[i + 1]->clean);
        if (j - i >= 4 || (j - i >= 2 && (!punct || paired))) std::fill(verse.begin() + static_cast<std::ptrdiff_t>(i), verse.begin() + static_cast<std::ptrdiff_t>(j), true);
        i = j;
    }
    return verse;
}

const TextLine* next_line(const std::vector<const TextLine*>& body, std::size_t i) {
    for (std::size_t j = i + 1; j < body.size(); ++j)
        if (!body[j]->blank()) return body[j];
    return nullptr;
}

// Returns true when a line stands as a heading: 第一條 or 一、總則 with text under it, or a short plain line
// (a subheading, a poem's title) followed by article text.
bool is_heading(const std::vector<const TextLine*>& body, std::size_t i, bool in_verse, bool after_break,
                bool indented) {
    const TextLine& l = *body[i];
    if (!l.heading_like || in_verse) return false;
    const TextLine* next = next_line(body, i);
    if (!next) return false;
    if (l.marker == Marker::bullet) return false;
    if (l.marker != Marker::none) {
        std::string_view rest;
        find_marker(l.clean, &rest);
        if (utf8::count_code_points(rest) > 20) return false;
        // Items of one list (一、北京 二、天津) are not headings: a heading has text under it.
        return next->marker != l.marker || l.marker == Marker::structure_word;
    }
    // A plain line indented like the body's paragraphs starts a paragraph, it is no heading.
    // Nor is a book name under a title (《诗经·国风·王风》) or a note in brackets.
    if (!after_break || indented || reads_as_author(l, false) || is_bracketed(l.clean)) return false;
    if (next->article_like && next->marker != Marker::bullet) return true;
    // A poem's title above its author line.
    const TextLine* after = nullptr;
    for (std::size_t j = i + 1, found = 0; j < body.size(); ++j) {
        if (body[j]->blank()) continue;
        if (++found == 2) {
            after = body[j];
            break;
        }
    }
    return reads_as_author(*next) && after && after->article_like;
}

}  // namespace

std::vector<TextBlock> group_text_blocks(const std::vector<const TextLine*>& body) {
    Wrap wrap = find_wrap(body);
    std::vector<bool> verse = find_verse(body, wrap);
    std::size_t min_indent = SIZE_MAX, max_indent = 0;
    bool has_blank = false;
    for (std::size_t k = 0; k < body.size(); ++k) {
        if (body[k]->blank()) {
            if (k > 0 && k + 1 < body.size()) has_blank = true;
            continue;
        }
        min_indent = std::min(min_indent, body[k]->indent);
        max_indent = std::max(max_indent, body[k]->indent);
    }
    bool indent_style = max_indent > min_indent;

    std::vector<TextBlock> out;
    std::vector<int> ranks;  // marker rank of each heading, turned into levels at the end
    bool open = false;
    bool after_break = true;  // the previous line ended a block (or there was none)
    const TextLine* prev = nullptr;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const TextLine& l = *body[i];
        if (l.blank()) {
            open = false;
            after_break = true;
            prev = nullptr;
            continue;
        }
        bool soft = false;   // join to the previous line
        bool starts = !open;
        if (open && prev) {
            bool continues = wrap.full(*prev) && !ends_sentence(prev->clean);
            if (wrap.full(*prev) && ends_sentence(prev->clean)) continues = has_blank || indent_style;
            // Indented paragraphs: an unindented line continues the paragraph above it, unless that one is an
            // unindented heading.
            if (indent_style && l.indent == min_indent && !ends_sentence(prev->clean) &&
                (!prev->heading_like || prev->indent > min_indent) && !verse[i])
                continues = true;
            // Paragraphs set apart by blank lines: a line of prose that does not end its sentence is wrapped.
            if (has_blank && !verse[i] && !verse[i - 1] && prev->length >= min_prose_line && !prev->heading_like &&
                !ends_sentence(prev->clean) && l.marker == Marker::none)
                continues = true;
            if (continues && l.indent <= min_indent) {
                soft = true;
            } else if (l.indent > min_indent && indent_style) {
                starts = true;
            } else if (l.marker != Marker::none) {
                starts = true;
            } else if (verse[i] && verse[i - 1]) {
                starts = false;
            } else if (verse[i] != verse[i - 1]) {
                starts = true;
            } else if (ends_sentence(prev->clean) || prev->length >= 50 || prev->heading_like || symbols_only(*prev) ||
                       symbols_only(l)) {
                starts = true;
            }
        }
        bool heading = (starts || !open) && is_heading(body, i, verse[i], after_break || starts,
                                                     indent_style && l.indent > min_indent);
        if (starts || heading) {
            TextBlock b;
            b.rows.push_back({&l});
            b.verse = verse[i];
            out.push_back(std::move(b));
            ranks.push_back(heading ? marker_rank(l.marker) : 0);
            open = !heading;
        } else if (soft) {
            out.back().rows.back().push_back(&l);
        } else {
            out.back().rows.push_back({&l});
        }
        after_break = heading;
        prev = heading ? nullptr : &l;
        if (heading) open = false;
    }

    // Heading levels: the ranks in use, in order, become levels 2, 3, ... (at most 6).
    std::map<int, int> level_of;
    for (int r : ranks)
        if (r > 0) level_of[r] = 0;
    int level = 2;
    for (auto& [rank, lv] : level_of) lv = std::min(level++, 6);
    for (std::size_t k = 0; k < out.size(); ++k)
        if (ranks[k] > 0) out[k].heading_level = level_of[ranks[k]];
    return out;
}

}  // namespace docexport::readers
