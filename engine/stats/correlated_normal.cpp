#include "engine/stats/correlated_normal.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace wfsim::engine {

bool CorrelatedNormal::set(const std::vector<double>& mean, const std::vector<std::vector<double>>& covariance,
                           std::string& why) {
    const std::size_t n = mean.size();
    if (covariance.size() != n) {
        why = "the covariance has " + std::to_string(covariance.size()) + " rows for " + std::to_string(n) + " means";
        return false;
    }
    Eigen::MatrixXd c(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    double scale = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (covariance[i].size() != n) {
            why = "row " + std::to_string(i + 1) + " of the covariance has " + std::to_string(covariance[i].size()) +
                  " entries; it needs " + std::to_string(n);
            return false;
        }
        for (std::size_t j = 0; j < n; ++j) {
            const double v = covariance[i][j];
            if (!std::isfinite(v)) {
                why = "the covariance's entry " + std::to_string(i + 1) + "," + std::to_string(j + 1) + " is not a finite number";
                return false;
            }
            c(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v;
        }
        scale = std::max(scale, std::fabs(covariance[i][i]));
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (covariance[i][i] < 0) {
            why = "the variance on row " + std::to_string(i + 1) + " is negative";
            return false;
        }
        for (std::size_t j = 0; j < i; ++j)
            if (std::fabs(covariance[i][j] - covariance[j][i]) > 1e-9 * std::max(scale, 1e-300)) {
                why = "the covariance is not symmetric: entry " + std::to_string(i + 1) + "," + std::to_string(j + 1) +
                      " differs from entry " + std::to_string(j + 1) + "," + std::to_string(i + 1);
                return false;
            }
    }
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(c);
    if (ldlt.info() != Eigen::Success) {
        why = "the covariance could not be factored";
        return false;
    }
    const Eigen::VectorXd d = ldlt.vectorD();
    for (Eigen::Index i = 0; i < d.size(); ++i)
        if (d(i) < -1e-9 * std::max(scale, 1e-300)) {
            why = "the covariance is not positive semi-definite (a combination of the keys would have a negative variance)";
            return false;
        }
    // c = P' L D L' P, so F = P' L D^(1/2).
    Eigen::MatrixXd l = ldlt.matrixL();
    l = l * d.cwiseMax(0.0).cwiseSqrt().asDiagonal();
    const Eigen::MatrixXd f = ldlt.transpositionsP().transpose() * l;
    mean_ = mean;
    factor_.assign(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) factor_[i * n + j] = f(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    return true;
}

std::vector<double> CorrelatedNormal::draw(Stream& s) const {
    const std::size_t n = mean_.size();
    std::vector<double> z(n);
    for (auto& v : z) v = s.normal(0.0, 1.0);
    std::vector<double> x = mean_;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) x[i] += factor_[i * n + j] * z[j];
    return x;
}

}  // namespace wfsim::engine
