// The expected-value view agrees with the Monte Carlo mean wherever both
// apply: when every holding time in the scenario is exponential, the mean of
// the simulation solves the same linear equations as the projection.
#include <catch2/catch.hpp>

#include <cmath>

#include "helpers.h"
#include "models/expected/expected.h"

using namespace wfsim;

namespace {

void agree(const std::string& yaml, std::size_t reps) {
    const auto runs = test::simulate(yaml, reps, 31);
    const model::ExpectedPath e = model::expected_path(test::simulate_tree(yaml));
    REQUIRE(e.unmodelled.empty());
    const std::size_t months = e.calendar.months() + 1;  // months 0..M
    struct Series { int metric; const std::vector<double>* expected; };
    const Series series[] = {{model::kPermanentFte, &e.permanent},
                             {model::kAgencyCoveredFte, &e.agency_covered},
                             {model::kVacantFte, &e.vacant},
                             {model::kEstablishmentFte, &e.establishment}};
    for (std::size_t m = 3; m < months; m += 5)
        for (const auto& s : series) {
            double mean = 0, ss = 0;
            for (const auto& r : runs) mean += r.monthly[static_cast<std::size_t>(s.metric)][m];
            mean /= static_cast<double>(reps);
            for (const auto& r : runs) ss += std::pow(r.monthly[static_cast<std::size_t>(s.metric)][m] - mean, 2);
            const double se = std::sqrt(ss / static_cast<double>(reps - 1) / static_cast<double>(reps));
            INFO(model::kMetricNames[s.metric] << " month " << m << ": Monte Carlo " << mean << " +- " << se
                                                << ", expected " << (*s.expected)[m]);
            CHECK(std::fabs(mean - (*s.expected)[m]) < 4 * se + 1e-9);
        }
}

}  // namespace

TEST_CASE("expected view: leaving with a pay gap, agency cover, assignments ending and conversions", "[expected]") {
    agree("name: x\nstart: 2020-01-01\nhorizon: 36 months\n"
          "grades: {sw: {salary: 30000, market_salary: 32000}, senior: {salary: 36000}}\n"
          "establishment: {teams: {a: {sw: 300, senior: 60}}}\n"
          "initial_staff: {vacancies: {sw: 40, senior: 5}, agency_covered: 0.5}\n"
          "leaving: {base_rate: {sw: 0.18, senior: 0.12}, pay_elasticity: -1}\n"
          "recruitment: {method: none}\n"
          "agency: {fill_probability: 0.8, cost_per_year: 70000, leaving_rate: 2, conversion_rate: 0.3}\n",
          300);
}

TEST_CASE("expected view: posts added at a date, in two teams", "[expected]") {
    agree("name: x\nstart: 2020-01-01\nhorizon: 24 months\n"
          "grades: {sw: {salary: 30000}}\n"
          "establishment: {teams: {a: {sw: 100}, b: {sw: 80}}, changes: [{at: 2020-07-01, team: b, sw: +20}]}\n"
          "leaving: {base_rate: {sw: 0.25}}\n"
          "recruitment: {method: none}\n"
          "agency: {fill_probability: 0.6, cost_per_year: 70000, leaving_rate: 1}\n",
          300);
}

TEST_CASE("expected view: lists the mechanisms it leaves out", "[expected]") {
    const model::ExpectedPath e =
        model::expected_path(test::simulate_tree(test::read_file(test::source_path("scenarios/default.yaml"))));
    std::string list;
    for (const auto& u : e.unmodelled) list += u + ";";
    CHECK(list.find("pipelines") != std::string::npos);
    CHECK(list.find("ASYE") != std::string::npos);
    CHECK(list.find("interventions") != std::string::npos);
    auto r = test::run_wfsim("expected " + test::source_path("scenarios/default.yaml") + " -q --out /tmp/wfsim-expected-test --force");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("warning: not in the expected-value view") != std::string::npos);
}
