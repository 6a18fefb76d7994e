#include "layout/lines.hpp"

#include "support/utf8.hpp"

#include <algorithm>

namespace docexport::layout {

namespace {

constexpr double epsilon = 1e-6;

bool is_space(const ShapedCluster& c) { return c.first == CharClass::space; }

// Measures [begin, end) and counts its stretch gaps.
void measure_line(const ShapedText& shaped, const InlineText& text, Line& line, std::uint32_t& gaps) {
    line.natural = 0;
    line.size = 0;
    line.annotation = 0;
    gaps = 0;
    for (std::uint32_t k = line.begin; k < line.end; ++k) {
        const ShapedCluster& c = shaped.clusters[k];
        line.natural += c.width + (k > line.begin ? c.space_before : 0);
        if (k > line.begin && c.stretch_before) ++gaps;
        if (!text.spans.empty()) line.size = std::max(line.size, text.spans[c.span].style.size);
        if (c.ruby >= 0) line.annotation = std::max(line.annotation, shaped.rubies[static_cast<std::size_t>(c.ruby)].extent);
    }
}

// Sets line.stretch for a justified line that is not last (see break_lines); a hanging mark is past the measure.
void set_stretch(const LineOptions& options, Line& line, std::uint32_t gaps) {
    double measure = options.measure - line.start;
    double natural = line.natural - line.hang;
    bool full = !line.last || line.hang > 0;   // a last line whose mark hangs is full: justified like the others
    line.stretch = options.justify && full && gaps > 0 && natural < measure ? (measure - natural) / gaps : 0;
}

// Returns true for a cluster that may hang past a line's end: one pause or stop mark (clreq's 點號), full-width
// or half-width, and not part of a ruby base.
bool may_hang(const ShapedCluster& c, const InlineText& text) {
    if (c.ruby >= 0 || c.object >= 0 || c.text_end <= c.text_begin) return false;
    std::size_t i = c.text_begin;
    char32_t cp = utf8::next_code_point(text.text, i);
    return i == c.text_end && is_pause_or_stop_mark(cp);
}

bool is_punct(const ShapedCluster& c) { return c.first == CharClass::wide_punct || c.first == CharClass::other; }

// Returns true when line holds one Han character and nothing after it but punctuation (地。 地」。 地).
bool is_runt(const ShapedText& shaped, const Line& line) {
    if (line.end <= line.begin || shaped.clusters[line.begin].first != CharClass::han) return false;
    for (std::uint32_t k = line.begin + 1; k < line.end; ++k)
        if (!is_punct(shaped.clusters[k])) return false;
    return true;
}

// Gives the last line of lines one or two more clusters from the line before it, when that cures a runt.
void avoid_runt(const ShapedText& shaped, const InlineText& text, const LineOptions& options, std::vector<Line>& lines) {
    if (lines.size() < 2) return;
    Line& last = lines.back();
    Line& before = lines[lines.size() - 2];
    if (before.last || !is_runt(shaped, last)) return;   // a hard break before it: the runt is the author's
    for (std::uint32_t take = 1; take <= 2 && before.end > before.begin + take + 1; ++take) {
        std::uint32_t k = before.end - take;
        const ShapedCluster& c = shaped.clusters[k];
        if (c.break_before == BreakKind::none || c.first != CharClass::han) continue;
        Line shorter = before, longer = last;
        shorter.end = k;
        shorter.hang = 0;
        while (shorter.end > shorter.begin && is_space(shaped.clusters[shorter.end - 1])) --shorter.end;
        longer.begin = k;
        std::uint32_t gaps = 0, unused = 0;
        measure_line(shaped, text, shorter, gaps);
        measure_line(shaped, text, longer, unused);
        set_stretch(options, shorter, gaps);
        double size = shorter.size > 0 ? shorter.size : 10;
        if (options.justify && (gaps == 0 || shorter.stretch > 0.15 * size)) return;
        before = shorter;
        last = longer;
        return;
    }
}

}  // namespace

void break_lines(const ShapedText& shaped, const InlineText& text, const LineOptions& options, std::vector<Line>& lines) {
    lines.clear();
    const auto& clusters = shaped.clusters;
    auto n = static_cast<std::uint32_t>(clusters.size());
    std::uint32_t i = std::min(options.begin, n);
    bool after_soft_break = false;
    while (i < n || lines.empty()) {
        if (after_soft_break)
            while (i < n && is_space(clusters[i])) ++i;   // spaces at a soft break vanish
        Line line;
        line.begin = i;
        line.start = lines.empty() ? options.first_indent : 0;
        double measure = options.measure - line.start;
        double width = 0;
        double trailing = 0;                   // width of trailing spaces (they hang)
        double hang = 0;                       // a hanging mark's width
        std::uint32_t best = 0;                // the last break opportunity
        std::uint32_t j = i;
        std::uint32_t next = n;
        bool hard = false;
        for (; j < n; ++j) {
            const ShapedCluster& c = clusters[j];
            if (c.first == CharClass::newline) {
                next = j + 1;
                hard = true;
                break;
            }
            if (j > i && c.break_before != BreakKind::none) best = j;
            double w = c.width + (j > i && trailing == 0 ? c.space_before : 0);
            if (is_space(c)) {
                width += w;
                trailing += w;
                continue;
            }
            if (j > i && width + w > measure + epsilon) {
                // A pause or stop mark that the line cannot hold hangs past its end, where a line may end after
                // it (not before a closing bracket, which would then start the next line).
                if (options.hang && trailing == 0 && width <= measure + epsilon && may_hang(c, text) &&
                    (j + 1 >= n || clusters[j + 1].break_before != BreakKind::none ||
                     clusters[j + 1].first == CharClass::newline)) {
                    hang = c.width;
                    ++j;
                    next = j;
                    break;
                }
                next = best > i ? best : j;   // push the rest out; overfull only with no opportunity at all
                break;
            }
            width += w;
            trailing = 0;
        }
        if (j >= n) next = n;
        std::uint32_t end = (hard || j >= n) ? j : next;
        while (end > line.begin && is_space(clusters[end - 1])) --end;
        line.end = end;
        line.hang = hang;
        line.last = hard || next >= n;
        std::uint32_t gaps = 0;
        measure_line(shaped, text, line, gaps);
        set_stretch(options, line, gaps);
        lines.push_back(line);
        after_soft_break = !hard;
        if (next <= i && !hard) next = i + 1;   // always make progress
        i = next;
        if (i >= n) break;   // a hard break at the very end leaves no empty line behind it
    }
    if (options.avoid_runts) avoid_runt(shaped, text, options, lines);
}

void cluster_positions(const ShapedText& shaped, const Line& line, std::vector<double>& positions) {
    positions.clear();
    double pen = 0;
    for (std::uint32_t k = line.begin; k < line.end; ++k) {
        const ShapedCluster& c = shaped.clusters[k];
        if (k > line.begin) pen += c.space_before + (c.stretch_before ? line.stretch : 0);
        positions.push_back(pen);
        pen += c.width;
    }
    positions.push_back(pen);
}

}  // namespace docexport::layout
