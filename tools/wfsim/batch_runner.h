// Running batches of replications from the command line: threads, the
// progress bar, Ctrl-C (which abandons the batch so nothing is written), and
// spreading a batch over the processes of an MPI job (mpi_batch.h) or over
// independent shards (shard.h).
#pragma once
#include <nlohmann/json_fwd.hpp>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/io/spool.h"
#include "engine/params/tree.h"
#include "models/calendar.h"
#include "models/metrics/breakdown.h"
#include "models/metrics/result.h"
#include "models/output/batch_results.h"
#include "models/output/comparison.h"
#include "models/targets/targets.h"

namespace wfsim::cli {

// Replications begin..end-1.
struct Range {
    std::size_t begin = 0, end = 0;
    std::size_t size() const { return end - begin; }
};
// Part `part` (0-based) of `parts` contiguous blocks of `whole`, as equal as
// can be: the first (size % parts) blocks hold one more.
Range block_of(Range whole, std::size_t part, std::size_t parts);

struct BatchRequest {
    std::uint64_t seed = 1;
    std::size_t reps = 1;  // the batch is replications 0..reps-1
    unsigned threads = 0;  // 0: all cores (in an MPI job: this rank's share of them)
    int months = 0;
    bool quiet = false;
    std::string label;     // shown on the progress bar
    std::optional<Range> slice;  // run only these (a shard); unset: all of them
    model::Breakdown breakdown = model::Breakdown::none();  // series by grade and team (only `run` reports them)
};

// Receives the results of a batch one by one, in replication order.
using ResultSink = std::function<void(const model::ReplicationResult&)>;

// Runs the request's replications (the slice, or 0..reps-1) and hands their
// results to `sink` in index order, as they complete (so that a batch needs
// no memory per replication). In an MPI job each rank runs its block of them
// and only rank 0's sink receives results, its own and then the other ranks'.
// Returns false if interrupted (on any rank).
bool run_replications(const params::Tree& scenario, const std::string& scenario_dir, const BatchRequest& request,
                      const ResultSink& sink);
// The same, adding the results to `out`.
bool run_replications(const params::Tree& scenario, const std::string& scenario_dir, const BatchRequest& request,
                      model::BatchResults& out);

// Installs the SIGINT/SIGTERM handler for the lifetime of the object.
// The exit code of a batch stopped by a signal: 128 + its number, as shells
// report it (130 after Ctrl-C, 143 after SIGTERM); 1 if no signal stopped it.
int interrupted_exit_code();

class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
};

unsigned resolve_threads(long long requested);

// Results as records (the format of shard files, shard.h), held until they
// are sent: in memory up to 16 MiB, beyond that in a temporary file.
struct EncodedBlock {
    io::Spool records{"replication results to send to MPI rank 0"};
    std::size_t count = 0;
    std::uint64_t metrics = 0, months = 0, financial_years = 0;  // the record layout
};

// ---- Distributed jobs. A Distributor spreads each batch over the processes
// of a job; mpi_batch.cpp implements one over MPI and main.cpp installs it
// when wfsim is built with MPI and started by mpirun. Without one, wfsim is a
// single process.
class Distributor {
public:
    virtual ~Distributor() = default;
    virtual int rank() const = 0;
    virtual int size() const = 0;
    // Threads for `--threads 0`: this process's share of the cores.
    virtual unsigned default_threads() const = 0;
    // Every rank passes whether its part completed; true when all did.
    virtual bool all_completed(bool completed) = 0;
    // Rank r > 0 passes the records (shard.h) of block r of `whole`
    // (block_of(whole, r, size())); rank 0, which has handed its own block
    // to `sink` already, receives the other blocks in index order and hands
    // their results to `sink`.
    virtual void gather(Range whole, EncodedBlock& mine, const ResultSink& sink) = 0;
    // On rank 0: bytes of results received from the other ranks so far.
    virtual std::uint64_t bytes_gathered() const = 0;
};
void set_distributor(Distributor* distributor);  // nullptr: a single process
Distributor* distributor();
int process_count();   // ranks of the job (1 without MPI)
// Rank 0 (or a single process) writes the results and prints; the other
// ranks of an MPI job only compute.
bool writes_outputs();

// ---- The files each batch command writes from its results, shared by the
// command itself and by `wfsim merge` (so that a merge of shards writes
// byte-identical files).

// `wfsim run`: the batch's name, seed, calendar, targets (warnings about
// targets are added to `warnings`) and the grades and teams it reports.
model::BatchInfo run_info(const params::Tree& scenario, std::uint64_t seed, int months,
                          std::vector<std::string>& warnings, const model::Breakdown& breakdown);
// trajectory.csv, financial_years.csv, summary.json and scenario.resolved.yaml
// (timing.json is the caller's).
std::map<std::string, std::string> run_files(const model::BatchInfo& info, const std::string& resolved_yaml,
                                             const model::BatchResults& results);
// timing.json; in an MPI job it also gives the ranks and the bytes gathered.
std::string timing_json(double seconds, unsigned threads, std::size_t replications);

// `wfsim compare`: comparison.csv, summary.json, scenario.N.resolved.yaml;
// `precision`: summary.json's "precision" member, for a batch run to a
// precision (precision.h).
std::map<std::string, std::string> compare_files(const model::Calendar& cal, std::uint64_t seed,
                                                 const std::vector<model::ScenarioRun>& runs,
                                                 const std::vector<std::string>& resolved_yaml,
                                                 const std::string& precision = "");

// `wfsim sweep --per-replication`: replications.csv of every point (the
// scenario column "point P"), from each point's results and scenario.
std::string sweep_replications_csv(const std::vector<model::BatchResults>& points, const std::vector<params::Tree>& trees,
                                   std::uint64_t seed);

// `wfsim sweep`: a grid of --grid axes, filled point by point.
class SweepTable {
public:
    // grids: the --grid texts; goal: "" or the --goal text; throws UsageError.
    SweepTable(const std::vector<std::string>& grids, const std::string& goal, const std::string& minimise);
    std::size_t points() const { return point_values_.size(); }
    // The --set assignments that make point p.
    std::vector<std::string> point_sets(std::size_t p) const;
    // With the first point's scenario: its targets (their warnings added to
    // `warnings`) and calendar.
    void begin(const params::Tree& first_point, int months, std::uint64_t seed, std::size_t reps,
               std::vector<std::string>& warnings);
    // Throws UsageError when the goal is malformed or names no target.
    void check_goal();
    // An empty batch for point p's results (the first point's targets).
    model::BatchResults new_point() const { return model::BatchResults(cal_, targets_); }
    // Before begin: each point runs to a precision, asked (a JSON object) with
    // this ceiling; sweep.csv then says how many replications each point ran.
    void ask_precision(const std::string& asked_json, std::size_t ceiling);
    // In order 0, 1, ...; `precision_reached` for a point run to a precision.
    void add_point(std::size_t p, const model::BatchResults& results, bool precision_reached = false);
    std::map<std::string, std::string> files(const std::string& resolved_yaml) const;
    void print_summary(std::ostream& os, const std::string& out) const;

private:
    struct Axis {
        std::string key;
        std::vector<std::string> values;
    };
    std::vector<Axis> axes_;
    std::vector<std::vector<std::string>> point_values_;
    std::string goal_text_, goal_target_, goal_op_, minimise_, name_;
    double goal_value_ = 0;
    int minimise_metric_ = -1;
    std::size_t goal_index_ = 0, reps_ = 0;
    std::uint64_t seed_ = 0;
    model::Calendar cal_;
    std::vector<model::Target> targets_;
    std::string csv_;
    int best_ = -1;
    double best_value_ = 0;
    std::vector<double> best_probabilities_;
    int closest_ = -1;  // the point nearest the goal (its probability furthest in the goal's direction)
    double closest_probability_ = 0;
    nlohmann::ordered_json point_json(int p) const;  // {"point": p, "values": {key: value, ...}}
    std::string point_words(int p) const;            // "point 3 (agency.cost_per_year = 60000)"
    std::string precision_asked_;  // empty: a fixed number of replications per point
    std::size_t ceiling_ = 0;
    std::vector<std::size_t> point_reps_;
    std::vector<bool> point_reached_;
};

}  // namespace wfsim::cli
