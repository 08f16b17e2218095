// Checks of the simulation core against things known for certain: the
// renewal scenario's long-run shares, and the bookkeeping invariants at every
// month of several scenarios.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/params/units.h"
#include "helpers.h"
#include "models/output/outputs.h"

using namespace wfsim;
using model::ReplicationResult;

namespace {

// Time-average of metric / establishment over months [from, to).
double average_share(const ReplicationResult& r, int metric, std::size_t from, std::size_t to) {
    double s = 0;
    for (std::size_t m = from; m < to; ++m)
        s += r.monthly[static_cast<std::size_t>(metric)][m] / r.monthly[model::kEstablishmentFte][m];
    return s / static_cast<double>(to - from);
}

}  // namespace

TEST_CASE("renewal check: long-run shares vacant and agency-covered are D/(1/r+T) and (T-D)/(1/r+T)", "[core][renewal]") {
    const std::string yaml = test::read_file(test::source_path("scenarios/checks/renewal.yaml"));
    const auto reps = test::simulate(yaml, 12, 20240601);
    const std::size_t months = reps[0].monthly[0].size();  // months 0..600
    REQUIRE(months == 601);
    std::vector<double> vacant, covered;
    for (const auto& r : reps) {
        // Burn-in of ten years (months 1..120): the process starts with every post filled.
        vacant.push_back(average_share(r, model::kVacantFte, 121, months));
        covered.push_back(average_share(r, model::kAgencyCoveredFte, 121, months));
    }
    const double r = 0.15, mean_stay = 12.0 / r, T = 4, D = 1;  // months
    const test::Estimate v = test::mean_and_se(vacant), c = test::mean_and_se(covered);
    INFO("vacant " << v.mean << " +- " << v.se << ", expected " << D / (mean_stay + T));
    INFO("covered " << c.mean << " +- " << c.se << ", expected " << (T - D) / (mean_stay + T));
    // Months are calendar months here and 30.4375-day months in the durations:
    // the ratio is the same to within 0.1%.
    CHECK(std::fabs(v.mean - D / (mean_stay + T)) < 4 * v.se + 1e-4);
    CHECK(std::fabs(c.mean - (T - D) / (mean_stay + T)) < 4 * c.se + 1e-4);
    CHECK(v.se < 0.0005);  // the check is sharp enough to see a 5% error
}

TEST_CASE("renewal check: spend is exact rate x time between events", "[core][renewal][costs]") {
    // With nobody leaving, a month's permanent spend is FTE x salary x days / 365.25.
    const std::string yaml = test::minimal_scenario() + "horizon: 3 months\n";
    const auto reps = test::simulate(test::minimal_scenario(), 1);
    const auto cal = test::calendar_of(test::minimal_scenario());
    for (std::size_t m = 1; m <= cal.months(); ++m) {
        const double days = cal.month_end(m) - cal.month_end(m - 1);
        CHECK(reps[0].monthly[model::kSpendPermanent][m] == Approx(10 * 30000 * days / 365.25).epsilon(1e-12));
    }
    (void)yaml;
}

namespace {

void check_accounting(const std::vector<ReplicationResult>& reps) {
    for (const auto& r : reps) {
        CHECK(r.max_fte_imbalance < 1e-6);
        const std::size_t months = r.monthly[0].size();
        // Month 0, the start date: stocks add up; flows have no value yet.
        REQUIRE(r.monthly[model::kPermanentFte][0] + r.monthly[model::kAgencyCoveredFte][0] + r.monthly[model::kVacantFte][0] ==
                Approx(r.monthly[model::kEstablishmentFte][0]).margin(1e-9));
        for (int k = 0; k < model::kMetrics; ++k)
            REQUIRE(std::isnan(r.monthly[static_cast<std::size_t>(k)][0]) == !model::has_value_at_start(k));
        for (std::size_t m = 1; m < months; ++m) {
            double sum = 0;
            for (int c = model::kSpendPermanent; c <= model::kSpendTraining; ++c) sum += r.monthly[static_cast<std::size_t>(c)][m];
            REQUIRE(r.monthly[model::kSpendTotal][m] == Approx(sum).epsilon(1e-12));
            const double est = r.monthly[model::kEstablishmentFte][m];
            REQUIRE(r.monthly[model::kPermanentFte][m] + r.monthly[model::kAgencyCoveredFte][m] +
                        r.monthly[model::kVacantFte][m] ==
                    Approx(est).margin(1e-9));
            double leavers = 0;
            for (int d = model::kLeaversOtherEmployer; d <= model::kLeaversRetirement; ++d) leavers += r.monthly[static_cast<std::size_t>(d)][m];
            REQUIRE(r.monthly[model::kLeavers][m] == Approx(leavers).margin(1e-9));
        }
        // Financial years add up to the same total as the months.
        double by_month = 0, by_year = 0;
        for (std::size_t m = 1; m < months; ++m) by_month += r.monthly[model::kSpendTotal][m];
        for (const auto& fy : r.financial_years)
            for (double v : fy) by_year += v;
        REQUIRE(by_year == Approx(by_month).epsilon(1e-10));
    }
}

}  // namespace

TEST_CASE("invariants hold at every month of the default scenario", "[core][invariants]") {
    // simulate() checks at every month end: posts and people agree (nobody holds
    // two posts), team counts, agency supply in use, clawbacks never above
    // payments; a second leaving of anyone throws.
    const auto reps = test::simulate(test::read_file(test::source_path("scenarios/default.yaml")), 8, 7, 60);
    check_accounting(reps);
}

TEST_CASE("invariants hold with posts cut, progression without vacancies and a supply-limited agency market", "[core][invariants]") {
    const std::string yaml = "name: stress\nstart: 2016-04-01\n"
                             "horizon: 48 months\n"
                             "grades:\n"
                             "  sw: {salary: 30000}\n"
                             "  senior: {salary: 36000}\n"
                             "establishment:\n"
                             "  teams:\n"
                             "    north: {sw: 30, senior: 5}\n"
                             "    south: {sw: 20.5, senior: 4}\n"
                             "  changes:\n"
                             "    - {at: 2017-01-01, team: north, sw: -12}\n"
                             "    - {at: 2017-06-01, team: south, senior: +2.5}\n"
                             "initial_staff: {vacancies: {sw: 10}}\n"
                             "leaving: {base_rate: {sw: 0.3, senior: 0.2}, notice: 1 month,\n"
                             "          destinations: {other_employer: 0.5, agency: 0.5}}\n"
                             "recruitment: {advert: {length: 4 weeks, cost: 500}, applicants_per_advert: {sw: 1, senior: 0.5},\n"
                             "              pre_employment: 6 weeks}\n"
                             "progression: [{from: sw, to: senior, after: 1 year, rate: 0.5, requires_vacancy: false}]\n"
                             "agency: {fill_probability: 0.9, fill_delay: 2 weeks, cost_per_year: 70000, leaving_rate: 2,\n"
                             "         conversion_rate: 0.5, supply_limit: 6, from_leavers: true}\n"
                             "retention:\n"
                             "  bonuses: [{name: b, at_service: 6 months, amount: 1000, clawback_within: 12 months, clawback_taper: true}]\n"
                             "  golden_hello: {amount: 2000, clawback_within: 6 months}\n"
                             "interventions:\n"
                             "  - {at: 2018-01-01, extra_posts: {north: {sw: -3}}, set: {agency.supply_limit: 2}}\n";
    const auto reps = test::simulate(yaml, 20, 11);
    check_accounting(reps);
    CHECK(test::mean_total(reps, model::kRetentionClawback) > 0);
}
