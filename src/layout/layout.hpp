// The layout engine: a Document becomes pages of positioned glyph runs (layout/page.hpp) that the PDF writer
// serialises. It knows no PDF. One file per step, as in typst's inline layout:
//   collect.cpp     inlines → one UTF-8 string per paragraph plus styled spans (font role, size, link)
//   shape.cpp       per-character font fallback, script runs, HarfBuzz shaping once per paragraph → clusters
//   line_break.cpp  break opportunities: ICU's UAX #14 iterator tailored with the clreq prohibitions
//   lines.cpp       first-fit choice of breaks per line, measures and justification amounts
//   finalize.cpp    a line → glyph runs at a position on the page
//   blocks.cpp      blocks (paragraphs, headings, lists, quotes, tables, images, rules, code) → slices
//   paginate.cpp    slices → pages (keep-with-next, widows and orphans, repeated table headers)
//   layout.cpp      the title page, the contents, running heads, folios, outline and page labels
//
// Vertical writing and ruby (a later issue) fit without a rewrite:
// - Lines are direction-agnostic: a Line holds a cluster range, an inline start offset, its natural extent
//   and the justification stretch along the *inline* axis; nothing in collect/shape/line_break/lines uses x.
//   Vertical text shapes with HB_DIRECTION_TTB (HarfBuzz applies vert/vrt2; advances come back in y), breaks
//   and justifies the same clusters with the column height as measure, and finalize.cpp maps the inline
//   axis to y and the block axis to x (columns right to left), emitting GlyphRun{vertical = true} whose
//   PlacedGlyph::advance is the y advance; the PDF writer then uses Identity-V. Latin runs in vertical text
//   become their own clusters with a rotation flag (tate-chu-yoko: two or three digits set as one upright
//   cluster). Pagination already works in block-axis units (Slice::height), which become column widths.
// - Ruby: collect.cpp already sees InlineKind::ruby; it will record a RubySpan (base byte range, annotation
//   text) next to the styled spans. The base is shaped and broken as one unbreakable cluster group (the
//   breaker clears opportunities inside the base); finalize.cpp shapes the annotation at ~0.5 em (zhuyin
//   at 0.3 em on the right in both directions) and centres it over (or beside) the base's extent, adding a
//   run above the line; a line containing ruby grows its Slice::height by the annotation's size.
#pragma once

#include "layout/page.hpp"
#include "layout/settings.hpp"

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>

#include <string>

namespace docexport::layout {

// Returns the laid-out pages of doc: a title page, the contents, then the sections. Fonts not installed
// throw Error(input); characters no font has, missing images and overfull boxes are reported to sink.
Layout layout_document(const Document& doc, const LayoutSettings& settings, DiagnosticSink& sink);

// Returns a text dump of layout for golden tests: per page its size and label, then one row per visual line
// (baseline y, left x, width, font/size, source text), rules, images and links. Numbers have two decimals.
std::string dump_layout(const Layout& layout);

}  // namespace docexport::layout
