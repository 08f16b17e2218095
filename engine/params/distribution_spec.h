// Parameter uncertainty: a value written as a distribution, e.g.
//   pay_elasticity: {dist: normal, mean: -1.0, sd: 0.3}
// is sampled once per replication. Draws outside the key's allowed range are
// clamped to it (documented in the README).
#pragma once
#include <string>

#include "tree.h"

namespace wfsim::params {

struct DistributionSpec {
    enum class Type { Normal, Lognormal, Uniform, Beta, Triangular } type = Type::Normal;
    double a = 0, b = 0, c = 0;  // normal/lognormal: mean, sd; uniform: min, max;
                                 // beta: alpha, beta; triangular: min, mode, max
    double lo = 0, hi = 0;       // clamp range from the key's declaration
};

// Parses {dist: ..., ...}. `lo`/`hi` are the key's allowed range; `positive`
// says the key cannot be negative (so lognormal is allowed).
bool parse_distribution(const Tree& t, double lo, double hi, bool positive, DistributionSpec& out, std::string& why);

// The distribution's mean (for the expected-value view and for docs).
double distribution_mean(const DistributionSpec& d);

}  // namespace wfsim::params
