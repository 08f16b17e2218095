// Elementary-effects screening (Morris 1991), with Campolongo, Cariboni and
// Saltelli's (2007) mu*, the mean of the absolute effects: which of many
// factors an answer depends on, at a cost that grows with their number
// rather than with its power.
//
// Each factor's range is scaled to [0, 1] and cut into p levels (0, 1/(p-1),
// ..., 1). A trajectory starts at a random grid point and moves one factor
// at a time, in a random order, by delta = p / (2 (p - 1)) (up from the lower
// half of the levels, down from the upper half, so every point is on the
// grid), k + 1 points for k factors. Factor i's elementary effect on a
// trajectory is the change in the answer over its step divided by the step
// (in the unit scale): the change the answer would make over the factor's
// whole range if it were linear there. Over r trajectories:
//   mu      the mean effect (effects of opposite signs cancel in it),
//   mu*     the mean absolute effect (the importance screened on),
//   sigma   their standard deviation (interactions and curvature),
// and the standard error of mu*, sd(|effect|) / sqrt(r). For an answer
// a + sum c_i x_i over factors x_i with range R_i, every effect of factor i
// is c_i R_i exactly, so mu = mu* = c_i R_i and sigma = 0.
//
// Points depend only on (k, p, r, seed), drawn with a generator whose output
// is fixed by its definition (SplitMix64), the same on every platform.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace wfsim::stats {

struct MorrisDesign {
    std::size_t factors = 0, levels = 0, trajectories = 0;
    double delta = 0;  // the step, in the unit scale
    // points[t * (k + 1) + s]: step s of trajectory t, each factor in [0, 1].
    std::vector<std::vector<double>> points;
    // changed[t * k + s]: the factor that moves from step s to step s + 1 of trajectory t.
    std::vector<std::size_t> changed;
    std::size_t point_count() const { return points.size(); }
};

// Throws std::invalid_argument unless factors >= 1, levels is even and at
// least 2, and trajectories >= 1 (an even p puts the step on the grid).
MorrisDesign morris_design(std::size_t factors, std::size_t levels, std::size_t trajectories, std::uint64_t seed);

struct MorrisEffect {
    double mu = 0, mu_star = 0, sigma = 0, mu_star_se = 0;
    std::size_t effects = 0;  // elementary effects: one per trajectory
};

// One answer's value at each point of the design (y.size() == point_count());
// the effect of each factor, in the order of the factors.
std::vector<MorrisEffect> morris_effects(const MorrisDesign& design, const std::vector<double>& y);

}  // namespace wfsim::stats
