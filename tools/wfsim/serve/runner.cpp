#include "runner.h"

#include <chrono>
#include <iostream>

#include "engine/params/loader.h"
#include "engine/sim/batch.h"
#include "models/costs/prices.h"
#include "models/output/answer.h"
#include "models/prepared.h"
#include "models/simulation.h"
#include "tools/wfsim/batch_runner.h"

namespace wfsim::serve {

namespace {

// Runs replications [begin, end) of a prepared scenario, in order, into `sink`;
// false when `cancel` was set (checked at each replication).
// With a deadline, a replication that ends after it sets `cancel` too (and
// `late`, when given), so that a run never takes much longer than its bound.
template <class Sink>
bool run_range(const model::PreparedScenario& prepared, std::uint64_t seed, std::size_t begin, std::size_t end,
               unsigned threads, std::atomic<bool>& cancel, Sink&& sink,
               std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt,
               std::atomic<bool>* late = nullptr) {
    engine::BatchControl control;
    control.stop = &cancel;
    return engine::run_batch_in_order<model::ReplicationResult>(
        end - begin, threads,
        [&](std::size_t i) {
            model::RunOptions o;
            o.seed = seed;  // the same seed for base and variant: common random numbers
            o.replication = begin + i;
            o.months = 0;
            o.breakdown = model::Breakdown::none();
            return model::Simulation(prepared, o).run();
        },
        [&](std::size_t, model::ReplicationResult&& r) {
            sink(std::move(r));
            if (deadline && std::chrono::steady_clock::now() > *deadline) {
                if (late) *late = true;
                cancel = true;
            }
        },
        control);
}

}  // namespace

Runner::Runner(const Scenarios& scenarios, RunnerOptions options) : scenarios_(scenarios), options_(options) {
    if (options_.threads == 0) options_.threads = cli::resolve_threads(0);
    worker_ = std::thread([this] { work(); });
}

Runner::~Runner() { stop(); }

void Runner::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        warm_stop_ = true;
        if (current_) current_->cancel = true;
        if (pending_) pending_->state = "stopped";
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

std::string Runner::submit(const Variant& v) {
    auto job = std::make_shared<Job>();
    job->variant = v;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        job->id = std::to_string(next_id_++);
        if (pending_) pending_->state = "superseded";
        if (current_) current_->cancel = true;  // stops at its next replication
        pending_ = job;
        jobs_.push_back(job);
        while (jobs_.size() > 32) jobs_.pop_front();
    }
    wake_.notify_all();
    return job->id;
}

std::optional<json> Runner::status(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& j : jobs_) {
        if (j->id != id) continue;
        json out;
        out["id"] = j->id;
        out["state"] = j->state;
        out["replications_done"] = j->done;
        out["replications"] = options_.reps;
        out["seed"] = options_.seed;
        out["changes"] = j->variant.changes;
        out["warnings"] = j->variant.warnings;
        if (!j->message.empty()) out["message"] = j->message;
        // A superseded run is never shown.
        out["figures"] = j->state == "superseded" ? json() : j->figures;
        return out;
    }
    return std::nullopt;
}

std::shared_ptr<const Runner::CompareFiles> Runner::compare_files(const std::string& id, std::string& state) const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& j : jobs_)
        if (j->id == id) {
            state = j->state;
            return j->state == "done" ? j->files : nullptr;
        }
    state = "unknown";
    return nullptr;
}

void Runner::work() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || pending_ || (base_cached_ && base_reps_.size() < options_.reps); });
            if (stopping_) return;
            if (!pending_) {
                // While no one asks: the base's replications, a block at a
                // time, so that the first change runs only its own.
                lock.unlock();
                ensure_base(std::min(options_.reps, base_reps_.size() + 25), warm_stop_);
                continue;
            }
            job = pending_;
            pending_.reset();
            current_ = job;
            job->state = "running";
        }
        try {
            run_job(*job);
        } catch (const std::exception& e) {
            std::lock_guard<std::mutex> lock(mutex_);
            job->state = "failed";
            job->message = params::readable(e.what());
        }
        std::lock_guard<std::mutex> lock(mutex_);
        current_.reset();
    }
}

namespace {
std::size_t bytes_of(const model::ReplicationResult& r) {
    std::size_t n = sizeof r + r.financial_years.size() * sizeof(r.financial_years[0]);
    for (const auto& s : r.monthly) n += sizeof s + s.size() * sizeof(double);
    return n;
}
}  // namespace

bool Runner::ensure_base(std::size_t upto, std::atomic<bool>& cancel,
                         std::optional<std::chrono::steady_clock::time_point> deadline, std::atomic<bool>* late) {
    if (base_reps_.size() >= upto) return true;
    // The base's replications are kept only within options_.base_memory; beyond it,
    // each run runs the base beside the variant (run_job).
    if (!base_reps_.empty() && bytes_of(base_reps_.front()) * options_.reps > options_.base_memory) {
        base_cached_ = false;
        return true;
    }
    const LoadedScenario& base = scenarios_.base();
    const model::PreparedScenario prepared(base.tree, params::directory_of(base.file), 0);
    return run_range(prepared, options_.seed, base_reps_.size(), upto, options_.threads, cancel,
                     [&](model::ReplicationResult&& r) { base_reps_.push_back(std::move(r)); }, deadline, late);
}

void Runner::run_job(Job& job) {
    const auto t0 = std::chrono::steady_clock::now();
    const LoadedScenario& base = scenarios_.base();
    const LoadedScenario& from = scenarios_.all()[job.variant.from];
    const model::Calendar cal = model::calendar_for(base.tree, 0);
    std::vector<std::string> warnings;
    std::vector<model::ScenarioRun> runs;
    runs.push_back({base.name, base.file, model::BatchResults(cal, model::read_targets(base.tree, cal, warnings))});
    // The variant's name in the answer and the report: an alternative's own when it is unchanged.
    std::string name = "what-if", file = "(the page)";
    if (job.variant.from > 0 && job.variant.changes.empty()) {
        name = from.name;
        file = from.file;
    } else if (job.variant.from > 0) {
        name = "what-if (" + from.name + ", changed)";
    }
    runs.push_back({name, file, model::BatchResults(cal, model::read_targets(job.variant.tree, cal, warnings))});
    // Each scenario's budget by financial year, as compare gives it.
    runs[0].budgets = model::budgets(base.tree, cal);
    runs[1].budgets = model::budgets(job.variant.tree, cal);
    const std::vector<const params::Tree*> trees = {&base.tree, &job.variant.tree};
    const model::PreparedScenario prepared(job.variant.tree, params::directory_of(from.file), 0);
    const std::size_t reps = options_.reps;
    std::size_t block = options_.first_block ? options_.first_block : 25;
    std::size_t done = 0;
    const auto deadline = t0 + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                   std::chrono::duration<double>(options_.max_seconds));
    std::atomic<bool> late{false};
    while (done < reps) {
        const std::size_t end = std::min(reps, done + block);
        if (!ensure_base(end, job.cancel, deadline, &late)) break;
        if (base_cached_) {
            for (std::size_t i = done; i < end; ++i) runs[0].results.add(base_reps_[i]);
        } else {
            const model::PreparedScenario pb(base.tree, params::directory_of(base.file), 0);
            if (!run_range(pb, options_.seed, done, end, options_.threads, job.cancel,
                           [&](model::ReplicationResult&& r) { runs[0].results.add(r); }, deadline, &late))
                break;
        }
        const bool complete = run_range(prepared, options_.seed, done, end, options_.threads, job.cancel,
                                        [&](model::ReplicationResult&& r) { runs[1].results.add(r); }, deadline, &late);
        if (!complete) break;
        done = end;
        json figures = comparison_figures(runs, trees, options_.seed);
        // The finished run's files as compare writes them, for its report.
        std::shared_ptr<const CompareFiles> files;
        if (done == reps)
            files = std::make_shared<const CompareFiles>(cli::compare_files(
                cal, options_.seed, runs, {params::emit_yaml(base.tree), params::emit_yaml(job.variant.tree)}));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (job.cancel && !late) break;
            job.done = done;
            job.figures = std::move(figures);
            job.figures["seconds"] = seconds;
            if (done == reps) {
                job.state = "done";
                job.files = std::move(files);
                // The server's log gives the answer in words, as compare does
                // on the terminal (rounded; the page and API have the figures).
                std::cout << "wfsim serve: run " << job.id << " done, " << done << " paired replications in "
                          << model::rounded(seconds, 2) << " s:\n"
                          << job.figures.value("words", std::string()) << std::flush;
            }
            if (late) break;
        }
        block = std::min(reps, block * 2);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (job.state != "running") return;
    if (late && !stopping_ && pending_ == nullptr) {
        // The wall-time bound: the answer so far stands, from the replications done.
        job.state = "stopped";
        job.message = "stopped after " + std::to_string(job.done) + " replications: a run may take at most " +
                      std::to_string(static_cast<int>(options_.max_seconds)) + " seconds (--max-seconds)";
        return;
    }
    job.state = stopping_ ? "stopped" : "superseded";
}

}  // namespace wfsim::serve
