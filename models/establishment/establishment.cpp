// Establishment: posts by team and grade, added and removed at dates.
#include <cmath>

#include "engine/params/loader.h"
#include "models/initial_staff/staff_list.h"
#include "models/simulation.h"

namespace wfsim::model {

std::int32_t Simulation::add_post(int team, int grade, double fte) {
    Post p;
    p.team = team;
    p.grade = grade;
    p.fte = fte;
    posts_.push_back(p);
    teams_[static_cast<std::size_t>(team)].establishment += fte;
    cell(team, grade).establishment += fte;
    return static_cast<std::int32_t>(posts_.size() - 1);
}

std::string Simulation::staff_list_path() const {
    const params::Params init = params::Params(tree_, "").at("initial_staff");
    if (!init.has("staff_list")) return "";
    const params::Tree* node = init.at("staff_list").tree();
    const std::string dir = node->loc.file ? params::directory_of(*node->loc.file) : scenario_dir_;
    return node->scalar.front() == '/' ? node->scalar : dir + node->scalar;
}

void Simulation::build_posts() {
    // With a staff list, each listed person gets a post of exactly their FTE;
    // the rest of the establishment is cut into whole posts and a remainder.
    std::vector<std::vector<StaffRecord>> listed(teams_.size() * cfg_->grades.size());
    if (const std::string path = staff_list_path(); !path.empty()) {
        const auto records = cached_staff_list(path, cfg_->names, cfg_->start);
        if (!records) throw std::runtime_error("staff list " + path + " could not be read");
        for (const auto& r : *records)
            listed[static_cast<std::size_t>(r.team) * cfg_->grades.size() + static_cast<std::size_t>(r.grade)].push_back(r);
    }
    const params::Params p = params::Params(tree_, "").at("establishment.teams");
    for (std::size_t t = 0; t < cfg_->names.teams.size(); ++t) {
        params::Params team = p.at(cfg_->names.teams[t]);
        for (const auto& g : team.keys()) {
            double fte = team.number(g);
            for (const auto& r : listed[t * cfg_->grades.size() + static_cast<std::size_t>(cfg_->names.grade(g))]) {
                const std::int32_t post = add_post(static_cast<int>(t), r.grade, r.fte);
                listed_.push_back({post, r.grade, cfg_->day_of(r.start_date), r.age_years,
                                   r.leaving_date ? cfg_->day_of(*r.leaving_date) : kNever});
                fte -= r.fte;
            }
            // Whole posts first, then a part-time post for any remainder.
            while (fte > 1e-9) {
                const double slot = std::min(1.0, fte);
                add_post(static_cast<int>(t), cfg_->names.grade(g), slot);
                fte -= slot;
            }
        }
    }
}

void Simulation::remove_post(std::int32_t id) {
    Post& p = posts_[static_cast<std::size_t>(id)];
    if (p.agency != kNone) end_agency(id);
    p.removed = true;
    p.to_remove = false;
    p.campaign = false;
    p.incoming = false;
    ++p.version;
    teams_[static_cast<std::size_t>(p.team)].establishment -= p.fte;
    cell(p.team, p.grade).establishment -= p.fte;
}

void Simulation::shrink_post(std::int32_t id, double fte) {
    Post& p = posts_[static_cast<std::size_t>(id)];
    p.fte -= fte;
    teams_[static_cast<std::size_t>(p.team)].establishment -= fte;
    cell(p.team, p.grade).establishment -= fte;
    if (p.agency != kNone) {  // the agency worker covers the smaller post
        agency_in_use_ -= fte;
        costs_dirty_ = true;
        teams_[static_cast<std::size_t>(p.team)].agency -= fte;
        cell(p.team, p.grade).agency -= fte;
        update_absence_cover(static_cast<std::size_t>(p.team));
        serve_agency_queue();
    }
}

void Simulation::change_establishment(int team, int grade, double delta) {
    if (delta > 0) {
        while (delta > 1e-9) {
            const double slot = std::min(1.0, delta);
            start_vacancy(add_post(team, grade, slot), true);
            delta -= slot;
        }
        return;
    }
    // Remove vacant posts first (uncovered, then agency-covered), shrinking the
    // last one when only part of it goes; then mark occupied or appointed
    // posts to go when they fall vacant (whole posts only: a part of an
    // occupied post smaller than the post stays).
    double remaining = -delta;
    for (int pass = 0; pass < 3 && remaining > 1e-9; ++pass) {
        for (std::size_t i = posts_.size(); i-- > 0 && remaining > 1e-9;) {
            Post& p = posts_[i];
            if (p.removed || p.to_remove || p.team != team || p.grade != grade) continue;
            const bool vacant = p.holder == kNone && !p.incoming;
            const bool eligible = (pass == 0 && vacant && p.agency == kNone) || (pass == 1 && vacant) || pass == 2;
            if (!eligible) continue;
            if (p.fte > remaining + 1e-9) {
                if (pass == 2) continue;
                shrink_post(static_cast<std::int32_t>(i), remaining);
                remaining = 0;
                break;
            }
            remaining -= p.fte;
            if (pass == 2) p.to_remove = true;
            else remove_post(static_cast<std::int32_t>(i));
        }
    }
}

}  // namespace wfsim::model
