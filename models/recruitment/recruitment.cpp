// Recruitment: an advert per vacancy; applicants, appointability and offer
// acceptance decide whether it succeeds; an appointee starts after
// pre-employment checks; a failed advert is placed again.
#include <cmath>

#include "models/simulation.h"

namespace wfsim::model {

RecruitmentConfig read_recruitment(const params::Params& p, const Names& n) {
    RecruitmentConfig c;
    const std::string m = p.str("method");
    c.method = m == "campaign" ? RecruitmentConfig::Method::Campaign
               : m == "fixed_delay" ? RecruitmentConfig::Method::FixedDelay
                                    : RecruitmentConfig::Method::None;
    c.time_to_fill_days = p.days("time_to_fill");
    c.start_on_notice = p.flag("start_on_notice");
    c.advert_days = p.days("advert.length");
    c.advert_cost = p.money("advert.cost");
    for (const auto& g : n.grades) c.applicants.push_back(p.number("applicants_per_advert." + g));
    c.applicant_elasticity = p.number("applicant_pay_elasticity");
    c.marketing_multiplier = p.number("marketing_multiplier");
    c.marketing_cost = p.money("marketing_cost");
    c.appointable = p.number("appointable");
    c.acceptance = p.number("offer_acceptance");
    c.acceptance_elasticity = p.number("acceptance_pay_elasticity");
    c.pre_employment_days = p.days("pre_employment");
    c.readvertise_days = p.days("readvertise_after");
    c.cost_per_hire = p.money("cost_per_hire");
    c.early_rate = p.number("early_leaving.rate");
    c.early_period_days = p.days("early_leaving.period");
    c.induction_multiplier = p.number("early_leaving.induction_multiplier");
    return c;
}

double Simulation::campaign_success_probability(int grade) const { return advert_success_[static_cast<std::size_t>(grade)]; }

void Simulation::refresh_derived() {
    const std::size_t G = cfg_->grades.size();
    grades_now_.resize(G);
    for (std::size_t g = 0; g < G; ++g) grades_now_[g] = pay_.grade(cfg_->grades[g], g);
    agency_now_ = cfg_->agency;
    agency_now_.cost_per_year = pay_.agency_cost(cfg_->agency.cost_per_year);
    pay_multiplier_.assign(G, 1.0);
    pay_multiplier_supplement_.assign(G, 1.0);
    advert_success_.assign(G, 0.0);
    for (std::size_t g = 0; g < G; ++g) {
        const Grade& grade = grades_now_[g];
        if (cfg_->leaving.pay_elasticity != 0) {
            pay_multiplier_[g] = std::pow(grade.pay_ratio(0), cfg_->leaving.pay_elasticity);
            pay_multiplier_supplement_[g] =
                std::pow(grade.pay_ratio(cfg_->retention.supplement_share), cfg_->leaving.pay_elasticity);
        }
        advert_success_[g] = advert_success(static_cast<int>(g));
    }
}

double Simulation::advert_success(int grade) const {
    const RecruitmentConfig& r = cfg_->recruitment;
    const auto g = static_cast<std::size_t>(grade);
    const double ratio = grades_now_[g].pay_ratio(0);
    const double applicants = r.applicants[g] * r.marketing_multiplier * std::pow(ratio, r.applicant_elasticity);
    double accept = r.acceptance * std::pow(ratio, r.acceptance_elasticity);
    accept *= cfg_->retention.hello_acceptance_factor(g, cfg_->grades[g].salary);
    accept = std::min(1.0, accept);
    // Appointable, accepting applicants are a thinned Poisson count: the
    // advert succeeds when there is at least one.
    const double mean = applicants * r.appointable * accept;
    return 1.0 - std::exp(-mean);
}

void Simulation::start_campaign(std::int32_t id) {
    Post& post = posts_[static_cast<std::size_t>(id)];
    // An advert nobody can answer is not placed; a later intervention that
    // brings applicants starts it (apply_config_change).
    if (campaign_success_probability(post.grade) <= 0) return;
    post.campaign = true;
    on_advert_start(post_payload(id));
}

// An advert's events are stale once its post's campaign ended or was cancelled.
bool Simulation::advert_live(std::uint64_t payload) const {
    const Post& post = posts_[static_cast<std::size_t>(payload & 0xffffffffu)];
    return post.version == static_cast<std::uint32_t>(payload >> 32) && post.campaign;
}

void Simulation::on_advert_start(std::uint64_t payload) {
    const auto id = static_cast<std::int32_t>(payload & 0xffffffffu);
    Post& post = posts_[static_cast<std::size_t>(id)];
    ledger_.lump(kRecruitment, cfg_->recruitment.advert_cost);
    group_lump(post.grade, post.team, kRecruitment, cfg_->recruitment.advert_cost);
    kernel_.schedule(now() + cfg_->recruitment.advert_days, kind_.advert_end, payload);
}

void Simulation::on_advert_end(std::uint64_t payload) {
    const auto id = static_cast<std::int32_t>(payload & 0xffffffffu);
    Post& post = posts_[static_cast<std::size_t>(id)];
    if (post.removed || post.to_remove) {
        post.campaign = false;
        return;
    }
    const double p = campaign_success_probability(post.grade);
    if (streams_[kStreamRecruitment].bernoulli(p)) {
        post.campaign = false;
        post.incoming = true;
        kernel_.schedule(now() + cfg_->recruitment.pre_employment_days, kind_.starter, payload, 1);
    } else if (p <= 0) {
        post.campaign = false;
    } else {
        kernel_.schedule(now() + cfg_->recruitment.readvertise_days, kind_.advert_start, payload);
    }
}

bool Simulation::starter_live(std::uint64_t payload) const {
    const Post& post = posts_[static_cast<std::size_t>(payload & 0xffffffffu)];
    return post.version == static_cast<std::uint32_t>(payload >> 32) && post.incoming && !post.removed;
}

void Simulation::on_starter_arrive(std::uint64_t payload) {
    const auto id = static_cast<std::int32_t>(payload & 0xffffffffu);
    Post& post = posts_[static_cast<std::size_t>(id)];
    if (post.holder != kNone) {
        // The leaver is still working their notice: start the day they go.
        const Person& leaver = people_[static_cast<std::size_t>(post.holder)];
        kernel_.schedule(std::max(now(), leaver.exit_at), kind_.starter, payload, 1);
        return;
    }
    const std::int32_t person = add_person(id, post.grade, now(), 0, Route::Recruited);
    people_[static_cast<std::size_t>(person)].birth = now() - draw_age(streams_[kStreamStarters]) * params::kDaysPerYear;
    ledger_.lump(kRecruitment, cfg_->recruitment.cost_per_hire);
    group_lump(post.grade, post.team, kRecruitment, cfg_->recruitment.cost_per_hire);
    on_starter_payments(person);
    settle_starter(person);
}

void Simulation::settle_starter(std::int32_t id) {
    if (people_[static_cast<std::size_t>(id)].grade == cfg_->asye.grade) start_asye(id, now() + cfg_->asye.length_days);
    schedule_progression(id);
    reschedule_leaving(id);
}

}  // namespace wfsim::model
