// Slices → pages: fill each page's body top to bottom, break only where keep-with-next allows (headings
// with what follows, no widows or orphans), repeat a table's header row above its continuation.
#pragma once

#include "layout/fragment.hpp"

#include <docexport/diagnostics.hpp>

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

namespace docexport::layout {

// The page and its text block.
struct PageFrame {
    double width = 595.276, height = 841.89;
    double left = 62, top = 72;      // the text block's top-left corner
    double body_height = 700;
    double text_width = 0;           // of a column of the text block (footnote rule); 0 = width - 2 left
    int columns = 1;                 // columns side by side, text_width wide, column_gap apart
    double column_gap = 0;
    double note_gap = 13;            // between the body text and the footnotes (the short rule sits in it)
};

// An anchor with its final place.
struct PlacedAnchor {
    Anchor anchor;
    std::size_t page = 0;   // index into the returned pages
    double y = 0;           // on the page
    bool at_top = false;    // nothing is drawn above it on its page (its section opens the page: the first column)
};

// Slices → pages as the slices arrive: a page is decided as soon as a slice that does not fit on it (or a page
// break) has been added, and handed to emit at once, so that only the slices of the page being filled are held.
// With several columns (PageFrame::columns) a page is filled a column at a time, as if each were a page of its
// own (a column break starts the next column, a page break the next page), and emitted when its last column is.
// A slice taller than the body is placed alone (overfull) and reported to sink. The notes a slice claims
// (Slice::notes, indexes into notes) are set at the foot of its page under a short rule, bottom-aligned; the page
// reserves their height, and a note that does not fit whole continues at the foot of the next page (its first line
// always stays with the reference). headers and notes may grow between calls (Slice::table and Slice::notes index
// them). Pages are numbered from 0 in the order emitted.
class Paginator {
public:
    using Emit = std::function<void(Page&&)>;
    Paginator(const std::vector<RepeatedHeader>& headers, const PageFrame& frame, DiagnosticSink& sink,
              std::vector<Footnote>* notes, Emit emit);

    // Takes slice (its content is moved out when placed); pages are emitted by pump() and finish().
    void add(Slice&& slice) { slices_.push_back(std::move(slice)); }
    // Emits every page that the slices added so far decide.
    void pump() { run(false); }
    // Emits the remaining pages.
    void finish() { run(true); }

    // Where the anchors of the placed slices ended up, in order (append-only).
    const std::vector<PlacedAnchor>& anchors() const { return anchors_; }
    // How many pages have been emitted.
    std::size_t pages() const { return pages_; }
    // After finish(): the footnote links (reference → note, note → reference) with their targets, by page.
    std::vector<std::pair<std::size_t, LinkArea>> take_note_links();

private:
    struct NoteLine {
        std::size_t note = 0, line = 0;
    };
    void run(bool final);
    void emit_page();
    double line_height(const NoteLine& l) const;
    double note_height(std::int32_t k) const;
    double first_line(std::int32_t k) const;

    const std::vector<RepeatedHeader>& headers_;
    PageFrame frame_;
    DiagnosticSink& sink_;
    std::vector<Footnote>* notes_;
    Emit emit_;
    std::vector<Slice> slices_;   // slices_[next_..] wait for a page
    std::size_t next_ = 0;
    std::size_t pages_ = 0;
    Page page_;                 // the page whose columns are being filled
    int column_ = 0;            // the column being filled
    std::vector<NoteLine> carry_;   // footnote lines a page could not take, for the next
    std::vector<PlacedAnchor> anchors_;
    // Where each note's first line and each note's first reference ended up (page, y), for the links.
    std::vector<std::pair<std::size_t, double>> note_at_, reference_at_;
    std::vector<std::pair<std::size_t, NoteLink>> pending_;   // (page, link) to resolve at the end
};

// Returns the pages holding slices (whose content is moved out); anchors are appended with their pages; note
// links are added to the pages they are on. A Paginator fed all slices at once.
std::vector<Page> paginate(std::vector<Slice>& slices, const std::vector<RepeatedHeader>& headers, const PageFrame& frame,
                           std::vector<PlacedAnchor>& anchors, DiagnosticSink& sink, std::vector<Footnote>* notes = nullptr);

}  // namespace docexport::layout
