// Embeds docexport in a publishing workflow: read inputs, inspect and change the document, collect
// diagnostics, and hand the document to a writer (or print its model when this build has none).
#include <docexport/docexport.hpp>

#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: brief_stats INPUT...\n";
        return 64;
    }
    docexport::ReadOptions options;
    options.language = "zh-Hant-TW";
    docexport::DiagnosticSink sink;  // keeps the diagnostics for us to inspect
    try {
        docexport::Document doc = docexport::read_inputs({argv + 1, argv + argc}, options, sink);
        doc.meta.publisher = "Example Press";  // a workflow can change anything before writing
        std::cout << "docexport " << docexport::version << "\n";
        std::cout << "title: " << doc.meta.title << "\n";
        for (const docexport::Section& s : doc.sections)
            std::cout << "section: " << docexport::plain_text(s.title) << " (" << s.blocks.size() << " blocks)\n";
        std::cout << "warnings: " << sink.count(docexport::Severity::warning) << "\n";
        std::ostringstream epub;  // writers take a path or any stream
        docexport::write_epub(doc, epub, {}, sink);
        std::cout << "epub: " << epub.str().size() << " bytes\n";
        std::cout << "model: " << docexport::dump_model_json(doc).size() << " bytes of JSON\n";
    } catch (const docexport::Error& e) {
        std::cerr << docexport::format_diagnostic(e.as_diagnostic());
        return 2;
    }
    return 0;
}
