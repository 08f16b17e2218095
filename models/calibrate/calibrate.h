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
#include "models/calendar.h"

namespace wfsim::model {

struct Observation {
    std::string metric;
    std::size_t month = 0;  // the month judged: 0 the start date, m the end of month m
    double value = 0;
    int year = 0;           // the DfE series' row (0 for a metric,month,value file)
};

// Years of the DfE series to fit, first to last (inclusive).
struct YearRange {
    int first = 0, last = 0;
    bool empty() const { return first == 0; }
};
// Parses "2018" or "2018-2021" (years 1900 to 2200); throws
// std::invalid_argument saying what is wrong ("is outside 1900 to 2200").
YearRange parse_years(const std::string& text);

struct FitParameter {
    std::string key;  // a scenario key path, e.g. leaving.base_rate.sw
    double start = 0, lo = 0, hi = 0, value = 0;
};

struct CalibrationResult {
    std::vector<FitParameter> parameters;
    std::vector<double> simulated;  // per observation, at the fitted values
    std::vector<double> residuals;  // per observation: (simulated - observed) / scale
    std::vector<double> scales;     // per observation: the mean |observed| of its metric
    double objective = 0;           // sum of squared residuals so scaled
    int iterations = 0, evaluations = 0;
    // The statistics of the fit, from the Jacobian J of the relative
    // residuals at the optimum: with m observations and n parameters, the
    // residual variance s2 = objective / (m - n) and the covariance of the
    // fitted values s2 (J'J)^-1. With m == n the fit is exactly determined
    // (no residual variance is left to estimate); with m < n, or J'J
    // singular, some parameters are not identified. Either way
    // `has_uncertainty` is false and the vectors below are empty.
    int degrees_of_freedom = 0;     // m - n
    bool exactly_determined = false;
    bool identified = true;         // J'J is invertible
    bool has_uncertainty = false;
    double residual_variance = 0;
    std::vector<double> standard_errors;
    double t95 = 0;                 // Student's t quantile 0.975 with m - n degrees of freedom:
                                    // the 95% interval is value +- t95 x standard error
    std::vector<std::vector<double>> covariance, correlation;
    std::vector<bool> at_bound;     // per parameter: the fitted value is on a bound
};

// Reads observations: either the DfE series format (../shared/data, columns
// year,...,turnover_pct,...,agency_rate_pct,...,vacancy_rate_pct,...) for
// the years asked, each row (a snapshot at 30 September) judged at the month
// of `calendar` whose cut is that 30 September, at the end of the day or its
// start (a cut on 1 October or 30 September; month 0 when the start date is
// one of them, where turnover, a flow, has no value and is not judged); or a plain CSV with columns metric,month,value (month m is the
// end of the m-th month, 0 the start date, as in trajectory.csv). Throws
// std::invalid_argument with a located message.
std::vector<Observation> read_observations(const std::string& path, const YearRange& years, const Calendar& calendar);

// Runs `reps` replications of `scenario` (with the parameters set) and returns
// the mean of each observation's metric. Used by calibrate; exposed for tests.
using Simulator = std::function<std::vector<double>(const params::Tree& scenario)>;

CalibrationResult calibrate(const params::Tree& scenario, std::vector<FitParameter> parameters,
                            const std::vector<Observation>& observations, const Simulator& simulate,
                            int max_iterations = 20);

// Sets `key` to `value` in a scenario tree. A key under an intervention's
// set, interventions.<i>.set.<key path>, is that entry of the mapping.
void set_number(params::Tree& tree, const std::string& key, double value);
// The value node of such a key, or nullptr.
const params::Tree* value_at(const params::Tree& tree, const std::string& key);

}  // namespace wfsim::model
