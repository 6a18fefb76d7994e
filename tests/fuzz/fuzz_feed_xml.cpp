// Fuzzes the feed reader on XML input: encodings, pugixml, namespaces, dates, HTML content; and, on the same
// bytes, the --lenient path (libxml2's recovery, rebuilt as a pugixml tree), which only ill-formed input reaches.
#include "readers/feed/feed_reader.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (bool lenient : {false, true}) {
        docexport::ReadOptions options;
        options.max_input_bytes = 1 << 20;
        options.lenient = lenient;
        docexport::DiagnosticSink sink;
        try {
            docexport::readers::read_feed("fuzz.xml", text, options, sink);
            if (!lenient) break;   // well-formed: the lenient reader reads it the same way
        } catch (const docexport::Error&) {
        }
    }
    return 0;
}
