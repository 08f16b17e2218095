// The first day as a snapshot of a service already running (DESIGN.md, "The
// starting state"). A service that has run for years has, on any day, some
// staff working their notice, vacancies at every point of their recruitment
// (an advert running, between adverts, an appointee in pre-employment checks)
// and agency cover at every point of its own cycle. Starting every vacancy
// at the beginning of its recruitment instead puts all adverts in step: the
// first months show a wave of spend and starters that the service never had.
//
// Each first-day post is given the state it would have at a random moment of
// its own cycle in steady state, from the scenario's own rates:
//   - a holder is on notice with probability hN / (1 + hN) (hazard h per day,
//     notice N days: the share of a holder's time spent on notice), with the
//     notice left uniform on (0, N);
//   - a vacancy's recruitment is a run of adverts of length A, each followed
//     on failure by a pause R, until one succeeds (probability p each) and the
//     appointee arrives P later. A vacancy is seen at a moment chosen in
//     proportion to its length (the inspection paradox), so the number of
//     adverts K is drawn with weight P(K) x (time the post stood vacant), and
//     the moment uniformly within that time. With `start_on_notice` the
//     campaign began when the leaver gave notice, N before the post emptied;
//   - agency cover is requested `fill_delay` after the post empties and is
//     found with the fill probability; an assignment ends at the agency
//     leaving rate and cover is requested again. Its state at the vacancy's
//     age is drawn by running that small cycle forward from the emptying.
// These are exact for a post whose holder's hazard is constant, with no
// supply limit and no conversion of agency workers; otherwise they are the
// steady state of the same cycle at the first day's rates.
#include <algorithm>
#include <cmath>

#include "models/simulation.h"

namespace wfsim::model {

namespace {

// Adverts beyond this many are not told apart (their weight is below 1e-12
// unless an advert almost never succeeds, when the vacancy is all but
// permanent anyway).
constexpr int kMaxAdverts = 20000;

}  // namespace

double Simulation::campaign_head_start() const {
    const RecruitmentConfig& rc = cfg_->recruitment;
    return rc.start_on_notice ? cfg_->leaving.notice_days : 0.0;
}

const std::vector<double>& Simulation::advert_count_weights(int grade, bool appointed_excluded) {
    auto& table = advert_weights_[2 * static_cast<std::size_t>(grade) + (appointed_excluded ? 1 : 0)];
    if (!table.empty()) return table;
    const double p = campaign_success_probability(grade), head = campaign_head_start();
    // Cumulative weights of K = 1, 2, ...: P(K) x the time the post stands
    // vacant, max(0, T_K - head); without the pre-employment at its end when
    // the appointees are stated (initial_staff.appointed).
    double fail_k = 1, total = 0;
    for (int k = 1; k <= kMaxAdverts; ++k) {
        const double length = campaign_length(k, !appointed_excluded);
        total += fail_k * p * std::max(0.0, length - head);
        table.push_back(total);
        fail_k *= 1 - p;
        if (fail_k < 1e-12 && length > head) break;
    }
    return table;
}

double Simulation::campaign_length(int adverts, bool with_pre_employment) const {
    const RecruitmentConfig& rc = cfg_->recruitment;
    return (adverts - 1) * (rc.advert_days + rc.readvertise_days) + rc.advert_days +
           (with_pre_employment ? rc.pre_employment_days : 0.0);
}

std::uint64_t Simulation::post_payload(std::int32_t post) const {
    return static_cast<std::uint64_t>(post) | (std::uint64_t(posts_[static_cast<std::size_t>(post)].version) << 32);
}

engine::EntityStream Simulation::post_stream(std::int32_t post) const {
    return engine::EntityStream(options_.seed, options_.replication, kStreamStartingState, static_cast<std::uint64_t>(post));
}

engine::EntityStream Simulation::person_stream(std::int32_t person) const {
    // Persons and posts are kept apart by the top bit of the index.
    return engine::EntityStream(options_.seed, options_.replication, kStreamStartingState,
                                (std::uint64_t(1) << 63) | static_cast<std::uint64_t>(person));
}

void Simulation::open_first_day_vacancy(std::int32_t post_id, bool appointed_excluded) {
    Post& post = posts_[static_cast<std::size_t>(post_id)];
    engine::EntityStream rng = post_stream(post_id);
    const RecruitmentConfig& rc = cfg_->recruitment;
    mark_vacant(post_id);
    double age = -1;  // days since the post emptied, when it can be told
    if (rc.method == RecruitmentConfig::Method::Campaign && campaign_success_probability(post.grade) > 0) {
        const std::vector<double>& w = advert_count_weights(post.grade, appointed_excluded);
        if (w.back() > 0) {
            const double pick = rng.uniform() * w.back();
            const auto adverts = static_cast<int>(std::upper_bound(w.begin(), w.end(), pick) - w.begin()) + 1;
            const double head = campaign_head_start();
            age = rng.uniform() * (campaign_length(adverts, !appointed_excluded) - head);
            place_campaign(post_id, head + age, adverts, rng);
        }
    } else if (rc.method == RecruitmentConfig::Method::FixedDelay) {
        // Every vacancy lasts exactly the time to fill: its age is uniform within it.
        age = rng.uniform() * rc.time_to_fill_days;
        post.incoming = true;
        kernel_.schedule(now() + rc.time_to_fill_days - age, kind_.starter,
                         post_payload(post_id), 1);
    }
    if (age < 0) {
        // A vacancy that nobody is recruiting to has no steady state of its
        // own: it is covered with the fill probability (or the scenario's
        // `agency_covered`), and advertised afresh if adverts can succeed.
        cover_by_share(post_id, first_day_cover_share_ >= 0 ? first_day_cover_share_ : cfg_->agency.effective_fill_probability(),
                       rng);
        if (rc.method == RecruitmentConfig::Method::Campaign) start_campaign(post_id);
        return;
    }
    open_cover(post_id, age, rng);
}

void Simulation::open_appointed_vacancy(std::int32_t post_id) {
    Post& post = posts_[static_cast<std::size_t>(post_id)];
    engine::EntityStream rng = post_stream(post_id);
    const RecruitmentConfig& rc = cfg_->recruitment;
    mark_vacant(post_id);
    const double waited = rng.uniform() * rc.pre_employment_days;  // of the pre-employment checks
    post.incoming = true;
    kernel_.schedule(now() + rc.pre_employment_days - waited, kind_.starter,
                     post_payload(post_id), 1);
    // How long the post has stood vacant, for its cover: its campaign took a
    // geometric number of adverts (less the head start from the notice).
    const double p = campaign_success_probability(post.grade);
    int adverts = 1;
    while (p > 0 && p < 1 && adverts < kMaxAdverts && !rng.bernoulli(p)) ++adverts;
    open_cover(post_id, std::max(0.0, campaign_length(adverts, false) + waited - campaign_head_start()), rng);
}

void Simulation::open_cover(std::int32_t post_id, double age, engine::EntityStream& rng) {
    posts_[static_cast<std::size_t>(post_id)].emptied_at = now() - age;
    if (first_day_cover_share_ >= 0) cover_by_share(post_id, first_day_cover_share_, rng);
    else place_cover(post_id, age, rng);
}

void Simulation::place_campaign(std::int32_t post_id, double elapsed, int adverts, engine::EntityStream& rng) {
    Post& post = posts_[static_cast<std::size_t>(post_id)];
    const RecruitmentConfig& rc = cfg_->recruitment;
    const std::uint64_t payload = post_payload(post_id);
    const double p = campaign_success_probability(post.grade);
    double advert_start = 0;  // on the campaign's clock, which began `elapsed` days ago
    for (int k = 1;; ++k) {
        const double advert_end = advert_start + rc.advert_days;
        if (elapsed < advert_end) {  // an advert is running (its cost was paid before the start)
            post.campaign = true;
            kernel_.schedule(now() + advert_end - elapsed, kind_.advert_end, payload);
            return;
        }
        const bool success = adverts > 0 ? k >= adverts : rng.bernoulli(p);
        if (success) {  // appointed: the starter arrives after pre-employment (or when the leaver goes)
            post.incoming = true;
            kernel_.schedule(now() + std::max(0.0, advert_end + rc.pre_employment_days - elapsed), kind_.starter,
                             payload, 1);
            return;
        }
        if (elapsed < advert_end + rc.readvertise_days) {  // between adverts
            post.campaign = true;
            kernel_.schedule(now() + advert_end + rc.readvertise_days - elapsed, kind_.advert_start, payload);
            return;
        }
        advert_start = advert_end + rc.readvertise_days;
    }
}

void Simulation::place_cover(std::int32_t post_id, double age, engine::EntityStream& rng) {
    const AgencyConfig& a = cfg_->agency;
    if (a.fill_probability <= 0) return;
    const double end_rate = (a.leaving_rate + a.conversion_rate) / params::kDaysPerYear;
    const double q = a.effective_fill_probability();
    // Cover is asked for fill_delay after the post empties, and again after
    // each assignment ends; a request that finds nobody is not repeated.
    for (double asked = a.fill_delay_days;;) {
        if (asked > age) {
            request_cover(post_id, asked - age);  // a request still on its way
            return;
        }
        if (!rng.bernoulli(q)) return;
        const double ends = end_rate > 0 ? asked + rng.exponential(end_rate) : kNever;
        if (ends > age) {
            cover_or_queue(post_id);  // part-way through an assignment (its end is memoryless)
            return;
        }
        asked = ends + a.fill_delay_days;
    }
}

void Simulation::cover_by_share(std::int32_t post_id, double share, engine::EntityStream& rng) {
    if (cfg_->agency.fill_probability > 0 && rng.bernoulli(share)) cover_or_queue(post_id);
}

void Simulation::maybe_on_notice(std::int32_t id) {
    const Person& p = people_[static_cast<std::size_t>(id)];
    const double notice = cfg_->leaving.notice_days;
    if (p.state != PersonState::InPost || notice <= 0 || p.rate <= 0) return;
    engine::EntityStream rng = person_stream(id);
    const double u = rng.uniform(), left = rng.uniform() * notice;
    if (u < p.rate * notice / (1 + p.rate * notice)) on_notice_at_start(id, now() + left, rng);
}

void Simulation::on_notice_at_start(std::int32_t id, double exit_at, engine::EntityStream& rng) {
    const Person& p = people_[static_cast<std::size_t>(id)];
    const double retire = rng.uniform(), where = rng.uniform();
    begin_notice(id, retire < p.retire_share ? kRetirement : destination_of(where), exit_at);
    // With `start_on_notice` the post's campaign began with the notice; for a
    // listed leaving date further off than the notice period it begins a
    // notice period before the date.
    const RecruitmentConfig& rc = cfg_->recruitment;
    Post& post = posts_[static_cast<std::size_t>(p.post)];
    if (rc.method != RecruitmentConfig::Method::Campaign || !rc.start_on_notice || post.to_remove ||
        campaign_success_probability(post.grade) <= 0)
        return;
    const double begins = exit_at - cfg_->leaving.notice_days;
    if (begins > now()) {
        post.campaign = true;
        kernel_.schedule(begins, kind_.advert_start, post_payload(p.post));
    } else {
        place_campaign(p.post, now() - begins, 0, rng);
    }
}

void Simulation::backdate_payments(std::int32_t id) {
    Person& p = people_[static_cast<std::size_t>(id)];
    const RetentionConfig& r = cfg_->retention;
    for (std::size_t s = 0; s < r.bonuses.size(); ++s) {
        const BonusScheme& b = r.bonuses[s];
        const double due = p.service_start + b.at_service_days;
        // Paid before the start (so not in this run's spend), by a scheme then
        // running, recently enough that its clawback or after-effect still holds.
        if (!b.grades[static_cast<std::size_t>(p.grade)] || due >= 0 || due < b.from || due >= b.until ||
            -due >= std::max(b.clawback_days, b.after_days))
            continue;
        p.payments.push_back({due, b.amount, b.clawback_days, b.clawback_share, b.taper, static_cast<std::int16_t>(s)});
        p.paid_total += b.amount;
    }
}

void Simulation::place_first_day_notice() {
    const params::Params counts = params::Params(tree_, "").at("initial_staff.on_notice");
    const std::size_t G = cfg_->grades.size();
    std::vector<double> stated(G, -1);  // FTE to put on notice, per grade; -1: the steady-state share
    for (std::size_t g = 0; g < G; ++g)
        if (counts.has(cfg_->names.grades[g])) stated[g] = counts.number(cfg_->names.grades[g]);
    // Whole people chosen without replacement until the stated FTE is reached.
    std::vector<double> in_post(G, 0);
    for (const Person& p : people_)
        if (p.state == PersonState::InPost) in_post[static_cast<std::size_t>(p.grade)] += p.fte;
    engine::Stream& rng = streams_[kStreamStartingState];
    if (list_states_notice_) {  // the staff list says who is leaving, and when
        for (const auto& [id, exit_at] : listed_notice_) {
            engine::EntityStream own = person_stream(id);
            on_notice_at_start(id, exit_at, own);
        }
        return;
    }
    for (std::size_t i = 0; i < people_.size(); ++i) {
        const Person& p = people_[i];
        const auto g = static_cast<std::size_t>(p.grade);
        if (p.state != PersonState::InPost) continue;
        const auto id = static_cast<std::int32_t>(i);
        if (stated[g] < 0) {
            maybe_on_notice(id);
            continue;
        }
        const bool chosen = stated[g] > 1e-9 && rng.uniform() * in_post[g] < stated[g];
        in_post[g] -= p.fte;
        if (!chosen) continue;
        stated[g] -= p.fte;
        engine::EntityStream own = person_stream(id);
        on_notice_at_start(id, now() + own.uniform() * cfg_->leaving.notice_days, own);
    }
}

void Simulation::open_first_day_vacancies(std::vector<std::int32_t> vacant) {
    std::sort(vacant.begin(), vacant.end());
    advert_weights_.assign(2 * cfg_->grades.size(), {});
    const params::Params counts = params::Params(tree_, "").at("initial_staff.appointed");
    const std::size_t G = cfg_->grades.size();
    std::vector<double> stated(G, -1), open(G, 0);  // appointed FTE to place; vacant FTE left to visit
    for (std::size_t g = 0; g < G; ++g)
        if (counts.has(cfg_->names.grades[g])) stated[g] = counts.number(cfg_->names.grades[g]);
    for (std::int32_t post : vacant) open[static_cast<std::size_t>(posts_[static_cast<std::size_t>(post)].grade)] +=
        posts_[static_cast<std::size_t>(post)].fte;
    engine::Stream& rng = streams_[kStreamStartingState];
    for (const auto& [post, start_day] : listed_appointees_) {  // the staff list's appointees
        Post& p = posts_[static_cast<std::size_t>(post)];
        mark_vacant(post);
        p.incoming = true;
        kernel_.schedule(start_day, kind_.starter, post_payload(post), 1);
        engine::EntityStream own = post_stream(post);
        open_cover(post, 0, own);  // how long it has stood vacant is not listed: cover as for a new vacancy
    }
    for (std::int32_t post : vacant) {
        const Post& p = posts_[static_cast<std::size_t>(post)];
        const auto g = static_cast<std::size_t>(p.grade);
        if (p.incoming) continue;  // a listed appointee, placed above
        if (list_states_appointees_) {
            open_first_day_vacancy(post, true);
            continue;
        }
        if (stated[g] < 0) {
            open_first_day_vacancy(post, false);
            continue;
        }
        const bool appointed = stated[g] > 1e-9 && rng.uniform() * open[g] < stated[g];
        open[g] -= p.fte;
        if (appointed) {
            stated[g] -= p.fte;
            open_appointed_vacancy(post);
        } else {
            open_first_day_vacancy(post, true);
        }
    }
}

std::vector<std::vector<Simulation::FirstDayCohort>> Simulation::first_day_cohorts(const params::Params& init) const {
    std::vector<std::vector<FirstDayCohort>> out(cfg_->grades.size());
    for (const auto& c : init.at("cohorts").items())
        out[static_cast<std::size_t>(cfg_->names.grade(c.str("grade")))].push_back(
            {cfg_->day_of(c.date("started")), c.number("fte")});
    return out;
}

double Simulation::draw_cohort(std::vector<FirstDayCohort>& cohorts, double fte, double& unplaced) {
    double started = kNever;
    if (!cohorts.empty()) {
        double u = streams_[kStreamStartingState].uniform() * unplaced;
        for (FirstDayCohort& c : cohorts) {
            if (c.fte > 1e-9 && u < c.fte) {
                started = c.started;
                c.fte -= fte;
                break;
            }
            u -= std::max(0.0, c.fte);
        }
    }
    unplaced -= fte;
    return started;
}

}  // namespace wfsim::model
