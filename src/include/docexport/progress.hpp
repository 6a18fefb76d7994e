// Progress of a long export, for a display: which stage runs and how much of it is done.
#pragma once

#include <cstddef>
#include <functional>

namespace docexport {

// The stages of an export, in the order they run.
enum class ProgressStage {
    reading,   // inputs read (read_inputs: the inputs it was given, a manifest's listed inputs and feeds)
    layout,    // sections laid out into lines (write_pdf, dump_layout); write_pdf writes each page as it is made
    writing,   // PDF: fonts embedded (subset), the last step; EPUB: chapters (one per section) written
};

// How far a stage has come: done of total units. For one stage of one call, done never decreases and the last
// report has done == total (0 of 0 when there is nothing to do). total does not change, except while reading:
// a manifest counts as the inputs and feeds it lists, which replace it in the total when it is opened.
struct Progress {
    ProgressStage stage = ProgressStage::reading;
    std::size_t done = 0;
    std::size_t total = 0;
};

// Receives progress reports. The library calls it on the thread that called the reading or writing function,
// never on one of its worker threads, and often (up to once per input, section, page or chapter): it should be
// cheap and throttle any redrawing itself. It never changes the output. An exception it throws ends the call
// it came from, as an error of the library would. Empty = no reports.
using ProgressCallback = std::function<void(const Progress&)>;

}  // namespace docexport
