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
// Vertical writing (built, layout/vertical.hpp and docs/layout.md "Vertical writing") and ruby were added without
// a rewrite:
// - Lines are direction-agnostic: a Line holds a cluster range, an inline start offset, its natural extent
//   and the justification stretch along the *inline* axis; nothing in collect/shape/line_break/lines uses x.
//   Vertical text is laid out in a logical frame (the page turned a quarter) where lines run like horizontal
//   ones; shape.cpp shapes upright characters with HB_DIRECTION_TTB (vert/vrt2; advances in y), Latin left to
//   right (set sideways) and short numbers as one upright cluster (tate-chu-yoko); finalize.cpp emits
//   GlyphRun{orientation} and VerticalPages turns each finished page upright; the PDF writer uses Identity-V.
// - Ruby (horizontal text, built): collect.cpp records a RubySpan (the base's byte range, the annotation text,
//   the base's style) next to the styled spans; shape.cpp clears the break opportunities inside the base (one
//   unbreakable group), shapes each annotation at ruby_size_em into ShapedText::ruby_* and, for an annotation
//   wider than its base, lets it overhang neighbouring non-ruby characters (at most ruby_overhang_em and half
//   the neighbour) or else spaces the base out (ShapedCluster::inset and width; see docs/layout.md);
//   ShapedRuby::extent is the block-axis room it needs, Line::annotation the line's largest, which
//   blocks.cpp adds to the line box (beyond half the upper half-leading). finalize.cpp places each annotation
//   as its own GlyphRun{role = RunRole::annotation} after the line's text, centred over the base's glyphs,
//   kept inside the line and clear of the annotation before it; the PDF writer keeps those runs out of the
//   text layer. Zhuyin (built) is a ShapedRuby::Place: a column of symbols shaped top to bottom beside its
//   base, inside the base's advance in horizontal text (beside) or in the ruby's place in vertical text (column);
//   finalize.cpp's place_zhuyin sets the tone mark and the light-tone dot (docs/layout.md, "Zhuyin").
#pragma once

#include "layout/cover_page.hpp"
#include "layout/page.hpp"
#include "layout/page_sink.hpp"
#include "layout/settings.hpp"

#include <docexport/diagnostics.hpp>
#include <docexport/model.hpp>
#include <docexport/progress.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace docexport::layout {

// Lays doc out: a cover page when cover is given, a title page, the contents, then the sections. Hands the pages
// to pages as they are finished (the body page by page; the contents, whose page count does not depend on the
// page numbers, are put before the body at the end), so that the memory taken is that of the pages being made.
// fonts receives the faces the pages use (they must outlive pages' use of them). Fonts not installed throw
// Error(input); characters no font has, missing images and overfull boxes are reported to sink. progress (may be
// empty) hears ProgressStage::layout: sections laid out into lines, on the calling thread.
// section_done (may be empty) hears, on the calling thread, each section whose blocks layout will not read again
// (all its lines made and handed on): a caller that owns the document may free them.
using SectionDone = std::function<void(std::size_t section)>;
void layout_document(const Document& doc, const LayoutSettings& settings, DiagnosticSink& sink, PageSink& pages,
                     std::vector<std::unique_ptr<fonts::Font>>& fonts, const ProgressCallback& progress = {},
                     const CoverPicture* cover = nullptr, const SectionDone& section_done = {});

// Returns the laid-out pages of doc (layout_document into one Layout, its fonts numbered by first use).
Layout layout_document(const Document& doc, const LayoutSettings& settings, DiagnosticSink& sink,
                       const ProgressCallback& progress = {}, const CoverPicture* cover = nullptr);

// Returns a text dump of layout for golden tests: per page its size and label, then one row per visual line
// (baseline y, left x, width, font/size, source text; an inline image's alt text in place), one `ruby` row per annotation run (same fields), rules,
// images and links. Numbers have two decimals.
std::string dump_layout(const Layout& layout);

}  // namespace docexport::layout
