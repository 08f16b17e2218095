// The starting state of the expected-value view: the expected share of
// first-day posts in each state, as the simulation's set-up draws them
// (models/initial_staff/initial_staff.cpp and snapshot.cpp), spread over
// cells of `cell` days where the simulation draws a uniform time or a length
// of service.
#pragma once
#include "engine/params/params.h"
#include "models/expected/projection.h"

namespace wfsim::model::expected {

struct FirstDay {
    double posts = 0, vacant = 0;  // FTE of the grade
    double on_notice = -1;         // stated FTE on notice; -1: the steady-state share
    double cover_share = -1;       // initial_staff.agency_covered; -1: from the cover cycle
    bool running = true;           // start_as: running (else new)
    bool exponential_tenure = true;
    double mean_tenure_days = 0;
    std::vector<double> age_lo, age_hi, age_share;  // years; the bands first-day ages are drawn from
};

void place_first_day(Projection& proj, const Config& c, std::size_t grade, const FirstDay& d, double cell);

}  // namespace wfsim::model::expected
