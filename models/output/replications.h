// replications.csv (--per-replication): one row per replication of each
// batch, each replication an observation, for an analyst to pivot or fit in
// R, Python or a spreadsheet: the values drawn for the scenario's uncertain
// parameters, every metric's total over the horizon (flows) or final value
// (stocks), and each target's judged value, whether it was met and its first
// month met.
//
// The draws are not carried with the results: a replication's draws are a
// pure function of (scenario, seed, replication), so they are drawn again
// here, and a batch merged from shards or gathered over MPI ranks writes the
// same file as one run in a single process.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/params/tree.h"
#include "models/output/batch_results.h"

namespace wfsim::model {

struct ReplicationRows {
    std::string scenario;          // the scenario column (its name, or a sweep's point)
    const BatchResults* results;   // replications 0..size()-1, in order
    const params::Tree* tree;      // the scenario as run, its distributions not yet drawn
    std::uint64_t seed = 1;
};

// Columns: scenario, replication, then the drawn keys (their paths), then
// total.METRIC or final.METRIC, then for each target its value, met (0 or 1)
// and first_month_met (empty when never met, or for a yearly target); the
// union of every batch's keys and targets, empty where a batch has none.
std::string replications_csv(const std::vector<ReplicationRows>& batches);

}  // namespace wfsim::model
