// A joint normal distribution given by its means and covariance matrix,
// sampled through a Cholesky factor: x = mean + F z with F F' = covariance and
// z independent standard normals drawn from the caller's stream (so a draw is
// a pure function of that stream, whatever thread makes it). The covariance
// may be singular (positive semi-definite): F then comes from the pivoted
// LDL' factorisation, P' L D^(1/2), which Eigen computes in a fixed order.
#pragma once
#include <string>
#include <vector>

#include "engine/sim/random.h"

namespace wfsim::engine {

class CorrelatedNormal {
public:
    // Checks the matrix (square, of the means' size, finite, symmetric to a
    // relative 1e-9, positive semi-definite to a relative 1e-9) and factors
    // it. Returns false with `why` set when it is not a covariance matrix.
    bool set(const std::vector<double>& mean, const std::vector<std::vector<double>>& covariance, std::string& why);

    std::size_t size() const { return mean_.size(); }
    // One joint draw: size() standard normals from `s`, in order.
    std::vector<double> draw(Stream& s) const;

private:
    std::vector<double> mean_;
    std::vector<double> factor_;  // row-major size() x size(): F with F F' = covariance
};

}  // namespace wfsim::engine
