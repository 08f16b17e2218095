// Targets: evaluated per replication, reported as probabilities over the batch.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "engine/params/tree.h"
#include "models/calendar.h"
#include "models/metrics/result.h"

namespace wfsim::model {

class BatchResults;

struct Target {
    std::string name;
    int metric = 0;
    enum class Op { Le, Ge, Lt, Gt } op = Op::Le;
    double value = 0;
    bool over_year = false;
    std::size_t month = 0;  // the month judged, 0..M (when !over_year)
    std::size_t fy = 0;     // index of the financial year judged (when over_year)
    std::string when;       // as written, for reports
    bool beyond_horizon = false;  // judged after the simulated horizon: not judged at all

    bool holds(double x) const;
};

struct TargetOutcome {
    bool met = false;
    int first_month = -1;  // first month (0..M) whose value meets the condition; -1 if none
    double value = 0;      // the value judged
};

// Reads the scenario's targets for a run with this calendar. A target judged
// after the horizon (a run shortened with --months, say) is kept but not
// judged; a warning saying so is added to `warnings`.
std::vector<Target> read_targets(const params::Tree& root, const Calendar& cal, std::vector<std::string>& warnings);
TargetOutcome evaluate(const Target& t, const ReplicationResult& r, const Calendar& cal);

// Wilson score interval for a proportion (95%).
void wilson_interval(std::size_t successes, std::size_t n, double& lo, double& hi);

// The "targets" array of summary.json for the batch's targets.
nlohmann::ordered_json targets_json(const BatchResults& results);
// Probability that each of the batch's targets is met.
std::vector<double> target_probabilities(const BatchResults& results);
// The same for a batch held in memory.
std::vector<double> target_probabilities(const std::vector<Target>& targets, const std::vector<ReplicationResult>& reps,
                                         const Calendar& cal);

}  // namespace wfsim::model
