// The progress line the command shows on a terminal's standard error during a long run.
#pragma once

#include <docexport/progress.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace docexport::cli {

// One line on standard error, redrawn in place ("\r", then erase to the end of the line) with the library's
// latest progress report: "reading 12/100 inputs", "laying out 340/1000 sections", "writing PDF 2/3 fonts".
// A reporting call only stores the report; a thread of the line draws it, at most every 100 ms and not in the
// first 100 ms (a short run shows no line at all), so that the last report of a stage is shown even when the
// library then works a while without reporting. The line is erased by clear(), which the command calls before it
// prints anything else, and when the object is destroyed, also while an exception unwinds: an error message
// starts on a clean line. Reports and clear() come from one thread (the library reports on the calling thread).
class ProgressLine {
public:
    // enabled = false: a line that never draws and starts no thread (-q, standard error not a terminal).
    explicit ProgressLine(bool enabled);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // Returns a callback for ReadOptions / WriteOptions that shows the reports (empty when disabled); format
    // names the output in the writing stage ("PDF", "EPUB", or "" for none; a string literal). The callback
    // refers to this object, which must outlive its use.
    ProgressCallback callback(const char* format);
    // Erases the line if it is drawn; it stays away until the next report.
    void clear();

    // Returns the text of the line for p ("writing EPUB 3/10 chapters").
    static std::string text(const Progress& p, const char* format);

    // Whether the command shows progress: not with -q, only when standard error is a terminal that can erase
    // a line (TERM is not "dumb").
    static bool wanted(bool quiet);

private:
    void show(const Progress& p, const char* format);
    void draw_loop();

    bool enabled_;
    std::mutex mutex_;                  // guards what follows and the writes to standard error
    std::condition_variable wake_;
    bool stop_ = false;
    bool pending_ = false;              // latest_ is not drawn yet
    bool drawn_ = false;                // the line is on the terminal
    bool urgent_ = false;               // a new stage began while the line is shown: draw it now
    Progress latest_;
    const char* format_ = "";
    std::chrono::steady_clock::time_point start_;
    std::thread thread_;
};

}  // namespace docexport::cli
