// Output of `wfsim compare`: paired differences of each alternative against
// the base, month by month (comparison.csv) and in total (summary.json).
#pragma once
#include <string>
#include <vector>

#include "models/output/outputs.h"

namespace wfsim::model {

struct ScenarioRun {
    std::string name, file;
    BatchResults results;  // holds the scenario's targets
    std::vector<double> budgets = {};  // per financial year, in cash (NaN: none for the year); model::budgets
};

// runs: the base, then the alternatives.
std::string comparison_csv(const Calendar& cal, const std::vector<ScenarioRun>& runs);
// precision: the "precision" member (a JSON object) of a batch run to a
// precision, or empty.
std::string comparison_json(const Calendar& cal, std::uint64_t seed, const std::vector<ScenarioRun>& runs,
                            const std::string& precision = "");

// Per replication: total spend (all components) over the horizon.
std::vector<double> total_spend(const std::vector<ReplicationResult>& reps);
// The first month m >= 1 from which the mean cumulative difference in total
// spend (alternative - base, through the end of each month) stays at or below
// zero to the horizon; -1 if it never does.
int break_even_month(const BatchResults& base, const BatchResults& alt);

}  // namespace wfsim::model
