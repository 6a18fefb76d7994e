// Runs independent pieces of work on several threads; results stay in input order, so that output never
// depends on how many threads ran (deterministic output).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace docexport {

// Returns how many worker threads to use for count pieces of work: the DOCEXPORT_THREADS environment
// variable if set (1 = no extra thread, at most 64), else the number of cores, at most 8, never more than count.
// Throws Error(usage) when the variable is set to anything but digits (a sign, a fraction, a word).
std::size_t worker_count(std::size_t count);

// Calls work(worker, i) for every i in [0, count) on up to `workers` threads (worker in [0, workers)); each
// worker takes the next index in turn. The first exception thrown by work is rethrown here after every
// thread has stopped; the remaining indexes are then skipped.
template <typename Work>
void parallel_for(std::size_t count, std::size_t workers, Work&& work) {
    workers = std::max<std::size_t>(1, std::min(workers, count));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex error_mutex;
    auto run = [&](std::size_t worker) {
        for (;;) {
            if (failed.load(std::memory_order_relaxed)) return;
            std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= count) return;
            try {
                work(worker, i);
            } catch (...) {
                std::lock_guard lock(error_mutex);
                if (!error) error = std::current_exception();
                failed = true;
                return;
            }
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(workers - 1);
    for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(run, w);
    run(0);
    for (auto& t : threads) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace docexport
