// What one replication produces: monthly series of every metric, spend by
// financial year, and counts. The batch runner reduces many of these.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/costs/ledger.h"

namespace wfsim::model {

// The metric names, in output order (documented in the README, "Metrics").
enum Metric {
    kEstablishmentFte, kPermanentFte, kAgencyFte, kAgencyCoveredFte, kVacantFte, kVacancyRate, kAgencyRate,
    kStarters, kLeavers, kLeaversOtherEmployer, kLeaversAgency, kLeaversOutOfProfession, kLeaversRetirement,
    kTurnoverRate12m, kCaseloadPerWorker, kAbsenceFte, kAsyeFte, kPipelineUnplaced,
    kSpendPermanent, kSpendAgency, kSpendRecruitment, kSpendRetention, kSpendTraining, kSpendTotal,
    kAgencySpendShare, kRetentionClawback, kPermanentShare, kAgencySpendVsStart, kMetrics
};
extern const char* const kMetricNames[kMetrics];
// Flow metrics are totals over a month (summed for totals over the horizon);
// the others are end-of-month values.
bool is_flow_metric(int m);
// A metric over the whole horizon from its monthly series: the sum of a flow,
// the final value of a stock.
double horizon_total(int metric, const std::vector<double>& series);

struct ReplicationResult {
    std::vector<std::vector<double>> monthly;  // [metric][month]
    std::vector<Amounts> financial_years;      // spend by financial year and component
    std::uint64_t events = 0;
    // Checks made during the run (see Simulation::check_invariants).
    double max_fte_imbalance = 0;
};

}  // namespace wfsim::model
