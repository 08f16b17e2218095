// Statistics over replications: for each column of a replications x values
// matrix, the mean, standard deviation and percentiles. Percentiles
// interpolate linearly between order statistics (R's type 7).
#pragma once
#include <Eigen/Dense>
#include <array>
#include <vector>

namespace wfsim::stats {

inline constexpr std::array<double, 7> kPercentiles = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
inline constexpr const char* kPercentileHeader = "p05,p10,p25,p50,p75,p90,p95";

struct Summary {
    double mean = 0, sd = 0;
    std::array<double, kPercentiles.size()> pct{};
};

Summary summarize(std::vector<double> values);
// One summary per column.
std::vector<Summary> summarize_columns(const Eigen::MatrixXd& m);
double quantile_sorted(const std::vector<double>& sorted, double q);

}  // namespace wfsim::stats
