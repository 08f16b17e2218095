// wfsim serve: paired replications of a variant against the base on common
// random numbers, run progressively on one worker thread: a first answer
// from the first block of replications, refined block by block to --reps.
// A newer run supersedes the one in progress, which stops at its next
// replication and is never shown. The base's replications are computed once
// and kept, so that each variant runs only its own.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "models/metrics/result.h"
#include "models/output/comparison.h"
#include "scenarios.h"

namespace wfsim::serve {

struct RunnerOptions {
    std::size_t reps = 500;
    std::uint64_t seed = 1;
    unsigned threads = 0;       // 0: all cores
    double max_seconds = 120;   // the wall time of one run
    std::size_t first_block = 0;  // 0: about a twentieth of reps, at least 10
    std::size_t base_memory = std::size_t{512} << 20;  // bytes for keeping the base's replications
};

// The figures of a comparison as the API gives them: compare's summary.json
// (the same function writes both), the answer in words, and fan charts.
json comparison_figures(const std::vector<model::ScenarioRun>& runs, const std::vector<const params::Tree*>& trees,
                        std::uint64_t seed);

class Runner {
public:
    Runner(const Scenarios& scenarios, RunnerOptions options);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Queues a run of a valid variant, superseding any other; returns its id.
    std::string submit(const Variant& v);
    // The latest state of run `id`; nullopt when unknown.
    std::optional<json> status(const std::string& id) const;
    // The files `wfsim compare` writes (comparison.csv, summary.json,
    // scenario.N.resolved.yaml) for run `id`, once it is done; null before,
    // or when the run is unknown, superseded, stopped or failed (`state`
    // then says which: "unknown" or the run's state).
    using CompareFiles = std::map<std::string, std::string>;
    std::shared_ptr<const CompareFiles> compare_files(const std::string& id, std::string& state) const;
    // Stops the run in progress and the worker.
    void stop();
    const RunnerOptions& options() const { return options_; }

private:
    struct Job {
        std::string id;
        Variant variant;
        std::atomic<bool> cancel{false};
        std::string state = "queued";  // queued, running, done, superseded, stopped, failed
        std::size_t done = 0;
        json figures;   // null until the first block
        std::string message;
        std::shared_ptr<const CompareFiles> files;  // when done: for the report
    };
    void work();
    void run_job(Job& job);
    bool ensure_base(std::size_t upto, std::atomic<bool>& cancel,
                     std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt,
                     std::atomic<bool>* late = nullptr);

    const Scenarios& scenarios_;
    RunnerOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::shared_ptr<Job> pending_, current_;
    std::deque<std::shared_ptr<Job>> jobs_;  // the latest few, for status
    std::uint64_t next_id_ = 1;
    bool stopping_ = false;
    std::atomic<bool> warm_stop_{false};  // stops the base's warm-up (on stop)
    std::vector<model::ReplicationResult> base_reps_;  // worker thread only
    bool base_cached_ = true;  // false once the base's replications would not fit options_.base_memory
    std::thread worker_;
};

}  // namespace wfsim::serve
