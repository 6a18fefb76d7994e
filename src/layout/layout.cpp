#include "layout/layout.hpp"

#include "layout/blocks.hpp"
#include "layout/paginate.hpp"
#include "support/code_points.hpp"
#include "support/parallel.hpp"
#include "support/progress.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <tuple>

namespace docexport::layout {

namespace {

const Color gray{0.35, 0.35, 0.35};

// Returns n as lower-case roman numerals (front matter folios).
std::string roman(int n) {
    static const std::pair<int, const char*> table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                         {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
                                                         {5, "v"},    {4, "iv"},   {1, "i"}};
    std::string out;
    for (auto [value, digits] : table)
        while (n >= value) {
            out += digits;
            n -= value;
        }
    return out;
}

class DocumentLayouter {
public:
    DocumentLayouter(const Document& doc, const LayoutSettings& settings, DiagnosticSink& sink, Layout& out,
                     const ProgressCallback& progress)
        : doc_(doc), settings_(settings), sink_(sink), progress_(progress), out_(out), fonts_(settings_, out.fonts, sink),
          shaper_(fonts_, settings_, language_of(doc, settings), sink), blocks_(settings_, fonts_, shaper_, sink) {
        frame_.width = settings.page_width;
        frame_.height = settings.page_height;
        frame_.left = settings.margin_inner;
        frame_.top = settings.margin_top;
        frame_.body_height = settings.page_height - settings.margin_top - settings.margin_bottom;
        text_width_ = settings.page_width - settings.margin_inner - settings.margin_outer;
        frame_.text_width = text_width_;
        frame_.note_gap = settings.font_size * 1.3;
        // Footnotes: smaller, a little tighter, no first-line indent.
        note_settings_.font_size = settings.font_size * settings.small_size_em;
        note_settings_.line_height = std::min(settings.line_height, 1.6);
        note_settings_.first_line_indent_em = 0;
        note_settings_.paragraph_spacing_em = 0;
    }

    void run() {
        fonts_.primary(Role::body);   // fail early, before any work, when the body font is missing
        fonts_.report_unavailable();
        // The body first: the contents need its page numbers.
        std::vector<Slice> slices;
        std::vector<RepeatedHeader> headers;
        layout_sections(slices, headers);
        fonts_.report_unavailable();
        std::vector<PlacedAnchor> anchors;
        std::vector<Page> body = paginate(slices, headers, frame_, anchors, sink_, &notes_);

        std::vector<Page> front;
        if (settings_.title_page) front.push_back(title_page());
        std::size_t contents_first = front.size();
        std::vector<PlacedAnchor> contents_anchors;
        if (settings_.table_of_contents && settings_.contents_depth > 0 && !doc_.sections.empty()) {
            std::vector<Page> contents = contents_pages(anchors, contents_anchors);
            for (auto& p : contents) front.push_back(std::move(p));
        }
        std::size_t offset = front.size();
        for (std::size_t p = contents_first; p < front.size(); ++p)
            for (auto& link : front[p].links)
                if (link.uri.empty()) link.target_page += offset;
        for (Page& page : body)   // footnote links
            for (auto& link : page.links)
                if (link.uri.empty()) link.target_page += offset;

        // Running heads and folios.
        // A section's opening page carries its title at the top and no running head (its folio stays).
        std::string header = !settings_.running_header.empty() ? settings_.running_header : doc_.meta.title;
        std::vector<bool> opening(body.size(), false);
        for (const PlacedAnchor& a : anchors)
            if (a.anchor.level == 1 && a.anchor.section >= 0 && a.page < body.size()) opening[a.page] = true;
        for (std::size_t p = 0; p < body.size(); ++p)
            decorate(body[p], opening[p] ? std::string() : header, std::to_string(p + 1));
        for (std::size_t p = contents_first; p < front.size(); ++p) decorate(front[p], {}, roman(static_cast<int>(p + 1)));

        out_.pages = std::move(front);
        for (auto& p : body) out_.pages.push_back(std::move(p));

        if (contents_first < offset) out_.outline.push_back(OutlineEntry{settings_.contents_title, 1, contents_first, frame_.top});
        for (const PlacedAnchor& a : anchors)
            out_.outline.push_back(OutlineEntry{a.anchor.title, a.anchor.level, a.page + offset, a.y});
        report_missing(shaper_.take_missing());
        fonts_.report_unavailable();
        if (offset > 0) out_.page_labels.push_back(PageLabelRange{0, PageLabelRange::Style::roman_lower, {}, 1});
        if (!body.empty() || offset == 0) out_.page_labels.push_back(PageLabelRange{offset, PageLabelRange::Style::decimal, {}, 1});
    }

private:
    // A piece of layout work: a section's head, or a run of a section's blocks.
    struct Task {
        std::size_t section = 0;
        bool head = false;
        std::size_t begin = 0, end = 0;   // blocks [begin, end)
        bool notes = false;               // the section's footnote blocks, each into its own Footnote
    };

    // What one task became; merged in document order.
    struct SectionResult {
        std::vector<Slice> slices;
        std::vector<RepeatedHeader> headers;   // Slice::table indexes into these
        std::vector<Diagnostic> diagnostics;
        std::vector<MissingChar> missing;
        std::vector<std::pair<std::int32_t, Footnote>> notes;   // by number in the section
    };

    // A layout thread's own shaper (a HarfBuzz buffer, an ICU iterator) and block layouter; fonts are shared.
    struct Worker {
        std::vector<Diagnostic>* into = nullptr;
        std::vector<Diagnostic> discarded;   // what the constructors report (the main shaper reported it)
        DiagnosticSink sink;
        std::unique_ptr<Shaper> shaper;
        std::unique_ptr<BlockLayouter> blocks;
        std::unique_ptr<BlockLayouter> notes;   // with the notes' settings
    };

    // Lays out the sections on several threads into slices (and the table headers they repeat), then reports
    // their diagnostics in document order: the result never depends on the number of threads. The work is cut
    // into each section's head and runs of its blocks, so that a single long section spreads over the threads.
    void layout_sections(std::vector<Slice>& slices, std::vector<RepeatedHeader>& headers) {
        constexpr std::size_t blocks_per_task = 24;
        std::vector<Task> tasks;
        for (std::size_t s = 0; s < doc_.sections.size(); ++s) {
            tasks.push_back(Task{s, true, 0, 0, false});
            std::size_t count = doc_.sections[s].blocks.size();
            for (std::size_t b = 0; b < count; b += blocks_per_task)
                tasks.push_back(Task{s, false, b, std::min(count, b + blocks_per_task), false});
            if (std::any_of(doc_.sections[s].blocks.begin(), doc_.sections[s].blocks.end(), is_footnote))
                tasks.push_back(Task{s, false, 0, 0, true});
        }
        std::size_t n = tasks.size();
        std::vector<SectionResult> results(n);
        std::size_t workers = worker_count(n);
        std::vector<std::unique_ptr<Worker>> pool(workers);
        std::string language = language_of(doc_, settings_);
        // Progress counts sections: one is done when the last of its tasks is.
        std::vector<std::atomic<std::size_t>> tasks_left(doc_.sections.size());
        for (const Task& task : tasks) tasks_left[task.section].fetch_add(1, std::memory_order_relaxed);
        support::StageProgress progress(progress_, ProgressStage::layout, doc_.sections.size());
        parallel_for(n, workers, [&](std::size_t w, std::size_t i) {
            if (!pool[w]) {
                auto worker = std::make_unique<Worker>();
                Worker* raw = worker.get();
                raw->into = &raw->discarded;
                raw->sink = DiagnosticSink([raw](const Diagnostic& d) { raw->into->push_back(d); });
                raw->shaper = std::make_unique<Shaper>(fonts_, settings_, language, raw->sink);
                raw->blocks = std::make_unique<BlockLayouter>(settings_, fonts_, *raw->shaper, raw->sink);
                raw->notes = std::make_unique<BlockLayouter>(note_settings_, fonts_, *raw->shaper, raw->sink);
                pool[w] = std::move(worker);
            }
            Worker& worker = *pool[w];
            SectionResult& r = results[i];
            const Task& task = tasks[i];
            const Section& section = doc_.sections[task.section];
            worker.into = &r.diagnostics;
            if (task.head)
                worker.blocks->layout_section_head(section, static_cast<std::int32_t>(task.section), text_width_, r.slices);
            else if (task.notes)
                for (const Block& block : section.blocks) {
                    if (!is_footnote(block)) continue;
                    const std::string* number = block.attr.find("note");
                    Footnote note;
                    worker.notes->layout_footnote(block, text_width_, note.lines);
                    if (number && !note.lines.empty()) r.notes.emplace_back(std::atoi(number->c_str()), std::move(note));
                }
            else
                worker.blocks->layout_blocks(std::span<const Block>(section.blocks).subspan(task.begin, task.end - task.begin),
                                             BlockContext{0, text_width_, true, false}, r.slices);
            r.headers = std::move(worker.blocks->headers());
            worker.blocks->headers().clear();
            r.missing = worker.shaper->take_missing();
            progress.add(tasks_left[task.section].fetch_sub(1, std::memory_order_relaxed) == 1 ? 1 : 0);
        });
        progress.finish();
        std::size_t total = 0;
        for (const auto& r : results) total += r.slices.size();
        slices.reserve(total);
        // Footnotes get global numbers (in document order); a body slice claims the notes it references
        // first, and paginate sets them at its page's foot.
        std::map<std::pair<std::size_t, std::int32_t>, std::int32_t> note_index;
        std::vector<std::size_t> note_section;
        for (std::size_t t = 0; t < n; ++t)
            for (auto& [number, note] : results[t].notes) {
                note_index[{tasks[t].section, number}] = static_cast<std::int32_t>(notes_.size());
                note_section.push_back(tasks[t].section);
                notes_.push_back(std::move(note));
            }
        std::vector<bool> claimed(notes_.size(), false);
        auto resolve = [&](std::size_t section, std::vector<NoteLink>& links) {
            std::erase_if(links, [&](NoteLink& l) {
                auto found = note_index.find({section, l.note});
                if (found == note_index.end()) return true;
                l.note = found->second;
                return false;
            });
        };
        for (std::size_t k = 0; k < notes_.size(); ++k)
            for (Slice& line : notes_[k].lines) resolve(note_section[k], line.content.note_links);
        for (std::size_t t = 0; t < n; ++t) {
            SectionResult& r = results[t];
            auto base = static_cast<std::int32_t>(headers.size());
            for (Slice& slice : r.slices) {
                if (slice.table >= 0) slice.table += base;
                resolve(tasks[t].section, slice.content.note_links);
                for (const NoteLink& l : slice.content.note_links) {
                    auto k = static_cast<std::size_t>(l.note);
                    if (!l.back && !claimed[k]) {
                        claimed[k] = true;
                        slice.notes.push_back(l.note);
                    }
                }
                slices.push_back(std::move(slice));
            }
            if (t + 1 == n || tasks[t + 1].section != tasks[t].section)
                // A note nothing in the body refers to (a reference in a title, say) ends its section.
                for (std::size_t k = 0; k < notes_.size(); ++k)
                    if (note_section[k] == tasks[t].section && !claimed[k]) {
                        claimed[k] = true;
                        for (Slice& line : notes_[k].lines) {
                            std::erase_if(line.content.note_links, [](const NoteLink& l) { return l.back; });
                            slices.push_back(std::move(line));
                        }
                        notes_[k].lines.clear();
                    }
            for (RepeatedHeader& h : r.headers) headers.push_back(std::move(h));
            for (Diagnostic& d : r.diagnostics) sink_.report(std::move(d));
            report_missing(r.missing);
            r = SectionResult{};   // free as we go
        }
    }

    // Reports each character that no font has once per document, at its first occurrence.
    void report_missing(const std::vector<MissingChar>& missing) {
        for (const MissingChar& m : missing)
            if (reported_.insert(m.c).second)
                sink_.warn(m.pos, "no glyph for " + support::code_point_label(m.c) + " in any font of the style",
                           fonts_.missing_glyph_hints());
    }

    static std::string language_of(const Document& doc, const LayoutSettings& settings) {
        return doc.meta.language.empty() ? settings.language : doc.meta.language;
    }

    Page new_page() const {
        Page p;
        p.width = frame_.width;
        p.height = frame_.height;
        return p;
    }

    // Sets a single paragraph of plain text into page at (x, y) with width; returns its height.
    double put_text(Page& page, const std::string& s, const ParagraphStyle& style, double x, double y, double width) {
        if (s.empty()) return 0;
        InlineText text;
        text.append(s, style.base, {});
        text.trim_end();
        Fragment f;
        double h = blocks_.text_box(text, style, width, f);
        f.translate(x, y);
        page.runs.insert(page.runs.end(), std::make_move_iterator(f.runs.begin()), std::make_move_iterator(f.runs.end()));
        page.links.insert(page.links.end(), f.links.begin(), f.links.end());
        return h;
    }

    Page title_page() {
        Page page = new_page();
        const double size = settings_.font_size;
        ParagraphStyle title;
        title.base.role = Role::heading;
        title.base.size = size * 2.2;
        title.line_height = 1.35;
        title.align = TextAlign::center;
        std::string title_text = doc_.meta.title.empty() ? std::string("（無題）") : doc_.meta.title;
        {
            // A title a little too long for one line is set smaller; a much longer one is balanced.
            InlineText t;
            t.append(title_text, title.base, {});
            double natural = blocks_.measure_text(t).first;
            if (natural > text_width_ && natural * 0.8 <= text_width_) title.base.size *= text_width_ / natural * 0.999;
            title.balance = true;
        }
        double y = frame_.top + frame_.body_height * 0.28;
        y += put_text(page, title_text, title, frame_.left, y, text_width_);
        ParagraphStyle subtitle = title;
        subtitle.balance = true;
        subtitle.base.role = Role::emphasis;
        subtitle.base.size = size * 1.3;
        subtitle.line_height = 1.6;
        y += size;
        y += put_text(page, doc_.meta.subtitle, subtitle, frame_.left, y, text_width_);
        page.rects.push_back(Rect{frame_.left + text_width_ * 0.35, y + size * 1.5, text_width_ * 0.3, 0.6, gray, 0});

        ParagraphStyle small = title;
        small.base.role = Role::body;
        small.base.size = size * 1.1;
        small.base.color = gray;
        small.line_height = 1.8;
        LayoutSettings::TitlePageLines lines = settings_.title_page_lines.value_or(
            LayoutSettings::TitlePageLines{doc_.meta.authors, doc_.meta.date, doc_.meta.publisher});
        std::string authors;
        for (const auto& a : lines.authors) authors += (authors.empty() ? "" : "、") + a;
        std::vector<std::string> bottom;
        if (!authors.empty()) bottom.push_back(authors);
        if (!lines.date.empty()) bottom.push_back(lines.date);
        if (!lines.publisher.empty()) bottom.push_back(lines.publisher);
        double line = small.base.size * small.line_height;
        double by = frame_.top + frame_.body_height - line * static_cast<double>(bottom.size());
        for (const auto& s : bottom) by += put_text(page, s, small, frame_.left, by, text_width_);
        return page;
    }

    std::vector<Page> contents_pages(const std::vector<PlacedAnchor>& anchors, std::vector<PlacedAnchor>& placed) {
        const double size = settings_.font_size;
        std::vector<Slice> slices;
        ParagraphStyle heading;
        heading.base.role = Role::heading;
        heading.base.size = size * settings_.heading_sizes_em[0];
        heading.line_height = 1.4;
        heading.align = TextAlign::left;
        InlineText text;
        text.append(settings_.contents_title, heading.base, {});
        blocks_.text_slices(text, heading, BlockContext{0, text_width_, false, true}, slices);
        if (!slices.empty()) {
            slices.back().height += size * 1.2;
            slices.back().keep_with_next = true;
        }

        ParagraphStyle entry;
        entry.base.size = size;
        entry.line_height = 1.9;
        entry.align = TextAlign::left;
        const double number_width = size * 3;
        for (const PlacedAnchor& a : anchors) {
            // Sections (level 1) and, with a deeper contents, headings down to its depth, indented an em a level.
            if (a.anchor.level > settings_.contents_depth || (a.anchor.level == 1 && a.anchor.section < 0)) continue;
            double indent = std::min(size * (a.anchor.level - 1), (text_width_ - number_width - size) / 2);
            Slice slice;
            text.clear();
            text.append(a.anchor.title, entry.base, {});
            text.trim_end();
            double title_width = text_width_ - number_width - size - indent;
            slice.height = blocks_.text_box(text, entry, title_width, slice.content);
            if (indent > 0) slice.content.translate(indent, 0);
            // The page number, right-aligned on the entry's last baseline, and dotted leaders up to it.
            double last_end = 0, last_baseline = 0;
            for (const auto& run : slice.content.runs)
                for (const auto& g : run.glyphs)
                    if (g.y >= last_baseline - 0.01) {
                        if (g.y > last_baseline + 0.01) last_end = 0;
                        last_baseline = g.y;
                        last_end = std::max(last_end, g.x + g.advance);
                    }
            InlineText number;
            ParagraphStyle num = entry;
            num.align = TextAlign::right;
            number.append(std::to_string(a.page + 1), num.base, {});
            Fragment nf;
            blocks_.text_box(number, num, number_width, nf);
            double number_left = text_width_ - number_width;
            double number_start = number_left + number_width;
            for (const auto& run : nf.runs)
                for (const auto& g : run.glyphs) number_start = std::min(number_start, number_left + g.x);
            double line_top = slice.height - size * entry.line_height;
            slice.content.append(std::move(nf), number_left, line_top);
            double dot = 0.9, step = size * 0.5;
            for (double x = last_end + size * 0.6; x + dot < number_start - size * 0.5; x += step)
                slice.content.rects.push_back(Rect{x, last_baseline - dot, dot, dot, gray, 0});
            slice.content.links.push_back(LinkArea{0, 0, text_width_, slice.height, {}, a.page, a.y});
            slices.push_back(std::move(slice));
        }
        std::vector<PlacedAnchor> ignored;
        std::vector<Page> pages = paginate(slices, {}, frame_, ignored, sink_);
        placed = std::move(ignored);
        return pages;
    }

    // Adds the running head (with a hairline) and the folio to page.
    void decorate(Page& page, const std::string& header, const std::string& folio) {
        const double size = settings_.font_size * settings_.small_size_em;
        ParagraphStyle style;
        style.base.size = size;
        style.base.color = gray;
        style.line_height = 1.2;
        style.align = TextAlign::center;
        if (!header.empty()) {
            double y = frame_.top - size * 3.2;
            // The same running head on every page: set once, copied.
            if (header != header_text_) {
                header_text_ = header;
                header_ = Page{};
                put_text(header_, header, style, frame_.left, y, text_width_);
            }
            page.runs.insert(page.runs.end(), header_.runs.begin(), header_.runs.end());
            page.links.insert(page.links.end(), header_.links.begin(), header_.links.end());
            page.rects.push_back(Rect{frame_.left, y + size * 1.6, text_width_, 0.4, gray, 0});
        }
        if (settings_.folio && !folio.empty()) {
            double y = frame_.top + frame_.body_height + size * 2.2;
            put_text(page, folio, style, frame_.left, y, text_width_);
        }
    }

    const Document& doc_;
    const LayoutSettings& settings_;
    DiagnosticSink& sink_;
    const ProgressCallback& progress_;
    Layout& out_;
    FontChains fonts_;
    Shaper shaper_;
    BlockLayouter blocks_;
    PageFrame frame_;
    double text_width_ = 0;
    LayoutSettings note_settings_ = settings_;
    std::vector<Footnote> notes_;   // the document's footnotes, placed by paginate
    std::set<char32_t> reported_;
    std::string header_text_;   // the running head set in header_
    Page header_;
};

}  // namespace

// Numbers the fonts in order of first use on the pages (threads open them in no fixed order), unused ones
// after them by file and face: the same document always gets the same font numbers.
void number_fonts(Layout& layout) {
    std::size_t n = layout.fonts.size();
    std::vector<std::size_t> order;   // old indexes in their new order
    std::vector<bool> placed(n, false);
    for (const Page& page : layout.pages)
        for (const GlyphRun& run : page.runs)
            if (run.font < n && !placed[run.font]) {
                placed[run.font] = true;
                order.push_back(run.font);
            }
    std::vector<std::size_t> unused;
    for (std::size_t k = 0; k < n; ++k)
        if (!placed[k]) unused.push_back(k);
    std::sort(unused.begin(), unused.end(), [&](std::size_t a, std::size_t b) {
        const auto& la = layout.fonts[a]->location();
        const auto& lb = layout.fonts[b]->location();
        return std::tie(la.path, la.index) < std::tie(lb.path, lb.index);
    });
    order.insert(order.end(), unused.begin(), unused.end());
    std::vector<std::size_t> new_index(n);
    std::vector<std::unique_ptr<fonts::Font>> fonts(n);
    for (std::size_t k = 0; k < n; ++k) {
        new_index[order[k]] = k;
        fonts[k] = std::move(layout.fonts[order[k]]);
    }
    layout.fonts = std::move(fonts);
    for (Page& page : layout.pages)
        for (GlyphRun& run : page.runs)
            if (run.font < n) run.font = new_index[run.font];
}

Layout layout_document(const Document& doc, const LayoutSettings& settings, DiagnosticSink& sink,
                       const ProgressCallback& progress) {
    Layout layout;
    DocumentLayouter(doc, settings, sink, layout, progress).run();
    number_fonts(layout);
    return layout;
}

}  // namespace docexport::layout
