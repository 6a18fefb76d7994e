// The public PDF entry points: style → layout settings → layout_document → write_layout.
#include "pdf/pdf_writer.hpp"

#include "layout/layout.hpp"
#include "layout/settings.hpp"
#include "writers/write_settings.hpp"

#include <docexport/writers.hpp>

namespace docexport {

namespace {

std::string pdf_bytes(const Document& doc, const WriteOptions& options, DiagnosticSink& sink) {
    writers::WriteSettings settings = writers::settle_write_options(doc, options);
    pdf::PdfOptions pdf_options;
    pdf_options.source_date_epoch = settings.source_date_epoch;
    if (options.vertical)
        sink.warn({}, "vertical writing is not available in PDF yet; the PDF is set horizontally",
                  {"use --epub for vertical text"});
    if (!options.embed_fonts)
        sink.note({}, "PDF output always embeds (subset) its fonts; the option only affects EPUB", false);

    layout::Layout laid_out = layout::layout_document(doc, layout::settings_from_style(settings.style), sink);
    return pdf::write_layout(laid_out, settings.meta, pdf_options, sink);
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
    writers::WriteSettings settings = writers::settle_write_options(doc, options);
    return layout::dump_layout(layout::layout_document(doc, layout::settings_from_style(settings.style), sink));
}

}  // namespace docexport
