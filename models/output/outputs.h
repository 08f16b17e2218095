// The output contract (DESIGN.md): trajectory.csv, financial_years.csv and
// summary.json from the results of a batch of replications.
#pragma once
#include <nlohmann/json_fwd.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "models/calendar.h"
#include "models/metrics/result.h"
#include "models/names.h"
#include "models/output/batch_results.h"
#include "models/output/format_version.h"
#include "models/targets/targets.h"

namespace wfsim::model {

struct BatchInfo {
    std::string scenario_name;
    std::uint64_t seed = 1;
    int horizon_months = 0;
    Calendar calendar;
    std::vector<Target> targets;
    Names names;  // grades and teams, for the rows by grade and by team
    // A batch run to a precision: summary.json's "precision" member (a JSON
    // object saying what was asked and why the batch stopped); empty for a
    // fixed number of replications, whose summary.json has no such member.
    std::string precision_json;
    std::vector<double> deflators;  // per financial year, for spend in real terms (empty: all 1)
    std::vector<double> budgets;    // per financial year, in cash (NaN or empty: no budget for the year)
};

// `results` holds the batch's replications with info.targets as its targets.
std::string trajectory_csv(const BatchInfo& info, const BatchResults& results);
std::string financial_years_csv(const BatchInfo& info, const BatchResults& results);
std::string summary_json(const BatchInfo& info, const BatchResults& results);
// The same from a batch held in memory.
std::string trajectory_csv(const BatchInfo& info, const std::vector<ReplicationResult>& reps);
std::string financial_years_csv(const BatchInfo& info, const std::vector<ReplicationResult>& reps);
std::string summary_json(const BatchInfo& info, const std::vector<ReplicationResult>& reps);

// The "budget" member of summary.json: for each financial year the budget
// gives (NaN: none), the budget, the chance of overspending it and its 95%
// interval; an empty array without a budget.
nlohmann::ordered_json budget_json(const Calendar& cal, const std::vector<double>& budgets, const BatchResults& results);

// Per replication: the metric's total over the horizon (flows) or final value (stocks).
std::vector<double> metric_totals(const std::vector<ReplicationResult>& reps, int metric);

}  // namespace wfsim::model
