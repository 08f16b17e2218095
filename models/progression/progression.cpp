// Progression between grades after a minimum time, at a yearly hazard.
#include "models/simulation.h"

namespace wfsim::model {

std::vector<ProgressionRule> read_progression(const params::Params& p, const Names& n) {
    std::vector<ProgressionRule> out;
    for (const auto& item : p.items())
        out.push_back({n.grade(item.str("from")), n.grade(item.str("to")), item.days("after"), item.number("rate"),
                       item.flag("requires_vacancy")});
    return out;
}

void Simulation::schedule_progression(std::int32_t id) {
    Person& p = people_[static_cast<std::size_t>(id)];
    for (std::size_t r = 0; r < cfg_.progression.size(); ++r) {
        const ProgressionRule& rule = cfg_.progression[r];
        if (rule.from != p.grade || rule.rate <= 0 || p.state != PersonState::InPost) continue;
        const double eligible = std::max(now(), p.grade_start + rule.after_days);
        const double t = eligible + streams_[kStreamProgression].exponential(rule.rate / params::kDaysPerYear);
        if (t < cfg_.horizon_days)
            kernel_.schedule(t, kind_.progression,
                             static_cast<std::uint64_t>(id) | (std::uint64_t(p.progression_version) << 32));
        return;  // the first rule for the grade applies
    }
}

void Simulation::on_progression(std::uint64_t payload) {
    const auto id = static_cast<std::int32_t>(payload & 0xffffffffu);
    Person& p = people_[static_cast<std::size_t>(id)];
    if (p.progression_version != static_cast<std::uint32_t>(payload >> 32) || p.state != PersonState::InPost) return;
    for (const ProgressionRule& rule : cfg_.progression) {
        if (rule.from != p.grade) continue;
        if (rule.requires_vacancy) {
            const std::int32_t post = find_vacant_post(rule.to, p.team);
            if (post == kNone) {
                // No post to move into: try again after another waiting time.
                ++p.progression_version;
                schedule_progression(id);
                return;
            }
            move_person(id, post);
        }
        regrade(id, rule.to);
        return;
    }
}

}  // namespace wfsim::model
