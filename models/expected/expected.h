// The expected-value view: a deterministic stock-flow (Markov) projection of
// the same scenario, for instant what-if answers. Per grade it follows the
// expected FTE in post, on notice, vacant without cover, vacant with agency
// cover, and appointed but not yet started, as a linear system of ordinary
// differential equations whose rates are the simulation's hazards:
//   in post   -> on notice        at the leaving hazard (pay multiplier included)
//   on notice -> vacant           at 1 / notice
//   vacant    -> covered          at fill_probability / fill_delay (at once when the delay is 0)
//   covered   -> vacant           at the agency leaving rate x (1 - fill_probability)
//   vacant    -> appointed        at 1 / (mean time for an advert to succeed)
//   appointed -> in post          at 1 / pre_employment
// Each is exact for exponential holding times; fixed delays (notice, adverts,
// pre-employment) are replaced by exponential ones with the same mean. Team
// pressures, ASYE, progression, pipelines, retention payments, caseload and
// uncertainty are not in this view: `unmodelled` lists those the scenario
// turns on.
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

ExpectedPath expected_path(const params::Tree& scenario, int months = 0);

}  // namespace wfsim::model
