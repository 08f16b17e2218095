// What a batch of replications will need, estimated from a validated
// scenario before any work starts (issue 14, point 2): memory grows with the
// threads times the size of one replication, and the stored results with the
// replications times the months (they go to a temporary file in $TMPDIR past
// their memory budget, engine/stats/column_store.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/params/tree.h"
#include "models/metrics/breakdown.h"

namespace wfsim::model {

struct Footprint {
    double posts = 0;               // post slots: whole and part posts, with every dated addition
    double people = 0;              // people of a replication: first-day staff, starters and joiners
    std::size_t months = 0;         // months reported, 0..months
    std::size_t series = 0;         // result series (metrics, by grade and team)
    std::size_t financial_years = 0;
    std::size_t targets = 0;
    double replication_bytes = 0;   // one replication's simulation while it runs, its results included
    double result_bytes = 0;        // one replication's results, as handed over
    double row_bytes = 0;           // one replication's row of a batch's stored results
    double output_bytes = 0;        // the text of the output files written at the end
};

// months: --months (0: the horizon). The scenario must be valid.
Footprint footprint(const params::Tree& scenario, int months, const Breakdown& breakdown);

// A batch: `threads` replications at once; `stores` batches' results held
// together (compare: one per scenario); `reps` replications in each.
struct BatchNeeds {
    double memory = 0;       // bytes
    double temp_disk = 0;    // bytes in $TMPDIR
    double per_thread = 0;   // bytes each further thread adds
};
BatchNeeds batch_needs(const Footprint& f, unsigned threads, std::size_t reps, std::size_t stores,
                       std::size_t results_memory_budget);

// "3.9 GB" (decimal GB, as people read sizes).
std::string format_bytes(double bytes);

}  // namespace wfsim::model
