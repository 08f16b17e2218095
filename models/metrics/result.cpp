#include "models/metrics/result.h"

namespace wfsim::model {

const char* const kMetricNames[kMetrics] = {
    "establishment_fte", "permanent_fte", "agency_fte", "agency_covered_fte", "vacant_fte", "vacancies_fte",
    "vacancy_rate", "agency_rate", "starters", "leavers", "leavers_other_employer", "leavers_agency",
    "leavers_out_of_profession", "leavers_retirement", "early_leavers", "turnover_rate_12m", "caseload_per_worker", "absence_fte", "asye_fte", "pipeline_unplaced",
    "spend_permanent", "spend_agency", "spend_recruitment", "spend_retention", "spend_training", "spend_total",
    "agency_spend_share", "retention_clawback", "permanent_share", "agency_spend_vs_start",
    "spend_permanent_real", "spend_agency_real", "spend_recruitment_real", "spend_retention_real", "spend_training_real",
    "spend_total_real"};

bool is_flow_metric(int m) {
    return (m >= kStarters && m <= kEarlyLeavers) || m == kPipelineUnplaced ||
           (m >= kSpendPermanent && m <= kSpendTotal) || m == kRetentionClawback ||
           (m >= kSpendPermanentReal && m <= kSpendTotalReal);
}

bool has_value_at_start(int m) {
    return !is_flow_metric(m) && m != kTurnoverRate12m && m != kAgencySpendShare && m != kAgencySpendVsStart;
}

double horizon_total(int metric, const std::vector<double>& series) {
    double v = 0;
    if (is_flow_metric(metric))
        for (std::size_t m = 1; m < series.size(); ++m) v += series[m];
    else if (!series.empty()) v = series.back();
    return v;
}

}  // namespace wfsim::model
