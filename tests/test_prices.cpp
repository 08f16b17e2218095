// Real terms (issue 19): spend at the base year's prices from the scenario's
// deflator. Exact checks: real = cash / deflator in every month, part by part
// in a month cut by 1 April, and in financial_years.csv.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "helpers.h"
#include "models/metrics/breakdown.h"
#include "models/metrics/result.h"

using namespace wfsim;
using model::ReplicationResult;

namespace {

double at(const ReplicationResult& r, int metric, std::size_t m) { return r.monthly[static_cast<std::size_t>(metric)][m]; }
bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

std::string service(const std::string& start, const std::string& extra) {
    return "name: prices\nstart: " + start + "\nhorizon: 24 months\n"
           "grades: {sw: {salary: 30000, on_costs: 0.25}}\n"
           "establishment: {teams: {north: {sw: 20}}}\n"
           "initial_staff: {vacancies: {sw: 4}}\n"
           "leaving: {base_rate: {sw: 0.2}}\n"
           "recruitment: {advert: {length: 4 weeks, cost: 1000}, applicants_per_advert: {sw: 1}}\n"
           "agency: {fill_probability: 0.8, cost_per_year: 60000, leaving_rate: 1}\n"
           "pay_awards: {yearly: {rise: 2%}}\n" +
           extra;
}

}  // namespace

TEST_CASE("real terms: every spend metric is cash divided by its year's deflator, in every month", "[prices]") {
    // Months from 1 January 2020: 1-3 in 2019/20, 4-15 in 2020/21, 16-24 in 2021/22.
    const std::string yaml =
        service("2020-01-01", "prices: {base_year: 2020-21, index: {2019-20: 98, 2020-21: 100, 2021-22: 104}}\n");
    const auto cal = test::calendar_of(yaml);
    const model::SeriesLayout layout(1, 1);
    for (const auto& x : test::simulate(yaml, 3, 1911))
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            const double deflator = m <= 3 ? 0.98 : m <= 15 ? 1.0 : 1.04;
            for (int c = 0; c <= 5; ++c) {
                INFO("month " << m << ", " << model::kMetricNames[model::kSpendPermanentReal + c]);
                CHECK(close(at(x, model::kSpendPermanentReal + c, m), at(x, model::kSpendPermanent + c, m) / deflator));
                // and so is each grade's and team's (one of each here)
                for (auto d : {model::Dimension::Grade, model::Dimension::Team}) {
                    const double real = x.monthly[layout.index(model::kSpendPermanentReal + c, d, 0)][m];
                    const double cash = x.monthly[layout.index(model::kSpendPermanent + c, d, 0)][m];
                    CHECK(close(real, cash / deflator));
                }
            }
        }
}

TEST_CASE("real terms: a constant inflation rate from the run's first year, and without prices real equals cash",
          "[prices]") {
    const std::string yaml = service("2020-01-01", "prices: {inflation: 2%}\n");
    const auto cal = test::calendar_of(yaml);
    for (const auto& x : test::simulate(yaml, 2, 1912))
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            const double deflator = m <= 3 ? 1.0 : m <= 15 ? 1.02 : 1.02 * 1.02;
            INFO("month " << m);
            CHECK(close(at(x, model::kSpendTotalReal, m), at(x, model::kSpendTotal, m) / deflator));
        }
    for (const auto& x : test::simulate(service("2020-01-01", ""), 1, 1912))
        for (std::size_t m = 1; m <= cal.months(); ++m) CHECK(at(x, model::kSpendTotalReal, m) == at(x, model::kSpendTotal, m));
}

TEST_CASE("real terms: a month cut by 1 April is deflated part by part", "[prices]") {
    // 20 staff, nobody leaving, no awards: pay accrues at a constant rate. The
    // run starts on 15 January 2020, so month 3 runs 15 March to 14 April.
    const std::string yaml = "name: prices\nstart: 2020-01-15\nhorizon: 6 months\n"
                             "grades: {sw: {salary: 30000, on_costs: 0.25}}\n"
                             "establishment: {teams: {north: {sw: 20}}}\n"
                             "recruitment: {method: none}\n"
                             "prices: {index: {2019-20: 100, 2020-21: 110}}\n";
    const auto cal = test::calendar_of(yaml);
    const double per_day = 20 * 30000 * 1.25 / 365.25;
    const double before = 77 - cal.month_end(2);  // 1 April 2020 is day 77
    const double after = cal.month_end(3) - 77;
    REQUIRE(before > 0);
    REQUIRE(after > 0);
    for (const auto& x : test::simulate(yaml, 1, 1913)) {
        CHECK(close(at(x, model::kSpendPermanent, 3), per_day * (before + after)));
        CHECK(close(at(x, model::kSpendPermanentReal, 3), per_day * before + per_day * after / 1.1));
    }
}

TEST_CASE("real terms in financial_years.csv, summary.json and the report, and bad prices refused", "[prices][cli]") {
    test::TempDir dir;
    const std::string file = dir.write(
        "s.yaml", service("2020-01-01", "prices: {base_year: 2020-21, index: {2019-20: 98, 2020-21: 100, 2021-22: 104}}\n"));
    const std::string out = (dir.path / "out").string();
    const auto r = test::run_wfsim("run " + file + " --reps 3 --threads 1 --report --out " + out);
    REQUIRE(r.exit_code == 0);
    // financial_year,from,to,metric,grade,team,mean,...: the real row is the cash row's mean / deflator.
    std::map<std::string, double> mean;
    std::istringstream csv(test::read_file(out + "/financial_years.csv"));
    std::string line;
    std::getline(csv, line);
    while (std::getline(csv, line)) {
        std::vector<std::string> cells;
        std::stringstream ss(line);
        for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
        REQUIRE(cells.size() >= 7);
        if (!cells[4].empty() || !cells[5].empty()) continue;  // by grade or team
        mean[cells[0] + " " + cells[3]] = std::stod(cells[6]);
    }
    const std::map<std::string, double> deflator = {{"2019/20", 0.98}, {"2020/21", 1.0}, {"2021/22", 1.04}};
    for (const auto& [year, d] : deflator)
        for (const char* metric : {"spend_total", "spend_permanent", "spend_agency"}) {
            INFO(year << " " << metric);
            REQUIRE(mean.count(year + " " + metric + "_real"));
            CHECK(std::fabs(mean[year + " " + metric + "_real"] - mean[year + " " + metric] / d) <=
                  1e-6 * mean[year + " " + metric]);
        }
    CHECK(test::read_file(out + "/summary.json").find("\"spend_total_real\"") != std::string::npos);
    // Pay and agency spend by grade and team, in cash, follow each year's totals.
    const std::string fy = test::read_file(out + "/financial_years.csv");
    CHECK(fy.find("2020/21,2020-04-01,2021-03-31,spend_permanent,sw,,") != std::string::npos);
    CHECK(fy.find("2020/21,2020-04-01,2021-03-31,spend_agency,,north,") != std::string::npos);
    CHECK(fy.find("2021/22,2021-04-01,2021-12-31,spend_total_real,sw,,") != std::string::npos);
    // The report draws real terms beside cash when the scenario gives prices.
    CHECK(test::read_file(out + "/report.html").find("chart-fy-spend_total_real") != std::string::npos);

    const std::string both = dir.write("both.yaml", service("2020-01-01", "prices: {inflation: 2%, index: {2019-20: 1}}\n"));
    const std::string gap = dir.write("gap.yaml", service("2020-01-01", "prices: {index: {2019-20: 98, 2021-22: 104}}\n"));
    const std::string year = dir.write("year.yaml", service("2020-01-01", "prices: {base_year: 2020/21, inflation: 2%}\n"));
    test::check_refused({
        {"validate " + both, "prices.inflation: give prices.index or prices.inflation, not both"},
        {"validate " + gap, "prices.index: has no value for 2020-21"},
        {"run " + gap, "gap.yaml:11:17: prices.index"},
        {"validate " + year, "prices.base_year: '2020/21' is not a financial year"},
        {"run " + file + " --months 30 --out " + out + "-long", "--months 30 runs past the scenario's prices: prices.index has no value for 2022-23"},
    });
}
