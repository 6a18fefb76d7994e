// Fuzzes the JSON Feed reader (on text that starts as JSON, so the JSON path is taken).
#include "readers/feed/feed_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    docexport::ReadOptions options;
    docexport::DiagnosticSink sink;
    std::string text = "{" + std::string(reinterpret_cast<const char*>(data), size);
    try {
        docexport::readers::read_feed("fuzz.json", text, options, sink);
    } catch (const docexport::Error&) {
    }
    return 0;
}
