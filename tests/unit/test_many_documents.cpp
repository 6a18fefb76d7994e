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

// Reads paths and writes them as PDF and EPUB, as one export job would; give_up: read packed, and the second writer
// is given the document (it frees each section's blocks as it goes), as the command does.
Exported export_one(const std::vector<std::string>& paths, bool give_up = false) {
    DiagnosticSink sink;
    ReadOptions reading;
    reading.compact = give_up;
    Document doc = read_inputs(paths, reading, sink);
    WriteOptions options;
    std::ostringstream pdf, epub;
    write_epub(doc, epub, options, sink);
    if (give_up) {
        write_pdf(std::move(doc), pdf, options, sink);
        for (const Section& s : doc.sections) {   // NOLINT: given up, its blocks freed
            CHECK(s.blocks.empty());
            CHECK(s.packed_blocks.empty());
        }
    } else {
        write_pdf(doc, pdf, options, sink);
    }
    return {pdf.str(), epub.str()};
}

}  // namespace

TEST_CASE("many documents: eight exports on eight threads give the bytes each gives alone") {
    // Each job a zone and the one after it: documents of two sections, which are packed when read compact.
    std::vector<std::string> zones = test::zone_inputs();
    REQUIRE(zones.size() == 8);
    std::vector<std::vector<std::string>> paths;
    for (std::size_t k = 0; k < zones.size(); ++k) paths.push_back({zones[k], zones[(k + 1) % zones.size()]});
    std::vector<Exported> alone;
    for (const auto& p : paths) alone.push_back(export_one(p));
    for (int round = 0; round < 2; ++round) {
        std::vector<Exported> together(paths.size());
        std::vector<std::thread> threads;
        for (std::size_t k = 0; k < paths.size(); ++k)
            threads.emplace_back([&, k] { together[k] = export_one(paths[k], k % 2 == 1); });
        for (auto& t : threads) t.join();
        for (std::size_t k = 0; k < paths.size(); ++k) {
            CAPTURE(paths[k].front());
            CHECK(together[k].pdf.size() > 10000);
            CHECK(together[k].pdf == alone[k].pdf);
            CHECK(together[k].epub == alone[k].epub);
        }
    }
}

TEST_CASE("many documents: a document given up to a writer gives the same bytes, and its blocks are freed") {
    const std::vector<std::string> path = {test::zone_inputs().front()};
    Exported alone = export_one(path);
    for (bool pdf : {true, false}) {
        DiagnosticSink sink;
        Document doc = read_inputs(path, {}, sink);
        const std::size_t sections = doc.sections.size();
        const std::string title = doc.meta.title;
        std::ostringstream out;
        if (pdf) write_pdf(std::move(doc), out, WriteOptions{}, sink);
        else write_epub(std::move(doc), out, WriteOptions{}, sink);
        CHECK(out.str() == (pdf ? alone.pdf : alone.epub));
        // NOLINTBEGIN(bugprone-use-after-move): what a document given up keeps is documented
        REQUIRE(doc.sections.size() == sections);
        CHECK(doc.meta.title == title);
        for (const Section& s : doc.sections) {
            CHECK(s.blocks.empty());
            CHECK_FALSE(s.title.empty());
        }
        // NOLINTEND(bugprone-use-after-move)
    }
}
