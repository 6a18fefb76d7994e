// Fuzzes HTML entry content into blocks, and HTML titles into text.
#include "readers/html/html_content.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    docexport::DiagnosticSink sink;
    std::string_view html(reinterpret_cast<const char*>(data), size);
    docexport::readers::HtmlContext context{"https://example.org/a/b.html", {"fuzz.html", 1, 1}};
    docexport::readers::html_to_blocks(html, context, sink);
    docexport::readers::html_to_text(html);
    return 0;
}
