// Calibration recovers parameters from data wfsim itself generated, and fits
// the England scenario to the published 2017 row.
#include <catch2/catch.hpp>

#include <cmath>

#include "helpers.h"
#include "models/calibrate/calibrate.h"
#include "models/simulation.h"

using namespace wfsim;

namespace {

const std::string kTruth =
    "name: calibration truth\nstart: 2020-01-01\nhorizon: 24 months\n"
    "grades: {sw: {salary: 30000}}\n"
    "establishment: {teams: {a: {sw: 300}}}\n"
    "initial_staff: {vacancies: {sw: 30}}\n"
    "leaving: {base_rate: {sw: 0.2}}\n"
    "recruitment: {advert: {length: 4 weeks}, applicants_per_advert: {sw: 0.8}, appointable: 0.5}\n"
    "agency: {fill_probability: 0.6, cost_per_year: 70000, leaving_rate: 1}\n";

std::vector<model::Observation> observations(std::uint64_t seed, std::size_t reps) {
    const auto runs = test::simulate(kTruth, reps, seed);
    std::vector<model::Observation> obs;
    for (const char* metric : {"turnover_rate_12m", "vacancy_rate", "agency_rate"})
        for (std::size_t month : {11u, 23u}) {
            int k = 0;
            while (std::string(model::kMetricNames[k]) != metric) ++k;
            double s = 0;
            for (const auto& r : runs) s += r.monthly[static_cast<std::size_t>(k)][month];
            obs.push_back({metric, month, s / static_cast<double>(reps)});
        }
    return obs;
}

model::Simulator simulator(const std::vector<model::Observation>& obs, std::uint64_t seed, std::size_t reps) {
    return [=](const params::Tree& t) {
        std::vector<double> means(obs.size(), 0);
        for (std::size_t i = 0; i < reps; ++i) {
            model::RunOptions o;
            o.seed = seed;
            o.replication = i;
            const auto r = model::Simulation(t, "", o).run();
            for (std::size_t j = 0; j < obs.size(); ++j) {
                int k = 0;
                while (obs[j].metric != model::kMetricNames[k]) ++k;
                means[j] += r.monthly[static_cast<std::size_t>(k)][obs[j].month] / static_cast<double>(reps);
            }
        }
        return means;
    };
}

std::vector<model::FitParameter> starting_guesses() {
    return {{"leaving.base_rate.sw", 0.1, 0, 2, 0},
            {"agency.fill_probability", 0.9, 0, 1, 0},
            {"recruitment.applicants_per_advert.sw", 0.4, 0, 10, 0}};
}

}  // namespace

TEST_CASE("calibration recovers known parameters exactly on common random numbers", "[calibrate]") {
    // Observations from the same seeds the fit uses: at the true values the
    // simulated statistics equal the observed ones, so the least-squares
    // minimum (zero) is at the truth; it is flat to within the jumps of single
    // draws, which move the fitted values by a percent or two. The fill
    // probability is the flattest direction: since the first day's cover is
    // the steady state of the cover cycle rather than one draw at the fill
    // probability, it moves the agency rate less (objective 3e-4 at 3.5% off).
    const auto obs = observations(9, 30);
    const auto fit = model::calibrate(test::simulate_tree(kTruth), starting_guesses(), obs, simulator(obs, 9, 30));
    INFO("fitted " << fit.parameters[0].value << ", " << fit.parameters[1].value << ", " << fit.parameters[2].value
                   << " after " << fit.evaluations << " evaluations; objective " << fit.objective);
    CHECK(fit.parameters[0].value == Approx(0.2).epsilon(0.03));
    CHECK(fit.parameters[1].value == Approx(0.6).epsilon(0.05));
    CHECK(fit.parameters[2].value == Approx(0.8).epsilon(0.03));
    CHECK(fit.objective < 1e-3);
}

TEST_CASE("calibration recovers known parameters from independent data within its noise", "[calibrate]") {
    // Observations from 200 replications on other seeds than the fit's 40: the
    // fitted values carry the sampling error of both (a few percent here).
    const auto obs = observations(1234, 200);
    const auto fit = model::calibrate(test::simulate_tree(kTruth), starting_guesses(), obs, simulator(obs, 77, 40));
    INFO("fitted " << fit.parameters[0].value << ", " << fit.parameters[1].value << ", " << fit.parameters[2].value);
    CHECK(fit.parameters[0].value == Approx(0.2).epsilon(0.12));
    CHECK(fit.parameters[1].value == Approx(0.6).epsilon(0.12));
    CHECK(fit.parameters[2].value == Approx(0.8).epsilon(0.15));
}

TEST_CASE("wfsim calibrate fits England 2017 to the published 2017 row", "[calibrate][cli]") {
    test::TempDir d;
    const std::string out = (d.path / "cal").string();
    auto r = test::run_wfsim("calibrate " + test::source_path("scenarios/england/england-children-2017.yaml") +
                             " --observed " + test::source_path("../shared/data/dfe_csww_england.csv") +
                             " --year 2017 --fit leaving.base_rate.sw,agency.fill_probability,recruitment.applicants_per_advert.sw"
                             " --reps 2 --months 12 -q --out " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string json = test::read_file(out + "/calibration.json");
    // Each of turnover 13.4%, vacancy rate 17.0% and agency rate 15.8% is met to within 2% of itself.
    for (const auto& [metric, observed] : std::vector<std::pair<std::string, double>>{
             {"turnover_rate_12m", 0.134}, {"vacancy_rate", 0.17}, {"agency_rate", 0.158}}) {
        const auto at = json.find("\"metric\": \"" + metric + "\"");
        REQUIRE(at != std::string::npos);
        const auto sim = json.find("\"simulated\": ", at);
        const double v = std::stod(json.substr(sim + 13));
        INFO(metric << " simulated " << v << ", observed " << observed);
        CHECK(std::fabs(v - observed) < 0.02 * observed);
    }
    CHECK(test::read_file(out + "/scenario.calibrated.yaml").find("name: England children's social work 2017") != std::string::npos);
}

TEST_CASE("calibrate refuses bad observations and keys with a clear message", "[calibrate][cli]") {
    test::TempDir d;
    const std::string scenario = d.write("s.yaml", kTruth);
    const std::string bad = d.write("obs.csv", "metric,month,value\nturnover_rat,12,0.2\n");
    auto r = test::run_wfsim("calibrate " + scenario + " --observed " + bad + " --fit leaving.base_rate.sw -q --out " + (d.path / "o").string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("obs.csv:2: metric: 'turnover_rat' is not a metric") != std::string::npos);
    const std::string good = d.write("good.csv", "metric,month,value\nturnover_rate_12m,12,0.2\n");
    r = test::run_wfsim("calibrate " + scenario + " --observed " + good + " --fit leaving.base_rat.sw -q --out " + (d.path / "o").string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean 'leaving.base_rate'") != std::string::npos);
    r = test::run_wfsim("calibrate " + scenario + " --observed " + good + " --fit recruitment.method -q --out " + (d.path / "o").string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("not a number to fit") != std::string::npos);
}
