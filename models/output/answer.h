// What `run` and `compare` print on the terminal when they finish: the answer
// in the user's terms, rounded as people write figures (342.9 FTE, 1.62m
// pounds, 46%), so that a strategy lead need not open a file to learn whether
// the target is met. The files keep full precision for programs.
#pragma once
#include <string>
#include <vector>

#include "models/output/batch_results.h"
#include "models/output/comparison.h"

namespace wfsim::model {

// Each target's probability with its 95% interval, when it is first met and
// from when it is kept; total spend over the horizon and by financial year
// with the middle 80% of replications; where the files are.
std::string run_answer(const std::string& name, const BatchResults& results, double seconds, const std::string& out);

// For each alternative against the base: the mean saving in total spend with
// the 95% interval of that mean, the middle 80% of paired outcomes, the chance
// it costs less, and each target's probability beside the base's.
std::string compare_answer(const std::vector<ScenarioRun>& runs, const std::string& out);

// Money as the terminal answers give it: "1.62m pounds", "72,355 pounds".
std::string in_pounds(double v);
// A number to `significant` figures without an exponent, for a fitted
// parameter or a residual: 0.1523, 4,213, -0.0001234 (an ASCII minus).
std::string rounded(double v, int significant = 4);
// A probability as they give it: "46%" ("0.4%" below 1%).
std::string as_share(double p);

// The month from which a target judged at its month holds in every month up
// to it (-1 where it does not hold then): "met from then on", as against the
// first month met, which a target met at the start and then lost also has.
// One value per replication; yearly targets give -1 throughout.
std::vector<double> target_kept_from(const BatchResults& results, std::size_t target);

}  // namespace wfsim::model
