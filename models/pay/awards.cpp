// Pay awards, market pay and agency rate changes in a replication: each step
// is an event on its date. Pay moves for everyone at once, so every hazard is
// re-read (the pay gap multiplies leaving) and costs are re-rated; the chance
// that an advert succeeds and the agency fill probability (under a price cap)
// follow from the new pay through refresh_derived.
#include "models/simulation.h"

namespace wfsim::model {

void Simulation::schedule_pay_steps() {
    // The steps are the same in every settings in force (interventions cannot
    // change them), so the payload indexes cfg_->pay_steps whichever is in force.
    // One event per day: an award and the market's move on the same day are
    // one change to the pay gap, so hazards are re-read once, at the new gap.
    const auto& steps = cfg_->pay_steps;
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].day < cfg_->horizon_days && (i == 0 || steps[i].day != steps[i - 1].day))
            kernel_.schedule(steps[i].day, kind_.pay_step, i);
}

void Simulation::on_pay_step(std::uint64_t payload) {
    const auto& steps = cfg_->pay_steps;
    for (auto i = static_cast<std::size_t>(payload); i < steps.size() && steps[i].day == steps[payload].day; ++i)
        pay_.apply(steps[i]);
    refresh_derived();
    costs_dirty_ = true;
    // Pay moves leaving only through the pay gap.
    if (cfg_->leaving.pay_elasticity == 0) return;
    for (std::size_t i = 0; i < people_.size(); ++i) refresh_hazard(static_cast<std::int32_t>(i));
}

}  // namespace wfsim::model
