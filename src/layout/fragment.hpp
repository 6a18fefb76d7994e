// What blocks produce before pagination: fragments of page content relative to an origin, grouped in
// slices that pagination never splits.
#pragma once

#include "layout/page.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace docexport::layout {

// A link between a footnote reference and its note, whose target pagination resolves: from the reference
// to the note's first line, or (back) from the note's number to its first reference.
struct NoteLink {
    LinkArea area;             // where it is clickable; its target is set by paginate
    std::int32_t note = -1;    // the note's number in its section; the global note index after merging
    bool back = false;         // the note's number, linking back to the reference
};

// Page content relative to an origin (the top-left corner of the slice it belongs to).
struct Fragment {
    std::vector<GlyphRun> runs;
    std::vector<Rect> rects;
    std::vector<ImageBox> images;
    std::vector<LinkArea> links;
    std::vector<NoteLink> note_links;

    // Moves everything of other into this fragment, shifted by (dx, dy).
    void append(Fragment&& other, double dx, double dy);
    // Shifts everything by (dx, dy).
    void translate(double dx, double dy);
    // Puts the runs of other before this fragment's runs (a list marker before its item's text).
    void prepend_runs(Fragment&& other);
    // Makes everything decoration, outside the structure (a table header repeated on a continuation page).
    void untag();
};

// A place that the outline or the contents point at.
struct Anchor {
    std::string title;
    int level = 1;               // outline level: sections 1, headings 2+
    std::int32_t section = -1;   // the section index for a contents entry, -1 for outline only
    double y = 0;                // relative to the slice top
};

// A vertical unit of content that pagination places whole: one line of a paragraph, a table row, an image.
struct Slice {
    double height = 0;
    double space_before = 0;      // dropped at the top of a page
    double baseline = 0;          // of the first line, relative to the slice top (list markers align to it)
    bool keep_with_next = false;  // no page break between this slice and the next
    bool page_break_before = false;
    bool column_break_before = false;   // starts the next column (the next page after a page's last column)
    std::int32_t table = -1;      // a body row of table n: the page repeats n's header above it
    std::vector<std::int32_t> notes;   // footnotes first referenced here (global indexes): set at this page's foot
    Fragment content;
    std::vector<Anchor> anchors;
};

// A footnote: the slices of its lines (its number and a back link in the first), set at the foot of the page
// that references it; the lines that do not fit there continue at the foot of the next page.
struct Footnote {
    std::vector<Slice> lines;
};

// A table's header row, repeated at the top of every page the table continues on.
struct RepeatedHeader {
    double height = 0;
    Fragment content;
};

}  // namespace docexport::layout
