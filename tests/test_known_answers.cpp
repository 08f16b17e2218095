// Checks with known answers beyond the renewal scenario: Little's law for the
// time to fill, an Erlang loss system for a limited agency market, and the
// conservation of people through every flow.
#include <catch2/catch.hpp>

#include <cmath>

#include "helpers.h"
#include "models/output/outputs.h"

using namespace wfsim;

namespace {

double time_average(const model::ReplicationResult& r, int metric, std::size_t from) {
    const auto& s = r.monthly[static_cast<std::size_t>(metric)];
    double sum = 0;
    for (std::size_t m = from; m < s.size(); ++m) sum += s[m];
    return sum / static_cast<double>(s.size() - from);
}

// Erlang's loss formula B(c, a), by the stable recursion.
double erlang_b(int c, double a) {
    double b = 1;
    for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
    return b;
}

}  // namespace

TEST_CASE("Little's law: open vacancies = vacancy rate x mean time to fill", "[known][little]") {
    // 400 posts; staff leave at r = 0.2 a year with no notice; each vacancy is
    // advertised for 28 days at a time and an advert succeeds with
    // P = 1 - exp(-1.0 x 0.5 x 0.8); the appointee starts 30 days later. The
    // time to fill is W = 28 / P + 30 days, and in the long run the open
    // vacancies L satisfy L = lambda W with lambda = r (N - L) / 365.25.
    const std::string yaml = "name: little\nstart: 2020-01-01\nhorizon: 20 years\n"
                             "grades: {sw: {salary: 30000}}\n"
                             "establishment: {teams: {all: {sw: 400}}}\n"
                             "leaving: {base_rate: {sw: 0.2}}\n"
                             "recruitment: {advert: {length: 28 days}, applicants_per_advert: {sw: 1.0},\n"
                             "              appointable: 0.5, offer_acceptance: 0.8, pre_employment: 30 days}\n";
    const auto reps = test::simulate(yaml, 12, 77);
    const double P = 1 - std::exp(-0.4), W = 28 / P + 30, r = 0.2 / 365.25, N = 400;
    const double L = N * r * W / (1 + r * W);
    std::vector<double> open;
    for (const auto& x : reps)
        open.push_back(time_average(x, model::kEstablishmentFte, 24) - time_average(x, model::kPermanentFte, 24));
    const test::Estimate e = test::mean_and_se(open);
    INFO("open vacancies " << e.mean << " +- " << e.se << ", Little's law " << L);
    CHECK(std::fabs(e.mean - L) < 4 * e.se);
    CHECK(e.se < 0.02 * L);
}

TEST_CASE("Erlang loss: a limited agency market carries a(1 - B(c, a)) covers", "[known][erlang]") {
    // Vacancies arise at rate lambda (20,000 posts, leaving at 0.005 a year)
    // and last exactly one year (fixed-delay recruitment); each asks for
    // agency cover at once, and with at most c = 90 agency workers a request
    // that finds them all busy is lost (when_full: lose). That is an M/G/c/c
    // loss system, whose carried load a(1 - B(c, a)) does not depend on the
    // distribution of the holding time.
    const std::string yaml = "name: erlang\nstart: 2020-01-01\nhorizon: 25 years\n"
                             "grades: {sw: {salary: 30000}}\n"
                             "establishment: {teams: {all: {sw: 20000}}}\n"
                             "leaving: {base_rate: {sw: 0.005}}\n"
                             "recruitment: {method: fixed_delay, time_to_fill: 1 year}\n"
                             "agency: {fill_probability: 1, cost_per_year: 60000, supply_limit: 90, when_full: lose}\n";
    const auto reps = test::simulate(yaml, 6, 5);
    // Offered load: lambda x 1 year, with lambda = 0.005 (N - L) and L = a.
    const double N = 20000, rate = 0.005;
    const double a = rate * N / (1 + rate);
    const double carried = a * (1 - erlang_b(90, a));
    std::vector<double> busy;
    for (const auto& x : reps) busy.push_back(time_average(x, model::kAgencyCoveredFte, 24));
    const test::Estimate e = test::mean_and_se(busy);
    INFO("covers in use " << e.mean << " +- " << e.se << ", Erlang: a = " << a << ", B = " << erlang_b(90, a)
                          << ", carried " << carried);
    // The offered load varies slightly with the number in post; allow for it.
    CHECK(std::fabs(e.mean - carried) < 4 * e.se + 0.005 * carried);
    CHECK(carried < 90);
    CHECK(e.mean < 90);
}

TEST_CASE("conservation of people: permanent FTE changes only by starters and leavers", "[known][conservation]") {
    // Every flow at once: recruitment, pipelines, ASYE, progression, agency
    // conversions, establishment changes, retirement.
    for (const char* scenario : {"scenarios/default.yaml", "scenarios/slough/slough-2014.yaml", "scenarios/dorset/plan.yaml"}) {
        const auto reps = test::simulate_file(test::source_path(scenario), 5, 3);
        for (const auto& x : reps) {
            const auto& perm = x.monthly[model::kPermanentFte];
            for (std::size_t m = 1; m < perm.size(); ++m) {
                INFO(scenario << " month " << m);
                REQUIRE(perm[m] - perm[m - 1] ==
                        Approx(x.monthly[model::kStarters][m] - x.monthly[model::kLeavers][m]).margin(1e-9));
            }
        }
    }
}
