// The resources a batch command needs, checked before it starts (issue 14,
// point 2): the memory of its threads and stored results against a limit of
// a few GB, and the temporary file of its results against the free space in
// $TMPDIR. A batch that would not fit is refused with exit code 2 and a
// message giving the estimate and the limit (models/limits/footprint.h).
#pragma once
#include <string>
#include <vector>

#include "engine/params/tree.h"
#include "models/limits/footprint.h"

namespace wfsim::cli {

struct BatchShape {
    long long threads = 0;       // as given: 0 chooses, as many cores as fit in memory
    std::size_t reps = 1;        // replications of each batch
    std::size_t stores = 1;      // batches whose results are held together (compare: its scenarios)
    std::size_t held_results = 0;  // replications' results held whole (calibrate: every evaluation's)
    double held_bytes = 0;         // anything else held while the batch runs (sweep: every point's scenario)
};

// Bytes a scenario's tree takes in memory (its nodes, keys and values).
double tree_bytes(const params::Tree& tree);
// Refuses (UsageError) `bytes` held before a batch is planned, when over the memory limit.
void check_held(const std::string& command, double bytes, const std::string& what);

// The memory limit in bytes (WFSIM_MEMORY_LIMIT_MB, or 16 GiB held under the
// machine's memory), and what it is, for messages. Throws UsageError when
// WFSIM_MEMORY_LIMIT_MB is malformed.
double memory_limit(std::string& what);
// Free bytes in the folder temporary files go to ($TMPDIR or /tmp); -1 if unknown.
double temp_free(std::string& folder);

// The message refusing a batch with these needs, or "" when it fits.
// threads_given: --threads was not 0 (the message then says to give fewer).
std::string refusal(const std::string& command, const model::Footprint& f, const model::BatchNeeds& needs,
                    unsigned threads, double limit, const std::string& limit_what, double free_disk,
                    const std::string& folder);

// Checks a batch of the footprint `f` (the largest of its scenarios) and
// returns the threads to run it with: --threads as given, or for 0 all cores
// but no more than fit in memory. Throws UsageError when it cannot fit.
// The footprint of the largest of several scenarios (each field its largest).
model::Footprint largest_footprint(const std::vector<params::Tree>& scenarios, int months, const model::Breakdown& breakdown);

unsigned plan_batch(const std::string& command, const model::Footprint& f, const BatchShape& shape);

}  // namespace wfsim::cli
