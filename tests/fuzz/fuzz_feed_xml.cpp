// Fuzzes the feed reader on XML input: encodings, pugixml, namespaces, dates, HTML content.
#include "readers/feed/feed_reader.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    docexport::ReadOptions options;
    options.max_input_bytes = 1 << 20;
    docexport::DiagnosticSink sink;
    try {
        docexport::readers::read_feed("fuzz.xml", {reinterpret_cast<const char*>(data), size}, options, sink);
    } catch (const docexport::Error&) {
    }
    return 0;
}
