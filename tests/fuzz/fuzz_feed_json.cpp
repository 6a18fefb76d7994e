// Fuzzes the JSON Feed reader. Input that does not start as JSON gets a '{' in front, so the JSON path is always
// taken; the seed corpus (tests/fuzz/corpus/feed_json) holds whole feeds, which are read as they are.
#include "readers/feed/feed_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    docexport::ReadOptions options;
    docexport::DiagnosticSink sink;
    std::string text(reinterpret_cast<const char*>(data), size);
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || (text[first] != '{' && text[first] != '[')) text.insert(0, 1, '{');
    try {
        docexport::readers::read_feed("fuzz.json", text, options, sink);
    } catch (const docexport::Error&) {
    }
    return 0;
}
