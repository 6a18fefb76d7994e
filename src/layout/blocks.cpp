#include "layout/blocks.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <cstdlib>
#include <numeric>

namespace docexport::layout {

namespace {

constexpr double ascent = 0.88;   // of the ideographic em box above the baseline (Noto CJK, Source Han)
const Color gray{0.35, 0.35, 0.35};
const Color rule_gray{0.55, 0.55, 0.55};
const Color light_fill{0.93, 0.93, 0.93};

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

// Returns the label of a section's byline for the style's fontconfig language: 作者： (Chinese), 著者：
// (Japanese), 글쓴이: (Korean).
std::string byline_label(const std::string& font_lang) {
    if (font_lang == "ja") return "著者：";
    if (font_lang == "ko") return "글쓴이: ";
    return "作者：";
}

}  // namespace

ImageHeader read_image_header(std::string_view bytes) {
    ImageHeader header;
    auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t n = bytes.size();
    if (n >= 24 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
        header.width = static_cast<double>(be32(b + 16));
        header.height = static_cast<double>(be32(b + 20));
        if (n > 25) header.png_color_type = b[25];
        return header;
    }
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
        std::size_t i = 2;
        while (i + 9 < n) {
            if (b[i] != 0xFF) { ++i; continue; }
            unsigned marker = b[i + 1];
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0xFF) { ++i; continue; }
            std::size_t len = (std::size_t{b[i + 2]} << 8) | b[i + 3];
            bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                header.height = static_cast<double>((b[i + 5] << 8) | b[i + 6]);
                header.width = static_cast<double>((b[i + 7] << 8) | b[i + 8]);
                header.jpeg_components = b[i + 9];
                return header;
            }
            i += 2 + len;
        }
    }
    return header;
}

std::pair<double, double> image_pixel_size(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {0, 0};
    std::string head(64 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    ImageHeader header = read_image_header(head);
    return {header.width, header.height};
}

BlockLayouter::BlockLayouter(const LayoutSettings& settings, FontChains& fonts, Shaper& shaper, DiagnosticSink& sink)
    : settings_(settings), fonts_(fonts), shaper_(shaper), sink_(sink) {}

void BlockLayouter::set_lines(const InlineText& text, const ParagraphStyle& style, double width, std::uint32_t from,
                              bool first_piece) {
    shaper_.shape(text, shaped_);
    // An inline image is never wider than the measure (finalize.cpp scales its height with its cluster width).
    for (ShapedCluster& c : shaped_.clusters)
        if (c.object >= 0 && c.width > width && width > 0) {
            c.width = width;
            for (std::uint32_t g = c.glyph_begin; g < c.glyph_end; ++g) shaped_.glyphs[g].advance = width;
        }
    LineOptions options;
    options.measure = width;
    options.first_indent = first_piece ? style.first_indent : 0;
    options.justify = style.align == TextAlign::justify;
    options.avoid_runts = options.justify;
    options.hang = options.justify && (settings_.vertical ? settings_.hang_vertical : settings_.hang_horizontal);
    if (from > 0) {
        auto k = std::lower_bound(shaped_.clusters.begin(), shaped_.clusters.end(), from,
                                  [](const ShapedCluster& c, std::uint32_t at) { return c.text_begin < at; });
        options.begin = static_cast<std::uint32_t>(k - shaped_.clusters.begin());
    }
    break_lines(shaped_, text, options, lines_);
    if (style.balance && lines_.size() >= 2 && from == 0 && first_piece) {
        // The narrowest measure that needs no more lines: shorter first lines, a fuller last one; never
        // narrower than the widest unbreakable piece (a word is not split to balance a heading).
        std::size_t count = lines_.size();
        double widest = 0, piece = 0;
        for (std::size_t k = 0; k < shaped_.clusters.size(); ++k) {
            const ShapedCluster& c = shaped_.clusters[k];
            if (k > 0 && c.break_before != BreakKind::none) {
                widest = std::max(widest, piece);
                piece = 0;
            }
            piece += c.width;
        }
        widest = std::max(widest, piece);
        double low = std::max(width * 0.4, std::min(widest, width)), high = width;
        for (int step = 0; step < 14; ++step) {
            options.measure = (low + high) / 2;
            break_lines(shaped_, text, options, lines_);
            (lines_.size() <= count ? high : low) = options.measure;
        }
        options.measure = high;
        break_lines(shaped_, text, options, lines_);
    }
    if (style.align == TextAlign::center || style.align == TextAlign::right)
        for (Line& line : lines_) {
            double free = width - line.start - line.natural;
            if (free > 0) line.start += style.align == TextAlign::center ? free / 2 : free;
        }
}

double BlockLayouter::line_box(const Line& line, const ParagraphStyle& style, double& baseline) const {
    double size = line.size > 0 ? line.size : style.base.size;
    double height = size * style.line_height;
    baseline = (height - size) / 2 + ascent * size;   // the em box centred in the line box
    if (line.annotation > 0) {
        // Ruby: the annotations may take half of the space above the em box; the line grows by the rest, so that
        // they stay inside this line's box (never over the line above).
        double grow = std::max(0.0, line.annotation - (height - size) / 4);
        height += grow;
        baseline += grow;
    }
    return height;
}

void BlockLayouter::line_slices(const InlineText& text, const ParagraphStyle& style, const BlockContext& context,
                                std::size_t count, std::vector<Slice>& out) {
    for (std::size_t k = 0; k < count; ++k) {
        const Line& line = lines_[k];
        Slice& slice = out.emplace_back();
        double baseline = 0;
        slice.height = line_box(line, style, baseline);
        slice.baseline = baseline;
        place_line(shaped_, text, line, context.left, baseline, slice.content, positions_);
    }
}

namespace {

// Returns the ruby whose base has byte at strictly inside it (rubies are in text order and never overlap), or
// nothing: a binary search, since a long paragraph in ruby mode has a ruby every few characters.
const RubySpan* ruby_around(const InlineText& text, std::uint32_t at) {
    auto it = std::upper_bound(text.rubies.begin(), text.rubies.end(), at,
                               [](std::uint32_t offset, const RubySpan& r) { return offset < r.end; });
    return it != text.rubies.end() && it->begin < at ? &*it : nullptr;
}

// Returns the byte at or after at that starts a character and is not inside a ruby base of text (at most its size).
std::uint32_t piece_end(const InlineText& text, std::size_t at) {
    auto size = static_cast<std::uint32_t>(text.text.size());
    if (at >= size) return size;
    auto end = static_cast<std::uint32_t>(at);
    while (end < size && (static_cast<unsigned char>(text.text[end]) & 0xC0) == 0x80) ++end;
    if (const RubySpan* r = ruby_around(text, end)) end = r->end;
    return end;
}

// Returns where a piece whose first line starts at byte line_start begins: up to context bytes before it (what
// shaping and the break opportunities of the first characters may look at), on a character, not inside a ruby.
std::uint32_t piece_start(const InlineText& text, std::uint32_t line_start, std::uint32_t context) {
    std::uint32_t from = line_start > context ? line_start - context : 0;
    while (from > 0 && (static_cast<unsigned char>(text.text[from]) & 0xC0) == 0x80) --from;
    if (const RubySpan* r = ruby_around(text, from)) from = r->begin;
    return from;
}

}  // namespace

void BlockLayouter::piecewise_slices(const InlineText& text, const ParagraphStyle& style, const BlockContext& context,
                                     std::vector<Slice>& out, std::size_t& first, double space_before) {
    // Clusters at the end of a piece may shape, space or break differently from the same clusters with what
    // follows them; a line is kept only when the line after it ends this many clusters before the cut.
    constexpr std::uint32_t margin = 64;
    constexpr std::uint32_t context_bytes = 96;
    const auto size = static_cast<std::uint32_t>(text.text.size());
    std::size_t piece = std::max<std::size_t>(settings_.paragraph_piece_bytes, 1);
    std::uint32_t line_start = 0;
    bool first_piece = true;
    while (line_start < size) {
        std::uint32_t from = piece_start(text, line_start, context_bytes);
        std::uint32_t to = piece_end(text, std::size_t(line_start) + piece);
        InlineText part = text.slice(from, to);
        set_lines(part, style, context.width, line_start - from, first_piece);
        std::size_t keep = lines_.size();
        if (to < size) {
            auto n = static_cast<std::uint32_t>(shaped_.clusters.size());
            keep = 0;
            while (keep + 1 < lines_.size() && lines_[keep + 1].end + margin <= n) ++keep;
            if (keep == 0) {   // not one line can be trusted: a line longer than the piece; take a larger piece
                piece *= 2;
                continue;
            }
        }
        line_slices(part, style, context, keep, out);
        if (first_piece && out.size() > first && space_before > 0) out[first].space_before = space_before;
        if (keep == lines_.size()) break;
        line_start = from + shaped_.clusters[lines_[keep].begin].text_begin;
        first_piece = false;
        // More lines follow: the first is no orphan. All but the last two lines (the widow rule sets the
        // second last) are final.
        if (drain_ && out.size() >= 3 && out.size() > first) {
            if (drained_ == 0) out[first].keep_with_next = true;
            Slice last = std::move(out.back());
            Slice second_last = std::move(out[out.size() - 2]);
            out.resize(out.size() - 2);
            drained_ += out.size() - first;
            drain_(out);
            out.clear();
            out.push_back(std::move(second_last));
            out.push_back(std::move(last));
            first = 0;   // the paragraph's first line has gone; the widow rule below still finds its place
        }
    }
}

std::size_t BlockLayouter::text_slices(const InlineText& text, const ParagraphStyle& style, const BlockContext& context,
                                       std::vector<Slice>& out, double space_before) {
    if (text.text.empty()) return 0;
    std::size_t first = out.size();
    drained_ = 0;
    if (text.text.size() > settings_.paragraph_piece_bytes && !style.balance) {
        piecewise_slices(text, style, context, out, first, space_before);
    } else {
        set_lines(text, style, context.width);
        line_slices(text, style, context, lines_.size(), out);
        if (out.size() > first && space_before > 0) out[first].space_before = space_before;
    }
    if (drained_ > 0) {
        // The first line went with a drain (marked then); the two last are here.
        out[out.size() - 2].keep_with_next = true;
        return drained_ + out.size() - first;
    }
    std::size_t n = out.size() - first;
    // No orphan (a first line alone at a page bottom) and no widow (a last line alone at a page top).
    if (n >= 2) {
        out[first].keep_with_next = true;
        out[out.size() - 2].keep_with_next = true;
    }
    return n;
}

double BlockLayouter::text_box(const InlineText& text, const ParagraphStyle& style, double width, Fragment& out) {
    if (text.text.empty()) return 0;
    set_lines(text, style, width);
    double y = 0;
    for (const Line& line : lines_) {
        double baseline = 0;
        double h = line_box(line, style, baseline);
        place_line(shaped_, text, line, 0, y + baseline, out, positions_);
        y += h;
    }
    return y;
}

std::pair<double, double> BlockLayouter::measure_text(const InlineText& text) {
    shaper_.shape(text, shaped_);
    double total = 0, widest = 0, piece = 0;
    for (std::size_t k = 0; k < shaped_.clusters.size(); ++k) {
        const ShapedCluster& c = shaped_.clusters[k];
        if (c.first == CharClass::newline) {
            total = std::max(total, piece);
            piece = 0;
            continue;
        }
        if (k > 0 && c.break_before != BreakKind::none) {
            widest = std::max(widest, piece);
            piece = 0;
        }
        piece += c.width;
        total += c.width + c.space_before;
    }
    widest = std::max(widest, piece);
    return {total, widest};
}

std::int32_t BlockLayouter::block_node(StructRole role, const Block& block) {
    std::int32_t id = add_node(role, parent_);
    if (const std::string* lang = block.attr.find("lang"); id >= 0 && lang && !lang->empty())
        (*nodes_)[static_cast<std::size_t>(id)].set_lang(*lang);
    return id;
}

void BlockLayouter::collect(const Inlines& inlines, const TextStyle& base, const SourcePos& pos) {
    text_.clear();
    collect_inlines(inlines, base, text_, nodes_);
    if (nodes_)
        for (const InlineObject& object : text_.objects)
            if (object.tag >= 0 && (*nodes_)[static_cast<std::size_t>(object.tag)].text().empty())
                warn_no_alt(object.pos.file.empty() ? pos : object.pos);
}

void BlockLayouter::warn_no_alt(const SourcePos& pos) {
    sink_.warn(pos, "an image without alt text has no text alternative in the PDF's structure",
               {"give it alt text (![what it shows](image.png)) so that a screen reader can say what it shows"});
}

void BlockLayouter::layout_section(const Section& section, std::int32_t index, double width, std::vector<Slice>& out) {
    layout_section_head(section, index, width, out);
    layout_blocks(section.blocks, BlockContext{0, width, true, false}, out);
}

void BlockLayouter::layout_section_head(const Section& section, std::int32_t index, double width, std::vector<Slice>& out) {
    const LayoutSettings& s = settings_;
    BlockContext context{0, width, true, false};
    std::size_t first = out.size();
    // A feed's part (class part) gets a part title page: title, site and description centred, a third down;
    // when its entries run on, they follow its head on its first page. An entry (class feed-entry) runs on after
    // the one before unless the style starts entries on new pages.
    bool part = section.attr.has_class("part");
    bool entry = section.attr.has_class("feed-entry");
    if (part && s.entry_starts_page) {
        Slice& spacer = out.emplace_back();
        spacer.height = (s.page_height - s.margin_top - s.margin_bottom) * 0.22;
        spacer.keep_with_next = true;
    }
    std::size_t title_first = out.size();

    ParagraphStyle title;
    title.base.role = Role::heading;
    title.base.size = s.font_size * s.heading_sizes_em[0] * (part ? 1.25 : 1.0);
    title.line_height = 1.4;
    title.align = part ? TextAlign::center : TextAlign::left;
    title.balance = true;
    title.base.tag = add_node(StructRole::heading, parent_);
    if (title.base.tag >= 0) (*nodes_)[static_cast<std::size_t>(title.base.tag)].level = 1;
    collect(section.title, title.base, section.pos);
    text_.trim_end();
    if (text_.text.empty()) text_.append(settings_.untitled, title.base, section.pos);
    std::string title_text = text_.text;
    text_slices(text_, title, context, out);
    for (std::size_t k = first; k < out.size(); ++k) out[k].keep_with_next = true;
    if (out.size() > title_first) {
        bool starts = part ? s.section_starts_page || !s.entry_starts_page : entry ? s.entry_starts_page : s.section_starts_page;
        (s.section_starts_column ? out[first].column_break_before : out[first].page_break_before) = starts;
        out[first].space_before = s.font_size * 2;
        out[title_first].anchors.push_back(Anchor{title_text, 1, index, 0});
    }

    // Under the title, in small gray, what the EPUB's header shows (epub/content.cpp render_header): the
    // dateline (the date, then the source as a link to the entry's http(s) URL, or the URL itself when there
    // is no source), then the byline (作者：甲、乙); a hairline closes the head.
    const SectionMeta& m = section.meta;
    ParagraphStyle small;
    small.base.size = s.font_size * s.small_size_em;
    small.base.color = gray;
    small.line_height = 1.6;
    small.align = part ? TextAlign::center : TextAlign::left;
    std::size_t meta_first = out.size();
    bool web = m.url.starts_with("http://") || m.url.starts_with("https://");
    std::string source = m.source.empty() && web ? m.url : m.source;
    text_.clear();
    if (!m.date.empty() || !source.empty()) small.base.tag = add_node(StructRole::paragraph, parent_);
    if (!m.date.empty()) text_.append(m.date, small.base, section.pos);
    if (!source.empty()) {
        if (!text_.text.empty()) text_.append("　", small.base, section.pos);
        TextStyle linked = small.base;
        if (web) {
            linked.link = static_cast<std::int32_t>(text_.links.size());
            linked.tag = add_node(StructRole::link, small.base.tag);
            text_.links.push_back(m.url);   // percent-encoded by the PDF writer, as body links
        }
        text_.append(source, linked, section.pos);
    }
    text_slices(text_, small, context, out);
    if (!m.authors.empty()) {
        std::string byline = byline_label(s.font_lang);
        for (std::size_t k = 0; k < m.authors.size(); ++k) byline += (k == 0 ? "" : "、") + m.authors[k];
        small.base.tag = add_node(StructRole::paragraph, parent_);
        text_.clear();
        text_.append(byline, small.base, section.pos);
        text_.trim_end();
        text_slices(text_, small, context, out);
    }
    if (out.size() > first) {
        Slice& last = out.back();
        double rule_width = part ? width / 4 : width;
        last.content.rects.push_back(Rect{(width - rule_width) / 2, last.height + s.font_size * 0.3, rule_width, 0.5, rule_gray, 0});
        last.height += s.font_size * 0.9;
        for (std::size_t k = meta_first; k < out.size(); ++k) out[k].keep_with_next = true;
    }

    // The summary (a feed entry's, or a part's description) as a lead paragraph, like the EPUB's .summary:
    // a little smaller and darker gray, no first-line indent, closed by a second hairline (a part's is
    // centred and balanced, without the rule). Its last line stays with the body's first.
    if (!m.summary.empty()) {
        ParagraphStyle lead;
        lead.base.size = s.font_size * 0.9;
        lead.base.color = Color{0.25, 0.25, 0.25};
        lead.line_height = 1.7;
        lead.align = part ? TextAlign::center : s.justify ? TextAlign::justify : TextAlign::left;
        lead.balance = part;
        lead.base.tag = add_node(StructRole::paragraph, parent_);
        text_.clear();
        text_.append(m.summary, lead.base, section.pos);
        text_.trim_end();
        std::size_t lead_first = out.size();
        text_slices(text_, lead, context, out);
        if (out.size() > lead_first) {
            out[lead_first].space_before = s.font_size * 0.2;
            Slice& last = out.back();
            if (!part) {
                last.content.rects.push_back(Rect{0, last.height + s.font_size * 0.4, width, 0.5, rule_gray, 0});
                last.height += s.font_size * 1.1;
            }
            last.keep_with_next = true;
        }
    }
}

bool is_footnote(const Block& block) {
    return block.kind == BlockKind::block_quote &&
           block.attr.has_class("footnote");
}

void BlockLayouter::layout_footnote(const Block& block, double width, std::vector<Slice>& out) {
    const double size = settings_.font_size;
    const std::string* number = block.attr.find("note");
    std::string label = number ? *number : std::string();
    double indent = size * (label.size() >= 2 ? 2.2 : 1.8);
    BlockContext inner{indent, width - indent, false, true};
    std::size_t first = out.size();
    const std::int32_t outer = parent_;
    const std::int32_t note = add_node(StructRole::note, outer);
    parent_ = note;
    layout_blocks(block.blocks, inner, out);
    parent_ = outer;
    if (out.size() == first || label.empty()) return;
    Slice& slice = out[first];
    // The number, right-aligned in the hanging indent (with a full stop), linking back to the reference.
    TextStyle style;
    style.size = size;
    style.color = Color{0.05, 0.25, 0.55};
    style.tag = add_node(StructRole::link, note);
    text_.clear();
    text_.append(label + ".", style, block.pos);
    ParagraphStyle ms;
    ms.base = style;
    ms.align = TextAlign::left;
    set_lines(text_, ms, indent);
    if (lines_.empty()) return;
    const Line& line = lines_.front();
    double x = indent - size * 0.45 - line.natural;
    Fragment marker;
    place_line(shaped_, text_, line, x, slice.baseline, marker, positions_);
    slice.content.prepend_runs(std::move(marker));
    slice.content.note_links.push_back(NoteLink{
        LinkArea{x, slice.baseline - size * 0.95, line.natural, size * 1.25, {}, 0, 0, label, style.tag},
        std::atoi(label.c_str()), true});
}

void BlockLayouter::layout_blocks(std::span<const Block> blocks, const BlockContext& context, std::vector<Slice>& out) {
    for (const Block& block : blocks) {
        if (is_footnote(block)) continue;   // set at the foot of the page by paginate (layout_footnote)
        switch (block.kind) {
        case BlockKind::heading: heading(block, context, out); break;
        case BlockKind::paragraph: paragraph(block, context, out); break;
        case BlockKind::bullet_list:
        case BlockKind::ordered_list: list(block, context, out); break;
        case BlockKind::table: table(block, context, out); break;
        case BlockKind::block_quote: quote(block, context, out); break;
        case BlockKind::image: image(block, context, out); break;
        case BlockKind::rule: rule(context, out); break;
        case BlockKind::code_block: code(block, context, out); break;
        }
    }
}

void BlockLayouter::paragraph(const Block& block, const BlockContext& context, std::vector<Slice>& out) {
    ParagraphStyle style;
    style.base.size = settings_.font_size;
    style.line_height = settings_.line_height;
    style.first_indent = context.indent_paragraphs ? settings_.first_line_indent_em * settings_.font_size : 0;
    style.align = settings_.justify ? TextAlign::justify : TextAlign::left;
    // Verse keeps its lines: no first-line indent, the whole block set in by the indent, ragged right.
    BlockContext inner = context;
    bool verse = block.attr.has_class("verse");
    if (verse) {
        double in = settings_.first_line_indent_em * settings_.font_size;
        inner.left += in;
        inner.width -= in;
        style.first_indent = 0;
        style.align = TextAlign::left;
    }
    // A details block's summary (its first paragraph) is its bold title line.
    if (block.attr.has_class("summary")) {
        style.base.role = Role::strong;
        style.first_indent = 0;
    }
    style.base.tag = block_node(StructRole::paragraph, block);
    collect(block.inlines, style.base, block.pos);
    text_.trim_end();
    // A stanza stands apart from what is around it.
    double spacing = verse ? std::max(settings_.paragraph_spacing_em, 0.8) : settings_.paragraph_spacing_em;
    text_slices(text_, style, inner, out, context.tight ? 0.0 : spacing * settings_.font_size);
}

void BlockLayouter::heading(const Block& block, const BlockContext& context, std::vector<Slice>& out) {
    int level = std::clamp(block.level, 1, 6);
    ParagraphStyle style;
    style.base.role = Role::heading;
    style.base.size = settings_.font_size * settings_.heading_sizes_em[static_cast<std::size_t>(
                                                std::min<int>(level, static_cast<int>(settings_.heading_sizes_em.size())) - 1)];
    style.line_height = 1.5;
    style.align = TextAlign::left;
    style.balance = true;
    style.base.tag = block_node(StructRole::heading, block);
    if (style.base.tag >= 0) {
        int tagged = std::clamp(level + 1, 2, 6);   // under the section's title (H1)
        if (heading_levels_)
            if (auto found = heading_levels_->find(&block); found != heading_levels_->end()) tagged = found->second;
        (*nodes_)[static_cast<std::size_t>(style.base.tag)].level = static_cast<std::uint8_t>(tagged);
    }
    collect(block.inlines, style.base, block.pos);
    text_.trim_end();
    std::string title = text_.text;
    std::size_t first = out.size();
    text_slices(text_, style, context, out);
    if (out.size() == first) return;
    for (std::size_t k = first; k < out.size(); ++k) out[k].keep_with_next = true;   // never alone at a page bottom
    out[first].space_before = settings_.font_size * 0.8;
    out[first].anchors.push_back(Anchor{title, std::max(2, level), -1, 0});
}

void BlockLayouter::list(const Block& block, const BlockContext& context, std::vector<Slice>& out) {
    const double size = settings_.font_size;
    bool ordered = block.kind == BlockKind::ordered_list;
    // The hanging indent holds the widest marker.
    int last_number = block.start + static_cast<int>(block.items.size()) - 1;
    double indent = ordered && std::to_string(last_number).size() >= 2 ? size * 2.5 : size * 2;
    BlockContext inner{context.left + indent, context.width - indent, false, true};
    int number = block.start;
    bool first_item = true;
    bool task_list = block.attr.has_class("task-list");
    const std::int32_t outer = parent_;
    const std::int32_t list_node = block_node(StructRole::list, block);
    for (const Blocks& item : block.items) {
        std::size_t first = out.size();
        const std::int32_t item_node = add_node(StructRole::list_item, list_node);
        const std::int32_t label_node = task_list ? untagged : add_node(StructRole::label, item_node);
        parent_ = add_node(StructRole::list_body, item_node);
        layout_blocks(item, inner, out);
        parent_ = outer;
        if (out.size() == first) continue;
        Slice& slice = out[first];
        slice.space_before = first_item ? size * 0.4 : size * 0.15;
        first_item = false;
        if (task_list) continue;   // the item's ☐ or ☑ is its marker
        // The marker, right-aligned in the hanging indent on the item's first baseline.
        // Bullets: a black circle at about half size, centred on the em box of the text (• is tiny in CJK fonts).
        TextStyle marker_style;
        marker_style.size = ordered ? size : size * 0.5;
        marker_style.tag = label_node;
        double raise = ordered ? 0 : (ascent - 0.5) * (size - marker_style.size);
        text_.clear();
        text_.append(ordered ? std::to_string(number) + "." : std::string("●"), marker_style, block.pos);
        Fragment marker;
        ParagraphStyle ms;
        ms.base = marker_style;
        ms.align = TextAlign::left;
        set_lines(text_, ms, indent);
        if (!lines_.empty()) {
            const Line& line = lines_.front();
            double x = inner.left - size * 0.5 - line.natural;
            if (!ordered) x = inner.left - indent / 2 - line.natural / 2;
            // The marker goes first in the content, so that the text layer reads "● item", not "item ● …".
            Fragment marker_runs;
            place_line(shaped_, text_, line, x, slice.baseline - raise, marker_runs, positions_);
            slice.content.prepend_runs(std::move(marker_runs));
        }
        ++number;
    }
}

void BlockLayouter::quote(const Block& block, const BlockContext& context, std::vector<Slice>& out) {
    const double size = settings_.font_size;
    BlockContext inner{context.left + size * 2, context.width - size * 2, context.indent_paragraphs, context.tight};
    std::size_t first = out.size();
    const std::int32_t outer = parent_;
    parent_ = block_node(StructRole::block_quote, block);
    layout_blocks(block.blocks, inner, out);
    parent_ = outer;
    for (std::size_t k = first; k < out.size(); ++k) {
        Slice& s = out[k];
        for (auto& run : s.content.runs) run.color = Color{0.2, 0.2, 0.2};
        double top = k == first ? 0 : -s.space_before;
        s.content.rects.push_back(Rect{context.left + size * 0.6, top, 1.2, s.height - top, rule_gray, 0});
    }
    if (out.size() > first) out[first].space_before = std::max(out[first].space_before, size * 0.5);
}

void BlockLayouter::table(const Block& block, const BlockContext& context, std::vector<Slice>& out) {
    const Table& t = block.table;
    std::size_t columns = std::max(t.header.size(), t.aligns.size());
    for (const auto& row : t.rows) columns = std::max(columns, row.size());
    if (columns == 0) return;
    const double size = settings_.font_size * 0.9;
    const double pad_x = size * 0.45, pad_y = size * 0.35;

    ParagraphStyle body;
    body.base.size = size;
    body.line_height = 1.55;
    body.align = TextAlign::justify;
    ParagraphStyle head = body;
    head.base.role = Role::heading;
    head.align = TextAlign::left;
    const std::int32_t table_node = block_node(StructRole::table, block);

    // Column widths from the cells' natural and minimum widths.
    std::vector<double> natural(columns, 0), minimum(columns, 0);
    auto measure_row = [&](const std::vector<TableCell>& row, const ParagraphStyle& style) {
        for (std::size_t c = 0; c < row.size() && c < columns; ++c) {
            text_.clear();
            collect_inlines(row[c].content, style.base, text_);
            text_.trim_end();
            auto [nat, min] = measure_text(text_);
            natural[c] = std::max(natural[c], nat + 2 * pad_x);
            minimum[c] = std::max(minimum[c], std::min(min, nat) + 2 * pad_x);
        }
    };
    measure_row(t.header, head);
    for (const auto& row : t.rows) measure_row(row, body);
    // Like CSS automatic table layout: columns keep their natural width up to a common cap (never below
    // their widest unbreakable piece); the cap is chosen so the table fills the width.
    double available = context.width;
    double total_natural = std::accumulate(natural.begin(), natural.end(), 0.0);
    std::vector<double> widths(columns);
    auto capped = [&](double cap) {
        double sum = 0;
        for (std::size_t c = 0; c < columns; ++c) sum += std::max(minimum[c], std::min(natural[c], cap));
        return sum;
    };
    if (total_natural <= available) {
        for (std::size_t c = 0; c < columns; ++c) widths[c] = natural[c] + (available - total_natural) * natural[c] / total_natural;
    } else if (capped(0) >= available) {
        double total_min = capped(0);
        for (std::size_t c = 0; c < columns; ++c) widths[c] = available * minimum[c] / total_min;
    } else {
        double low = 0, high = available;
        for (int step = 0; step < 40; ++step) {
            double mid = (low + high) / 2;
            (capped(mid) > available ? high : low) = mid;
        }
        for (std::size_t c = 0; c < columns; ++c) widths[c] = std::max(minimum[c], std::min(natural[c], low));
        double rest = available - std::accumulate(widths.begin(), widths.end(), 0.0);
        // The rounding rest goes to the widest column.
        widths[static_cast<std::size_t>(std::max_element(widths.begin(), widths.end()) - widths.begin())] += rest;
    }

    auto row_slice = [&](const std::vector<TableCell>& row, const ParagraphStyle& style, bool header) {
        Slice slice;
        double height = 0;
        double x = context.left;
        std::vector<Fragment> cells(columns);
        const std::int32_t row_node = add_node(StructRole::table_row, table_node);
        for (std::size_t c = 0; c < columns; ++c) {
            if (c < row.size()) {
                ParagraphStyle cell = style;
                cell.base.tag = add_node(header ? StructRole::table_header : StructRole::table_cell, row_node);
                collect(row[c].content, cell.base, row[c].pos);
                text_.trim_end();
                Align a = c < t.aligns.size() ? t.aligns[c] : Align::none;
                if (a == Align::center) cell.align = TextAlign::center;
                if (a == Align::right) cell.align = TextAlign::right;
                double h = text_box(text_, cell, widths[c] - 2 * pad_x, cells[c]);
                height = std::max(height, h);
            }
        }
        slice.height = height + 2 * pad_y;
        if (header) slice.content.rects.push_back(Rect{context.left, 0, context.width, slice.height, light_fill, 0});
        for (std::size_t c = 0; c < columns; ++c) {
            slice.content.append(std::move(cells[c]), x + pad_x, pad_y);
            x += widths[c];
        }
        double rule = header ? 0.6 : 0.3;
        slice.content.rects.push_back(Rect{context.left, slice.height - rule / 2, context.width, rule, header ? Color{} : rule_gray, 0});
        slice.baseline = pad_y + ascent * size;
        return slice;
    };

    std::size_t first = out.size();
    if (!t.caption.empty()) {
        ParagraphStyle cap = head;
        cap.base.size = size;
        cap.align = TextAlign::center;
        cap.base.tag = add_node(StructRole::caption, table_node);
        collect(t.caption, cap.base, block.pos);
        text_.trim_end();
        text_slices(text_, cap, context, out);
        for (std::size_t k = first; k < out.size(); ++k) out[k].keep_with_next = true;
    }
    auto id = static_cast<std::int32_t>(headers_.size());
    headers_.emplace_back();
    if (!t.header.empty()) {
        Slice h = row_slice(t.header, head, true);
        h.content.rects.push_back(Rect{context.left, 0, context.width, 0.9, Color{}, 0});
        h.keep_with_next = true;
        headers_.back().height = h.height;
        headers_.back().content = h.content;   // a copy for the continuation pages
        out.push_back(std::move(h));
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        Slice row = row_slice(t.rows[r], body, false);
        row.table = t.header.empty() ? -1 : id;
        if (r + 1 == t.rows.size()) row.content.rects.push_back(Rect{context.left, row.height - 0.45, context.width, 0.9, Color{}, 0});
        out.push_back(std::move(row));
    }
    if (out.size() > first) out[first].space_before = settings_.font_size * 0.8;
}

void BlockLayouter::image(const Block& block, const BlockContext& context, std::vector<Slice>& out) {
    namespace fs = std::filesystem;
    fs::path path = block.target;
    if (path.is_relative() && !block.pos.file.empty()) path = fs::path(block.pos.file).parent_path() / path;
    auto [pw, ph] = image_pixel_size(path.string());
    std::string alt = plain_text(block.inlines);
    ParagraphStyle caption;
    caption.base.size = settings_.font_size * settings_.small_size_em;
    caption.base.color = gray;
    caption.line_height = 1.5;
    caption.align = TextAlign::center;
    if (pw <= 0 || ph <= 0) {
        // A missing image is the input's problem: the EPUB writer reports it in the same words, so that a run
        // writing both prints it once.
        std::error_code ec;
        if (!fs::exists(path, ec))
            sink_.warn(block.pos, "image '" + block.target + "' not found; its alternative text is shown instead",
                       {"images are looked for next to the input file"});
        else
            sink_.warn(block.pos, "image '" + block.target + "' cannot be read as PNG or JPEG; its alt text is set instead",
                       {"the PDF takes PNG and JPEG images"});
        text_.clear();
        // The caption keeps all the image's text: its alt text and its title.
        std::string shown = alt.empty() ? block.title : block.title.empty() ? alt : alt + " — " + block.title;
        caption.base.tag = block_node(StructRole::paragraph, block);
        text_.append(settings_.image_open + (shown.empty() ? block.target : shown) + settings_.image_close, caption.base,
                     block.pos);
        std::size_t first = out.size();
        text_slices(text_, caption, context, out);
        if (out.size() > first) out[first].space_before = settings_.font_size * 0.5;
        return;
    }
    double body_height = settings_.page_height - settings_.margin_top - settings_.margin_bottom;
    // Vertical text lays out in a frame turned a quarter (layout/vertical.hpp): the image stands upright, so its
    // extent along the column is its height.
    if (settings_.vertical) std::swap(pw, ph);
    double width = context.width;
    double height = width * ph / pw;
    if (height > body_height * 0.6) {
        height = body_height * 0.6;
        width = height * pw / ph;
    }
    Slice slice;
    slice.space_before = settings_.font_size * 0.8;
    slice.height = height;
    const std::int32_t figure = block_node(StructRole::figure, block);
    if (figure >= 0) {
        (*nodes_)[static_cast<std::size_t>(figure)].set_text(alt.empty() ? block.title : alt);
        if (alt.empty() && block.title.empty()) warn_no_alt(block.pos);
    }
    slice.content.images.push_back(
        ImageBox{path.string(), context.left + (context.width - width) / 2, 0, width, height, figure, 0});
    out.push_back(std::move(slice));
    // The caption is the title (the EPUB's figcaption), else the alt text. A titled image's alt text (the
    // EPUB's alt="") follows as a second caption line, smaller and lighter, so that the text layer has both.
    std::string caption_text = block.title.empty() ? alt : block.title;
    std::string second = block.title.empty() || alt == block.title ? std::string() : alt;
    std::size_t first = out.size();
    if (!caption_text.empty() || !second.empty()) caption.base.tag = add_node(StructRole::caption, parent_);
    if (!caption_text.empty()) {
        text_.clear();
        text_.append(caption_text, caption.base, block.pos);
        text_.trim_end();
        text_slices(text_, caption, context, out);
    }
    if (!second.empty()) {
        ParagraphStyle note = caption;   // the caption's second line
        note.base.size *= 0.9;
        note.base.color = Color{0.45, 0.45, 0.45};
        text_.clear();
        text_.append(second, note.base, block.pos);
        text_.trim_end();
        text_slices(text_, note, context, out);
    }
    if (out.size() > first) {
        // The image and its caption lines are one unit.
        for (std::size_t k = first - 1; k + 1 < out.size(); ++k) out[k].keep_with_next = true;
    }
}

void BlockLayouter::rule(const BlockContext& context, std::vector<Slice>& out) {
    Slice slice;
    slice.height = settings_.font_size * 1.5;
    double w = context.width / 3;
    slice.content.rects.push_back(Rect{context.left + (context.width - w) / 2, slice.height / 2, w, 0.5, rule_gray, 0});
    out.push_back(std::move(slice));
}

void BlockLayouter::code(const Block& block, const BlockContext& context, std::vector<Slice>& out) {
    ParagraphStyle style;
    style.base.role = Role::mono;
    style.base.size = settings_.font_size * settings_.code_size_em;
    style.line_height = 1.5;
    style.align = TextAlign::left;
    style.base.tag = block_node(StructRole::code, block);
    std::string code = block.text;
    while (!code.empty() && code.back() == '\n') code.pop_back();
    text_.clear();
    text_.append(code, style.base, block.pos, true);
    const double pad = settings_.font_size * 0.6;
    BlockContext inner{context.left + pad, context.width - 2 * pad, false, true};
    std::size_t first = out.size();
    text_slices(text_, style, inner, out);
    for (std::size_t k = first; k < out.size(); ++k) {
        Slice& s = out[k];
        s.content.rects.insert(s.content.rects.begin(), Rect{context.left, 0, context.width, s.height, Color{0.95, 0.95, 0.95}, 0});
    }
    if (out.size() > first) out[first].space_before = settings_.font_size * 0.6;
}

}  // namespace docexport::layout
