// The replication runner: fans replications 0..n-1 out over threads and
// returns their results in replication order. Which thread runs which
// replication never affects a result, because a replication depends only on
// its index (and the caller's inputs).
#pragma once
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace wfsim::engine {

struct BatchControl {
    std::atomic<bool>* stop = nullptr;                       // set to abandon the batch
    std::function<void(std::size_t done, std::size_t n)> progress;  // called from worker threads, serialised
};

// Returns false if stopped before every replication ran.
template <class Result, class Fn>
bool run_batch(std::size_t n, unsigned threads, Fn&& replicate, std::vector<Result>& out,
               const BatchControl& control = {}) {
    out.assign(n, Result{});
    std::atomic<std::size_t> next{0}, done{0};
    std::exception_ptr error;
    std::mutex mutex;
    auto worker = [&] {
        while (true) {
            if (control.stop && control.stop->load()) return;
            const std::size_t i = next.fetch_add(1);
            if (i >= n) return;
            try {
                out[i] = replicate(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!error) error = std::current_exception();
                if (control.stop) control.stop->store(true);
                next.store(n);
                return;
            }
            const std::size_t d = done.fetch_add(1) + 1;
            if (control.progress) {
                std::lock_guard<std::mutex> lock(mutex);
                control.progress(d, n);
            }
        }
    };
    if (threads == 0) threads = 1;
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < n; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
    return done.load() == n;
}

}  // namespace wfsim::engine
