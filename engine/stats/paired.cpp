#include "paired.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>

namespace wfsim::stats {

double t975(double df) {
    if (df < 1) return 0;
    return boost::math::quantile(boost::math::students_t(df), 0.975);  // exact, where a series was off by 1e-3
}

Difference paired_difference(const std::vector<double>& base, const std::vector<double>& alt) {
    Difference d;
    const std::size_t n = std::min(base.size(), alt.size());
    if (n == 0) return d;
    for (std::size_t i = 0; i < n; ++i) d.mean += alt[i] - base[i];
    d.mean /= static_cast<double>(n);
    double ss = 0;
    for (std::size_t i = 0; i < n; ++i) ss += (alt[i] - base[i] - d.mean) * (alt[i] - base[i] - d.mean);
    d.sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
    const double half = n > 1 ? t975(static_cast<double>(n - 1)) * d.sd / std::sqrt(static_cast<double>(n)) : 0.0;
    d.lo = d.mean - half;
    d.hi = d.mean + half;
    return d;
}

std::optional<Ratio> ratio_of_differences(const std::vector<double>& base_a, const std::vector<double>& alt_a,
                                          const std::vector<double>& base_b, const std::vector<double>& alt_b) {
    const std::size_t n = std::min({base_a.size(), alt_a.size(), base_b.size(), alt_b.size()});
    if (n < 2) return std::nullopt;
    double ma = 0, mb = 0;
    for (std::size_t i = 0; i < n; ++i) {
        ma += alt_a[i] - base_a[i];
        mb += alt_b[i] - base_b[i];
    }
    ma /= static_cast<double>(n);
    mb /= static_cast<double>(n);
    const Difference b = paired_difference(base_b, alt_b);
    if (b.lo <= 0 && 0 <= b.hi) return std::nullopt;
    Ratio r;
    r.value = ma / mb;
    // Var(a - R b) / (n mb^2): the delta method for a ratio of means.
    double ss = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double e = (alt_a[i] - base_a[i] - ma) - r.value * (alt_b[i] - base_b[i] - mb);
        ss += e * e;
    }
    r.se = std::sqrt(ss / static_cast<double>(n - 1) / static_cast<double>(n)) / std::fabs(mb);
    const double half = t975(static_cast<double>(n - 1)) * r.se;
    r.lo = r.value - half;
    r.hi = r.value + half;
    return r;
}

}  // namespace wfsim::stats
