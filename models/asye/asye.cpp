// The ASYE: newly qualified workers' Assessed and Supported Year in
// Employment, on a protected caseload (their grade's caseload weight).
#include "models/simulation.h"

namespace wfsim::model {

AsyeConfig read_asye(const params::Params& p, const Names& n) {
    AsyeConfig c;
    if (p.has("grade")) {
        c.grade = n.grade(p.str("grade"));
        c.next_grade = n.grade(p.str("next_grade"));
    }
    c.length_days = p.days("length");
    c.pass_rate = p.number("pass_rate");
    c.cost_per_person = p.money("cost_per_person");
    return c;
}

void Simulation::start_asye(std::int32_t id, double ends_at) {
    Person& p = people_[static_cast<std::size_t>(id)];
    p.in_asye = true;
    asye_fte_ += p.fte;
    if (p.state != PersonState::Left) cell(p.team, p.grade).asye += p.fte;
    costs_dirty_ = true;
    if (ends_at < cfg_->horizon_days)
        kernel_.schedule(std::max(now(), ends_at), kind_.asye_end, static_cast<std::uint64_t>(id));
}

void Simulation::on_asye_end(std::uint64_t payload) {
    const auto id = static_cast<std::int32_t>(payload);
    Person& p = people_[static_cast<std::size_t>(id)];
    if (!p.in_asye || p.state == PersonState::Left) return;
    p.in_asye = false;
    asye_fte_ -= p.fte;
    cell(p.team, p.grade).asye -= p.fte;
    costs_dirty_ = true;
    if (p.state != PersonState::InPost) return;
    if (!streams_[kStreamAsye].bernoulli(cfg_->asye.pass_rate)) {
        accrue(p);
        give_notice(id, kOutOfProfession);
        return;
    }
    const int next = cfg_->asye.next_grade;
    if (next == p.grade) {
        // The year ends in the grade it began in: their time in the grade
        // still counts towards progression; only the protected year ends.
        refresh_hazard(id);
        return;
    }
    // Into a vacant post of the next grade in the same team, else regraded in place.
    const std::int32_t post = find_vacant_post(next, p.team);
    if (post != kNone && posts_[static_cast<std::size_t>(post)].team == p.team) move_person(id, post);
    regrade(id, next);
}

void Simulation::regrade(std::int32_t id, int grade) {
    Person& p = people_[static_cast<std::size_t>(id)];
    team_leave(id);
    p.grade = grade;
    p.grade_start = now();
    p.supplement = supplement_due(p, now() + kSameMoment);
    team_join(id);
    ++p.progression_version;
    schedule_progression(id);
    refresh_hazard(id);
}

}  // namespace wfsim::model
