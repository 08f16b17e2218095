// Calibration: fit chosen parameters so that simulated statistics match
// observed ones, by least squares (Levenberg-Marquardt with a finite-difference
// Jacobian, Eigen). Every evaluation runs the same replications with the same
// seeds (common random numbers), so the objective moves smoothly with the
// parameters instead of jumping with the noise.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "engine/params/tree.h"

namespace wfsim::model {

struct Observation {
    std::string metric;
    std::size_t month = 0;  // the month judged: 0 the start date, m the end of month m
    double value = 0;
};

struct FitParameter {
    std::string key;  // a scenario key path, e.g. leaving.base_rate.sw
    double start = 0, lo = 0, hi = 0, value = 0;
};

struct CalibrationResult {
    std::vector<FitParameter> parameters;
    std::vector<double> simulated;  // per observation, at the fitted values
    double objective = 0;           // sum of squared relative residuals
    int iterations = 0, evaluations = 0;
};

// Reads observations: either the DfE series format (../shared/data, columns
// year,...,turnover_pct,...,agency_rate_pct,...,vacancy_rate_pct,...) for a
// given year, judged 12 months after the start, or a plain CSV with columns
// metric,month,value (month m is the end of the m-th month, 0 the start date,
// as in trajectory.csv). Throws std::invalid_argument with
// a located message.
std::vector<Observation> read_observations(const std::string& path, int year);

// Runs `reps` replications of `scenario` (with the parameters set) and returns
// the mean of each observation's metric. Used by calibrate; exposed for tests.
using Simulator = std::function<std::vector<double>(const params::Tree& scenario)>;

CalibrationResult calibrate(const params::Tree& scenario, std::vector<FitParameter> parameters,
                            const std::vector<Observation>& observations, const Simulator& simulate,
                            int max_iterations = 20);

// Sets `key` to `value` in a scenario tree.
void set_number(params::Tree& tree, const std::string& key, double value);

}  // namespace wfsim::model
