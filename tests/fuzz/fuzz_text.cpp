// Fuzzes the plain-text article reader.
#include <docexport/readers.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    docexport::ReadOptions options;
    options.annotations = size % 3 == 0 ? docexport::Annotations::ruby : docexport::Annotations::drop;
    docexport::DiagnosticSink sink;
    try {
        docexport::read_text("fuzz.txt", {reinterpret_cast<const char*>(data), size}, options, sink);
    } catch (const docexport::Error&) {
    }
    return 0;
}
