// Running batches of replications from the command line: threads, the
// progress bar, and Ctrl-C (which abandons the batch so nothing is written).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/params/tree.h"
#include "models/metrics/result.h"

namespace wfsim::cli {

struct BatchRequest {
    std::uint64_t seed = 1;
    std::size_t reps = 1;
    unsigned threads = 0;  // 0: all cores
    int months = 0;
    bool quiet = false;
    std::string label;     // shown on the progress bar
};

// Runs replications 0..reps-1 of the scenario. Returns false if interrupted.
bool run_replications(const params::Tree& scenario, const std::string& scenario_dir, const BatchRequest& request,
                      std::vector<model::ReplicationResult>& out);

// Installs the SIGINT/SIGTERM handler for the lifetime of the object.
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
};

unsigned resolve_threads(long long requested);

}  // namespace wfsim::cli
