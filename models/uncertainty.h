// Parameter uncertainty: values written as distributions are drawn once per
// replication, from the replication's own parameter stream.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "engine/params/schema.h"
#include "engine/params/tree.h"
#include "engine/sim/random.h"

namespace wfsim::model {

// Replaces every {dist: ...} value in `root` by a draw; returns how many.
// Each key draws from its own stream, derived from (seed, replication, key
// path), so adding or removing one uncertain key leaves the others' draws as
// they were (common random numbers across compared scenarios).
// The keys of a `correlated:` block are drawn together, from one stream of
// their own, after the single distributions.
// When `drawn` is given, each key path and the value drawn for it are added
// to it, in the order drawn (replications.csv reports them).
using Draws = std::vector<std::pair<std::string, double>>;
int sample_uncertain(params::Tree& root, std::uint64_t seed, std::uint64_t replication, Draws* drawn = nullptr);

// A `correlated:` block: keys, their means and covariance (rows in the order
// of the keys).
struct CorrelatedBlock {
    std::vector<std::string> keys;
    std::vector<double> mean;
    std::vector<std::vector<double>> covariance;
};
// Reads the block of `root` (empty when there is none); false with `why`
// when it is not a joint normal (shape, symmetry, positive semi-definite).
bool read_correlated(const params::Tree& root, CorrelatedBlock& out, std::string& why);

// The block's keys and its validation.
void declare_correlated_keys(params::Schema& s);

}  // namespace wfsim::model
