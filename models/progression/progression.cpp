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

namespace {

// The rule that applies to a grade: the first listed for it with a positive rate.
const ProgressionRule* rule_for(const std::vector<ProgressionRule>& rules, int grade) {
    for (const auto& r : rules)
        if (r.from == grade && r.rate > 0) return &r;
    return nullptr;
}

}  // namespace

void Simulation::schedule_progression(std::int32_t id) {
    Person& p = people_[static_cast<std::size_t>(id)];
    const ProgressionRule* rule = rule_for(cfg_->progression, p.grade);
    if (!rule || p.state != PersonState::InPost) return;
    const double eligible = std::max(now(), p.grade_start + rule->after_days);
    const double t = eligible + streams_[kStreamProgression].exponential(rule->rate / params::kDaysPerYear);
    if (t < cfg_->horizon_days)
        kernel_.schedule(t, kind_.progression, static_cast<std::uint64_t>(id) | (std::uint64_t(p.progression_version) << 32));
}

bool Simulation::progression_live(std::uint64_t payload) const {
    const Person& p = people_[static_cast<std::size_t>(payload & 0xffffffffu)];
    return p.progression_version == static_cast<std::uint32_t>(payload >> 32) && p.state == PersonState::InPost;
}

void Simulation::on_progression(std::uint64_t payload) {
    const auto id = static_cast<std::int32_t>(payload & 0xffffffffu);
    Person& p = people_[static_cast<std::size_t>(id)];
    const ProgressionRule* rule = rule_for(cfg_->progression, p.grade);
    if (!rule) return;  // an intervention took the rule away
    const int to = rule->to;
    if (rule->requires_vacancy) {
        const std::int32_t post = find_vacant_post(to, p.team);
        if (post == kNone) {
            // No post to move into: try again after another waiting time.
            ++p.progression_version;
            schedule_progression(id);
            return;
        }
        move_person(id, post);
    }
    regrade(id, to);
}

}  // namespace wfsim::model
