// Interventions and other dated changes: establishment changes, any key set
// to a new value, pay uplifts and extra posts. After a change the settings
// are re-read and everything that depends on them is brought up to date.
#include <cmath>
#include <tuple>

#include "models/simulation.h"

namespace wfsim::model {

void Simulation::schedule_dated_events() {
    params::Params root(tree_, "");
    const auto changes = root.at("establishment.changes").items();
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const double t = cfg_->day_of(changes[i].date("at"));
        if (t < cfg_->horizon_days) kernel_.schedule(t, kind_.establishment, i);
    }
    const auto interventions = root.at("interventions").items();
    for (std::size_t i = 0; i < interventions.size(); ++i) {
        const double t = cfg_->day_of(interventions[i].date("at"));
        if (t < cfg_->horizon_days) kernel_.schedule(t, kind_.intervention, i);
    }
    for (std::size_t i = 0; i < cfg_->pipelines.size(); ++i) schedule_first_intake(i);
    schedule_pay_steps();
    schedule_setting_triggers();
}

void Simulation::schedule_setting_triggers() {
    // Recognition awards change every hazard on the day they start.
    const RetentionConfig& r = cfg_->retention;
    if (r.recognition_awards > 0 && r.recognition_from > now() && r.recognition_from < cfg_->horizon_days &&
        r.recognition_from != recognition_scheduled_) {
        kernel_.schedule(r.recognition_from, kind_.recompute, 0);
        recognition_scheduled_ = r.recognition_from;
    }
    // Team pressures are reviewed periodically once either pressure is on.
    const LeavingConfig& L = cfg_->leaving;
    if (!pressure_review_running_ && ((cfg_->caseload.modelled && L.caseload_per_case > 0) || L.agency_slope > 0)) {
        pressure_review_running_ = true;
        kernel_.schedule(now(), kind_.pressure, 0);
    }
}

void Simulation::on_establishment_change(std::uint64_t payload) {
    params::Params change = params::Params(tree_, "").at("establishment.changes." + std::to_string(payload));
    const int team = cfg_->names.team(change.str("team"));
    for (const auto& key : change.keys()) {
        if (key == "at" || key == "team") continue;
        change_establishment(team, cfg_->names.grade(key), change.number(key));
    }
}

void Simulation::on_intervention(std::uint64_t payload) {
    // Extra posts are read before the tree changes.
    params::Params item = params::Params(tree_, "").at("interventions." + std::to_string(payload));
    std::vector<std::tuple<int, int, double>> posts;
    params::Params extra = item.at("extra_posts");
    for (const auto& t : extra.keys())
        for (const auto& g : extra.at(t).keys())
            posts.emplace_back(cfg_->names.team(t), cfg_->names.grade(g), extra.at(t).number(g));

    ++interventions_met_;
    // tree_ stays where it is: the lists of dated changes it is read for
    // cannot be changed by an intervention (models/interventions/keys.cpp).
    if (const auto* step = own_settings_ ? nullptr : prepared_->step(interventions_met_, payload)) {
        cfg_ = &step->config;  // the batch read this change once for every replication
    } else {
        if (!own_settings_) own_tree_ = prepared_->tree_after(interventions_met_ - 1);
        own_settings_ = true;
        change_tree(own_tree_, payload);
        own_cfg_ = reread_settings(own_tree_, *cfg_);
        cfg_ = &own_cfg_;
    }
    apply_config_change();
    for (const auto& [team, grade, fte] : posts) change_establishment(team, grade, fte);
}

void Simulation::on_recompute_all(std::uint64_t) {
    costs_dirty_ = true;  // recognition awards start costing today
    for (std::size_t i = 0; i < people_.size(); ++i) refresh_hazard(static_cast<std::int32_t>(i));
}

// After the settings changed (cfg_ points at the new ones).
void Simulation::apply_config_change() {
    refresh_derived();
    costs_dirty_ = true;
    supply_limit_ = cfg_->agency.supply_limit + supply_added_;
    // Supplements may start or stop; every hazard is re-read.
    std::fill(supplement_fte_by_grade_.begin(), supplement_fte_by_grade_.end(), 0.0);
    for (Cell& c : cells_) c.supplement = 0;
    for (std::size_t i = 0; i < people_.size(); ++i) {
        Person& p = people_[i];
        if (p.state == PersonState::Left) continue;
        p.supplement = supplement_due(p, now() + kSameMoment);
        if (p.supplement) {
            supplement_fte_by_grade_[static_cast<std::size_t>(p.grade)] += p.fte;
            cell(p.team, p.grade).supplement += p.fte;
        }
        refresh_hazard(static_cast<std::int32_t>(i));
    }
    // Vacancies without an advert (nobody could answer before) may now have one.
    if (cfg_->recruitment.method == RecruitmentConfig::Method::Campaign)
        for (std::size_t i = 0; i < posts_.size(); ++i) {
            const Post& p = posts_[i];
            if (!p.removed && !p.campaign && !p.incoming && !p.to_remove &&
                (p.holder == kNone || (cfg_->recruitment.start_on_notice &&
                                       people_[static_cast<std::size_t>(p.holder)].state == PersonState::OnNotice)))
                start_campaign(static_cast<std::int32_t>(i));
        }
    for (std::size_t t = 0; t < teams_.size(); ++t) update_absence_cover(t);
    serve_agency_queue();
    schedule_setting_triggers();
}

}  // namespace wfsim::model
