#include "layout/layout.hpp"

#include "layout/blocks.hpp"
#include "layout/cover_page.hpp"
#include "layout/paginate.hpp"
#include "layout/vertical.hpp"
#include "model/headings.hpp"
#include "model/packed.hpp"
#include "support/code_points.hpp"
#include "support/parallel.hpp"
#include "support/progress.hpp"
#include "support/wording.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

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

// Returns about how many bytes of text inlines hold (to size the work, not to measure it).
std::size_t text_bytes(const Inlines& inlines) {
    std::size_t n = 0;
    for (const Inline& in : inlines) n += in.text.size() + text_bytes(in.children);
    return n;
}

std::size_t text_bytes(const Block& block) {
    std::size_t n = text_bytes(block.inlines) + block.text.size();
    for (const Block& b : block.blocks) n += text_bytes(b);
    for (const Blocks& item : block.items)
        for (const Block& b : item) n += text_bytes(b);
    for (const auto& row : block.table.rows)
        for (const TableCell& cell : row) n += text_bytes(cell.content);
    return n;
}

class DocumentLayouter {
public:
    DocumentLayouter(const Document& doc, const LayoutSettings& settings, DiagnosticSink& sink,
                     std::vector<std::unique_ptr<fonts::Font>>& fonts, const ProgressCallback& progress,
                     const SectionDone& section_done)
        : doc_(doc), settings_(settings), sink_(sink), progress_(progress), section_done_(section_done), store_(fonts),
          fonts_(settings_, fonts, sink),
          shaper_(fonts_, settings_, language_of(doc, settings), sink), blocks_(settings_, fonts_, shaper_, sink) {
        frame_.width = settings.page_width;
        frame_.height = settings.page_height;
        frame_.left = settings.margin_inner;
        frame_.top = settings.margin_top;
        frame_.body_height = settings.page_height - settings.margin_top - settings.margin_bottom;
        body_width_ = settings.page_width - settings.margin_inner - settings.margin_outer;
        // The body in columns (tiers in vertical text); never narrower than 4 em a column.
        frame_.columns = std::max(1, settings.columns);
        frame_.column_gap = settings.column_gap_em * settings.font_size;
        while (frame_.columns > 1 &&
               (body_width_ - (frame_.columns - 1) * frame_.column_gap) / frame_.columns < settings.font_size * 4)
            --frame_.columns;
        if (frame_.columns < settings.columns)
            sink.warn({}, std::to_string(settings.columns) + " columns leave less than 4 em a column; the text is set in " +
                              std::to_string(frame_.columns),
                      {"give the style fewer page.columns, a narrower page.column-gap or a smaller text.size"});
        text_width_ = (body_width_ - (frame_.columns - 1) * frame_.column_gap) / frame_.columns;
        frame_.text_width = text_width_;
        frame_.note_gap = settings.font_size * 1.3;
        // Footnotes: smaller, a little tighter, no first-line indent.
        note_settings_.font_size = settings.font_size * settings.small_size_em;
        note_settings_.line_height = std::min(settings.line_height, 1.6);
        note_settings_.first_line_indent_em = 0;
        note_settings_.paragraph_spacing_em = 0;
    }

    // Lays the document out and hands its pages to pages as they are finished: the cover and the title page
    // first, then the body page by page, then the contents, put before the body (their page numbers are known
    // only then; their number of pages does not depend on them).
    void run(PageSink& pages, const CoverPicture* cover) {
        pages_ = &pages;
        fonts_.primary(Role::body);   // fail early, before any work, when the body font is missing
        fonts_.report_unavailable();
        // The structure: the Document, what the title page and the contents hold, a Sect per section; the
        // sections' content is added as their layout work is merged.
        const std::int32_t root = add_node(&structure_, StructRole::document, untagged);
        blocks_.set_structure(&structure_, root);
        const bool contents_wanted = settings_.table_of_contents && settings_.contents_depth > 0 && !doc_.sections.empty();
        std::size_t lead = 0;
        if (cover) {
            // The cover is made upright (vertical text lays out in a turned frame: layout/vertical.hpp). Its picture
            // is a Figure that says what the cover shows: the title.
            Page page = settings_.vertical ? cover_page(frame_.height, frame_.width, *cover)
                                           : cover_page(frame_.width, frame_.height, *cover);
            for (ImageBox& image : page.images) {
                image.tag = add_node(&structure_, StructRole::figure, root);
                bool ascii = std::all_of(cover->label.begin(), cover->label.end(), [](char c) { return c > 0; });
                structure_.back().set_text(
                    doc_.meta.title.empty() ? cover->label : cover->label + (ascii ? ": " : "：") + doc_.meta.title);
            }
            emit(std::move(page));
            lead = 1;
        }
        if (settings_.title_page) emit(title_page());
        if (contents_wanted) {
            contents_heading_ = add_node(&structure_, StructRole::heading, root);
            structure_.back().level = 1;
            contents_node_ = add_node(&structure_, StructRole::toc, root);
        }
        heading_levels_.resize(doc_.sections.size());
        for (const Section& section : doc_.sections) {
            sect_nodes_.push_back(add_node(&structure_, StructRole::sect, root));
            // A feed entry in another language than the document (its language attribute), or a lang given.
            for (const char* key : {"language", "lang"})
                if (const std::string* lang = section.attr.find(key); lang && !lang->empty()) structure_.back().set_lang(*lang);
        }
        const std::size_t body_base = emitted_;   // where the body starts until the contents go before it
        const std::size_t title_count = body_base - lead;

        // Running heads and folios, as each body page is made.
        // A page that a section opens (its title at the top, nothing above it) has no running head (its folio
        // stays); a section that starts lower on a page (entries that run on) leaves the page its head.
        std::string header = !settings_.running_header.empty() ? settings_.running_header : doc_.meta.title;
        std::vector<Page> ready;
        std::optional<Paginator> paginator;   // let go before the sink's end
        paginator.emplace(headers_, frame_, sink_, &notes_, [&](Page&& page) { ready.push_back(std::move(page)); });
        std::size_t body_pages = 0, anchors_seen = 0;
        auto flush = [&] {
            const std::vector<PlacedAnchor>& anchors = paginator->anchors();
            for (Page& page : ready) {
                bool opening = false;
                for (; anchors_seen < anchors.size() && anchors[anchors_seen].page == body_pages; ++anchors_seen)
                    if (anchors[anchors_seen].anchor.level == 1 && anchors[anchors_seen].anchor.section >= 0 &&
                        anchors[anchors_seen].at_top)
                        opening = true;
                for (auto& link : page.links)
                    if (link.uri.empty()) link.target_page += body_base;
                decorate(page, opening ? std::string() : header, std::to_string(body_pages + 1));
                ++body_pages;
                emit(std::move(page));
            }
            ready.clear();
        };
        layout_sections(*paginator, flush);
        paginator->finish();
        flush();
        fonts_.report_unavailable();

        const std::size_t contents_count =
            contents_wanted ? insert_contents(paginator->anchors(), pages, body_base, title_count) : 0;
        const std::size_t offset = body_base + contents_count;   // the body's first page, final

        LayoutTail tail;
        for (auto& [page, link] : paginator->take_note_links()) {
            link.target_page += offset;
            tail.links.emplace_back(page + offset, std::move(link));
        }
        if (contents_count > 0) tail.outline.push_back(OutlineEntry{settings_.contents_title, 1, body_base, frame_.top});
        for (const PlacedAnchor& a : paginator->anchors())
            tail.outline.push_back(OutlineEntry{a.anchor.title, a.anchor.level, a.page + offset, a.y});
        report_missing(shaper_.take_missing());
        fonts_.report_unavailable();
        std::size_t front = title_count + contents_count;
        if (cover) tail.page_labels.push_back(PageLabelRange{0, PageLabelRange::Style::none, cover->label, 1});
        if (front > 0) tail.page_labels.push_back(PageLabelRange{lead, PageLabelRange::Style::roman_lower, {}, 1});
        if (body_pages > 0 || front == 0)
            tail.page_labels.push_back(PageLabelRange{offset, PageLabelRange::Style::decimal, {}, 1});
        tail.structure = std::move(structure_);
        // Nothing of the layout's work is needed by the sink's end (navigation, fonts, structure, the file): it
        // goes first, so that a long book's peak is lower.
        paginator.reset();
        release_work();
        pages.finish(std::move(tail));
    }

    // Frees what the layout of the body kept: notes, table headers, tasks, heading levels, unpacked sections.
    void release_work() {
        std::vector<Footnote>().swap(notes_);
        std::vector<bool>().swap(claimed_);
        note_index_.clear();
        std::vector<RepeatedHeader>().swap(headers_);
        std::vector<Task>().swap(tasks_);
        std::vector<std::unordered_map<const Block*, int>>().swap(heading_levels_);
        opened_.clear();
        shaper_.forget_fast_paths();
    }

    // Returns the document's fonts by number (GlyphRun::font of the pages given), first use first.
    const std::vector<const fonts::Font*>& numbered_fonts() const { return numbered_; }

private:
    // A piece of layout work: a section's head, its footnotes, or a run of its blocks.
    struct Task {
        std::size_t section = 0;
        bool head = false;
        std::size_t begin = 0, end = 0;   // blocks [begin, end)
        bool notes = false;               // the section's footnote blocks, each into its own Footnote
        bool solo = false;                // one long paragraph, laid out alone and paginated as its pieces are set
        std::size_t bytes = 0;            // about how much text
    };

    // What one task became; merged in document order.
    struct SectionResult {
        std::vector<Slice> slices;
        std::vector<RepeatedHeader> headers;   // Slice::table indexes into these
        std::vector<Diagnostic> diagnostics;
        std::vector<MissingChar> missing;
        std::vector<std::pair<std::int32_t, Footnote>> notes;   // by number in the section
        std::vector<StructNode> nodes;   // the structure it made, numbered from 0 (structure.hpp, section_node)
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

    // Appends the tasks of section s, whose blocks are blocks: its head, its footnotes (before its blocks: their
    // references are resolved as the blocks' slices are merged), then runs of at most 24 blocks; a paragraph
    // longer than a piece is a task of its own.
    void add_tasks(std::size_t s, const Blocks& blocks, std::vector<Task>& tasks) const {
        constexpr std::size_t blocks_per_task = 24;
        tasks.push_back(Task{s, true, 0, 0, false, false, text_bytes(doc_.sections[s].title) + 64});
        if (std::any_of(blocks.begin(), blocks.end(), is_footnote)) {
            std::size_t bytes = 0;
            for (const Block& b : blocks)
                if (is_footnote(b)) bytes += text_bytes(b);
            tasks.push_back(Task{s, false, 0, 0, true, false, bytes});
        }
        std::size_t count = blocks.size();
        std::size_t run = 0;
        auto close_run = [&](std::size_t b) {
            if (b == run) return;
            std::size_t bytes = 0;
            for (std::size_t k = run; k < b; ++k) bytes += text_bytes(blocks[k]);
            tasks.push_back(Task{s, false, run, b, false, false, bytes});
            run = b;
        };
        for (std::size_t b = 0; b < count; ++b) {
            const Block& block = blocks[b];
            std::size_t bytes = block.kind == BlockKind::paragraph && !is_footnote(block) ? text_bytes(block) : 0;
            if (bytes > settings_.paragraph_piece_bytes) {
                close_run(b);
                tasks.push_back(Task{s, false, b, b + 1, false, true, bytes});
                run = b + 1;
            } else if (b - run + 1 == blocks_per_task) {
                close_run(b + 1);
            }
        }
        close_run(count);
    }

    // Returns the blocks of section s: its own, or those unpacked for its layout (plan_sections).
    const Blocks& blocks_of_section(std::size_t s) const {
        auto it = opened_.find(s);
        return it != opened_.end() ? it->second : doc_.sections[s].blocks;
    }

    // Plans the next batch of sections (after planned_): a packed one is unpacked (on several threads, with the
    // others of its batch) and kept open until its last task is merged; each one's heading levels are found and its
    // tasks appended to tasks_, counted in tasks_left.
    void plan_sections(std::vector<std::atomic<std::size_t>>& tasks_left) {
        const std::size_t begin = planned_, end = std::min(doc_.sections.size(), begin + unpack_batch);
        std::vector<Blocks> ahead;
        unpack_ahead(doc_.sections, begin, end, ahead);
        for (std::size_t s = begin; s < end; ++s) {
            if (!doc_.sections[s].packed_blocks.empty()) opened_[s] = std::move(ahead[s - begin]);
            const Blocks& blocks = blocks_of_section(s);
            level_headings(blocks, heading_levels_[s]);
            std::size_t before = tasks_.size();
            add_tasks(s, blocks, tasks_);
            tasks_left[s].store(tasks_.size() - before, std::memory_order_relaxed);
        }
        planned_ = end;
    }

    // Lays out the sections into slices and hands them to paginator in document order, a window of tasks at a
    // time: the tasks of a window run on several threads, then their slices are merged and paginated and
    // flush() takes the finished pages. The result never depends on the number of threads. A long paragraph is
    // set on this thread, its slices paginated after each piece.
    template <typename Flush>
    void layout_sections(Paginator& paginator, Flush&& flush) {
        constexpr std::size_t window_tasks = 64;
        constexpr std::size_t window_bytes = 1 << 20;
        // The sections are planned as the work reaches them (plan_sections), so that a packed section is unpacked
        // once, and only a few are open at a time.
        const std::size_t sections = doc_.sections.size();
        std::size_t workers = worker_count(2 * sections);
        std::vector<std::unique_ptr<Worker>> pool(workers);
        std::string language = language_of(doc_, settings_);
        // Progress counts sections: one is done when the last of its tasks is.
        std::vector<std::atomic<std::size_t>> tasks_left(sections);
        support::StageProgress progress(progress_, ProgressStage::layout, doc_.sections.size());
        auto worker_for = [&](std::size_t w) -> Worker& {
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
            return *pool[w];
        };
        auto run_task = [&](Worker& worker, std::size_t i, SectionResult& r) {
            const Task& task = tasks_[i];
            const Section& section = doc_.sections[task.section];
            const Blocks& blocks = blocks_of_section(task.section);
            worker.into = &r.diagnostics;
            worker.blocks->set_structure(&r.nodes, section_node, &heading_levels_[task.section]);
            worker.notes->set_structure(&r.nodes, section_node, &heading_levels_[task.section]);
            if (task.head)
                worker.blocks->layout_section_head(section, static_cast<std::int32_t>(task.section), text_width_, r.slices);
            else if (task.notes)
                for (const Block& block : blocks) {
                    if (!is_footnote(block)) continue;
                    const std::string* number = block.attr.find("note");
                    Footnote note;
                    worker.notes->layout_footnote(block, text_width_, note.lines);
                    if (number && !note.lines.empty()) r.notes.emplace_back(std::atoi(number->c_str()), std::move(note));
                }
            else
                worker.blocks->layout_blocks(std::span<const Block>(blocks).subspan(task.begin, task.end - task.begin),
                                             BlockContext{0, text_width_, true, false}, r.slices);
            r.headers = std::move(worker.blocks->headers());
            worker.blocks->headers().clear();
            r.missing = worker.shaper->take_missing();
            progress.add(tasks_left[task.section].fetch_sub(1, std::memory_order_relaxed) == 1 ? 1 : 0);
        };
        std::vector<SectionResult> results;
        // Plans sections until the tasks from t on fill a window, or none is left.
        auto plan_window = [&](std::size_t t) {
            std::size_t bytes = 0, counted = t;
            for (;;) {
                for (; counted < tasks_.size(); ++counted) bytes += tasks_[counted].bytes;
                if (planned_ == sections || tasks_.size() - t >= window_tasks || bytes >= window_bytes) return;
                plan_sections(tasks_left);
            }
        };
        for (std::size_t t = 0;;) {
            plan_window(t);
            const std::size_t n = tasks_.size();
            if (t == n) break;
            if (tasks_[t].solo) {
                Worker& worker = worker_for(0);
                SectionResult r;
                node_base_ = static_cast<std::int32_t>(structure_.size());   // its pieces are merged before it
                worker.blocks->set_drain([&](std::vector<Slice>& slices) {
                    merge_slices(t, slices, static_cast<std::int32_t>(headers_.size()), paginator);
                    slices.clear();
                    paginator.pump();
                    flush();
                });
                try {
                    run_task(worker, t, r);
                } catch (...) {
                    worker.blocks->set_drain({});
                    throw;
                }
                worker.blocks->set_drain({});
                merge(t, r, paginator);
                ++t;
            } else {
                std::size_t end = t, bytes = 0;
                while (end < n && !tasks_[end].solo && end - t < window_tasks && bytes < window_bytes) bytes += tasks_[end++].bytes;
                results.clear();
                results.resize(end - t);
                parallel_for(end - t, workers, [&](std::size_t w, std::size_t i) { run_task(worker_for(w), t + i, results[i]); });
                for (std::size_t i = 0; i < end - t; ++i) merge(t + i, results[i], paginator);
                t = end;
            }
            paginator.pump();
            flush();
        }
        progress.finish();
    }

    // Merges the result of task t: its footnotes get global numbers (in document order), its slices go to
    // paginator (a body slice claims the notes it references first, and the paginator sets them at its page's
    // foot), its table headers are kept, its diagnostics reported; a section's last task ends it with the notes
    // nothing in the body refers to.
    void merge(std::size_t t, SectionResult& r, Paginator& paginator) {
        const std::size_t section = tasks_[t].section;
        // Its structure follows what is merged before it.
        node_base_ = static_cast<std::int32_t>(structure_.size());
        for (StructNode& node : r.nodes) {
            node.parent = node.parent == section_node ? sect_nodes_[section] : node.parent + node_base_;
            structure_.push_back(std::move(node));
        }
        for (auto& entry : r.notes)
            for (Slice& line : entry.second.lines) retag(line.content);
        std::size_t notes_begin = notes_.size();
        for (auto& [number, note] : r.notes) {
            note_index_[{section, number}] = static_cast<std::int32_t>(notes_.size());
            notes_.push_back(std::move(note));
            claimed_.push_back(false);
        }
        if (notes_begin < notes_.size()) {
            section_notes_ = {notes_begin, notes_.size()};
            section_notes_of_ = section;
        }
        for (std::size_t k = notes_begin; k < notes_.size(); ++k)
            for (Slice& line : notes_[k].lines) resolve(section, line.content.note_links);
        merge_slices(t, r.slices, static_cast<std::int32_t>(headers_.size()), paginator);
        if (t + 1 == tasks_.size() || tasks_[t + 1].section != section) {
            // A note nothing in the body refers to (a reference in a title, say) ends its section.
            if (section_notes_of_ == section)
                for (std::size_t k = section_notes_.first; k < section_notes_.second; ++k)
                    if (!claimed_[k]) {
                        claimed_[k] = true;
                        for (Slice& line : notes_[k].lines) {
                            std::erase_if(line.content.note_links, [](const NoteLink& l) { return l.back; });
                            paginator.add(std::move(line));
                        }
                        notes_[k].lines.clear();
                    }
            // Nothing of the section's blocks is read again: its caller may free them.
            heading_levels_[section] = {};
            opened_.erase(section);
            if (section_done_) section_done_(section);
        }
        for (RepeatedHeader& h : r.headers) headers_.push_back(std::move(h));
        for (Diagnostic& d : r.diagnostics) sink_.report(std::move(d));
        report_missing(r.missing);
        r = SectionResult{};
    }

    // Resolves a section's note links to global note numbers; drops those to notes that do not exist.
    void resolve(std::size_t section, std::vector<NoteLink>& links) {
        std::erase_if(links, [&](NoteLink& l) {
            auto found = note_index_.find({section, l.note});
            if (found == note_index_.end()) return true;
            l.note = found->second;
            return false;
        });
    }

    // Hands slices of task t to paginator, their table numbers moved on by base and their note links resolved.
    void merge_slices(std::size_t t, std::vector<Slice>& slices, std::int32_t base, Paginator& paginator) {
        const std::size_t section = tasks_[t].section;
        for (Slice& slice : slices) {
            retag(slice.content);
            if (slice.table >= 0) slice.table += base;
            resolve(section, slice.content.note_links);
            for (const NoteLink& l : slice.content.note_links) {
                auto k = static_cast<std::size_t>(l.note);
                if (!l.back && !claimed_[k]) {
                    claimed_[k] = true;
                    slice.notes.push_back(l.note);
                }
            }
            paginator.add(std::move(slice));
        }
    }

    // Moves the structure nodes that f's content points to on by node_base_ (a task's numbers → the document's).
    void retag(Fragment& f) const {
        auto move = [&](std::int32_t& tag) {
            if (tag >= 0) tag += node_base_;
        };
        for (GlyphRun& run : f.runs) move(run.tag);
        for (ImageBox& image : f.images) move(image.tag);
        for (LinkArea& link : f.links) move(link.tag);
        for (NoteLink& link : f.note_links) move(link.area.tag);
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
        std::string title_text = doc_.meta.title.empty() ? settings_.untitled : doc_.meta.title;
        {
            // A title a little too long for one line is set smaller; a much longer one is balanced.
            InlineText t;
            t.append(title_text, title.base, {});
            double natural = blocks_.measure_text(t).first;
            if (natural > body_width_ && natural * 0.8 <= body_width_) title.base.size *= body_width_ / natural * 0.999;
            title.balance = true;
        }
        double y = frame_.top + frame_.body_height * 0.28;
        title.base.tag = add_node(&structure_, StructRole::heading, 0);
        structure_.back().level = 1;
        y += put_text(page, title_text, title, frame_.left, y, body_width_);
        ParagraphStyle subtitle = title;
        subtitle.balance = true;
        subtitle.base.role = Role::emphasis;
        subtitle.base.size = size * 1.3;
        subtitle.line_height = 1.6;
        subtitle.base.tag = add_node(&structure_, StructRole::paragraph, 0);
        y += size;
        y += put_text(page, doc_.meta.subtitle, subtitle, frame_.left, y, body_width_);
        page.rects.push_back(Rect{frame_.left + body_width_ * 0.35, y + size * 1.5, body_width_ * 0.3, 0.6, gray, 0});

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
        for (const auto& s : bottom) {
            small.base.tag = add_node(&structure_, StructRole::paragraph, 0);
            by += put_text(page, s, small, frame_.left, by, body_width_);
        }
        return page;
    }

    // Lays out the contents and puts its pages before the body (at body_base), a batch of pages at a time as they
    // are finished, so that a contents of ten thousand entries is never held whole; returns how many pages it took.
    // The number of pages is known only at the end, so each batch's links point at the body's pages as they stand
    // once the batch is in; the sink moves them on with every later batch (PageSink::insert_pages).
    std::size_t insert_contents(const std::vector<PlacedAnchor>& anchors, PageSink& sink, std::size_t body_base,
                                std::size_t title_count) {
        const double size = settings_.font_size;
        PageFrame whole = frame_;   // the contents span the columns
        whole.columns = 1;
        whole.text_width = body_width_;
        std::vector<Page> ready;
        std::size_t count = 0;
        const std::vector<RepeatedHeader> no_headers;
        Paginator paginator(no_headers, whole, sink_, nullptr, [&](Page&& page) { ready.push_back(std::move(page)); });
        auto insert_ready = [&] {
            if (ready.empty()) return;
            const std::size_t body_now = body_base + count + ready.size();   // the body's first page once these are in
            for (Page& page : ready) {
                for (auto& link : page.links)
                    if (link.uri.empty()) link.target_page += body_now;
                decorate(page, {}, roman(static_cast<int>(title_count + count + 1)));
                number_fonts(page);
                ++count;
            }
            sink.insert_pages(body_base + count - ready.size(), std::move(ready), numbered_);
            ready.clear();
        };
        std::vector<Slice> slices;
        ParagraphStyle heading;
        heading.base.role = Role::heading;
        heading.base.size = size * settings_.heading_sizes_em[0];
        heading.line_height = 1.4;
        heading.align = TextAlign::left;
        heading.base.tag = contents_heading_;
        InlineText text;
        text.append(settings_.contents_title, heading.base, {});
        blocks_.text_slices(text, heading, BlockContext{0, body_width_, false, true}, slices);
        if (!slices.empty()) {
            slices.back().height += size * 1.2;
            slices.back().keep_with_next = true;
        }
        for (Slice& s : slices) paginator.add(std::move(s));

        ParagraphStyle entry;
        entry.base.size = size;
        entry.line_height = 1.9;
        entry.align = TextAlign::left;
        const double number_width = size * (settings_.contents_chinese_numerals ? 6 : 3);
        constexpr std::size_t batch_entries = 256;
        std::size_t entries = 0;
        for (const PlacedAnchor& a : anchors) {
            if (++entries % batch_entries == 0) {
                paginator.pump();
                insert_ready();
            }
            // Sections (level 1) and, with a deeper contents, headings down to its depth, indented an em a level.
            if (a.anchor.level > settings_.contents_depth || (a.anchor.level == 1 && a.anchor.section < 0)) continue;
            double indent = std::min(size * (a.anchor.level - 1), (body_width_ - number_width - size) / 2);
            // A TOCI per entry; its title and page number are the text of a Link to the section or heading.
            entry.base.tag = add_node(&structure_, StructRole::link, add_node(&structure_, StructRole::toc_item, contents_node_));
            Slice slice;
            text.clear();
            text.append(a.anchor.title, entry.base, {});
            text.trim_end();
            double title_width = body_width_ - number_width - size - indent;
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
            number.append(settings_.contents_chinese_numerals ? support::chinese_numeral(a.page + 1) : std::to_string(a.page + 1),
                          num.base, {});
            Fragment nf;
            blocks_.text_box(number, num, number_width, nf);
            double number_left = body_width_ - number_width;
            double number_start = number_left + number_width;
            for (const auto& run : nf.runs)
                for (const auto& g : run.glyphs) number_start = std::min(number_start, number_left + g.x);
            double line_top = slice.height - size * entry.line_height;
            slice.content.append(std::move(nf), number_left, line_top);
            double dot = 0.9, step = size * 0.5;
            for (double x = last_end + size * 0.6; x + dot < number_start - size * 0.5; x += step)
                slice.content.rects.push_back(Rect{x, last_baseline - dot, dot, dot, gray, 0});
            slice.content.links.push_back(LinkArea{0, 0, body_width_, slice.height, {}, a.page, a.y, a.anchor.title, entry.base.tag});
            paginator.add(std::move(slice));
        }
        paginator.finish();
        insert_ready();
        return count;
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
                put_text(header_, header, style, frame_.left, y, body_width_);
            }
            page.runs.insert(page.runs.end(), header_.runs.begin(), header_.runs.end());
            page.links.insert(page.links.end(), header_.links.begin(), header_.links.end());
            page.rects.push_back(Rect{frame_.left, y + size * 1.6, body_width_, 0.4, gray, 0});
        }
        if (settings_.folio && !folio.empty()) {
            if (settings_.vertical) {
                // Vertical text (the logical frame, layout/vertical.hpp): a short column below the columns' ends,
                // centred across the upright page: the folio stands at the foot of the page, its figures upright
                // (tate-chu-yoko) up to three, a longer or roman one turned.
                ParagraphStyle start = style;
                start.align = TextAlign::left;
                put_text(page, folio, start, frame_.left + body_width_ + size * 1.5, frame_.height / 2 - size * 0.6,
                         size * 6);
            } else {
                double y = frame_.top + frame_.body_height + size * 2.2;
                put_text(page, folio, style, frame_.left, y, body_width_);
            }
        }
    }

    // Gives page to the sink, its runs' fonts numbered in order of first use.
    void emit(Page&& page) {
        number_fonts(page);
        pages_->add_page(std::move(page), numbered_);
        ++emitted_;
    }

    // Numbers the fonts of page's runs in order of first use in the document (threads open fonts in no fixed
    // order): the same document always gets the same font numbers.
    void number_fonts(Page& page) {
        for (GlyphRun& run : page.runs) {
            if (run.font >= store_.size()) continue;
            if (number_of_.size() < store_.size()) number_of_.resize(store_.size(), SIZE_MAX);
            std::size_t& number = number_of_[run.font];
            if (number == SIZE_MAX) {
                number = numbered_.size();
                numbered_.push_back(store_[run.font].get());
            }
            run.font = number;
        }
    }

    const Document& doc_;
    const LayoutSettings& settings_;
    DiagnosticSink& sink_;
    const ProgressCallback& progress_;
    const SectionDone& section_done_;
    std::vector<std::unique_ptr<fonts::Font>>& store_;   // the fonts, in the order FontChains opened them
    PageSink* pages_ = nullptr;
    std::size_t emitted_ = 0;                      // pages given to pages_
    std::vector<const fonts::Font*> numbered_;     // by number
    std::vector<std::size_t> number_of_;           // store_ index → number (SIZE_MAX: not used yet)
    FontChains fonts_;
    Shaper shaper_;
    BlockLayouter blocks_;
    PageFrame frame_;
    double body_width_ = 0;   // of the text block
    double text_width_ = 0;   // of a column of it (body_width_ with one column)
    LayoutSettings note_settings_ = settings_;
    std::vector<Footnote> notes_;   // the document's footnotes, placed by the paginator
    std::vector<bool> claimed_;     // per note: a slice has claimed it (or it ended its section)
    std::map<std::pair<std::size_t, std::int32_t>, std::int32_t> note_index_;   // (section, number) → note
    std::pair<std::size_t, std::size_t> section_notes_{0, 0};   // the notes [first, second) of section_notes_of_
    std::size_t section_notes_of_ = SIZE_MAX;
    std::vector<RepeatedHeader> headers_;   // table headers, by Slice::table
    std::vector<Task> tasks_;
    std::set<char32_t> reported_;
    std::string header_text_;   // the running head set in header_
    Page header_;
    std::vector<StructNode> structure_;   // the document's structure (structure.hpp)
    std::vector<std::int32_t> sect_nodes_;   // each section's Sect node
    std::vector<std::unordered_map<const Block*, int>> heading_levels_;   // by section: its headings' levels
    std::size_t planned_ = 0;                           // sections whose tasks are made (plan_sections)
    std::map<std::size_t, Blocks> opened_;              // packed sections unpacked for their layout, by number
    std::int32_t node_base_ = 0;   // where the nodes of the layout work being merged start
    std::int32_t contents_heading_ = untagged, contents_node_ = untagged;
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

namespace {

// Keeps every page: the whole Layout, for dump_layout and tests.
class CollectingSink final : public PageSink {
public:
    explicit CollectingSink(Layout& out) : out_(out) {}

    void add_page(Page&& page, const std::vector<const fonts::Font*>& fonts) override {
        out_.pages.push_back(std::move(page));
        fonts_ = fonts;
    }

    void insert_pages(std::size_t at, std::vector<Page>&& pages, const std::vector<const fonts::Font*>& fonts) override {
        std::size_t count = pages.size();
        for (Page& page : out_.pages)
            for (LinkArea& link : page.links)
                if (link.uri.empty() && link.target_page >= at) link.target_page += count;
        at = std::min(at, out_.pages.size());
        out_.pages.insert(out_.pages.begin() + static_cast<std::ptrdiff_t>(at), std::make_move_iterator(pages.begin()),
                          std::make_move_iterator(pages.end()));
        fonts_ = fonts;
    }

    void finish(LayoutTail&& tail) override {
        for (auto& [page, link] : tail.links)
            if (page < out_.pages.size()) out_.pages[page].links.push_back(std::move(link));
        out_.outline = std::move(tail.outline);
        out_.page_labels = std::move(tail.page_labels);
        out_.structure = std::move(tail.structure);
    }

    // The fonts by the numbers the pages use.
    const std::vector<const fonts::Font*>& fonts() const { return fonts_; }

private:
    Layout& out_;
    std::vector<const fonts::Font*> fonts_;
};

}  // namespace

void layout_document(const Document& doc, const LayoutSettings& settings, DiagnosticSink& sink, PageSink& pages,
                     std::vector<std::unique_ptr<fonts::Font>>& fonts, const ProgressCallback& progress,
                     const CoverPicture* cover, const SectionDone& section_done) {
    if (!settings.vertical) {
        DocumentLayouter(doc, settings, sink, fonts, progress, section_done).run(pages, cover);
        return;
    }
    LayoutSettings logical = logical_settings(settings);
    VerticalPages upright(pages, cover != nullptr);
    DocumentLayouter(doc, logical, sink, fonts, progress, section_done).run(upright, cover);
}

Layout layout_document(const Document& doc, const LayoutSettings& settings, DiagnosticSink& sink,
                       const ProgressCallback& progress, const CoverPicture* cover) {
    Layout layout;
    std::vector<std::unique_ptr<fonts::Font>> store;
    CollectingSink collect(layout);
    layout_document(doc, settings, sink, collect, store, progress, cover);
    // The fonts by the pages' numbers, then those no page uses.
    for (const fonts::Font* f : collect.fonts())
        for (auto& owned : store)
            if (owned.get() == f) layout.fonts.push_back(std::move(owned));
    for (auto& owned : store)
        if (owned) layout.fonts.push_back(std::move(owned));
    number_fonts(layout);
    return layout;
}

}  // namespace docexport::layout
