#include "layout/finalize.hpp"

namespace docexport::layout {

namespace {

bool same_color(const Color& a, const Color& b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

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
        double pen = origin + positions[k - line.begin];
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
}

}  // namespace docexport::layout
