#include "engine/stats/morris.h"

#include <cmath>
#include <stdexcept>

namespace wfsim::stats {

namespace {

// SplitMix64 (Steele, Lea and Flood 2014): fixed output for a seed everywhere.
struct SplitMix64 {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform on 0..n-1, without modulo bias.
    std::size_t below(std::size_t n) {
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        std::uint64_t v;
        do v = next();
        while (v >= limit);
        return static_cast<std::size_t>(v % n);
    }
};

}  // namespace

MorrisDesign morris_design(std::size_t factors, std::size_t levels, std::size_t trajectories, std::uint64_t seed) {
    if (factors < 1) throw std::invalid_argument("Morris screening needs at least one factor");
    if (levels < 2 || levels % 2 != 0) throw std::invalid_argument("Morris screening needs an even number of levels, at least 2");
    if (trajectories < 1) throw std::invalid_argument("Morris screening needs at least one trajectory");
    MorrisDesign d;
    d.factors = factors;
    d.levels = levels;
    d.trajectories = trajectories;
    const std::size_t half = levels / 2;  // delta in level steps
    const double step = 1.0 / static_cast<double>(levels - 1);
    d.delta = static_cast<double>(half) * step;
    SplitMix64 rng{seed ^ 0x6d6f72726973ULL};  // "morris": its own stream, apart from the replications'
    for (std::size_t t = 0; t < trajectories; ++t) {
        std::vector<std::size_t> level(factors);
        for (auto& l : level) l = rng.below(levels);
        std::vector<std::size_t> order(factors);
        for (std::size_t i = 0; i < factors; ++i) order[i] = i;
        for (std::size_t i = factors; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);  // Fisher-Yates
        auto point = [&] {
            std::vector<double> x(factors);
            for (std::size_t i = 0; i < factors; ++i) x[i] = static_cast<double>(level[i]) * step;
            return x;
        };
        d.points.push_back(point());
        for (std::size_t s = 0; s < factors; ++s) {
            const std::size_t i = order[s];
            level[i] = level[i] < half ? level[i] + half : level[i] - half;
            d.changed.push_back(i);
            d.points.push_back(point());
        }
    }
    return d;
}

std::vector<MorrisEffect> morris_effects(const MorrisDesign& d, const std::vector<double>& y) {
    if (y.size() != d.points.size()) throw std::invalid_argument("Morris screening: one answer per point is needed");
    const std::size_t k = d.factors;
    std::vector<std::vector<double>> ee(k);
    for (std::size_t t = 0; t < d.trajectories; ++t)
        for (std::size_t s = 0; s < k; ++s) {
            const std::size_t i = d.changed[t * k + s], a = t * (k + 1) + s;
            const double dx = d.points[a + 1][i] - d.points[a][i];
            ee[i].push_back((y[a + 1] - y[a]) / dx);
        }
    std::vector<MorrisEffect> out(k);
    for (std::size_t i = 0; i < k; ++i) {
        const auto& e = ee[i];
        const double n = static_cast<double>(e.size());
        MorrisEffect m;
        m.effects = e.size();
        for (double v : e) {
            m.mu += v / n;
            m.mu_star += std::abs(v) / n;
        }
        if (e.size() > 1) {
            double ss = 0, ss_abs = 0;
            for (double v : e) {
                ss += (v - m.mu) * (v - m.mu);
                ss_abs += (std::abs(v) - m.mu_star) * (std::abs(v) - m.mu_star);
            }
            m.sigma = std::sqrt(ss / (n - 1));
            m.mu_star_se = std::sqrt(ss_abs / (n - 1) / n);
        }
        out[i] = m;
    }
    return out;
}

}  // namespace wfsim::stats
