// Progress reports of the public API (docexport/progress.hpp): for each stage, counts that never decrease and end
// at the total, all on the calling thread, and output that is the same with or without them.
#include "test_helpers.hpp"

#include <docexport/docexport.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace docexport;
using docexport::test::zone_inputs;

namespace {

// Records every report and the thread it came on.
struct Recorder {
    std::vector<Progress> reports;
    std::vector<std::thread::id> threads;
    ProgressCallback callback() {
        return [this](const Progress& p) {
            reports.push_back(p);
            threads.push_back(std::this_thread::get_id());
        };
    }
    // Returns the reports of stage, in order.
    std::vector<Progress> of(ProgressStage stage) const {
        std::vector<Progress> out;
        for (const Progress& p : reports)
            if (p.stage == stage) out.push_back(p);
        return out;
    }
};

// Checks that stage was reported from 0 up to total, done never decreasing nor above the total, with the same
// total throughout (or, fixed = false, a total that never decreases).
void check_stage(const Recorder& r, ProgressStage stage, std::size_t total, bool fixed = true) {
    std::vector<Progress> reports = r.of(stage);
    REQUIRE_FALSE(reports.empty());
    CHECK(reports.front().done == 0);
    CHECK(reports.back().done == total);
    CHECK(reports.back().total == total);
    for (std::size_t k = 0; k < reports.size(); ++k) {
        CHECK(reports[k].done <= reports[k].total);
        if (fixed) CHECK(reports[k].total == total);
        if (k > 0) CHECK(reports[k].done >= reports[k - 1].done);
        if (k > 0) CHECK(reports[k].total >= reports[k - 1].total);
    }
}

// Checks that every report came on this thread.
void check_thread(const Recorder& r) {
    for (std::thread::id id : r.threads) CHECK(id == std::this_thread::get_id());
}

// Several threads, so that layout and page content run on workers (restored at the end of the test).
struct Threads {
    std::string old;
    bool had = false;
    explicit Threads(const char* n) {
        if (const char* v = std::getenv("DOCEXPORT_THREADS")) old = v, had = true;
        ::setenv("DOCEXPORT_THREADS", n, 1);
    }
    ~Threads() {
        if (had) ::setenv("DOCEXPORT_THREADS", old.c_str(), 1);
        else ::unsetenv("DOCEXPORT_THREADS");
    }
};

}  // namespace

TEST_CASE("progress: reading counts the inputs; write_pdf lays out the sections (writing their pages), then embeds the fonts") {
    Threads threads("4");
    DiagnosticSink sink;
    std::vector<std::string> inputs = zone_inputs();
    REQUIRE(inputs.size() == 8);
    Recorder read;
    ReadOptions read_options;
    read_options.progress = read.callback();
    Document doc = read_inputs(inputs, read_options, sink);
    check_stage(read, ProgressStage::reading, 8);
    CHECK(read.of(ProgressStage::reading).size() == 9);   // 0, then after each input
    check_thread(read);

    Recorder write;
    WriteOptions options;
    options.progress = write.callback();
    std::ostringstream with;
    write_pdf(doc, with, options, sink);
    check_stage(write, ProgressStage::layout, doc.sections.size());
    REQUIRE(write.of(ProgressStage::layout).size() >= 2);
    // The pages of the PDF: count /Type /Page objects (not /Pages).
    std::string pdf = with.str();
    std::size_t pages = 0;
    for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
        if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
    CHECK(pages > 8);
    // Pages are written as they are laid out; the writing stage counts the fonts embedded (each a Type0 font).
    std::size_t fonts = 0;
    for (std::size_t at = pdf.find("/Subtype /Type0"); at != std::string::npos; at = pdf.find("/Subtype /Type0", at + 1)) ++fonts;
    CHECK(fonts >= 2);
    check_stage(write, ProgressStage::writing, fonts);
    CHECK(write.of(ProgressStage::reading).empty());
    // Layout comes before writing.
    CHECK(write.reports.front().stage == ProgressStage::layout);
    CHECK(write.reports.back().stage == ProgressStage::writing);
    check_thread(write);

    WriteOptions silent;
    std::ostringstream without;
    write_pdf(doc, without, silent, sink);
    CHECK(without.str() == pdf);
}

TEST_CASE("progress: a manifest counts as the inputs it lists") {
    DiagnosticSink sink;
    std::string dir = std::string(DOCEXPORT_SOURCE_DIR) + "/input/";
    // The sample brief lists nine inputs (an article and the eight zones) and an overview; an article before it
    // and one after it.
    std::vector<std::string> inputs = {dir + "zones/beijing.md", dir + "brief.yaml", dir + "zones/tianjin-binhai.md"};
    Recorder read;
    ReadOptions options;
    options.progress = read.callback();
    Document doc = read_inputs(inputs, options, sink);
    check_stage(read, ProgressStage::reading, 11, false);
    std::vector<Progress> reports = read.of(ProgressStage::reading);
    CHECK(reports.front().total == 3);
    // Every input once: 0, the first article, the manifest's nine inputs one by one, the last article.
    std::vector<std::size_t> done;
    for (const Progress& p : reports)
        if (done.empty() || p.done != done.back()) done.push_back(p.done);
    CHECK(done == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    check_thread(read);

    Recorder alone;
    options.progress = alone.callback();
    read_inputs({dir + "brief.yaml"}, options, sink);
    check_stage(alone, ProgressStage::reading, 9, false);
}

TEST_CASE("progress: write_epub writes the chapters, dump_layout lays out") {
    Threads threads("4");
    DiagnosticSink sink;
    Document doc = read_inputs(zone_inputs(), {}, sink);
    Recorder epub;
    WriteOptions options;
    options.progress = epub.callback();
    std::ostringstream with;
    write_epub(doc, with, options, sink);
    check_stage(epub, ProgressStage::writing, 8);
    CHECK(epub.reports.size() == epub.of(ProgressStage::writing).size());
    check_thread(epub);
    std::ostringstream without;
    write_epub(doc, without, WriteOptions{}, sink);
    CHECK(without.str() == with.str());

    Recorder layout;
    options.progress = layout.callback();
    dump_layout(doc, options, sink);
    check_stage(layout, ProgressStage::layout, 8);
    CHECK(layout.reports.size() == layout.of(ProgressStage::layout).size());
    check_thread(layout);
}

TEST_CASE("progress: an empty document reports 0 of 0") {
    DiagnosticSink sink;
    Document doc;
    doc.meta.title = "空";
    Recorder r;
    WriteOptions options;
    options.progress = r.callback();
    std::ostringstream out;
    write_epub(doc, out, options, sink);
    REQUIRE(r.reports.size() == 1);
    CHECK(r.reports[0].stage == ProgressStage::writing);
    CHECK(r.reports[0].done == 0);
    CHECK(r.reports[0].total == 0);
}

TEST_CASE("progress: an exception thrown by the callback ends the call") {
    Threads threads("4");
    DiagnosticSink sink;
    Document doc = read_inputs(zone_inputs(), {}, sink);
    struct Stop {};
    WriteOptions options;
    options.progress = [](const Progress& p) {
        if (p.stage == ProgressStage::writing && p.done > 0) throw Stop{};
    };
    std::ostringstream out;
    CHECK_THROWS_AS(write_pdf(doc, out, options, sink), Stop);
    CHECK(out.str().empty());
}
