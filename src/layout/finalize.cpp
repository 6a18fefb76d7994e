#include "layout/finalize.hpp"

#include <algorithm>

namespace docexport::layout {

namespace {

bool same_color(const Color& a, const Color& b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

// The run orientation that a cluster's glyphs take in the line's (logical) frame.
Orientation orientation_of(ShapedCluster::Setting setting) {
    switch (setting) {
    case ShapedCluster::Setting::vertical: return Orientation::vertical;
    case ShapedCluster::Setting::combined: return Orientation::upright;
    default: return Orientation::horizontal;
    }
}

// Appends the shaped glyphs [begin, end) of one cluster to run, from pen on the baseline y; the first glyph
// carries the cluster's text (source[text_begin, text_end)) for the text layer. Returns the pen after them.
// The frame is the line's: x along it, y across. A vertical glyph's point is its vertical origin, on the em box's
// centre line; a combined (tate-chu-yoko) glyph's is its horizontal origin once the page is turned upright
// (see VerticalPages): its baseline em_box_ascent down the em, across the column from the em box's left edge.
double place_glyphs(const std::vector<ShapedGlyph>& glyphs, std::uint32_t begin, std::uint32_t end, double pen,
                    double y, const std::string& source, std::uint32_t text_begin, std::uint32_t text_end,
                    GlyphRun& run) {
    double size = run.size;
    double cluster_start = pen;
    for (std::uint32_t g = begin; g < end; ++g) {
        const ShapedGlyph& sg = glyphs[g];
        PlacedGlyph& pg = run.glyphs.emplace_back();
        pg.gid = sg.gid;
        switch (run.orientation) {
        case Orientation::vertical:
            pg.x = pen + sg.x_offset;
            pg.y = y - (em_box_ascent - 0.5) * size - sg.y_offset;
            break;
        case Orientation::upright:
            pg.x = cluster_start + em_box_ascent * size - sg.y_offset;
            pg.y = y + (1 - em_box_ascent) * size - sg.x_offset;
            break;
        default:
            pg.x = pen + sg.x_offset;
            pg.y = y - sg.y_offset;
        }
        pg.advance = sg.advance;
        if (g == begin) pg.text.assign(source, text_begin, text_end - text_begin);
        pen += sg.advance;
    }
    return pen;
}

// Appends a zhuyin annotation as a column of upright glyphs (Orientation::vertical): its symbols one under the
// other from along_top, the tone mark beside the last symbol's upper half, the light-tone dot above the first.
// beside (horizontal text): the column's centre is at page x = centre; column (vertical text, the logical frame):
// along is logical x and the column's centre line is at logical y = centre, the page's right being smaller y.
void place_zhuyin(const ShapedText& shaped, const ShapedRuby& ruby, const RubySpan& span, double along_top,
                  double centre, Fragment& out) {
    bool beside = ruby.place == ShapedRuby::Place::beside;
    double z = ruby.size;
    GlyphRun* run = nullptr;
    std::uint32_t symbol = 0;
    for (std::uint32_t a = ruby.cluster_begin; a < ruby.cluster_end; ++a) {
        const ShapedCluster& ac = shaped.ruby_clusters[a];
        if (ac.glyph_end == ac.glyph_begin) continue;
        // Where the cluster's em box starts along the column, and how far right of the column's centre.
        double top = along_top, right = 0;
        switch (zhuyin_part(span.annotation, ac)) {
        case ZhuyinPart::symbol: top += symbol++ * z; break;
        case ZhuyinPart::tone:   // ruby.width: the symbols' length (Shaper::shape_rubies)
            top += ruby.width - z - zhuyin_tone_raise * z;
            right = zhuyin_tone_shift * z;
            break;
        case ZhuyinPart::light: top -= zhuyin_light_raise * z; break;
        }
        if (!run || run->font != ac.font) {
            run = &out.runs.emplace_back();
            run->font = ac.font;
            run->orientation = Orientation::vertical;
            run->size = z;
            run->color = span.style.color;
            run->role = RunRole::annotation;
            run->tag = span.tag;
        }
        for (std::uint32_t g = ac.glyph_begin; g < ac.glyph_end; ++g) {
            const ShapedGlyph& sg = shaped.ruby_glyphs[g];
            PlacedGlyph& pg = run->glyphs.emplace_back();
            pg.gid = sg.gid;
            pg.advance = sg.advance;
            if (beside) {
                pg.x = centre + right + sg.y_offset;
                pg.y = top + sg.x_offset;
            } else {
                pg.x = top + sg.x_offset;
                pg.y = centre - right - sg.y_offset;
            }
            if (g == ac.glyph_begin) pg.text.assign(span.annotation, ac.text_begin, ac.text_end - ac.text_begin);
            top += sg.advance;
        }
    }
}

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
        if (ruby.place == ShapedRuby::Place::beside) {
            // Horizontal text: the column stands in the room the base's advance gave it, on the base's em box.
            const RubySpan& span = text.rubies[ruby.ruby];
            double base_size = text.spans[c.span].style.size;
            double right = origin + positions[k - line.begin] + c.width;
            double middle = baseline - em_box_ascent * base_size + base_size / 2;
            place_zhuyin(shaped, ruby, span, middle - ruby.width / 2, right - (zhuyin_tone_room - 0.5) * ruby.size, out);
            continue;
        }
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
        if (ruby.place == ShapedRuby::Place::column) {
            place_zhuyin(shaped, ruby, span, start, y - (em_box_ascent - 0.5) * ruby.size, out);
            continue;
        }
        double pen = start;
        GlyphRun* run = nullptr;
        for (std::uint32_t a = ruby.cluster_begin; a < ruby.cluster_end; ++a) {
            const ShapedCluster& ac = shaped.ruby_clusters[a];
            if (a > ruby.cluster_begin) pen += ac.space_before;
            if (ac.glyph_end == ac.glyph_begin) continue;
            if (!run || run->font != ac.font || run->orientation != orientation_of(ac.setting)) {
                out.runs.emplace_back();
                run = &out.runs.back();
                run->font = ac.font;
                run->orientation = orientation_of(ac.setting);
                run->size = ruby.size;
                run->color = span.style.color;
                run->role = RunRole::annotation;
                run->tag = span.tag;
            }
            pen = place_glyphs(shaped.ruby_glyphs, ac.glyph_begin, ac.glyph_end, pen, y, span.annotation,
                               ac.text_begin, ac.text_end, *run);
        }
    }
}

// Appends the rects of a decorated piece of a line, [left, right) along the inline axis; size and shift are
// the piece's font size and baseline shift.
void decorate(std::uint8_t decoration, double left, double right, double baseline, double size, double shift,
              const Color& color, Fragment& out) {
    double base = baseline - shift;
    double thickness = std::max(0.5, size * 0.055);
    if (decoration & Decoration::highlight)
        out.rects.push_back(Rect{left, base - 0.9 * size, right - left, 1.04 * size, Color{1.0, 0.93, 0.55}, 0});
    if (decoration & Decoration::box)
        out.rects.push_back(Rect{left - 0.5, base - 0.92 * size, right - left + 1, 1.1 * size, Color{0.45, 0.45, 0.45}, 0.5});
    if (decoration & Decoration::strike)
        out.rects.push_back(Rect{left, base - 0.34 * size - thickness / 2, right - left, thickness, color, 0});
    if (decoration & Decoration::underline)
        out.rects.push_back(Rect{left, base + 0.13 * size, right - left, thickness, color, 0});
}

}  // namespace

void place_line(const ShapedText& shaped, const InlineText& text, const Line& line, double x, double baseline,
                Fragment& out, std::vector<double>& positions) {
    cluster_positions(shaped, line, positions);
    double origin = x + line.start;
    GlyphRun* run = nullptr;
    double run_shift = 0;
    LinkArea* link = nullptr;
    std::int32_t link_index = -1;
    NoteLink* note = nullptr;
    // The decorated piece being collected: its clusters' style and extent.
    const TextStyle* decorated = nullptr;
    double decorated_left = 0, decorated_right = 0;
    for (std::uint32_t k = line.begin; k < line.end; ++k) {
        const ShapedCluster& c = shaped.clusters[k];
        const TextStyle& style = text.spans[c.span].style;
        double pen = origin + positions[k - line.begin] + c.inset;
        double y = baseline - style.shift;
        if (c.object >= 0) {
            // An inline image: drawn in the cluster's box on the baseline, its bottom a CJK descent below it
            // (where an ideograph's em box ends); its alt text rides on one inkless glyph in a run of its own.
            const InlineObject& object = text.objects[static_cast<std::size_t>(c.object)];
            double height = object.width > 0 ? object.height * c.width / object.width : object.height;
            double bottom = y + (1 - em_box_ascent) * style.size;
            out.images.push_back(ImageBox{object.path, pen, bottom - height, c.width, height, object.tag,
                                          static_cast<std::uint32_t>(out.runs.size())});
            if (c.glyph_end > c.glyph_begin && !object.alt.empty()) {
                GlyphRun& alt = out.runs.emplace_back();
                alt.font = c.font;
                alt.size = style.size;
                alt.color = style.color;
                alt.role = RunRole::alt_text;
                alt.tag = object.tag;
                PlacedGlyph& pg = alt.glyphs.emplace_back();
                pg.gid = shaped.glyphs[c.glyph_begin].gid;
                pg.x = pen;
                pg.y = y;
                pg.advance = c.width;
                pg.text = object.alt;
            }
            run = nullptr;   // the text after it starts a new run
        } else if (c.glyph_end > c.glyph_begin) {
            // A new run for a new font, size, colour or baseline (the PDF writer sets glyphs of a run anywhere).
            Orientation orientation = orientation_of(c.setting);
            if (!run || run->font != c.font || run->size != style.size || !same_color(run->color, style.color) ||
                run_shift != style.shift || run->orientation != orientation || run->tag != style.tag) {
                run_shift = style.shift;
                out.runs.emplace_back();
                run = &out.runs.back();
                run->font = c.font;
                run->size = style.size;
                run->color = style.color;
                run->orientation = orientation;
                run->tag = style.tag;
                run->glyphs.reserve(line.end - k);
            }
            pen = place_glyphs(shaped.glyphs, c.glyph_begin, c.glyph_end, pen, y, text.text, c.text_begin, c.text_end,
                               *run);
        }
        double left = origin + positions[k - line.begin];
        double right = left + c.width;
        if (style.link >= 0) {
            if (link && link_index == style.link) {
                link->width = right - link->x;
            } else {
                out.links.push_back(LinkArea{left, baseline - style.size * 0.95, c.width, style.size * 1.25,
                                             text.links[static_cast<std::size_t>(style.link)], 0, 0, {}, style.tag});
                link = &out.links.back();
                link_index = style.link;
            }
            // An inline image says its alt text.
            if (c.object >= 0) link->text += text.objects[static_cast<std::size_t>(c.object)].alt;
            else link->text.append(text.text, c.text_begin, c.text_end - c.text_begin);
        } else {
            link = nullptr;
            link_index = -1;
        }
        if (style.note >= 0) {
            if (note && note->note == style.note) {
                note->area.width = right - note->area.x;
            } else {
                // The reference's figures are small: the clickable area is the height of the line's text.
                double height = std::max(line.size, style.size);
                out.note_links.push_back(NoteLink{LinkArea{left, baseline - height * 0.95, c.width, height * 1.25, {}, 0, 0, {},
                                                           style.tag},
                                                  style.note, false});
                note = &out.note_links.back();
            }
            note->area.text.append(text.text, c.text_begin, c.text_end - c.text_begin);
        } else {
            note = nullptr;
        }
        if (decorated && (style.decoration != decorated->decoration || style.size != decorated->size ||
                          style.shift != decorated->shift)) {
            decorate(decorated->decoration, decorated_left, decorated_right, baseline, decorated->size, decorated->shift,
                     decorated->color, out);
            decorated = nullptr;
        }
        if (style.decoration != 0) {
            if (!decorated) {
                decorated = &style;
                decorated_left = left;
            }
            decorated_right = right;
        }
    }
    if (decorated)
        decorate(decorated->decoration, decorated_left, decorated_right, baseline, decorated->size, decorated->shift,
                 decorated->color, out);
    if (!shaped.rubies.empty()) place_annotations(shaped, text, line, origin, baseline, out, positions);
}

}  // namespace docexport::layout
