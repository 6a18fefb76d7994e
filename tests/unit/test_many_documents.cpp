// Many documents at once: reading and writing different documents from different threads of one process gives
// each the bytes it gets alone (no shared mutable state but the documented font cache). Run under the tsan preset
// (ThreadSanitizer) too: see docs/batch.md.
#include "test_helpers.hpp"

#include <docexport/docexport.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace docexport;

namespace {

struct Exported {
    std::string pdf, epub;
};

// Reads path and writes it as PDF and EPUB, as one export job would.
Exported export_one(const std::string& path) {
    DiagnosticSink sink;
    Document doc = read_inputs({path}, {}, sink);
    WriteOptions options;
    std::ostringstream pdf, epub;
    write_pdf(doc, pdf, options, sink);
    write_epub(doc, epub, options, sink);
    return {pdf.str(), epub.str()};
}

}  // namespace

TEST_CASE("many documents: eight exports on eight threads give the bytes each gives alone") {
    std::vector<std::string> paths = test::zone_inputs();
    REQUIRE(paths.size() == 8);
    std::vector<Exported> alone;
    for (const std::string& p : paths) alone.push_back(export_one(p));
    for (int round = 0; round < 2; ++round) {
        std::vector<Exported> together(paths.size());
        std::vector<std::thread> threads;
        for (std::size_t k = 0; k < paths.size(); ++k)
            threads.emplace_back([&, k] { together[k] = export_one(paths[k]); });
        for (auto& t : threads) t.join();
        for (std::size_t k = 0; k < paths.size(); ++k) {
            CAPTURE(paths[k]);
            CHECK(together[k].pdf.size() > 10000);
            CHECK(together[k].pdf == alone[k].pdf);
            CHECK(together[k].epub == alone[k].epub);
        }
    }
}
