// Set-up, the run, and the bookkeeping every mechanism shares: who holds
// which post, team counts, cost rates and the monthly snapshot.
#include "models/simulation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "models/costs/prices.h"
#include "models/uncertainty.h"

namespace wfsim::model {

// Every handler accrues costs up to now first and refreshes cost rates after,
// so spend is exact in continuous time whatever the handler changes.
template <void (Simulation::*F)(std::uint64_t), bool (Simulation::*Live)(std::uint64_t) const>
struct Simulation::Bound final : engine::Handler {
    Simulation* sim;
    explicit Bound(Simulation* s) : sim(s) {}
    bool handle(const engine::Event& e, engine::Kernel&) override {
        if (!(sim->*Live)(e.payload)) return false;
        sim->advance();
        (sim->*F)(e.payload);
        if (sim->costs_dirty_) sim->update_cost_rates();
        return true;
    }
};

namespace {

void apply_months(Config& cfg, int months) {
    if (months <= 0) return;
    cfg.horizon_months = months;
    cfg.horizon_days = cfg.day_of(params::add_months(cfg.start, months));
}

}  // namespace

Calendar calendar_for(const params::Tree& scenario, int months) {
    // Only start and horizon matter, and neither may be uncertain, so the
    // calendar is known before any replication samples its parameters.
    const params::Params p(&scenario, "");
    Config cfg;
    cfg.start = p.date("start");
    const params::Duration h = p.duration("horizon");
    cfg.horizon_days = h.whole_months() ? cfg.day_of(params::add_months(cfg.start, *h.whole_months())) : h.days();
    apply_months(cfg, months);
    return make_calendar(cfg.start, cfg.horizon_days);
}

Simulation::Simulation(const params::Tree& scenario, const std::string& scenario_dir, const RunOptions& options)
    : owned_(std::make_unique<PreparedScenario>(scenario, scenario_dir, options.months)),
      prepared_(owned_.get()), scenario_dir_(scenario_dir), options_(options) {
    set_up();
}

Simulation::Simulation(const PreparedScenario& prepared, const RunOptions& options)
    : prepared_(&prepared), scenario_dir_(prepared.scenario_dir()), options_(options) {
    if (options.months != prepared.months())
        throw std::invalid_argument("Simulation: prepared for " + std::to_string(prepared.months()) + " months, run for " +
                                    std::to_string(options.months));
    set_up();
}

void Simulation::set_up() {
    for (std::uint64_t id = 0; id < kStreamCount; ++id) streams_.emplace_back(options_.seed, options_.replication, id);
    if (prepared_->shared()) {
        tree_ = &prepared_->tree();
        cfg_ = &prepared_->config();
    } else {
        own_tree_ = prepared_->scenario();
        sample_uncertain(own_tree_, options_.seed, options_.replication);
        own_cfg_ = settings_of(own_tree_, options_.months);
        tree_ = &own_tree_;
        cfg_ = &own_cfg_;
        own_settings_ = true;
    }
    calendar_ = &prepared_->calendar();
    pay_.reset(cfg_->grades.size());
    refresh_derived();
    register_handlers();
    const std::size_t g = cfg_->names.grades.size(), t = cfg_->names.teams.size();
    teams_.assign(t, TeamState{});
    cells_.assign(t * g, Cell{});
    open_posts_.assign(t * g, {});
    perm_fte_by_grade_.assign(g, 0);
    supplement_fte_by_grade_.assign(g, 0);
    supply_limit_ = cfg_->agency.supply_limit;
    const std::vector<double> deflator = deflators(*tree_, *calendar_);
    ledger_.init(calendar_->ends_of_months(), calendar_->fy_starts, deflator);
    group_spend_.init(calendar_->ends_of_months(), calendar_->fy_starts,
                      options_.breakdown.by_grade || options_.breakdown.by_team ? g + t : 0, deflator);
    trainee_rate_by_cell_.assign(g * (t + 1), 0.0);
    build_posts();
    place_initial_staff();
    schedule_dated_events();
    for (std::size_t team = 0; team < teams_.size(); ++team) update_absence_cover(team);
    update_cost_rates();
}

void Simulation::register_handlers() {
    auto add = [&](engine::Handler* h) {
        handlers_.emplace_back(h);
        return kernel_.add_handler(h);
    };
    kind_.person = add(new Bound<&Simulation::on_person_event, &Simulation::person_event_live>(this));
    kind_.leave = add(new Bound<&Simulation::on_leave_effective>(this));
    kind_.agency_arrive = add(new Bound<&Simulation::on_agency_arrive, &Simulation::agency_arrive_live>(this));
    kind_.agency_end = add(new Bound<&Simulation::on_agency_end, &Simulation::agency_end_live>(this));
    kind_.advert_start = add(new Bound<&Simulation::on_advert_start, &Simulation::advert_live>(this));
    kind_.advert_end = add(new Bound<&Simulation::on_advert_end, &Simulation::advert_live>(this));
    kind_.starter = add(new Bound<&Simulation::on_starter_arrive, &Simulation::starter_live>(this));
    kind_.intake = add(new Bound<&Simulation::on_pipeline_intake>(this));
    kind_.join = add(new Bound<&Simulation::on_pipeline_join>(this));
    kind_.asye_end = add(new Bound<&Simulation::on_asye_end>(this));
    kind_.progression = add(new Bound<&Simulation::on_progression, &Simulation::progression_live>(this));
    kind_.supply_add = add(new Bound<&Simulation::on_supply_add>(this));
    kind_.pressure = add(new Bound<&Simulation::on_pressure_review>(this));
    kind_.intervention = add(new Bound<&Simulation::on_intervention>(this));
    kind_.establishment = add(new Bound<&Simulation::on_establishment_change>(this));
    kind_.recompute = add(new Bound<&Simulation::on_recompute_all>(this));
    kind_.pay_step = add(new Bound<&Simulation::on_pay_step>(this));
    kind_.team_leaving = add(new Bound<&Simulation::on_team_leaving, &Simulation::team_leaving_live>(this));
}

ReplicationResult Simulation::run() {
    const std::size_t points = calendar_->months() + 1;  // months 0..M
    layout_ = SeriesLayout(cfg_->names, options_.breakdown);
    result_.monthly.assign(layout_.count(), std::vector<double>(points, 0.0));
    // Month 0: the service as set up on the start date, before any event
    // (those at day 0 too). Flows have covered no time yet.
    for (int k = 0; k < kMetrics; ++k)
        if (!has_value_at_start(k)) result_.monthly[static_cast<std::size_t>(k)][0] = std::nan("");
    const Stocks start = count_stocks(0.0);
    record_stocks(0, start);
    record_groups(0, 0.0);
    if (options_.check_invariants) check_month(0, start);
    leavers_by_month_.assign(points, 0.0);
    kernel_.subscribe(this);
    kernel_.run(cfg_->horizon_days, calendar_->ends_of_months());
    result_.financial_years = ledger_.financial_years();
    record_group_years();
    result_.events = kernel_.events_processed();
    return std::move(result_);
}

void Simulation::advance() {
    ledger_.advance(now());
    if (group_spend_.on()) group_spend_.advance(now());
}

void Simulation::update_cost_rates() {
    costs_dirty_ = false;
    constexpr double kYear = params::kDaysPerYear;
    double perm = 0, perm_fte = 0, supplement = 0;
    for (std::size_t g = 0; g < cfg_->grades.size(); ++g) {
        perm += perm_fte_by_grade_[g] * grades_now_[g].annual_cost();
        perm_fte += perm_fte_by_grade_[g];
        supplement += supplement_fte_by_grade_[g] * cfg_->retention.supplement_share * grades_now_[g].annual_cost();
    }
    ledger_.set_rate(kPermanent, perm / kYear);
    double recognition = 0;
    const RetentionConfig& r = cfg_->retention;
    if (r.recognition_awards > 0 && now() >= r.recognition_from) {
        // A day's leave is costed at the average annual pay cost over 220 working days.
        const double day_pay = perm_fte > 0 ? perm / perm_fte / 220.0 : 0.0;
        recognition = r.recognition_awards * (r.recognition_value + r.recognition_leave_days * day_pay);
    }
    ledger_.set_rate(kRetention, (supplement + recognition) / kYear);
    double absence_cover = 0;
    for (const auto& t : teams_) absence_cover += t.absence_cover;
    ledger_.set_rate(kAgency, (agency_in_use_ + absence_cover) * agency_now_.effective_cost() / kYear);
    ledger_.set_rate(kRecruitment, cfg_->recruitment.marketing_cost / kYear);
    double asye = cfg_->asye.length_days > 0 ? asye_fte_ * cfg_->asye.cost_per_person / cfg_->asye.length_days : 0.0;
    ledger_.set_rate(kTraining, trainees_cost_rate_ + asye);
    if (group_spend_.on()) update_group_cost_rates(recognition);
}

// Open posts are kept in a list per team and grade. A post is listed at most
// once; entries that stop being open (filled, appointed, removed) are dropped
// lazily when the list is read.
void Simulation::mark_vacant(std::int32_t post) {
    Post& p = posts_[static_cast<std::size_t>(post)];
    if (p.listed) return;
    p.listed = true;
    open_posts_[static_cast<std::size_t>(p.team) * cfg_->grades.size() + static_cast<std::size_t>(p.grade)].push_back(post);
}

std::int32_t Simulation::find_vacant_post(int grade, int team_preference, bool team_only) {
    auto list_of = [&](std::size_t team) -> std::vector<std::int32_t>& {
        return open_posts_[team * cfg_->grades.size() + static_cast<std::size_t>(grade)];
    };
    auto look = [&](std::size_t team) -> std::int32_t {
        auto& list = list_of(team);
        while (!list.empty()) {
            const std::int32_t id = list.back();
            if (is_open(posts_[static_cast<std::size_t>(id)])) return id;
            posts_[static_cast<std::size_t>(id)].listed = false;
            list.pop_back();
        }
        return kNone;
    };
    if (team_preference >= 0) {
        if (std::int32_t id = look(static_cast<std::size_t>(team_preference)); id != kNone) return id;
        if (team_only) return kNone;
    }
    // Otherwise the team with the most open posts of the grade (ties: the first team).
    std::int32_t best = kNone;
    std::size_t best_count = 0;
    for (std::size_t t = 0; t < teams_.size(); ++t) {
        auto& list = list_of(t);
        std::size_t kept = 0;
        for (std::int32_t id : list) {
            if (is_open(posts_[static_cast<std::size_t>(id)])) list[kept++] = id;
            else posts_[static_cast<std::size_t>(id)].listed = false;
        }
        list.resize(kept);
        if (kept > best_count) {
            best = list.back();
            best_count = kept;
        }
    }
    return best;
}

void Simulation::start_vacancy(std::int32_t post_id, bool just_emptied, bool seek_cover) {
    Post& post = posts_[static_cast<std::size_t>(post_id)];
    if (post.to_remove) {
        remove_post(post_id);
        return;
    }
    post.emptied_at = now();
    mark_vacant(post_id);
    if (seek_cover && post.agency == kNone && !post.queued) request_cover(post_id, cfg_->agency.fill_delay_days);
    const RecruitmentConfig& rc = cfg_->recruitment;
    if (post.incoming) return;
    if (rc.method == RecruitmentConfig::Method::Campaign) {
        if (!post.campaign) start_campaign(post_id);
    } else if (rc.method == RecruitmentConfig::Method::FixedDelay) {
        post.incoming = true;
        // A vacancy already open on the first day has been open for an unknown
        // time: its starter arrives uniformly within one time to fill.
        double delay = just_emptied ? rc.time_to_fill_days
                                    : rc.time_to_fill_days * streams_[kStreamRecruitment].uniform();
        kernel_.schedule(now() + delay, kind_.starter, post_payload(post_id), 1);
    }
}

void Simulation::team_join(std::int32_t id) {
    Person& p = people_[static_cast<std::size_t>(id)];
    TeamState& t = teams_[static_cast<std::size_t>(p.team)];
    t.permanent += p.fte;
    Cell& c = cell(p.team, p.grade);
    c.permanent += p.fte;
    if (p.in_asye) c.asye += p.fte;
    if (p.supplement) c.supplement += p.fte;
    t.weighted_permanent += p.fte * cfg_->grades[static_cast<std::size_t>(p.grade)].caseload_weight;
    member_index_[static_cast<std::size_t>(id)] = static_cast<std::int32_t>(t.members.size());
    t.members.push_back(id);
    costs_dirty_ = true;
    perm_fte_by_grade_[static_cast<std::size_t>(p.grade)] += p.fte;
    if (p.supplement) supplement_fte_by_grade_[static_cast<std::size_t>(p.grade)] += p.fte;
    if (p.in_asye) asye_fte_ += p.fte;
    update_absence_cover(static_cast<std::size_t>(p.team));
}

void Simulation::team_leave(std::int32_t id) {
    Person& p = people_[static_cast<std::size_t>(id)];
    TeamState& t = teams_[static_cast<std::size_t>(p.team)];
    if (p.state == PersonState::InPost) {
        // Their hazard so far was on this team's clock: take it up to now,
        // with none beyond until the caller re-times them (in their new team).
        accrue(p);
        p.clocked = false;
        p.rate = 0;
        ++p.version;
    }
    t.permanent -= p.fte;
    Cell& c = cell(p.team, p.grade);
    c.permanent -= p.fte;
    if (p.in_asye) c.asye -= p.fte;
    if (p.supplement) c.supplement -= p.fte;
    t.weighted_permanent -= p.fte * cfg_->grades[static_cast<std::size_t>(p.grade)].caseload_weight;
    const std::int32_t idx = member_index_[static_cast<std::size_t>(id)];
    const std::int32_t last = t.members.back();
    t.members[static_cast<std::size_t>(idx)] = last;
    member_index_[static_cast<std::size_t>(last)] = idx;
    t.members.pop_back();
    member_index_[static_cast<std::size_t>(id)] = kNone;
    costs_dirty_ = true;
    perm_fte_by_grade_[static_cast<std::size_t>(p.grade)] -= p.fte;
    if (p.supplement) supplement_fte_by_grade_[static_cast<std::size_t>(p.grade)] -= p.fte;
    if (p.in_asye) asye_fte_ -= p.fte;
    update_absence_cover(static_cast<std::size_t>(p.team));
}

std::int32_t Simulation::add_person(std::int32_t post_id, int grade, double service_start, double birth, Route route) {
    Post& post = posts_[static_cast<std::size_t>(post_id)];
    if (post.holder != kNone) throw std::logic_error("add_person: post already held");
    if (post.agency != kNone) end_agency(post_id);
    const auto id = static_cast<std::int32_t>(people_.size());
    Person p;
    p.post = post_id;
    p.grade = grade;
    p.team = post.team;
    p.fte = post.fte;
    p.service_start = service_start;
    p.grade_start = service_start;
    p.birth = birth;
    p.route = route;
    p.target = streams_[kStreamLeavingTargets].exponential(1.0);
    p.hazard_from = now();
    people_.push_back(std::move(p));
    member_index_.push_back(kNone);
    post.holder = id;
    post.incoming = false;
    post.campaign = false;
    ++post.version;  // cancels any running advert and pending cover request
    team_join(id);
    if (route != Route::Initial) {
        starters_ += post.fte;
        cell(post.team, grade).starters += post.fte;
    }
    return id;
}

void Simulation::move_person(std::int32_t id, std::int32_t new_post) {
    Person& p = people_[static_cast<std::size_t>(id)];
    const std::int32_t old_post = p.post;
    team_leave(id);
    posts_[static_cast<std::size_t>(old_post)].holder = kNone;
    Post& np = posts_[static_cast<std::size_t>(new_post)];
    if (np.agency != kNone) end_agency(new_post);
    np.holder = id;
    np.campaign = false;
    ++np.version;
    p.post = new_post;
    p.team = np.team;
    p.fte = np.fte;
    team_join(id);
    start_vacancy(old_post, true);
}

// Checkpoint i is the end of month i + 1 (month 0 is recorded by run()).
void Simulation::on_checkpoint(std::size_t index, engine::Time t) {
    const std::size_t m = index + 1;
    ledger_.advance(t);
    if (group_spend_.on()) group_spend_.advance(t);
    const Stocks s = count_stocks(t);
    record_stocks(m, s);
    record_flows(m, t, s);
    record_groups(m, t);
    starters_ = unplaced_ = clawed_ = early_leavers_ = 0;
    for (double& l : leavers_) l = 0;
    for (Cell& c : cells_) {
        c.starters = c.early_leavers = 0;
        for (double& l : c.leavers) l = 0;
    }
    if (options_.check_invariants) check_month(m, s);
}

Simulation::Stocks Simulation::count_stocks(double t) const {
    Stocks s;
    double covered = 0, absence_cover = 0, cases = 0, capacity = 0;
    for (std::size_t i = 0; i < teams_.size(); ++i) {
        const TeamState& ts = teams_[i];
        s.establishment += ts.establishment;
        s.permanent += ts.permanent;
        covered += ts.agency;
        const double a = team_absence_rate(ts);
        s.absence += a * ts.permanent;
        absence_cover += ts.absence_cover;
        if (cfg_->caseload.modelled) {
            cases += cases_at(i, t);
            capacity += (ts.weighted_permanent + ts.agency) * (1 - a);
        }
    }
    s.agency_covered = covered;
    s.agency = covered + absence_cover;
    s.caseload_per_worker = capacity > 0 ? cases / capacity : 0.0;
    return s;
}

void Simulation::record_stocks(std::size_t m, const Stocks& s) {
    auto set = [&](Metric k, double v) { result_.monthly[k][m] = v; };
    const double est = s.establishment, perm = s.permanent;
    set(kEstablishmentFte, est);
    set(kPermanentFte, perm);
    set(kAgencyFte, s.agency);
    set(kAgencyCoveredFte, s.agency_covered);
    set(kVacantFte, std::max(0.0, est - perm - s.agency_covered));
    set(kVacanciesFte, est - perm);
    set(kVacancyRate, est > 0 ? (est - perm) / est : 0.0);
    set(kAgencyRate, perm + s.agency > 0 ? s.agency / (perm + s.agency) : 0.0);
    set(kCaseloadPerWorker, s.caseload_per_worker);
    set(kAbsenceFte, s.absence);
    set(kAsyeFte, asye_fte_);
    set(kPermanentShare, perm + s.agency > 0 ? perm / (perm + s.agency) : 0.0);
}

// Flows over month m >= 1 (it ends at t), and the ratios with a flow in them.
void Simulation::record_flows(std::size_t m, double t, const Stocks& s) {
    auto set = [&](Metric k, double v) { result_.monthly[k][m] = v; };
    set(kStarters, starters_);
    double leavers = 0;
    for (int d = 0; d < kDestinations; ++d) leavers += leavers_[d];
    set(kLeavers, leavers);
    set(kLeaversOtherEmployer, leavers_[kOtherEmployer]);
    set(kLeaversAgency, leavers_[kToAgency]);
    set(kLeaversOutOfProfession, leavers_[kOutOfProfession]);
    set(kLeaversRetirement, leavers_[kRetirement]);
    set(kEarlyLeavers, early_leavers_);
    // Leavers over the last 12 months; in the first year, the months so far scaled to a year.
    leavers_by_month_[m] = leavers;
    const std::size_t window = std::min<std::size_t>(12, m);
    double recent = 0;
    for (std::size_t k = m + 1 - window; k <= m; ++k) recent += leavers_by_month_[k];
    set(kTurnoverRate12m, s.permanent > 0 ? recent * (12.0 / static_cast<double>(window)) / s.permanent : 0.0);
    set(kPipelineUnplaced, unplaced_);
    const Amounts& spend = ledger_.months()[m - 1];  // the ledger has one entry per month end
    double total = 0;
    for (int c = 0; c < kComponents; ++c) {
        result_.monthly[kSpendPermanent + c][m] = spend[c];
        total += spend[c];
    }
    set(kSpendTotal, total);
    const Amounts& real = ledger_.months_real()[m - 1];
    double real_total = 0;
    for (int c = 0; c < kComponents; ++c) {
        result_.monthly[kSpendPermanentReal + c][m] = real[c];
        real_total += real[c];
    }
    set(kSpendTotalReal, real_total);
    const double staffing = spend[kPermanent] + spend[kAgency];
    set(kAgencySpendShare, staffing > 0 ? spend[kAgency] / staffing : 0.0);
    set(kRetentionClawback, clawed_);
    // Agency spend per day against the first month's, e.g. "down to 30% of today's".
    const double days = t - calendar_->month_end(m - 1);
    const double per_day = days > 0 ? spend[kAgency] / days : 0.0;
    if (m == 1) agency_per_day_at_start_ = per_day;
    // With no agency spend in the first month there is nothing to reduce: 1.
    set(kAgencySpendVsStart, agency_per_day_at_start_ > 0 ? per_day / agency_per_day_at_start_ : 1.0);
}

void Simulation::check_month(std::size_t m, const Stocks& s) {
    check_invariants();
    result_.max_fte_imbalance =
        std::max(result_.max_fte_imbalance,
                 std::fabs(s.permanent + s.agency_covered + result_.monthly[kVacantFte][m] - s.establishment));
}

void Simulation::check_invariants() const {
    auto fail = [](const std::string& what) { throw std::logic_error("invariant broken: " + what); };
    std::vector<double> est(teams_.size(), 0), perm(teams_.size(), 0), agency(teams_.size(), 0);
    double in_use = 0;
    for (std::size_t i = 0; i < posts_.size(); ++i) {
        const Post& p = posts_[i];
        if (p.removed) {
            if (p.holder != kNone || p.agency != kNone) fail("a removed post is held or covered");
            continue;
        }
        est[static_cast<std::size_t>(p.team)] += p.fte;
        if (p.holder != kNone) {
            const Person& h = people_[static_cast<std::size_t>(p.holder)];
            if (h.post != static_cast<std::int32_t>(i)) fail("post holder does not hold the post back");
            if (h.state == PersonState::Left) fail("a leaver still holds a post");
            if (p.agency != kNone) fail("a held post also has an agency worker");
            perm[static_cast<std::size_t>(p.team)] += p.fte;
        } else if (p.agency != kNone) {
            agency[static_cast<std::size_t>(p.team)] += p.fte;
            in_use += p.fte;
            if (agency_workers_[static_cast<std::size_t>(p.agency)].post != static_cast<std::int32_t>(i))
                fail("agency worker and post disagree");
        }
    }
    std::vector<double> by_grade(cfg_->grades.size(), 0), supplement(cfg_->grades.size(), 0), weighted(teams_.size(), 0);
    double asye = 0;
    for (std::size_t i = 0; i < people_.size(); ++i) {
        const Person& h = people_[i];
        if (h.clawed_total > h.paid_total + 1e-6) fail("clawbacks exceed payments for a person");
        if (h.state == PersonState::Left) {
            if (h.post != kNone) fail("a leaver keeps a post");
            continue;
        }
        if (h.post == kNone || posts_[static_cast<std::size_t>(h.post)].holder != static_cast<std::int32_t>(i))
            fail("a person in post is not the holder of their post (two posts, or none)");
        const auto g = static_cast<std::size_t>(h.grade);
        by_grade[g] += h.fte;
        if (h.supplement) supplement[g] += h.fte;
        if (h.in_asye) asye += h.fte;
        weighted[static_cast<std::size_t>(h.team)] += h.fte * cfg_->grades[g].caseload_weight;
        // The stored hazard is the one in force just before this checkpoint.
        const double t = now() - kSameMoment;
        if (h.state == PersonState::InPost && t > h.hazard_from) {
            const Hazard z = hazard_parts(h, t);
            const double pressure = teams_[static_cast<std::size_t>(h.team)].pressure;
            const double rate = z.scaled * pressure + z.unscaled;
            const double held = h.clocked ? h.scaled * pressure : h.rate;
            if (std::fabs(rate - held) > 1e-9 * std::max(1.0, rate)) fail("a person's hazard is stale");
            if (h.clocked && (z.unscaled != 0 || std::fabs(z.scaled - h.scaled) > 1e-12))
                fail("a person on the team's clock has a hazard the pressure does not scale");
        }
    }
    for (std::size_t g = 0; g < by_grade.size(); ++g) {
        if (std::fabs(by_grade[g] - perm_fte_by_grade_[g]) > 1e-6) fail("permanent FTE by grade drifted");
        if (std::fabs(supplement[g] - supplement_fte_by_grade_[g]) > 1e-6) fail("supplement FTE drifted");
    }
    if (std::fabs(asye - asye_fte_) > 1e-6) fail("ASYE FTE drifted");
    for (std::size_t t = 0; t < teams_.size(); ++t) {
        if (std::fabs(est[t] - teams_[t].establishment) > 1e-6) fail("team establishment count drifted");
        if (std::fabs(perm[t] - teams_[t].permanent) > 1e-6) fail("team permanent count drifted");
        if (std::fabs(agency[t] - teams_[t].agency) > 1e-6) fail("team agency count drifted");
        if (std::fabs(weighted[t] - teams_[t].weighted_permanent) > 1e-6) fail("team caseload capacity drifted");
    }
    if (std::fabs(in_use - agency_in_use_) > 1e-6) fail("agency supply in use drifted");
    check_cells();
}

}  // namespace wfsim::model
