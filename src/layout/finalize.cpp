#include "layout/finalize.hpp"

#include <algorithm>

namespace docexport::layout {

namespace {

bool same_color(const Color& a, const Color& b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

// Appends the ruby annotations of line, after its text (so that the content stream has the base first): each
// centred over its base (or off centre by its shift, see Shaper::shape_rubies), then moved to stay inside the line (line start and end) and clear of the annotation
// before it.
void place_annotations(const ShapedText& shaped, const InlineText& text, const Line& line, double origin,
                       double baseline, Fragment& out, const std::vector<double>& positions) {
    double line_left = origin, line_right = origin + positions.back();
    double previous_right = 0;
    bool previous = false;
    for (std::uint32_t k = line.begin; k < line.end; ++k) {
        const ShapedCluster& c = shaped.clusters[k];
        if (c.ruby < 0 || (k > line.begin && shaped.clusters[k - 1].ruby == c.ruby)) continue;
        const ShapedRuby& ruby = shaped.rubies[static_cast<std::size_t>(c.ruby)];
        std::uint32_t last = std::min(ruby.base_end, line.end) - 1;
        double left = origin + positions[k - line.begin] + c.inset;
        double right = origin + positions[last - line.begin] + shaped.clusters[last].width -
                       (last + 1 == ruby.base_end ? ruby.pad_after : 0);
        double start = (left + right - ruby.width) / 2 - ruby.shift;
        start = std::max(start, line_left);
        if (previous) start = std::max(start, previous_right + ruby.spacing);
        start = std::min(start, line_right - ruby.width);
        previous_right = start + ruby.width;
        previous = true;

        const RubySpan& span = text.rubies[ruby.ruby];
        double y = baseline - ruby.raise;
        double pen = start;
        GlyphRun* run = nullptr;
        for (std::uint32_t a = ruby.cluster_begin; a < ruby.cluster_end; ++a) {
            const ShapedCluster& ac = shaped.ruby_clusters[a];
            if (a > ruby.cluster_begin) pen += ac.space_before;
            if (ac.glyph_end == ac.glyph_begin) continue;
            if (!run || run->font != ac.font) {
                out.runs.emplace_back();
                run = &out.runs.back();
                run->font = ac.font;
                run->size = ruby.size;
                run->color = span.style.color;
                run->role = RunRole::annotation;
            }
            for (std::uint32_t g = ac.glyph_begin; g < ac.glyph_end; ++g) {
                const ShapedGlyph& sg = shaped.ruby_glyphs[g];
                PlacedGlyph& pg = run->glyphs.emplace_back();
                pg.gid = sg.gid;
                pg.x = pen + sg.x_offset;
                pg.y = y - sg.y_offset;
                pg.advance = sg.advance;
                if (g == ac.glyph_begin) pg.text.assign(span.annotation, ac.text_begin, ac.text_end - ac.text_begin);
                pen += sg.advance;
            }
        }
    }
}

}  // namespace

void place_line(const ShapedText& shaped, const InlineText& text, const Line& line, double x, double baseline,
                Fragment& out, std::vector<double>& positions) {
    cluster_positions(shaped, line, positions);
    double origin = x + line.start;
    GlyphRun* run = nullptr;
    LinkArea* link = nullptr;
    std::int32_t link_index = -1;
    for (std::uint32_t k = line.begin; k < line.end; ++k) {
        const ShapedCluster& c = shaped.clusters[k];
        const TextStyle& style = text.spans[c.span].style;
        double pen = origin + positions[k - line.begin] + c.inset;
        if (c.glyph_end > c.glyph_begin) {
            if (!run || run->font != c.font || run->size != style.size || !same_color(run->color, style.color)) {
                out.runs.emplace_back();
                run = &out.runs.back();
                run->font = c.font;
                run->size = style.size;
                run->color = style.color;
                run->glyphs.reserve(line.end - k);
            }
            for (std::uint32_t g = c.glyph_begin; g < c.glyph_end; ++g) {
                const ShapedGlyph& sg = shaped.glyphs[g];
                PlacedGlyph& pg = run->glyphs.emplace_back();
                pg.gid = sg.gid;
                pg.x = pen + sg.x_offset;
                pg.y = baseline - sg.y_offset;
                pg.advance = sg.advance;
                if (g == c.glyph_begin) pg.text.assign(text.text, c.text_begin, c.text_end - c.text_begin);
                pen += sg.advance;
            }
        }
        if (style.link >= 0) {
            double left = origin + positions[k - line.begin];
            double right = left + c.width;
            if (link && link_index == style.link) {
                link->width = right - link->x;
            } else {
                out.links.push_back(LinkArea{left, baseline - style.size * 0.95, c.width, style.size * 1.25,
                                             text.links[static_cast<std::size_t>(style.link)], 0, 0});
                link = &out.links.back();
                link_index = style.link;
            }
        } else {
            link = nullptr;
            link_index = -1;
        }
    }
    if (!shaped.rubies.empty()) place_annotations(shaped, text, line, origin, baseline, out, positions);
}

}  // namespace docexport::layout
