// Caseload per case-holding worker and sickness absence; their pressure on
// leaving is re-read at each review (leaving.pressure_review).
#include <cmath>

#include "models/simulation.h"

namespace wfsim::model {

CaseloadConfig read_caseload(const params::Params& p, const Names& n) {
    CaseloadConfig c;
    params::Params cases = p.at("caseload.cases");
    c.modelled = cases.present() && !cases.keys().empty();
    for (const auto& t : n.teams) c.cases.push_back(cases.has(t) ? cases.number(t) : 0.0);
    c.growth = p.number("caseload.growth");
    c.absence_rate = p.number("absence.rate");
    c.absence_slope = p.number("absence.agency_share_slope");
    return c;
}

double Simulation::team_absence_rate(const TeamState& t) const {
    const CaseloadConfig& c = cfg_->caseload;
    if (c.absence_rate <= 0) return 0;
    const double staff = t.permanent + t.agency;
    const double agency_share = staff > 0 ? t.agency / staff : 0.0;
    return std::min(1.0, c.absence_rate * (1 + c.absence_slope * agency_share));
}

double Simulation::cases_at(std::size_t team, double t) const {
    return cfg_->caseload.cases[team] * std::pow(1 + cfg_->caseload.growth, t / params::kDaysPerYear);
}

double Simulation::team_caseload(std::size_t team) const {
    const TeamState& ts = teams_[team];
    const double capacity = (ts.weighted_permanent + ts.agency) * (1 - team_absence_rate(ts));
    // A team with nobody to hold its cases has them all unallocated: treat the
    // caseload as the whole of them (the pressure is then at its highest).
    return capacity > 1e-9 ? cases_at(team, now()) / capacity : cases_at(team, now());
}

void Simulation::update_absence_cover(std::size_t team) {
    TeamState& t = teams_[team];
    costs_dirty_ = true;
    // Agency that covers no vacancy: sickness, and other leave or extra capacity.
    t.absence_cover = (cfg_->agency.cover_absence * team_absence_rate(t) + cfg_->agency.cover_other) * t.permanent;
}

void Simulation::on_pressure_review(std::uint64_t) {
    const LeavingConfig& L = cfg_->leaving;
    // From the first review on, hazards the pressure scales are timed on
    // the teams' clocks (leaving/team_clock.cpp): everyone is re-timed once.
    const bool first = !team_clocks_;
    team_clocks_ = true;
    for (std::size_t team = 0; team < teams_.size(); ++team) {
        TeamState& ts = teams_[team];
        double m = 1;
        if (cfg_->caseload.modelled && L.caseload_per_case > 0)
            m += L.caseload_per_case * std::max(0.0, team_caseload(team) - L.caseload_threshold);
        if (L.agency_slope > 0) {
            const double staff = ts.permanent + ts.agency;
            const double share = staff > 0 ? ts.agency / staff : 0.0;
            m += L.agency_slope * std::max(0.0, share - L.agency_threshold);
        }
        const bool moved = std::fabs(m - ts.pressure) >= 1e-12;
        if (moved) set_pressure(team, m);
        if (!moved && !first) continue;
        // Of this team, only hazards off its clock need redoing (a refresh
        // changes no one's team, so the list can be walked as it stands).
        for (std::size_t i = 0; i < ts.members.size(); ++i) {
            const std::int32_t id = ts.members[i];
            if (first || !people_[static_cast<std::size_t>(id)].clocked) refresh_hazard(id);
        }
    }
    const double next = now() + L.review_days;
    if (next < cfg_->horizon_days) kernel_.schedule(next, kind_.pressure, 0);
}

}  // namespace wfsim::model
