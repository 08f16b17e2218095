// The ratio of two paired mean differences and its delta-method interval
// (engine/stats/paired.h), against cases with known answers.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/sim/random.h"
#include "engine/stats/paired.h"

using namespace wfsim;

TEST_CASE("a ratio of paired differences is exact when one difference is a multiple of the other", "[stats][paired]") {
    const std::vector<double> base_a{10, 20, 30, 40}, alt_a{4, 12, 18, 30}, base_b{5, 5, 5, 5}, alt_b{2, 1, -1, 0};
    // Differences: a = -6, -8, -12, -10 and b = -3, -4, -6, -5, so a = 2 b in every replication.
    const auto r = stats::ratio_of_differences(base_a, alt_a, base_b, alt_b);
    REQUIRE(r);
    CHECK(r->value == Approx(2));
    CHECK(r->se == Approx(0).margin(1e-12));
    CHECK(!stats::ratio_of_differences(base_a, alt_a, base_b, base_b));  // no difference to divide by
}

TEST_CASE("a ratio of paired differences covers the true ratio as often as its interval says", "[stats][paired]") {
    // Differences a_i = 3 b_i + noise with b_i around -2: the true ratio of
    // means is 3. Over 400 batches of 200, the 95% interval should cover it
    // in 95% of them: within 4 binomial standard errors (1.1 points each).
    engine::Stream rng(1, 0, 0);
    int covered = 0;
    const int batches = 400;
    for (int k = 0; k < batches; ++k) {
        std::vector<double> zero(200, 0), a(200), b(200);
        for (std::size_t i = 0; i < a.size(); ++i) {
            b[i] = rng.normal(-2, 1);
            a[i] = 3 * b[i] + rng.normal(0, 2);
        }
        const auto r = stats::ratio_of_differences(zero, a, zero, b);
        REQUIRE(r);
        covered += (r->lo <= 3 && 3 <= r->hi) ? 1 : 0;
    }
    const double share = double(covered) / batches, se = std::sqrt(0.95 * 0.05 / batches);
    INFO("coverage " << share);
    CHECK(std::fabs(share - 0.95) < 4 * se);
}
