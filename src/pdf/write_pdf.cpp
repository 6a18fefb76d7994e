// The public PDF entry points: style → layout settings → layout_document, its pages written as they are made.
#include "pdf/cover.hpp"
#include "pdf/pdf_writer.hpp"

#include "layout/layout.hpp"
#include "layout/settings.hpp"
#include "writers/write_settings.hpp"

#include <docexport/writers.hpp>

namespace docexport {

namespace {

// Returns the layout settings of the settled options: the style's, the contents depth, the title page's lines and
// the writing mode.
layout::LayoutSettings layout_settings(const writers::WriteSettings& settings) {
    layout::LayoutSettings s = layout::settings_from_style(settings.style);
    s.contents_depth = settings.pdf_contents_depth;
    s.vertical = settings.vertical;
    writers::GeneratedText words = writers::generated_text(settings.meta.language);
    s.contents_title = words.contents;
    s.untitled = words.untitled;
    s.image_open = words.image_open;
    s.image_close = words.image_close;
    s.title_page_lines = layout::LayoutSettings::TitlePageLines{settings.meta.authors, settings.title_page_date,
                                                                settings.meta.publisher};
    return s;
}

// Writes doc as PDF into put, in pieces; section_done hears each section layout is done with.
void make_pdf(const Document& doc, const WriteOptions& options, DiagnosticSink& sink, const OutputPiece& put,
              const layout::SectionDone& section_done = {}) {
    writers::WriteSettings settings = writers::settle_write_options(doc, options);
    for (const Diagnostic& d : settings.style.warnings) sink.report(d);
    pdf::PdfOptions pdf_options;
    pdf_options.source_date_epoch = settings.source_date_epoch;
    pdf_options.progress = options.progress;
    pdf_options.right_to_left = settings.vertical;
    pdf_options.standard = settings.pdf_standard;
    if (!options.embed_fonts)
        sink.note({}, "PDF output always embeds (subset) its fonts; the option only affects EPUB", false);

    std::optional<pdf::CoverPage> cover = pdf::cover_page(doc, options, settings, sink);
    std::optional<layout::CoverPicture> picture;
    std::map<std::string, std::shared_ptr<const std::string>> image_bytes;
    if (cover) {
        picture = pdf::cover_picture(*cover);
        if (cover->bytes) image_bytes[cover->image.path] = cover->bytes;
    }
    layout::LayoutSettings layout = layout_settings(settings);
    pdf::write_document(doc, layout, settings.meta, pdf_options, sink, picture ? &*picture : nullptr, image_bytes, put,
                        section_done);
    if (cover) pdf::report_cover_cut(*cover, layout.page_width, layout.page_height, sink);
}

// Writes doc as PDF to path as write_file_atomically does. Nothing touches path until every page is written; then
// the file is serialised into a temporary beside it, which replaces path atomically.
void pdf_to_path(const Document& doc, const std::filesystem::path& path, const WriteOptions& options,
                 DiagnosticSink& sink, const layout::SectionDone& section_done) {
    write_file_atomically(path, [&](const OutputPiece& put) { make_pdf(doc, options, sink, put, section_done); });
}

void pdf_to_stream(const Document& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink,
                   const layout::SectionDone& section_done) {
    make_pdf(doc, options, sink, writers::writing_to(out, "PDF"), section_done);
    out.flush();
    if (!out) throw Error(ErrorCode::output, "cannot write the PDF to the output stream");
}

}  // namespace

void write_pdf(const Document& doc, const std::filesystem::path& path, const WriteOptions& options,
               DiagnosticSink& sink) {
    pdf_to_path(doc, path, options, sink, {});
}

void write_pdf(const Document& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink) {
    pdf_to_stream(doc, out, options, sink, {});
}

void write_pdf(Document&& doc, const std::filesystem::path& path, const WriteOptions& options, DiagnosticSink& sink) {
    pdf_to_path(doc, path, options, sink, writers::freeing_blocks(doc));
}

void write_pdf(Document&& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink) {
    pdf_to_stream(doc, out, options, sink, writers::freeing_blocks(doc));
}

std::string dump_layout(const Document& doc, const WriteOptions& options, DiagnosticSink& sink) {
    writers::WriteSettings settings = writers::settle_write_options(doc, options);
    for (const Diagnostic& d : settings.style.warnings) sink.report(d);
    std::optional<pdf::CoverPage> cover = pdf::cover_page(doc, options, settings, sink);
    std::optional<layout::CoverPicture> picture;
    if (cover) picture = pdf::cover_picture(*cover);
    layout::LayoutSettings layout = layout_settings(settings);
    layout::Layout laid_out = layout::layout_document(doc, layout, sink, options.progress, picture ? &*picture : nullptr);
    if (cover) pdf::report_cover_cut(*cover, layout.page_width, layout.page_height, sink);
    return layout::dump_layout(laid_out);
}

}  // namespace docexport
