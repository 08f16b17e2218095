// Paired differences between two sets of replications run on common random
// numbers: replication i of each uses the same seed and streams, so the
// noise they share cancels in the difference.
#pragma once
#include <vector>

namespace wfsim::stats {

struct Difference {
    double mean = 0, sd = 0, lo = 0, hi = 0;  // 95% interval for the mean difference
};

// Differences alt[i] - base[i]; the interval uses Student's t.
Difference paired_difference(const std::vector<double>& base, const std::vector<double>& alt);
// The 97.5% quantile of Student's t with `df` degrees of freedom.
double t975(double df);

}  // namespace wfsim::stats
