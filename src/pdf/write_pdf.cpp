// The public PDF entry points: style → layout settings → layout_document → write_layout.
#include "pdf/pdf_writer.hpp"

#include "layout/layout.hpp"
#include "layout/settings.hpp"
#include "style/style.hpp"

#include <docexport/writers.hpp>

namespace docexport {

namespace {

std::string pdf_bytes(const Document& doc, const WriteOptions& options, DiagnosticSink& sink) {
    pdf::PdfOptions pdf_options;
    pdf_options.source_date_epoch = pdf::source_date_epoch_from_environment();  // before any work: a usage error

    DocumentMeta meta = doc.meta;
    if (!options.identifier.empty()) meta.identifier = options.identifier;
    if (!options.publisher.empty()) meta.publisher = options.publisher;
    if (!options.date.empty()) meta.date = options.date;
    if (!options.authors.empty()) meta.authors = options.authors;
    if (options.vertical)
        sink.warn({}, "vertical writing is not available in PDF yet; the PDF is set horizontally",
                  {"use --epub for vertical text"});
    if (!options.embed_fonts)
        sink.note({}, "PDF output always embeds (subset) its fonts; the option only affects EPUB", false);

    style::Style st = style::load_style(options.style.empty() ? doc.style : options.style, meta.language);
    layout::LayoutSettings settings = layout::settings_from_style(st);
    layout::Layout laid_out = layout::layout_document(doc, settings, sink);
    return pdf::write_layout(laid_out, meta, pdf_options, sink);
}

}  // namespace

void write_pdf(const Document& doc, const std::filesystem::path& path, const WriteOptions& options,
               DiagnosticSink& sink) {
    // Nothing touches path until the whole PDF exists in memory; then it replaces path atomically.
    write_file_atomically(path, pdf_bytes(doc, options, sink));
}

void write_pdf(const Document& doc, std::ostream& out, const WriteOptions& options, DiagnosticSink& sink) {
    std::string bytes = pdf_bytes(doc, options, sink);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) throw Error(ErrorCode::output, "cannot write the PDF to the output stream");
}

std::string dump_layout(const Document& doc, const WriteOptions& options, DiagnosticSink& sink) {
    // The style: the options', else the document's, else the default (as for write_pdf).
    DocumentMeta meta = doc.meta;
    style::Style st = style::load_style(options.style.empty() ? doc.style : options.style, meta.language);
    return layout::dump_layout(layout::layout_document(doc, layout::settings_from_style(st), sink));
}

}  // namespace docexport
