// Progress of one stage counted on any thread and reported on the thread that runs the stage, as the public
// ProgressCallback promises (docexport/progress.hpp).
#pragma once

#include <docexport/progress.hpp>

#include <atomic>
#include <cstddef>
#include <thread>

namespace docexport::support {

// Counts the units of a stage done by any thread; only the thread that made it calls the callback: with the
// count so far each time it adds (workers' units included), so its reports never decrease. Reports 0 of total
// when made; finish() reports total of total. An empty callback makes every call cheap and silent.
class StageProgress {
public:
    StageProgress(const ProgressCallback& callback, ProgressStage stage, std::size_t total)
        : callback_(callback), stage_(stage), total_(total), owner_(std::this_thread::get_id()) {
        report(0);
    }

    // Adds n done units (n may be 0: then it only reports); reports the count when called by the owner.
    void add(std::size_t n = 1) {
        std::size_t done = done_.fetch_add(n, std::memory_order_relaxed) + n;
        if (callback_ && std::this_thread::get_id() == owner_) report(done);
    }

    // Reports the stage as complete (call it on the owner's thread once the work is done).
    void finish() { report(total_); }

private:
    void report(std::size_t done) {
        if (!callback_ || done > total_ || (reported_ && done <= last_)) return;
        reported_ = true;
        last_ = done;
        callback_(Progress{stage_, done, total_});
    }

    const ProgressCallback& callback_;
    ProgressStage stage_;
    std::size_t total_;
    std::thread::id owner_;
    std::atomic<std::size_t> done_{0};
    bool reported_ = false;   // owner only
    std::size_t last_ = 0;    // the last count reported (owner only)
};

}  // namespace docexport::support
