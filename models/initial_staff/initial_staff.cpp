// Initial staff: who holds which post on the first day, with their length of
// service and age, and which first-day vacancies already have agency cover.
#include <algorithm>
#include <cmath>

#include "models/simulation.h"

namespace wfsim::model {

namespace {

// England 2024 (DfE, share of FTE), used when the scenario gives no shares.
const double kDefaultBands[][3] = {{20, 30, 0.153}, {30, 40, 0.301}, {40, 50, 0.263}, {50, 60, 0.206}, {60, 68, 0.077}};

}  // namespace

double Simulation::draw_age(engine::Stream& s) const {
    double u = s.uniform(), acc = 0;
    for (std::size_t i = 0; i < age_bands_.size(); ++i) {
        const AgeBand& b = age_bands_[i];
        acc += b.share;
        if (u < acc || i + 1 == age_bands_.size()) {
            const double hi = std::min(b.hi, max_age_);
            const double lo = std::min(b.lo, hi);
            return lo + (hi - lo) * s.uniform();
        }
    }
    return 40;
}

void Simulation::place_initial_staff() {
    const params::Params init = params::Params(tree_, "").at("initial_staff");
    engine::Stream& rng = streams_[kStreamInitialStaff];
    // Ages: bands "20-29" cover 20 up to 30; "60+" covers 60 up to 68, and
    // nobody is drawn at or above the retirement age.
    age_bands_.clear();
    params::Params shares = init.at("age.shares");
    for (const auto& key : shares.keys()) {
        int lo = 0, hi = 0;
        if (std::sscanf(key.c_str(), "%d-%d", &lo, &hi) == 2) age_bands_.push_back({double(lo), double(hi + 1), shares.number(key)});
        else if (std::sscanf(key.c_str(), "%d+", &lo) == 1) age_bands_.push_back({double(lo), double(lo + 8), shares.number(key)});
    }
    if (age_bands_.empty())
        for (const auto& b : kDefaultBands) age_bands_.push_back({b[0], b[1], b[2]});
    max_age_ = std::isfinite(cfg_->leaving.retirement_age) ? cfg_->leaving.retirement_age - 0.01 : 75.0;
    first_day_cover_share_ = init.has("agency_covered") ? init.number("agency_covered") : -1.0;
    running_start_ = init.str("start_as") == "running";
    const bool exponential = init.str("tenure.distribution") == "exponential";
    const double mean_tenure = init.days("tenure.mean");

    // Settles a first-day worker: the ASYE year under way, supplements, progression, leaving.
    auto settle = [&](std::int32_t id, double age_years) {
        Person& p = people_[static_cast<std::size_t>(id)];
        p.birth = -age_years * params::kDaysPerYear;
        // A worker of an ASYE grade they leave after the year is in it (one
        // whose year is already over, listed or in an old cohort, finishes it
        // on the first day); of an ASYE grade they stay in, only while within it.
        const AsyeConfig& asye = cfg_->asye;
        if (p.grade == asye.grade && (asye.next_grade != asye.grade || p.service_start + asye.length_days > 0))
            start_asye(id, p.service_start + asye.length_days);
        if (supplement_due(p, kSameMoment)) {
            p.supplement = true;
            supplement_fte_by_grade_[static_cast<std::size_t>(p.grade)] += p.fte;
            cell(p.team, p.grade).supplement += p.fte;
        }
        if (running_start_) backdate_payments(id);
        schedule_progression(id);
        reschedule_leaving(id);
    };

    std::vector<std::int32_t> vacant;
    if (!staff_list_path().empty()) {
        listed_notice_.clear();
        listed_appointees_.clear();
        for (const auto& l : listed_) {
            if (l.service_start > 0) {  // appointed, not yet started
                listed_appointees_.push_back({l.post, l.service_start});
                continue;
            }
            const std::int32_t id = add_person(l.post, l.grade, l.service_start, 0, Route::Initial);
            settle(id, l.age_years);
            if (std::isfinite(l.leave_at)) listed_notice_.push_back({id, l.leave_at});
        }
        list_states_notice_ = !listed_notice_.empty();
        list_states_appointees_ = !listed_appointees_.empty();
        for (std::size_t i = 0; i < posts_.size(); ++i)
            if (posts_[i].holder == kNone) vacant.push_back(static_cast<std::int32_t>(i));
    } else {
        // Vacancies of each grade spread over teams in proportion to their posts
        // (largest remainder), taken from the end of each team's posts.
        const std::size_t G = cfg_->grades.size(), T = teams_.size();
        std::vector<std::vector<FirstDayCohort>> cohorts = first_day_cohorts(init);
        for (std::size_t g = 0; g < G; ++g) {
            const double v = init.number("vacancies." + cfg_->names.grades[g]);
            std::vector<std::vector<std::int32_t>> by_team(T);
            double total = 0;
            for (std::size_t i = 0; i < posts_.size(); ++i)
                if (static_cast<std::size_t>(posts_[i].grade) == g) {
                    by_team[static_cast<std::size_t>(posts_[i].team)].push_back(static_cast<std::int32_t>(i));
                    total += posts_[i].fte;
                }
            std::vector<double> want(T, 0);
            for (std::size_t t = 0; t < T; ++t) {
                double fte = 0;
                for (auto id : by_team[t]) fte += posts_[static_cast<std::size_t>(id)].fte;
                want[t] = total > 0 ? v * fte / total : 0;
            }
            // Whole FTE go to teams in proportion to their posts, by largest
            // remainder; a fraction of an FTE to the next team in that order.
            const double units = std::floor(v + 1e-9);
            std::vector<double> vacant_fte(T, 0);
            std::vector<std::pair<double, std::size_t>> rema;
            double given = 0;
            for (std::size_t t = 0; t < T; ++t) {
                const double exact = total > 0 ? units * want[t] / std::max(v, 1e-12) : 0.0;
                vacant_fte[t] = std::floor(exact + 1e-9);
                given += vacant_fte[t];
                rema.push_back({exact - vacant_fte[t], t});
            }
            std::stable_sort(rema.begin(), rema.end(), [](auto& a, auto& b) { return a.first > b.first; });
            std::size_t next = 0;
            for (; next < rema.size() && given < units - 0.5; ++next, given += 1) vacant_fte[rema[next].second] += 1;
            if (v - units > 1e-9 && !rema.empty()) vacant_fte[rema[next % rema.size()].second] += v - units;
            double unplaced = total - v;  // FTE of the grade's staff still to place (for the cohorts)
            for (std::size_t t = 0; t < T; ++t) {
                // Vacancies are taken from the end of the team's posts; a post
                // only partly vacant is split into a held part and a vacant part.
                double rem = vacant_fte[t];
                std::vector<bool> is_vacant(by_team[t].size(), false);
                for (std::size_t k = by_team[t].size(); k-- > 0 && rem > 1e-9;) {
                    Post& post = posts_[static_cast<std::size_t>(by_team[t][k])];
                    if (rem >= post.fte - 1e-9) {
                        is_vacant[k] = true;
                        rem -= post.fte;
                    } else {
                        post.fte -= rem;
                        teams_[t].establishment -= rem;
                        cell(static_cast<int>(t), static_cast<int>(g)).establishment -= rem;
                        vacant.push_back(add_post(static_cast<int>(t), static_cast<int>(g), rem));
                        rem = 0;
                    }
                }
                for (std::size_t k = 0; k < by_team[t].size(); ++k) {
                    const std::int32_t post = by_team[t][k];
                    if (is_vacant[k]) {
                        vacant.push_back(post);
                        continue;
                    }
                    const double age = draw_age(rng);
                    double service;
                    const double started = draw_cohort(cohorts[g], posts_[static_cast<std::size_t>(post)].fte, unplaced);
                    // Cohorts started on their day; workers of an ASYE grade
                    // they leave after the year are at a uniform point of it;
                    // otherwise service follows tenure.
                    if (std::isfinite(started)) service = -started;
                    else if (static_cast<int>(g) == cfg_->asye.grade && cfg_->asye.next_grade != cfg_->asye.grade)
                        service = rng.uniform() * cfg_->asye.length_days;
                    else if (exponential) service = mean_tenure > 0 ? rng.exponential(1.0 / mean_tenure) : 0.0;
                    else service = 2 * mean_tenure * rng.uniform();
                    // Nobody qualified before 21.
                    if (!std::isfinite(started)) service = std::min(service, std::max(0.0, (age - 21) * params::kDaysPerYear));
                    const std::int32_t id = add_person(post, static_cast<int>(g), -service, 0, Route::Initial);
                    settle(id, age);
                }
            }
        }
    }
    if (running_start_) {
        place_first_day_notice();
        open_first_day_vacancies(std::move(vacant));
        return;
    }
    // A service opening on the start date: every vacancy is advertised on the
    // first day, and some already have agency cover.
    std::sort(vacant.begin(), vacant.end());
    engine::Stream& agency = streams_[kStreamAgency];
    const double cover_share =
        first_day_cover_share_ >= 0 ? first_day_cover_share_ : cfg_->agency.effective_fill_probability();
    for (std::int32_t post : vacant) {
        if (cfg_->agency.fill_probability > 0 && agency.bernoulli(cover_share)) cover_or_queue(post);
        start_vacancy(post, false, /*seek_cover=*/false);  // the first-day cover draw was made above
    }
}

}  // namespace wfsim::model
