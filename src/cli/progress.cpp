#include "progress.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <unistd.h>

namespace docexport::cli {

namespace {

constexpr std::chrono::milliseconds redraw_interval{100};

// Writes s to standard error at once, as one write (standard error is unbuffered).
void put(const std::string& s) {
    std::fwrite(s.data(), 1, s.size(), stderr);
    std::fflush(stderr);
}

}  // namespace

ProgressLine::ProgressLine(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {
    if (!enabled_) return;
    try {
        thread_ = std::thread([this] { draw_loop(); });
    } catch (const std::system_error&) {
        enabled_ = false;   // no thread, no progress: the run itself does not need it
    }
}

ProgressLine::~ProgressLine() {
    if (thread_.joinable()) {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }
    clear();
}

ProgressCallback ProgressLine::callback(const char* format) {
    if (!enabled_) return {};
    return [this, format](const Progress& p) { show(p, format); };
}

void ProgressLine::show(const Progress& p, const char* format) {
    {
        std::lock_guard lock(mutex_);
        // A new stage is drawn at once when the line is already shown (a short last stage would go unseen).
        bool new_stage = p.stage != latest_.stage || std::strcmp(format_, format) != 0;
        latest_ = p;
        format_ = format;
        pending_ = true;
        if (!new_stage || !drawn_) return;
        urgent_ = true;
    }
    wake_.notify_one();
}

void ProgressLine::clear() {
    std::lock_guard lock(mutex_);
    pending_ = false;
    if (!drawn_) return;
    put("\r\033[K");
    drawn_ = false;
}

void ProgressLine::draw_loop() {
    std::unique_lock lock(mutex_);
    // Nothing in the first interval: a short run shows no line.
    if (wake_.wait_until(lock, start_ + redraw_interval, [this] { return stop_; })) return;
    for (;;) {
        if (pending_) {
            put("\r\033[K" + text(latest_, format_));
            drawn_ = true;
            pending_ = false;
        }
        urgent_ = false;
        wake_.wait_for(lock, redraw_interval, [this] { return stop_ || urgent_; });
        if (stop_) return;
    }
}

std::string ProgressLine::text(const Progress& p, const char* format) {
    std::string counts = std::to_string(p.done) + "/" + std::to_string(p.total);
    switch (p.stage) {
    case ProgressStage::reading: return "reading " + counts + " inputs";
    case ProgressStage::layout: return "laying out " + counts + " sections";
    case ProgressStage::writing:
        if (std::strcmp(format, "PDF") == 0) return "writing PDF " + counts + " fonts";
        if (std::strcmp(format, "EPUB") == 0) return "writing EPUB " + counts + " chapters";
        return "writing " + counts;
    }
    return counts;
}

bool ProgressLine::wanted(bool quiet) {
    if (quiet || ::isatty(STDERR_FILENO) != 1) return false;
    const char* term = std::getenv("TERM");
    return !(term && std::strcmp(term, "dumb") == 0);
}

}  // namespace docexport::cli
