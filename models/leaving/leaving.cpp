// Leaving. Each person draws one unit exponential (their "target") when they
// join; they give notice when their cumulative hazard reaches it. The hazard
// is piecewise constant: it changes at the person's own change points
// (service bands, the end of the early-leaving period, retirement ages,
// retention-payment windows) and when a multiplier changes (pay, team
// pressure, an intervention). At each change only this person's inversion is
// redone, so the same target serves every scenario of a comparison.
#include <cmath>

#include "models/simulation.h"

namespace wfsim::model {

LeavingConfig read_leaving(const params::Params& p, const Names& n) {
    LeavingConfig c;
    for (const auto& g : n.grades) c.base_rate.push_back(p.number("base_rate." + g));
    for (const auto& band : p.at("by_service").items()) c.bands.push_back({band.days("under"), band.number("multiplier")});
    c.pay_elasticity = p.number("pay_elasticity");
    c.caseload_threshold = p.number("caseload_pressure.threshold");
    c.caseload_per_case = p.number("caseload_pressure.per_case");
    c.agency_threshold = p.number("agency_pressure.threshold");
    c.agency_slope = p.number("agency_pressure.slope");
    c.review_days = p.days("pressure_review");
    c.retirement_age = p.has("retirement.age") ? p.number("retirement.age") : kNever;
    c.retirement_rate_from_age = p.number("retirement.rate_from_age");
    c.retirement_rate = p.number("retirement.rate");
    c.notice_days = p.days("notice");
    for (int d = 0; d < kDestinations; ++d) c.destination[d] = p.number(std::string("destinations.") + kDestinationNames[d]);
    return c;
}

Simulation::Hazard Simulation::hazard_parts(const Person& p, double t) const {
    Hazard h;
    if (p.state != PersonState::InPost) return h;
    const LeavingConfig& L = cfg_->leaving;
    const double service = t - p.service_start;
    double rate = L.base_rate[static_cast<std::size_t>(p.grade)];
    for (const auto& band : L.bands)
        if (service < band.under_days) {
            rate *= band.multiplier;
            break;
        }
    rate *= (p.supplement ? pay_multiplier_supplement_ : pay_multiplier_)[static_cast<std::size_t>(p.grade)];
    rate *= retention_multiplier(p, t);
    h.scaled = rate / params::kDaysPerYear;
    const RecruitmentConfig& R = cfg_->recruitment;
    double early = 0;
    if (p.route != Route::Initial && service < R.early_period_days) early = R.early_rate * R.induction_multiplier;
    double retire = 0;
    if (L.retirement_rate > 0 && t - p.birth >= L.retirement_rate_from_age * params::kDaysPerYear - 1e-9)
        retire = L.retirement_rate;
    h.unscaled = (early + retire) / params::kDaysPerYear;
    h.retire = retire / params::kDaysPerYear;
    return h;
}

void Simulation::accrue(Person& p) {
    if (p.clocked) {
        const double tau = clock_at(teams_[static_cast<std::size_t>(p.team)], now());
        p.cum_hazard += p.scaled * (tau - p.tau_from);
        p.tau_from = tau;
    } else {
        p.cum_hazard += p.rate * (now() - p.hazard_from);
    }
    p.hazard_from = now();
}

double Simulation::next_change(const Person& p, double t) const {
    double next = kNever;
    auto consider = [&](double x) {
        if (x > t + kSameMoment && x < next) next = x;
    };
    for (const auto& band : cfg_->leaving.bands) consider(p.service_start + band.under_days);
    if (p.route != Route::Initial && cfg_->recruitment.early_rate > 0)
        consider(p.service_start + cfg_->recruitment.early_period_days);
    if (cfg_->leaving.retirement_rate > 0)
        consider(p.birth + cfg_->leaving.retirement_rate_from_age * params::kDaysPerYear);
    retention_change_points(p, t, next);
    return next;
}

void Simulation::reschedule_leaving(std::int32_t id) {
    Person& p = people_[static_cast<std::size_t>(id)];
    ++p.version;
    if (p.state != PersonState::InPost) return;
    p.hazard_from = now();
    const Hazard h = hazard_parts(p, now() + kSameMoment);
    const TeamState& team = teams_[static_cast<std::size_t>(p.team)];
    // Once pressure is reviewed, a hazard the pressure scales wholly is timed
    // on the team's clock; one with a part it does not scale (the early
    // months of a recruit, retirement age) stays on the calendar and is
    // re-timed at each review.
    p.clocked = team_clocks_ && h.unscaled == 0 && h.scaled > 0;
    p.scaled = h.scaled;
    p.rate = h.scaled * team.pressure + h.unscaled;
    p.retire_share = p.rate > 0 ? h.retire / p.rate : 0.0;
    const double remaining = std::max(0.0, p.target - p.cum_hazard);
    double when = next_change(p, now());
    if (p.clocked) {
        p.tau_from = clock_at(team, now());
        p.leave_at = p.tau_from + remaining / p.scaled;
        clock_in(id);
    } else {
        p.leave_at = p.rate > 0 ? now() + remaining / p.rate : kNever;
        when = std::min(when, p.leave_at);
    }
    if (std::isfinite(cfg_->leaving.retirement_age))
        when = std::min(when, std::max(now(), p.birth + cfg_->leaving.retirement_age * params::kDaysPerYear -
                                                  cfg_->leaving.notice_days));
    if (when < cfg_->horizon_days)
        kernel_.schedule(when, kind_.person, static_cast<std::uint64_t>(id) | (std::uint64_t(p.version) << 32));
}

void Simulation::refresh_hazard(std::int32_t id) {
    Person& p = people_[static_cast<std::size_t>(id)];
    if (p.state != PersonState::InPost) return;
    accrue(p);
    // The refresh replaces the pending change-point event: do what falls due now.
    apply_due_changes(id);
    reschedule_leaving(id);
}

void Simulation::apply_due_changes(std::int32_t id) {
    Person& p = people_[static_cast<std::size_t>(id)];
    pay_due_bonuses(id);
    const bool due = supplement_due(p, now() + kSameMoment);
    if (due != p.supplement) {
        p.supplement = due;
        supplement_fte_by_grade_[static_cast<std::size_t>(p.grade)] += due ? p.fte : -p.fte;
        cell(p.team, p.grade).supplement += due ? p.fte : -p.fte;
        costs_dirty_ = true;
    }
}

bool Simulation::person_event_live(std::uint64_t payload) const {
    const Person& p = people_[static_cast<std::size_t>(payload & 0xffffffffu)];
    return p.version == static_cast<std::uint32_t>(payload >> 32) && p.state == PersonState::InPost;
}

void Simulation::on_person_event(std::uint64_t payload) {
    const auto id = static_cast<std::int32_t>(payload & 0xffffffffu);
    Person& p = people_[static_cast<std::size_t>(id)];
    accrue(p);
    const double retire_at = p.birth + cfg_->leaving.retirement_age * params::kDaysPerYear - cfg_->leaving.notice_days;
    if (std::isfinite(cfg_->leaving.retirement_age) && now() >= retire_at - 1e-9) {
        give_notice(id, kRetirement);
    } else if (!p.clocked && now() >= p.leave_at - 1e-9) {
        give_notice(id, draw_destination(p.retire_share));
    } else {
        // A change point: payments that fall due now, then the new hazard.
        apply_due_changes(id);
        reschedule_leaving(id);
    }
}

Destination Simulation::draw_destination(double retire_share) {
    engine::Stream& s = streams_[kStreamDestinations];
    if (s.uniform() < retire_share) return kRetirement;
    return destination_of(s.uniform());
}

Destination Simulation::destination_of(double u) const {
    double acc = 0;
    for (int d = 0; d < kDestinations; ++d) {
        acc += cfg_->leaving.destination[d];
        if (u < acc) return static_cast<Destination>(d);
    }
    return kOtherEmployer;
}

void Simulation::begin_notice(std::int32_t id, Destination d, double exit_at) {
    Person& p = people_[static_cast<std::size_t>(id)];
    p.state = PersonState::OnNotice;
    ++p.version;
    ++p.progression_version;
    p.destination = d;
    p.exit_at = exit_at;
    p.early_notice = p.route != Route::Initial && now() - p.service_start < cfg_->recruitment.early_period_days;
    kernel_.schedule(p.exit_at, kind_.leave, static_cast<std::uint64_t>(id));
}

void Simulation::give_notice(std::int32_t id, Destination d) {
    begin_notice(id, d, now() + cfg_->leaving.notice_days);
    const Person& p = people_[static_cast<std::size_t>(id)];
    const RecruitmentConfig& rc = cfg_->recruitment;
    Post& post = posts_[static_cast<std::size_t>(p.post)];
    if (rc.method == RecruitmentConfig::Method::Campaign && rc.start_on_notice && !post.campaign && !post.incoming &&
        !post.to_remove)
        start_campaign(p.post);
}

void Simulation::on_leave_effective(std::uint64_t payload) {
    const auto id = static_cast<std::int32_t>(payload);
    Person& p = people_[static_cast<std::size_t>(id)];
    if (p.state != PersonState::OnNotice) throw std::logic_error("a person would leave twice");
    clawback(p);
    leavers_[p.destination] += p.fte;
    Cell& c = cell(p.team, p.grade);
    c.leavers[p.destination] += p.fte;
    if (p.early_notice) {
        early_leavers_ += p.fte;
        c.early_leavers += p.fte;
    }
    team_leave(id);
    p.state = PersonState::Left;
    p.in_asye = false;
    const std::int32_t post = p.post;
    posts_[static_cast<std::size_t>(post)].holder = kNone;
    p.post = kNone;
    const AgencyConfig& a = cfg_->agency;
    if (p.destination == kToAgency && a.from_leavers && now() - p.service_start >= a.min_experience_days)
        kernel_.schedule(now() + a.cooling_off_days, kind_.supply_add, static_cast<std::uint64_t>(std::llround(p.fte * 1e6)));
    start_vacancy(post, true);
}

}  // namespace wfsim::model
