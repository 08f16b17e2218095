// The expected-value view: a deterministic projection of the same scenario,
// for instant what-if answers. It follows the expected FTE of each grade in
// post, on notice, vacant (with and without agency cover) and appointed, by
// the simulation's own rules applied to probability mass instead of drawn
// people (models/expected/projection.h): each fixed delay (notice, advert
// length, re-advertising, pre-employment, time to fill, agency fill delay) is
// an exact delay carried by the mass that entered it; agency fill is one
// draw per request, as in the simulation; leaving follows the pay gap and
// the service bands (mass in post is kept by its length of service);
// recruitment starts on notice when the scenario says so; establishment
// changes and dated interventions apply on their dates. Fixed delays are
// exact; only exponential events (leaving, assignment ends) are placed, at
// the middle of steps of `step_days`, so where every holding time is
// exponential the view is the simulation's mean up to that step. The starting
// state is the expected share of each state the simulation's set-up draws
// (spread over cells of one step). What it leaves out is listed in `unmodelled`.
#pragma once
#include <string>
#include <vector>

#include "engine/params/tree.h"
#include "models/calendar.h"

namespace wfsim::model {

struct ExpectedPath {
    Calendar calendar;
    // Per month 0..M (end-of-month stocks, month-total flows and spend; the
    // flows are NaN at month 0, the start date).
    std::vector<double> establishment, permanent, agency_covered, vacant, starters, leavers, spend_permanent,
        spend_agency;
    std::vector<std::string> unmodelled;
};

// Throws std::runtime_error when the projection cannot be computed (never a silent zero).
ExpectedPath expected_path(const params::Tree& scenario, int months = 0, double step_days = 1.0);

}  // namespace wfsim::model
