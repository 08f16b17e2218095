// The replication runner: fans replications 0..n-1 out over threads and hands
// their results to a sink in replication order. Which thread runs which
// replication never affects a result, because a replication depends only on
// its index (and the caller's inputs); handing them over in order makes
// whatever the sink computes (sums, files) identical for any thread count.
//
// Results wait in a window of `window` slots until every earlier one has
// arrived, so memory stays bounded however many replications a batch has: a
// thread that runs too far ahead of the slowest waits.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace wfsim::engine {

struct BatchControl {
    std::atomic<bool>* stop = nullptr;                       // set to abandon the batch
    std::function<void(std::size_t done, std::size_t n)> progress;  // called from worker threads, serialised
};

// Calls sink(i, result) for i = 0, 1, ..., n-1 in that order, one call at a
// time. Returns false if stopped before every replication reached the sink.
// An exception from `replicate` or `sink` stops the batch and is rethrown.
template <class Result, class Fn, class Sink>
bool run_batch_in_order(std::size_t n, unsigned threads, Fn&& replicate, Sink&& sink,
                        const BatchControl& control = {}) {
    if (threads == 0) threads = 1;
    const std::size_t window = 8 * static_cast<std::size_t>(threads);
    std::vector<std::optional<Result>> slots(window);
    std::atomic<std::size_t> next{0};
    std::size_t consumed = 0;  // results handed to the sink (guarded by mutex)
    bool draining = false, failed = false;
    std::exception_ptr error;
    std::mutex mutex;
    std::condition_variable slot_freed;
    auto stopped = [&] { return failed || (control.stop && control.stop->load()); };
    auto fail = [&](std::exception_ptr e) {  // with the mutex held
        if (!error) error = e;
        failed = true;
        if (control.stop) control.stop->store(true);
        slot_freed.notify_all();
    };
    auto worker = [&] {
        while (true) {
            if (control.stop && control.stop->load()) return;
            const std::size_t i = next.fetch_add(1);
            if (i >= n) return;
            {
                // Wait for a free slot. The stop flag may be set by a signal
                // handler, which cannot notify, hence the timed wait.
                std::unique_lock<std::mutex> lock(mutex);
                while (i >= consumed + window && !stopped())
                    slot_freed.wait_for(lock, std::chrono::milliseconds(50));
                if (stopped()) return;
            }
            std::optional<Result> result;
            try {
                result.emplace(replicate(i));
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                fail(std::current_exception());
                return;
            }
            std::unique_lock<std::mutex> lock(mutex);
            slots[i % window] = std::move(result);
            if (draining) continue;  // the thread draining will hand it over
            draining = true;
            while (!failed && slots[consumed % window]) {
                Result r = std::move(*slots[consumed % window]);
                slots[consumed % window].reset();
                const std::size_t index = consumed;
                lock.unlock();
                try {
                    sink(index, std::move(r));
                    if (control.progress) control.progress(index + 1, n);
                } catch (...) {
                    lock.lock();
                    fail(std::current_exception());
                    break;
                }
                lock.lock();
                ++consumed;
                slot_freed.notify_all();
            }
            draining = false;
            if (failed) return;
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < n; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
    return consumed == n;
}

// Runs the batch and returns every result, in replication order, in `out`.
template <class Result, class Fn>
bool run_batch(std::size_t n, unsigned threads, Fn&& replicate, std::vector<Result>& out,
               const BatchControl& control = {}) {
    out.clear();
    out.reserve(n);
    return run_batch_in_order<Result>(
        n, threads, std::forward<Fn>(replicate), [&](std::size_t, Result&& r) { out.push_back(std::move(r)); },
        control);
}

}  // namespace wfsim::engine
