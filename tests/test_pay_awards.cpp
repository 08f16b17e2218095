// Money over the years (issue 19): pay awards, market pay growth and agency
// rate changes, checked against exact answers where the answer is exact (spend
// with nobody leaving; the same draws under a neutral change) and within 4
// standard errors where it is a mean over replications. Seeds are fixed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "helpers.h"
#include "models/metrics/breakdown.h"
#include "models/metrics/result.h"

using namespace wfsim;
using model::ReplicationResult;

namespace {

constexpr double kYear = 365.25;

double at(const ReplicationResult& r, int metric, std::size_t m) { return r.monthly[static_cast<std::size_t>(metric)][m]; }
double days_in(const model::Calendar& c, std::size_t m) { return c.month_end(m) - c.month_end(m - 1); }
bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

// 10 social workers and 4 seniors in one team, from 1 January 2020 for 2 years.
std::string service(const std::string& extra, const std::string& leaving = "") {
    return "name: money\nstart: 2020-01-01\nhorizon: 24 months\n"
           "grades:\n"
           "  sw: {salary: 30000, on_costs: 0.25, market_salary: 30000}\n"
           "  senior: {salary: 40000, on_costs: 0.25, market_salary: 40000}\n"
           "establishment: {teams: {north: {sw: 10, senior: 4}}}\n"
           "recruitment: {method: none}\n" +
           (leaving.empty() ? std::string() : leaving) + extra;
}

// Month m's permanent spend with sw and senior salaries s and t per FTE.
double pay_spend(const model::Calendar& c, std::size_t m, double sw, double senior) {
    return (10 * sw + 4 * senior) * 1.25 * days_in(c, m) / kYear;
}

}  // namespace

TEST_CASE("pay awards: a rise of x raises monthly pay spend by exactly (1 + x) from its date", "[pay][awards]") {
    // 2% on 1 April 2020 (the default date of the yearly award), then 2% each
    // 1 April: months 1-3 at the start's pay, 4-15 at 1.02, 16-24 at 1.02^2.
    const std::string yaml = service("pay_awards: {yearly: {rise: 2%}}\n");
    const auto cal = test::calendar_of(yaml);
    REQUIRE(cal.month_end(3) == 91);  // 2020-04-01 starts month 4
    for (const auto& x : test::simulate(yaml, 2, 1901))
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            const double f = m <= 3 ? 1.0 : m <= 15 ? 1.02 : 1.02 * 1.02;
            INFO("month " << m);
            CHECK(close(at(x, model::kSpendPermanent, m), pay_spend(cal, m, 30000 * f, 40000 * f)));
        }
}

TEST_CASE("pay awards: a flat award adds exactly its amount per FTE, to the grades it names", "[pay][awards]") {
    // Flat 1,925 on 2020-04-01 for sw only (a local government settlement),
    // then 3.2% for everyone on 2021-04-01: sw (30000 + 1925) x 1.032.
    const std::string yaml = service(
        "pay_awards:\n"
        "  awards:\n"
        "    - {at: 2020-04-01, flat: 1925, grades: [sw]}\n"
        "    - {at: 2021-04-01, rise: 3.2%}\n");
    const auto cal = test::calendar_of(yaml);
    for (const auto& x : test::simulate(yaml, 2, 1902))
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            const double sw = m <= 3 ? 30000 : m <= 15 ? 31925 : 31925 * 1.032;
            const double senior = m <= 15 ? 40000 : 40000 * 1.032;
            INFO("month " << m);
            CHECK(close(at(x, model::kSpendPermanent, m), pay_spend(cal, m, sw, senior)));
        }
}

TEST_CASE("pay awards compose with an intervention's uplift: the award applies on top", "[pay][awards][interventions]") {
    const std::string yaml = service(
        "pay_awards: {awards: [{at: 2020-04-01, rise: 2%}]}\n"
        "interventions: [{at: 2020-07-01, pay_uplift: {sw: 0.05}}]\n");
    const auto cal = test::calendar_of(yaml);
    REQUIRE(cal.month_end(6) == 182);  // 2020-07-01 starts month 7
    for (const auto& x : test::simulate(yaml, 1, 1903))
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            const double sw = 30000 * (m <= 3 ? 1.0 : 1.02) * (m <= 6 ? 1.0 : 1.05);
            const double senior = 40000 * (m <= 3 ? 1.0 : 1.02);
            INFO("month " << m);
            CHECK(close(at(x, model::kSpendPermanent, m), pay_spend(cal, m, sw, senior)));
        }
}

TEST_CASE("pay awards move the pay gap: leaving changes by (pay ratio)^elasticity, and not at all when the market moves "
          "the same",
          "[pay][awards][leaving]") {
    // Hazard 0.3 a year at market pay, elasticity -2. A 10% award to sw on
    // 2020-04-01 (day 91) makes the sw hazard 0.3 x 1.1^-2 from that day.
    const std::string leaving = "leaving: {base_rate: {sw: 0.3, senior: 0.3}, pay_elasticity: -2}\n";
    const std::string none = service("", leaving);
    const std::string award = service("pay_awards: {awards: [{at: 2020-04-01, rise: 10%, grades: [sw]}]}\n", leaving);
    const std::string with_market = service(
        "pay_awards: {awards: [{at: 2020-04-01, rise: 10%, grades: [sw]}]}\n"
        "market_pay: {changes: [{at: 2020-04-01, rise: 10%, grades: [sw]}]}\n",
        leaving);
    const std::string uplift = service("interventions: [{at: 2020-04-01, pay_uplift: {sw: 0.1}}]\n", leaving);
    const auto a = test::simulate(none, 200, 1904), b = test::simulate(award, 200, 1904);
    const auto c = test::simulate(with_market, 200, 1904), d = test::simulate(uplift, 200, 1904);
    const auto cal = test::calendar_of(none);
    const std::size_t last = cal.months();
    for (std::size_t i = 0; i < a.size(); ++i) {
        for (std::size_t m = 0; m <= last; ++m) {
            INFO("replication " << i << ", month " << m);
            // The market moving with the award leaves the gap, and so every
            // leaving time, as without either.
            CHECK(at(c[i], model::kPermanentFte, m) == at(a[i], model::kPermanentFte, m));
            // An award is the same pay change as an uplift of the same size.
            CHECK(at(b[i], model::kPermanentFte, m) == at(d[i], model::kPermanentFte, m));
            if (m <= 3) CHECK(at(b[i], model::kPermanentFte, m) == at(a[i], model::kPermanentFte, m));
        }
    }
    // And the share of the 10 sw still in post at the horizon is
    // exp(-0.3 (t0 + 1.1^-2 (T - t0))): measured on all 14 as 10 sw + 4 senior.
    const double t0 = 91, T = cal.month_end(last);
    const double sw_left = std::exp(-0.3 * (t0 + std::pow(1.1, -2.0) * (T - t0)) / kYear);
    const double senior_left = std::exp(-0.3 * T / kYear);
    std::vector<double> in_post;
    for (const auto& x : b) in_post.push_back(at(x, model::kPermanentFte, last));
    const test::Estimate e = test::mean_and_se(in_post);
    INFO("in post " << e.mean << " +- " << e.se << ", expected " << 10 * sw_left + 4 * senior_left);
    CHECK(std::fabs(e.mean - (10 * sw_left + 4 * senior_left)) < 4 * e.se);
}

TEST_CASE("market pay growth widens the gap: leaving rises by (1/(1+g))^elasticity each year", "[pay][market][leaving]") {
    // No award, market growth 10% from 2020-04-01: the hazard 0.3 x 1.1^2
    // (elasticity -2, ratio 1/1.1) from day 91, and x 1.1^4 from day 456.
    const std::string yaml = service("market_pay: {growth: 10%}\n",
                                     "leaving: {base_rate: {sw: 0.3, senior: 0.3}, pay_elasticity: -2}\n");
    const auto cal = test::calendar_of(yaml);
    const auto reps = test::simulate(yaml, 200, 1905);
    const double T = cal.month_end(cal.months());
    const double H = 0.3 * (91 + 1.21 * (456 - 91) + 1.21 * 1.21 * (T - 456)) / kYear;
    std::vector<double> in_post;
    for (const auto& x : reps) in_post.push_back(at(x, model::kPermanentFte, cal.months()) / 14);
    const test::Estimate e = test::mean_and_se(in_post);
    INFO("share in post " << e.mean << " +- " << e.se << ", expected " << std::exp(-H));
    CHECK(std::fabs(e.mean - std::exp(-H)) < 4 * e.se);
}

TEST_CASE("agency rates grow, and a price cap stays a cap", "[pay][agency]") {
    // Every post vacant and covered at once: 14 agency FTE at 60,000 growing
    // 10% from 2020-04-01, capped at 70,000: 60,000, 66,000, then 70,000 (not 72,600).
    const std::string base =
        "name: money\nstart: 2020-01-01\nhorizon: 24 months\n"
        "grades: {sw: {salary: 30000}}\n"
        "establishment: {teams: {north: {sw: 14}}}\n"
        "initial_staff: {vacancies: {sw: 14}, agency_covered: 1}\n"
        "recruitment: {method: none}\n"
        "agency: {fill_probability: 1, cost_per_year: 60000, price_cap: 70000}\n"
        "agency_rates: {growth: 10%}\n";
    const auto cal = test::calendar_of(base);
    for (const auto& x : test::simulate(base, 1, 1906))
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            const double cost = m <= 3 ? 60000 : m <= 15 ? 66000 : 70000;
            INFO("month " << m);
            CHECK(close(at(x, model::kSpendAgency, m), 14 * cost * days_in(cal, m) / kYear));
        }
}

TEST_CASE("pay awards: bad input is refused with file, line, key and what is allowed", "[pay][validate]") {
    test::TempDir dir;
    const std::string before = dir.write("before.yaml", service("pay_awards: {awards: [{at: 2019-04-01, rise: 2%}]}\n"));
    const std::string empty = dir.write("empty.yaml", service("pay_awards: {awards: [{at: 2020-04-01, grades: [sw]}]}\n"));
    const std::string yearly = dir.write("yearly.yaml", service("pay_awards: {yearly: {grades: [sw]}}\n"));
    const std::string cut = dir.write("cut.yaml", service("pay_awards: {yearly: {rise: -1%}}\n"));
    const std::string dated = dir.write("dated.yaml",
                                        service("interventions: [{at: 2020-04-01, set: {pay_awards.yearly.rise: 0.02}}]\n"));
    test::check_refused({
        {"validate " + before, "before.yaml:9:28: pay_awards.awards[0].at"},
        {"validate " + before, "pay_awards.awards[0].at: 2019-04-01 is not after the scenario's start 2020-01-01"},
        {"run " + empty, "pay_awards.awards[0]: an award gives a rise"},
        {"validate " + yearly, "pay_awards.yearly: a yearly award gives a rise"},
        {"validate " + cut, "pay_awards.yearly.rise"},
        {"validate " + dated, "pay awards and rate changes carry their own dates"},
    });
}

TEST_CASE("spend by grade and team: pay and agency of each group, adding up to the totals", "[pay][breakdown]") {
    // Exact per grade: a flat 1,925 to sw only moves only sw's pay spend.
    const std::string yaml = service("pay_awards: {awards: [{at: 2020-04-01, flat: 1925, grades: [sw]}]}\n");
    const auto cal = test::calendar_of(yaml);
    const model::SeriesLayout layout(2, 1);  // grades sw, senior; team north
    for (const auto& x : test::simulate(yaml, 1, 1907)) {
        const auto& sw = x.monthly[layout.index(model::kSpendPermanent, model::Dimension::Grade, 0)];
        const auto& senior = x.monthly[layout.index(model::kSpendPermanent, model::Dimension::Grade, 1)];
        const auto& north = x.monthly[layout.index(model::kSpendPermanent, model::Dimension::Team, 0)];
        CHECK(std::isnan(sw[0]));
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            INFO("month " << m);
            CHECK(close(sw[m], 10 * (m <= 3 ? 30000 : 31925) * 1.25 * days_in(cal, m) / kYear));
            CHECK(close(senior[m], 4 * 40000 * 1.25 * days_in(cal, m) / kYear));
            CHECK(close(north[m], at(x, model::kSpendPermanent, m)));
        }
        // By financial year (2019/20: months 1-3, 2020/21: 4-15, 2021/22: 16-24).
        const auto& sw_years = x.monthly[layout.year_series(model::kSpendPermanent, model::Dimension::Grade, 0)];
        const auto& senior_years = x.monthly[layout.year_series(model::kSpendPermanent, model::Dimension::Grade, 1)];
        const std::size_t first[] = {1, 4, 16}, last[] = {3, 15, 24};
        for (std::size_t y = 0; y < 3; ++y) {
            double months = 0;
            for (std::size_t m = first[y]; m <= last[y]; ++m) months += sw[m];
            INFO("financial year " << y);
            CHECK(close(sw_years[y], months));
            CHECK(close(sw_years[y] + senior_years[y], x.financial_years[y][model::kPermanent]));
        }
    }
    // With leaving, recruitment, agency cover of vacancies and of absence in
    // two teams, the groups add up to the totals in every month.
    const std::string busy =
        "name: groups\nstart: 2020-01-01\nhorizon: 24 months\n"
        "grades: {sw: {salary: 30000, on_costs: 0.25}, senior: {salary: 40000, on_costs: 0.25}}\n"
        "establishment: {teams: {north: {sw: 12, senior: 3}, south: {sw: 8, senior: 2}}}\n"
        "initial_staff: {vacancies: {sw: 4, senior: 1}}\n"
        "leaving: {base_rate: {sw: 0.3, senior: 0.2}}\n"
        "recruitment: {advert: {length: 4 weeks}, applicants_per_advert: {sw: 1, senior: 1}}\n"
        "agency: {fill_probability: 0.8, cost_per_year: 60000, leaving_rate: 1, cover_other: 0.05}\n"
        "agency_rates: {growth: 5%}\n"
        "pay_awards: {yearly: {rise: 2%}}\n";
    const model::SeriesLayout two(2, 2);
    for (const auto& x : test::simulate(busy, 4, 1908))
        for (int k : {model::kSpendPermanent, model::kSpendAgency})
            for (std::size_t m = 1; m <= 24; ++m) {
                double by_grade = 0, by_team = 0;
                for (std::size_t i = 0; i < 2; ++i) {
                    by_grade += x.monthly[two.index(k, model::Dimension::Grade, i)][m];
                    by_team += x.monthly[two.index(k, model::Dimension::Team, i)][m];
                }
                INFO(model::kMetricNames[k] << ", month " << m);
                CHECK(std::fabs(by_grade - at(x, k, m)) <= 1e-9 * std::max(1.0, at(x, k, m)));
                CHECK(std::fabs(by_team - at(x, k, m)) <= 1e-9 * std::max(1.0, at(x, k, m)));
            }
}

TEST_CASE("spend by grade and team: every component adds up to the totals, by month and by financial year, with every "
          "mechanism on",
          "[pay][breakdown]") {
    // The benchmark council: supplements, bonuses with clawback, golden
    // hellos, relocation, recognition, marketing, pipelines, ASYE, agency
    // cover of vacancies and of absence, interventions and pay awards.
    const auto reps = test::simulate_file(test::source_path("scenarios/cambridgeshire/every-mechanism.yaml"), 2, 1909, 24);
    for (const auto& x : reps) {
        // The layout of this scenario's groups: 4 grades, 3 teams.
        const model::SeriesLayout layout(4, 3);
        REQUIRE(x.monthly.size() == layout.count());
        for (int k = model::kSpendPermanent; k <= model::kSpendTotal; ++k) {
            const double horizon = model::horizon_total(k, x.monthly[static_cast<std::size_t>(k)]);
            CHECK(horizon != 0.0);  // every component is spent on
            for (auto d : {model::Dimension::Grade, model::Dimension::Team}) {
                const std::size_t n = d == model::Dimension::Grade ? 4 : 3;
                for (std::size_t m = 1; m < x.monthly[0].size(); ++m) {
                    double sum = 0;
                    for (std::size_t i = 0; i < n; ++i) sum += x.monthly[layout.index(k, d, i)][m];
                    INFO(model::kMetricNames[k] << ", month " << m << (d == model::Dimension::Grade ? " by grade" : " by team"));
                    CHECK(std::fabs(sum - at(x, k, m)) <= 1e-8 * std::max(1.0, std::fabs(at(x, k, m))));
                }
                for (std::size_t y = 0; y < x.financial_years.size(); ++y) {
                    double sum = 0, cash = 0;
                    for (std::size_t i = 0; i < n; ++i) sum += x.monthly[layout.year_series(k, d, i)][y];
                    if (k == model::kSpendTotal)
                        for (double v : x.financial_years[y]) cash += v;
                    else
                        cash = x.financial_years[y][static_cast<std::size_t>(k - model::kSpendPermanent)];
                    INFO(model::kMetricNames[k] << ", financial year " << y);
                    CHECK(std::fabs(sum - cash) <= 1e-8 * std::max(1.0, std::fabs(cash)));
                }
            }
        }
    }
}
