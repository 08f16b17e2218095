// Output of `wfsim compare`: paired differences of each alternative against
// the base, month by month (comparison.csv) and in total (summary.json).
#pragma once
#include <string>
#include <vector>

#include "models/output/outputs.h"

namespace wfsim::model {

struct ScenarioRun {
    std::string name, file;
    std::vector<Target> targets;
    std::vector<ReplicationResult> reps;
};

std::string comparison_csv(const Calendar& cal, const ScenarioRun& base, const std::vector<ScenarioRun>& alts);
std::string comparison_json(const Calendar& cal, std::uint64_t seed, const ScenarioRun& base,
                            const std::vector<ScenarioRun>& alts);

// Per replication: total spend (all components) over the horizon.
std::vector<double> total_spend(const std::vector<ReplicationResult>& reps);
// First month from which the mean cumulative difference in total spend stays
// at or below zero to the horizon; -1 if it never does.
int break_even_month(const std::vector<ReplicationResult>& base, const std::vector<ReplicationResult>& alt);

}  // namespace wfsim::model
