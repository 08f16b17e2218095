#include "batch_runner.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "engine/sim/batch.h"
#include "models/simulation.h"
#include "shard.h"

namespace wfsim::cli {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop.store(true); }

// A one-line progress bar on a terminal; nothing when stderr is piped or in CI.
class Progress {
public:
    Progress(bool quiet, std::string label)
        : enabled_(!quiet && ::isatty(2) && !std::getenv("CI")), label_(std::move(label)), start_(clock::now()) {}
    void update(std::size_t done, std::size_t n) {
        if (!enabled_) return;
        const double secs = std::chrono::duration<double>(clock::now() - start_).count();
        if (done < n && secs - last_ < 0.2) return;
        last_ = secs;
        const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
        const double left = rate > 0 ? static_cast<double>(n - done) / rate : 0;
        const int width = 30, filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(n));
        std::fprintf(stderr, "\r%s[%s%s] %zu/%zu replications, %.0f/s, %.0fs left ", label_.c_str(),
                     std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), done, n, rate, left);
        if (done == n) std::fprintf(stderr, "\n");
    }

private:
    using clock = std::chrono::steady_clock;
    bool enabled_;
    std::string label_;
    clock::time_point start_;
    double last_ = -1;
};

}  // namespace

InterruptGuard::InterruptGuard() {
    g_stop.store(false);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
}

InterruptGuard::~InterruptGuard() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

Range block_of(Range whole, std::size_t part, std::size_t parts) {
    const std::size_t n = whole.size(), base = n / parts, extra = n % parts;
    const std::size_t begin = whole.begin + part * base + std::min(part, extra);
    return {begin, begin + base + (part < extra ? 1 : 0)};
}

namespace {
Distributor* g_distributor = nullptr;
}

void set_distributor(Distributor* d) { g_distributor = d; }
Distributor* distributor() { return g_distributor; }
int process_count() { return g_distributor ? g_distributor->size() : 1; }
bool writes_outputs() { return !g_distributor || g_distributor->rank() == 0; }

unsigned resolve_threads(long long requested) {
    if (requested > 0) return static_cast<unsigned>(requested);
    if (g_distributor) return g_distributor->default_threads();  // the cores mpirun gave this rank
    return std::max(1u, std::thread::hardware_concurrency());
}

bool run_replications(const params::Tree& scenario, const std::string& scenario_dir, const BatchRequest& request,
                      const ResultSink& sink) {
    const Range whole = request.slice ? *request.slice : Range{0, request.reps};
    const bool distributed = g_distributor && g_distributor->size() > 1;
    const Range mine = distributed ? block_of(whole, static_cast<std::size_t>(g_distributor->rank()),
                                              static_cast<std::size_t>(g_distributor->size()))
                                   : whole;
    Progress progress(request.quiet || !writes_outputs(), request.label.empty() ? "" : request.label + " ");
    engine::BatchControl control;
    control.stop = &g_stop;
    control.progress = [&](std::size_t done, std::size_t n) { progress.update(done, n); };
    // Rank 0 (or a single process) hands its results on as they come; the
    // other ranks of an MPI job keep theirs as compact records to send.
    EncodedBlock encoded;
    std::string record;
    const bool keeps_records = distributed && !writes_outputs();
    bool completed = engine::run_batch_in_order<model::ReplicationResult>(
        mine.size(), resolve_threads(request.threads),
        [&, prepared = model::PreparedScenario(scenario, scenario_dir, request.months)](std::size_t i) {
            model::RunOptions o;
            o.seed = request.seed;
            o.replication = mine.begin + i;
            o.months = request.months;
            o.breakdown = request.breakdown;
            return model::Simulation(prepared, o).run();  // settings read once per batch (models/prepared.h)
        },
        [&](std::size_t, model::ReplicationResult&& r) {
            if (!keeps_records) return sink(r);
            if (encoded.count == 0) {  // every replication has the first one's layout
                const RecordLayout layout = layout_of(r);
                encoded.metrics = layout.metrics;
                encoded.months = layout.months;
                encoded.financial_years = layout.financial_years;
            }
            record.clear();
            encode_record(r, RecordLayout{encoded.metrics, encoded.months, encoded.financial_years}, record);
            encoded.records.append(record.data(), record.size());
            ++encoded.count;
        },
        control);
    if (!distributed) return completed;
    // Every rank learns whether all completed, so that all stop together.
    if (!g_distributor->all_completed(completed)) return false;
    g_distributor->gather(whole, encoded, sink);
    return true;
}

bool run_replications(const params::Tree& scenario, const std::string& scenario_dir, const BatchRequest& request,
                      model::BatchResults& out) {
    return run_replications(scenario, scenario_dir, request, [&](const model::ReplicationResult& r) { out.add(r); });
}

}  // namespace wfsim::cli
