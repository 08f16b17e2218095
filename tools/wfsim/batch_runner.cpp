#include "batch_runner.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "engine/sim/batch.h"
#include "models/simulation.h"

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

unsigned resolve_threads(long long requested) {
    return requested > 0 ? static_cast<unsigned>(requested) : std::max(1u, std::thread::hardware_concurrency());
}

bool run_replications(const params::Tree& scenario, const std::string& scenario_dir, const BatchRequest& request,
                      std::vector<model::ReplicationResult>& out) {
    Progress progress(request.quiet, request.label.empty() ? "" : request.label + " ");
    engine::BatchControl control;
    control.stop = &g_stop;
    control.progress = [&](std::size_t done, std::size_t n) { progress.update(done, n); };
    return engine::run_batch(
        request.reps, resolve_threads(request.threads),
        [&](std::size_t i) {
            model::RunOptions o;
            o.seed = request.seed;
            o.replication = i;
            o.months = request.months;
            return model::Simulation(scenario, scenario_dir, o).run();
        },
        out, control);
}

}  // namespace wfsim::cli
