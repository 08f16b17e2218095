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
    kEstablishmentFte, kPermanentFte, kAgencyFte, kAgencyCoveredFte, kVacantFte, kVacanciesFte, kVacancyRate, kAgencyRate,
    kStarters, kLeavers, kLeaversOtherEmployer, kLeaversAgency, kLeaversOutOfProfession, kLeaversRetirement, kEarlyLeavers,
    kTurnoverRate12m, kCaseloadPerWorker, kAbsenceFte, kAsyeFte, kPipelineUnplaced,
    kSpendPermanent, kSpendAgency, kSpendRecruitment, kSpendRetention, kSpendTraining, kSpendTotal,
    kAgencySpendShare, kRetentionClawback, kPermanentShare, kAgencySpendVsStart,
    // Spend in real terms, at the base year's prices (models/costs/prices.h), in the order of the cash ones.
    kSpendPermanentReal, kSpendAgencyReal, kSpendRecruitmentReal, kSpendRetentionReal, kSpendTrainingReal, kSpendTotalReal,
    kMetrics
};
extern const char* const kMetricNames[kMetrics];
// Flow metrics are totals over a month (summed for totals over the horizon);
// the others are end-of-month values.
bool is_flow_metric(int m);
// Whether the metric has a value at month 0, the start date: stocks and their
// ratios do; flows, and ratios with a flow in them (turnover, agency shares of
// spend), cover no time yet and are NaN there, never written or judged.
bool has_value_at_start(int m);
// Whether metric m has a value at month `month` (every metric does from month 1).
inline bool has_value(int m, std::size_t month) { return month > 0 || has_value_at_start(m); }
// A metric over the whole horizon from its monthly series (months 0..M): the
// sum of a flow over months 1..M, the final value of a stock.
double horizon_total(int metric, const std::vector<double>& series);

struct ReplicationResult {
    // [series][month], months 0..M as the calendar numbers them: [k][0] is the
    // state on the start date (NaN where !has_value_at_start(k)), [k][m] the
    // value at the end of month m or its total over month m. The series are
    // every metric in total (series k = metric k), then the metrics by grade
    // and by team (models/metrics/breakdown.h).
    std::vector<std::vector<double>> monthly;
    std::vector<Amounts> financial_years;      // spend by financial year and component
    std::uint64_t events = 0;
    // Checks made during the run (see Simulation::check_invariants).
    double max_fte_imbalance = 0;
};

}  // namespace wfsim::model
