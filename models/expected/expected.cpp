// The expected-value view (see expected.h): set-up and the dated events; the
// posts of each grade are projected by expected::Projection.
#include "models/expected/expected.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <stdexcept>

#include "engine/params/params.h"
#include "models/config.h"
#include "models/expected/projection.h"
#include "models/expected/start.h"
#include "models/prepared.h"
#include "models/simulation.h"
#include "models/uncertainty.h"

namespace wfsim::model {

namespace {

// The mechanisms a set of settings turns on that this view does not follow.
void note_left_out(const Config& c, std::vector<std::string>& out) {
    auto note = [&](const std::string& what) {
        if (std::find(out.begin(), out.end(), what) == out.end()) out.push_back(what);
    };
    if (!c.pipelines.empty()) note("pipelines");
    if (c.asye.grade >= 0) note("ASYE");
    if (!c.progression.empty()) note("progression");
    if (!c.retention.bonuses.empty() || c.retention.supplement_share > 0 || c.retention.recognition_awards > 0)
        note("retention payments");
    if (c.caseload.modelled || c.caseload.absence_rate > 0) note("caseload and absence");
    if (c.agency.cover_absence > 0 || c.agency.cover_other > 0) note("agency cover of absence");
    if (c.leaving.caseload_per_case > 0 || c.leaving.agency_slope > 0) note("team pressures");
    if (c.recruitment.early_rate > 0) note("early leaving of new starters");
    if (c.leaving.retirement_rate > 0 || std::isfinite(c.leaving.retirement_age)) note("retirement");
    if (std::isfinite(c.agency.supply_limit)) note("agency supply limit");
    if (!c.pay_steps.empty()) note("pay awards, market pay and agency rate changes");
}

// The first-day description of one grade from initial_staff (counts only).
expected::FirstDay first_day(const params::Params& init, const Config& c, std::size_t g, double posts) {
    expected::FirstDay d;
    const std::string& name = c.names.grades[g];
    d.posts = posts;
    d.vacant = std::min(posts, init.number("vacancies." + name));
    if (init.has("on_notice." + name)) d.on_notice = init.number("on_notice." + name);
    d.cover_share = init.has("agency_covered") ? init.number("agency_covered") : -1.0;
    d.running = init.str("start_as") == "running";
    d.exponential_tenure = init.str("tenure.distribution") == "exponential";
    d.mean_tenure_days = init.days("tenure.mean");
    // Age bands as Simulation::place_initial_staff reads them; the last takes what the shares leave.
    const double max_age = std::isfinite(c.leaving.retirement_age) ? c.leaving.retirement_age - 0.01 : 75.0;
    const params::Params shares = init.at("age.shares");
    for (const auto& key : shares.keys()) {
        int lo = 0, hi = 0;
        if (std::sscanf(key.c_str(), "%d-%d", &lo, &hi) == 2) {
            d.age_lo.push_back(lo);
            d.age_hi.push_back(hi + 1);
        } else if (std::sscanf(key.c_str(), "%d+", &lo) == 1) {
            d.age_lo.push_back(lo);
            d.age_hi.push_back(lo + 8);
        } else {
            continue;
        }
        d.age_share.push_back(shares.number(key));
    }
    if (d.age_share.empty()) {
        d.age_lo = {20, 30, 40, 50, 60};
        d.age_hi = {30, 40, 50, 60, 68};
        d.age_share = {0.153, 0.301, 0.263, 0.206, 0.077};
    }
    double before = 0;
    for (std::size_t i = 0; i < d.age_share.size(); ++i) {
        d.age_hi[i] = std::min(d.age_hi[i], max_age);
        d.age_lo[i] = std::min(d.age_lo[i], d.age_hi[i]);
        if (i + 1 == d.age_share.size()) d.age_share[i] = std::max(0.0, 1 - before);
        d.age_share[i] = std::min(d.age_share[i], std::max(0.0, 1 - before));
        before += d.age_share[i];
    }
    return d;
}

struct Dated {
    double day;
    int order;  // establishment changes before interventions, each in the order of the file (as the kernel runs them)
    std::size_t index;
    bool intervention;
};

}  // namespace

ExpectedPath expected_path(const params::Tree& scenario, int months, double step_days) {
    if (!(step_days > 0)) throw std::invalid_argument("expected_path: the step must be positive");
    ExpectedPath out;
    out.calendar = calendar_for(scenario, months);
    {
        params::Tree probe = scenario;
        if (sample_uncertain(probe, 0, 0) > 0)
            throw std::runtime_error("the scenario has uncertain values (written as distributions); the expected-value "
                                     "view needs fixed ones: give each its central value, or use wfsim run");
    }
    params::Tree tree = scenario;
    std::deque<Config> configs;  // every set of settings in force, kept for the projections that point at them
    configs.push_back(settings_of(tree, months));
    const Config& c0 = configs.front();
    const params::Params root(&tree, "");
    note_left_out(c0, out.unmodelled);
    const params::Params init = root.at("initial_staff");
    if (init.has("staff_list")) out.unmodelled.push_back("the starting state of a staff list (counts only)");
    if (!init.at("cohorts").items().empty()) out.unmodelled.push_back("first-day cohorts");
    if (!init.at("appointed").keys().empty()) out.unmodelled.push_back("stated first-day appointees");

    const std::size_t G = c0.grades.size();
    std::vector<double> posts(G, 0);
    for (const auto& team : root.at("establishment.teams").keys())
        for (const auto& g : root.at("establishment.teams." + team).keys())
            posts[static_cast<std::size_t>(c0.names.grade(g))] += root.number("establishment.teams." + team + "." + g);
    std::vector<expected::Projection> proj;
    for (std::size_t g = 0; g < G; ++g) {
        proj.emplace_back(c0, g);
        expected::place_first_day(proj.back(), c0, g, first_day(init, c0, g, posts[g]), step_days);
    }

    std::vector<Dated> dated;
    const auto changes = root.at("establishment.changes").items();
    for (std::size_t i = 0; i < changes.size(); ++i) dated.push_back({c0.day_of(changes[i].date("at")), 0, i, false});
    const auto interventions = root.at("interventions").items();
    for (std::size_t i = 0; i < interventions.size(); ++i)
        dated.push_back({c0.day_of(interventions[i].date("at")), 1, i, true});
    std::stable_sort(dated.begin(), dated.end(), [](const Dated& a, const Dated& b) {
        return a.day != b.day ? a.day < b.day : a.order < b.order;
    });
    auto change_establishment = [&](double now, std::size_t g, double fte) {
        if (fte > 0) proj[g].add_posts(now, fte);
        else if (fte < 0) proj[g].cut_posts(now, -fte);
    };
    auto apply = [&](const Dated& d) {
        if (!d.intervention) {
            const params::Params ch = root.at("establishment.changes." + std::to_string(d.index));
            for (const auto& k : ch.keys())
                if (k != "at" && k != "team") change_establishment(d.day, static_cast<std::size_t>(c0.names.grade(k)), ch.number(k));
            return;
        }
        // Simulation::on_intervention: extra posts are read before the tree changes.
        const params::Params item = root.at("interventions." + std::to_string(d.index));
        std::vector<std::pair<std::size_t, double>> extra;
        const params::Params ep = item.at("extra_posts");
        for (const auto& t : ep.keys())
            for (const auto& g : ep.at(t).keys()) extra.push_back({static_cast<std::size_t>(c0.names.grade(g)), ep.at(t).number(g)});
        change_tree(tree, d.index);
        configs.push_back(reread_settings(tree, configs.back()));
        note_left_out(configs.back(), out.unmodelled);
        for (auto& p : proj) p.set_config(configs.back(), d.day);
        for (const auto& [g, fte] : extra) change_establishment(d.day, g, fte);
    };

    const std::size_t M = out.calendar.months();
    for (auto* v : {&out.establishment, &out.permanent, &out.agency_covered, &out.vacant}) v->assign(M + 1, 0.0);
    for (auto* v : {&out.starters, &out.leavers, &out.spend_permanent, &out.spend_agency}) {
        v->assign(M + 1, 0.0);
        (*v)[0] = std::nan("");  // flows have no value at month 0, the start date
    }
    auto record_stocks = [&](std::size_t m) {
        for (const auto& p : proj) {
            out.establishment[m] += p.establishment();
            out.permanent[m] += p.permanent();
            out.agency_covered[m] += p.covered();
        }
        out.vacant[m] = std::max(0.0, out.establishment[m] - out.permanent[m] - out.agency_covered[m]);
        for (const double v : {out.establishment[m], out.permanent[m], out.agency_covered[m], out.vacant[m]})
            if (!std::isfinite(v))
                throw std::runtime_error("the projection is not finite at month " + std::to_string(m));
    };
    // Spend accrues at the stocks' rates; each step uses the mean of its two ends.
    auto spend = [&](std::size_t m, double span, const std::vector<double>& perm_before, const std::vector<double>& cov_before) {
        const Config& c = configs.back();
        for (std::size_t g = 0; g < G; ++g) {
            const double perm = (perm_before[g] + proj[g].permanent()) / 2, cov = (cov_before[g] + proj[g].covered()) / 2;
            out.spend_permanent[m] += span * perm * c.grades[g].annual_cost() / params::kDaysPerYear;
            out.spend_agency[m] += span * cov * c.agency.effective_cost() / params::kDaysPerYear;
        }
    };
    record_stocks(0);
    double t = 0;
    std::size_t next = 0;
    std::vector<double> perm0(G), cov0(G);
    for (std::size_t m = 1; m <= M; ++m) {
        const double end = out.calendar.month_end(m);
        while (t < end - 1e-9) {
            while (next < dated.size() && dated[next].day <= t + 1e-9) apply(dated[next++]);
            double to = std::min(end, t + step_days);
            if (next < dated.size() && dated[next].day > t + 1e-9) to = std::min(to, dated[next].day);
            for (std::size_t g = 0; g < G; ++g) {
                perm0[g] = proj[g].permanent();
                cov0[g] = proj[g].covered();
                proj[g].step(t, to);
            }
            spend(m, to - t, perm0, cov0);
            t = to;
        }
        for (auto& p : proj) {
            out.starters[m] += p.starters;
            out.leavers[m] += p.leavers;
            p.starters = p.leavers = 0;
        }
        record_stocks(m);
    }
    return out;
}

}  // namespace wfsim::model
