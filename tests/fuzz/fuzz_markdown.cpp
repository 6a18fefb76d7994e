// Fuzzes the Markdown reader (front matter, GFM tables, ruby).
#include <docexport/readers.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    docexport::ReadOptions options;
    docexport::DiagnosticSink sink;
    docexport::DocumentMeta meta;
    try {
        docexport::read_markdown("fuzz.md", {reinterpret_cast<const char*>(data), size}, options, sink, &meta);
    } catch (const docexport::Error&) {
    }
    return 0;
}
