#include "batch_runner.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "engine/sim/batch.h"
#include "models/simulation.h"
#include "shard.h"

namespace wfsim::cli {

namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};  // the signal that stopped the batch, for the exit code
extern "C" void on_signal(int sig) {
    g_signal.store(sig);
    g_stop.store(true);
}

// A one-line progress bar on a terminal, fitted to its width and redrawn in
// place; nothing when stderr is piped, in CI, or on a terminal that cannot
// move the cursor back (TERM=dumb). A bar cut short (Ctrl-C) ends its line,
// so the message after it starts on a line of its own.
class Progress {
public:
    Progress(bool quiet, std::string label)
        : enabled_(!quiet && ::isatty(2) && !std::getenv("CI") && !dumb_terminal()), label_(std::move(label)),
          start_(clock::now()) {}
    ~Progress() {
        if (drawn_ && !ended_) std::fprintf(stderr, "\n");
    }
    void update(std::size_t done, std::size_t n) {
        if (!enabled_) return;
        const double secs = std::chrono::duration<double>(clock::now() - start_).count();
        if (done < n && secs - last_ < 0.2) return;
        last_ = secs;
        const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
        const double left = rate > 0 ? static_cast<double>(n - done) / rate : 0;
        char tail[160];
        std::snprintf(tail, sizeof tail, " %zu/%zu replications, %.0f/s, %.0fs left", done, n, rate, left);
        // One column short of the width: writing the last column wraps some terminals.
        const std::size_t columns = terminal_columns() - 1;
        std::string line = label_;
        const std::size_t room = columns > line.size() + std::strlen(tail) + 2 ? columns - line.size() - std::strlen(tail) - 2 : 0;
        if (room >= 10) {
            const std::size_t width = std::min<std::size_t>(room, 30);
            const auto filled = static_cast<std::size_t>(static_cast<double>(width) * static_cast<double>(done) / static_cast<double>(n));
            line += "[" + std::string(filled, '#') + std::string(width - filled, ' ') + "]";
        }
        line += tail;
        if (line.size() > columns) line.resize(columns);
        line.resize(std::max(line.size(), drawn_width_), ' ');  // clear what a longer line left
        drawn_width_ = std::min(line.size(), columns);
        std::fprintf(stderr, "\r%s", line.c_str());
        drawn_ = true;
        if (done == n) {
            std::fprintf(stderr, "\n");
            ended_ = true;
        }
    }

private:
    using clock = std::chrono::steady_clock;
    static bool dumb_terminal() {
        const char* term = std::getenv("TERM");
        return term && std::string(term) == "dumb";
    }
    static std::size_t terminal_columns() {
        winsize ws{};
        if (::ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
        if (const char* c = std::getenv("COLUMNS"); c && std::atoi(c) > 0) return static_cast<std::size_t>(std::atoi(c));
        return 80;
    }
    bool enabled_;
    std::string label_;
    clock::time_point start_;
    double last_ = -1;
    bool drawn_ = false, ended_ = false;
    std::size_t drawn_width_ = 0;
};

}  // namespace

int interrupted_exit_code() {
    const int sig = g_signal.load();
    return sig > 0 ? 128 + sig : 1;  // kRunFailure (cli.h)
}

InterruptGuard::InterruptGuard() {
    g_stop.store(false);
    g_signal.store(0);
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
