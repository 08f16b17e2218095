// Calibration recovers parameters from data wfsim itself generated, and fits
// the England scenario to the published 2017 row.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/params/units.h"
#include <nlohmann/json.hpp>

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
    // The residuals are scaled by each metric's mean observed value (the
    // objective was below 1e-3 when each was divided by its own observation).
    CHECK(fit.objective < 3e-3);
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

TEST_CASE("wfsim calibrate fits England to the published 2018 row at September 2018", "[calibrate][cli]") {
    // The scenario starts from the 2017 snapshot (1 October 2017): the 2018
    // row is judged at month 12, 30 September 2018. Three parameters for
    // three figures: exactly determined, so no standard errors.
    test::TempDir d;
    const std::string out = (d.path / "cal").string();
    auto r = test::run_wfsim("calibrate " + test::source_path("scenarios/england/england-children-2017.yaml") +
                             " --observed " + test::source_path("../shared/data/dfe_csww_england.csv") +
                             " --years 2018 --fit leaving.base_rate.sw,agency.fill_probability,recruitment.applicants_per_advert.sw"
                             " --reps 2 --months 12 --out " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("3 parameters fitted to 3 observations: exactly determined") != std::string::npos);
    const std::string text = test::read_file(out + "/calibration.json");
    CHECK(text.find("standard_error") == std::string::npos);
    const auto json = nlohmann::ordered_json::parse(text);
    CHECK(json["determination"] == "exactly determined");
    for (const auto& [metric, observed] : std::vector<std::pair<std::string, double>>{
             {"turnover_rate_12m", 0.151}, {"vacancy_rate", 0.165}, {"agency_rate", 0.154}}) {
        bool found = false;
        for (const auto& o : json["observations"]) {
            if (o["metric"] != metric) continue;
            found = true;
            CHECK(o["month"] == 12);
            CHECK(o["date"] == "2018-09-30");
            CHECK(o["year"] == 2018);
            const double v = o["simulated"].get<double>();
            INFO(metric << " simulated " << v << ", observed " << observed);
            CHECK(std::fabs(v - observed) < 0.02 * observed);
        }
        CHECK(found);
    }
    const std::string yaml = test::read_file(out + "/scenario.calibrated.yaml");
    CHECK(yaml.find("name: England children's social work 2017") != std::string::npos);
    CHECK(yaml.find("correlated") == std::string::npos);
}

TEST_CASE("calibrate --years judges each row at its own 30 September", "[calibrate][cli][months]") {
    const std::string england = test::source_path("scenarios/england/england-children-2017.yaml");
    const std::string dfe = test::source_path("../shared/data/dfe_csww_england.csv");
    const std::string fit = " --fit leaving.base_rate.sw -q --out /nonexistent/never";
    test::TempDir d;
    const std::string later = d.write("later.yaml", "name: x\nstart: 2019-10-01\nhorizon: 24 months\n"
                                                    "grades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 10}}}\n"
                                                    "leaving: {base_rate: {sw: 0.1}}\n");
    test::check_refused({
        {"calibrate " + later + " --observed " + dfe + " --year 2018" + fit,
         "the 2018 row (30 September 2018) is before the start date 2019-10-01"},
        {"calibrate " + england + " --observed " + dfe + " --years 2018-2019 --months 12" + fit,
         "the 2019 row (30 September 2019) is after the horizon, month 12 (2018-09-30)"},
        {"calibrate " + england + " --observed " + dfe + " --years 2021-2018" + fit, "--years 2021-2018 runs backwards"},
        {"calibrate " + england + " --observed " + dfe + " --years 2018-2026" + fit, "no row for year 2026"},
        {"calibrate " + england + " --observed " + dfe + " --years 2018 --year 2018" + fit, "give --years or --year, not both"},
        {"calibrate " + england + " --observed " + dfe + fit, "the DfE series needs --years"},
    });
    // Months: a start on 30 September puts the next 30 September at month 12;
    // a start on the snapshot day judges its stocks at month 0 (turnover, a
    // flow, has no value there and is left out).
    const auto cal = test::calendar_of("name: x\nstart: 2017-09-30\nhorizon: 24 months\n"
                                       "grades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 10}}}\n");
    const auto obs = model::read_observations(dfe, model::parse_years("2017-2019"), cal);
    REQUIRE(obs.size() == 8);
    CHECK(obs[0].metric == "vacancy_rate");
    CHECK(obs[0].month == 0);
    CHECK(obs[0].value == Approx(0.17));
    CHECK(obs[2].year == 2018);
    CHECK(obs[2].month == 12);
    CHECK(cal.month_last_day(12) == "2018-09-29");  // its cut: the start of 30 September
    CHECK(obs[5].month == 24);
    CHECK(obs[5].value == Approx(0.15));
    // England starts on 1 October 2017, the day after the 2017 snapshot: the
    // 2017 row is its month 0 (the start it was built from), 2021 month 48.
    const auto england_cal = test::calendar_of(test::read_file(england));
    const auto e = model::read_observations(dfe, model::parse_years("2017-2021"), england_cal);
    REQUIRE(e.size() == 14);
    CHECK(e[0].month == 0);
    CHECK(e[2].month == 12);
    CHECK(e[13].month == 48);
    CHECK(e[13].year == 2021);
    // A start in the middle of a month has no month at 30 September.
    const auto mid = test::calendar_of("name: x\nstart: 2017-06-15\nhorizon: 24 months\n"
                                       "grades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 10}}}\n");
    CHECK_THROWS_WITH(model::read_observations(dfe, model::parse_years("2018"), mid),
                      Catch::Contains("no month of the run ends on 30 September 2018"));
}

TEST_CASE("wfsim calibrate reports standard errors and writes them as a joint normal a run accepts", "[calibrate][cli][uncertainty]") {
    // Observations of the truth scenario's own output on the fit's seeds, at
    // six points for two parameters: over-determined; the calibrated scenario
    // carries the covariance in its correlated block, validates and runs.
    test::TempDir d;
    const auto obs = observations(9, 6);
    std::string csv = "metric,month,value\n";
    for (const auto& o : obs) csv += o.metric + "," + std::to_string(o.month) + "," + params::format_number(o.value) + "\n";
    const std::string s = d.write("truth.yaml", kTruth), data = d.write("obs.csv", csv);
    const std::string out = (d.path / "cal").string();
    auto r = test::run_wfsim("calibrate " + s + " --observed " + data +
                             " --fit leaving.base_rate.sw,recruitment.applicants_per_advert.sw --reps 6 --seed 9 --iterations 6 --out " + out);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("2 parameters fitted to 6 observations: over-determined (4 degrees of freedom") != std::string::npos);
    CHECK(r.out.find("(se ") != std::string::npos);
    const auto json = nlohmann::ordered_json::parse(test::read_file(out + "/calibration.json"));
    CHECK(json["correlation"][0][0] == 1);
    CHECK(json["correlation"][1][1] == 1);
    CHECK(json["observations"][0].contains("scaled_residual"));
    CHECK(json["uncertainty_in_scenario"] == true);
    const std::string yaml = test::read_file(out + "/scenario.calibrated.yaml");
    CHECK(yaml.find("correlated:") != std::string::npos);
    CHECK(test::load_errors(out + "/scenario.calibrated.yaml").empty());
    r = test::run_wfsim("run " + out + "/scenario.calibrated.yaml --reps 4 --months 3 -q --out " + (d.path / "run").string());
    INFO(r.err);
    CHECK(r.exit_code == 0);
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
