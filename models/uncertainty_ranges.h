// The range of each uncertain parameter, for one-at-a-time sensitivity
// (wfsim sensitivity): its mean, at which the others are held, and its 10th
// and 90th percentiles, the ends it is varied to.
#pragma once
#include <string>
#include <vector>

#include "engine/params/tree.h"

namespace wfsim::model {

struct UncertainRange {
    std::string path;  // as replications.csv names it (leaving.base_rate.sw)
    double mean = 0, p10 = 0, p90 = 0;  // clamped to the key's allowed range, as draws are
};

// Every {dist: ...} value of the scenario and every key of its correlated:
// block (a normal: mean plus or minus 1.2816 standard deviations), in the
// order of the file.
std::vector<UncertainRange> uncertain_ranges(const params::Tree& root);

// The range a value of the key at `path` may take (a probability or share
// 0 to 1, a rate or multiplier not below 0, else its declared bounds), as
// draws are clamped to it; false when the path is no scenario key.
bool declared_range(const std::string& path, double& lo, double& hi);

// Replaces every uncertain value by its mean and removes the correlated:
// block, so that nothing is drawn.
void hold_at_means(params::Tree& root);

}  // namespace wfsim::model
