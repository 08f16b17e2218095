// Replications to a precision (--precision, --precision-metric,
// --precision-saving): a batch grows in blocks of kPrecisionBlock replications
// until every interval asked for is narrow enough, or --reps (the ceiling) is
// reached.
//
// Why blocks of a fixed size: the rule is checked only after each complete
// block, on the results so far in replication order, so where a batch stops
// depends on nothing but the scenario and the seed; a precision run of N is
// the same batch as a fixed run of N replications, whatever the threads or
// MPI ranks. A shard cannot know where the whole batch stops, so shards are
// refused.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "batch_runner.h"
#include "cli.h"
#include "models/output/batch_results.h"

namespace wfsim::cli {

constexpr std::size_t kPrecisionBlock = 100;
// The ceiling when --precision is given and --reps is not.
constexpr std::size_t kPrecisionDefaultCeiling = 10000;

struct PrecisionRule {
    std::optional<double> probability;           // --precision P: half-width of each target's Wilson interval
    std::vector<std::pair<int, double>> metrics;  // --precision-metric METRIC=R: relative half-width of the mean total
    std::optional<double> saving;                 // --precision-saving POUNDS: half-width of the paired difference in total spend
    bool active() const { return probability || !metrics.empty() || saving; }
};

// The options as a command reads them.
struct PrecisionOptions {
    double probability = 0, saving = 0;
    std::vector<std::string> metrics;
    // --precision and --precision-metric (and --precision-saving, for compare).
    void add_to(po::options_description& options, bool with_saving);
    // The rule asked for; throws UsageError naming the option and what is allowed.
    PrecisionRule rule(const std::string& command, const po::variables_map& vm) const;
};
// The most replications a batch may run: --reps, or kPrecisionDefaultCeiling
// when a precision is asked and --reps is left at its default.
std::size_t ceiling_of(const PrecisionRule& rule, const po::variables_map& vm, long long reps);
// Throws UsageError when the rule cannot be judged for these batches (no
// targets to judge, say; not checked when `runs` is empty) or is combined
// with --shard.
void check_precision(const std::string& command, const PrecisionRule& rule, const std::vector<const model::BatchResults*>& runs,
                     bool sharded);

// Whether the batches so far meet the rule (runs[0] is the base of a
// comparison, for the saving); `widest` says which interval is furthest from
// what was asked, relative to it, and how wide it is.
bool precise_enough(const PrecisionRule& rule, const std::vector<const model::BatchResults*>& runs, std::string& widest);

struct Stopping {
    std::size_t replications = 0;
    bool precision_reached = false;
    std::string reason;  // a sentence for summary.json and the terminal
};

// Runs blocks [0, B), [B, 2B), ... of at most `ceiling` replications through
// `run_block` (false: interrupted, then nullopt) and checks the rule with
// `enough` after each. In an MPI job only rank 0 has the results, so its
// decision is the job's (every rank must call this in step).
std::optional<Stopping> run_to_precision(std::size_t ceiling, const std::function<bool(Range)>& run_block,
                                         const std::function<bool(std::string&)>& enough);

// The "precision" member of summary.json: what was asked, the block size,
// the replications run and why the batch stopped.
std::string precision_json(const PrecisionRule& rule, std::size_t ceiling, const Stopping& s, int indent);
// What was asked, as a JSON object ({"target_probability_half_width": 0.02}).
std::string asked_json(const PrecisionRule& rule);

}  // namespace wfsim::cli
