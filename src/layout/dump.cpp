#include "layout/layout.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace docexport::layout {

namespace {

// Returns v with two decimals, locale-independent.
std::string num(double v) {
    if (std::abs(v) < 0.005) v = 0;
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    return std::string(buf, r.ptr);
}

std::string label_of(const Layout& layout, std::size_t page) {
    const PageLabelRange* range = nullptr;
    for (const auto& r : layout.page_labels)
        if (r.first <= page) range = &r;
    if (!range) return std::to_string(page + 1);
    int n = range->start + static_cast<int>(page - range->first);
    if (range->style == PageLabelRange::Style::roman_lower) {
        static const std::pair<int, const char*> t[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                         {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
                                                         {5, "v"},    {4, "iv"},   {1, "i"}};
        std::string out = range->prefix;
        for (auto [value, digits] : t)
            while (n >= value) {
                out += digits;
                n -= value;
            }
        return out;
    }
    if (range->style == PageLabelRange::Style::none) return range->prefix;
    return range->prefix + std::to_string(n);
}

// A page of vertical text: one row per column, right to left, its runs top to bottom (column x, the top and
// length of its text, the first run's font and size, the text). A glyph belongs to the column whose centre is
// nearest: an upright glyph's point is on the centre, a sideways one's baseline and a combined figure's left
// edge less than half an em away.
std::string dump_columns(const Page& page) {
    struct Column {
        double x = 0;
        std::vector<const GlyphRun*> runs;
    };
    std::vector<Column> columns;
    std::vector<const GlyphRun*> runs;
    for (const auto& run : page.runs)
        if (!run.glyphs.empty() && (run.role == RunRole::text || run.role == RunRole::alt_text)) runs.push_back(&run);
    // Upright runs first: they give the columns' centres.
    std::stable_sort(runs.begin(), runs.end(), [](const GlyphRun* a, const GlyphRun* b) {
        return (a->orientation == Orientation::vertical) > (b->orientation == Orientation::vertical);
    });
    for (const GlyphRun* run : runs) {
        double x = run->glyphs.front().x;
        if (run->orientation == Orientation::sideways) x += 0.38 * run->size;
        if (run->orientation == Orientation::horizontal) x += 0.5 * run->size;
        Column* nearest = nullptr;
        for (Column& c : columns)
            if (std::abs(c.x - x) < 0.5 * run->size && (!nearest || std::abs(c.x - x) < std::abs(nearest->x - x))) nearest = &c;
        if (!nearest) {
            columns.push_back(Column{x, {}});
            nearest = &columns.back();
        }
        nearest->runs.push_back(run);
    }
    std::sort(columns.begin(), columns.end(), [](const Column& a, const Column& b) { return a.x > b.x; });
    std::string out;
    int n = 0;
    for (Column& c : columns) {
        std::stable_sort(c.runs.begin(), c.runs.end(),
                         [](const GlyphRun* a, const GlyphRun* b) { return a->glyphs.front().y < b->glyphs.front().y; });
        double top = c.runs.front()->glyphs.front().y, bottom = top;
        std::string text;
        for (const GlyphRun* run : c.runs)
            for (const auto& g : run->glyphs) {
                top = std::min(top, g.y);
                bottom = std::max(bottom, g.y + (run->orientation == Orientation::horizontal ? 0 : g.advance));
                text += g.text;
            }
        out += "  " + std::to_string(++n) + " column x " + num(c.x) + " y " + num(top) + " h " + num(bottom - top) + " f" +
               std::to_string(c.runs.front()->font) + "/" + num(c.runs.front()->size) + " " + text + "\n";
    }
    return out;
}

}  // namespace

std::string dump_layout(const Layout& layout) {
    std::string out = "layout 1\n";
    for (std::size_t f = 0; f < layout.fonts.size(); ++f)
        out += "font " + std::to_string(f) + " " + layout.fonts[f]->family() + " (" + layout.fonts[f]->postscript_name() + ")\n";
    for (const auto& e : layout.outline)
        out += "outline " + std::to_string(e.level) + " page " + std::to_string(e.page + 1) + " y " + num(e.y) + " " + e.title + "\n";
    for (std::size_t p = 0; p < layout.pages.size(); ++p) {
        const Page& page = layout.pages[p];
        out += "page " + std::to_string(p + 1) + " label " + label_of(layout, p) + " " + num(page.width) + "x" + num(page.height) + "\n";
        bool columns = false;
        for (const auto& run : page.runs)   // (zhuyin annotations stand in columns in horizontal text too)
            columns = columns || (run.role != RunRole::annotation && run.orientation != Orientation::horizontal);
        if (columns) {
            out += dump_columns(page);
        } else {
        // Visual lines: runs grouped by baseline, left to right.
        std::map<long, std::vector<const GlyphRun*>> lines;
        for (const auto& run : page.runs)
            if (!run.glyphs.empty() && (run.role == RunRole::text || run.role == RunRole::alt_text)) lines[std::lround(run.glyphs.front().y * 100)].push_back(&run);
        int n = 0;
        for (auto& [key, runs] : lines) {
            std::sort(runs.begin(), runs.end(), [](const GlyphRun* a, const GlyphRun* b) { return a->glyphs.front().x < b->glyphs.front().x; });
            double left = runs.front()->glyphs.front().x, right = left;
            std::string text;
            for (const GlyphRun* run : runs)
                for (const auto& g : run->glyphs) {
                    left = std::min(left, g.x);
                    right = std::max(right, g.x + g.advance);
                    text += g.text;
                }
            out += "  " + std::to_string(++n) + " y " + num(runs.front()->glyphs.front().y) + " x " + num(left) + " w " +
                   num(right - left) + " f" + std::to_string(runs.front()->font) + "/" + num(runs.front()->size) + " " + text + "\n";
        }
        }
        // Ruby annotations, one row per run in drawing order (a line's annotations follow its text).
        for (const auto& run : page.runs) {
            if (run.glyphs.empty() || run.role != RunRole::annotation) continue;
            std::string text;
            for (const auto& g : run.glyphs) text += g.text;
            const PlacedGlyph& last = run.glyphs.back();
            out += "  ruby y " + num(run.glyphs.front().y) + " x " + num(run.glyphs.front().x) + " w " +
                   num(last.x + last.advance - run.glyphs.front().x) + " f" + std::to_string(run.font) + "/" + num(run.size) +
                   " " + text + "\n";
        }
        for (const auto& r : page.rects)
            out += "  rect " + num(r.x) + " " + num(r.y) + " " + num(r.width) + " " + num(r.height) + "\n";
        for (const auto& im : page.images)
            out += "  image " + num(im.x) + " " + num(im.y) + " " + num(im.width) + " " + num(im.height) + " " + im.path + "\n";
        for (const auto& l : page.links)
            out += "  link " + num(l.x) + " " + num(l.y) + " " + num(l.width) + " " + num(l.height) +
                   (l.uri.empty() ? " -> page " + std::to_string(l.target_page + 1) + " y " + num(l.target_y) : " -> " + l.uri) + "\n";
    }
    return out;
}

}  // namespace docexport::layout
