#include "summary.h"

#include <algorithm>
#include <cmath>

namespace wfsim::stats {

double quantile_sorted(const std::vector<double>& v, double q) {
    if (v.empty()) return 0;
    const double h = (static_cast<double>(v.size()) - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

Summary summarize(std::vector<double> values) {
    Summary s;
    const std::size_t n = values.size();
    if (n == 0) return s;
    double sum = 0;
    for (double x : values) sum += x;
    s.mean = sum / static_cast<double>(n);
    double ss = 0;
    for (double x : values) ss += (x - s.mean) * (x - s.mean);
    s.sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
    std::sort(values.begin(), values.end());
    for (std::size_t i = 0; i < kPercentiles.size(); ++i) s.pct[i] = quantile_sorted(values, kPercentiles[i]);
    return s;
}

std::vector<Summary> summarize_columns(const Eigen::MatrixXd& m) {
    std::vector<Summary> out;
    out.reserve(static_cast<std::size_t>(m.cols()));
    std::vector<double> col(static_cast<std::size_t>(m.rows()));
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
        for (Eigen::Index r = 0; r < m.rows(); ++r) col[static_cast<std::size_t>(r)] = m(r, c);
        out.push_back(summarize(col));
    }
    return out;
}

}  // namespace wfsim::stats
