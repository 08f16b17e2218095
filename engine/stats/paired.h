// Paired differences between two sets of replications run on common random
// numbers: replication i of each uses the same seed and streams, so the
// noise they share cancels in the difference.
#pragma once
#include <optional>
#include <vector>

namespace wfsim::stats {

struct Difference {
    double mean = 0, sd = 0, lo = 0, hi = 0;  // 95% interval for the mean difference
};

// Differences alt[i] - base[i]; the interval uses Student's t.
Difference paired_difference(const std::vector<double>& base, const std::vector<double>& alt);
// The ratio of two mean paired differences, (mean of alt_a - base_a) / (mean
// of alt_b - base_b), with its standard error and a 95% interval by the delta
// method from the replications' paired differences; nullopt when the
// denominator's own 95% interval includes zero (the ratio is then unbounded
// and the delta method's interval misleads).
struct Ratio {
    double value = 0, se = 0, lo = 0, hi = 0;
};
std::optional<Ratio> ratio_of_differences(const std::vector<double>& base_a, const std::vector<double>& alt_a,
                                          const std::vector<double>& base_b, const std::vector<double>& alt_b);
// The 97.5% quantile of Student's t with `df` degrees of freedom.
double t975(double df);

}  // namespace wfsim::stats
