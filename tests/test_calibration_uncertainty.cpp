// The statistics of a calibration (standard errors, correlation, exact
// determination) and the joint normal (`correlated:`) that carries them into
// a scenario: small synthetic models only, so the suite stays fast.
#include <catch2/catch.hpp>

#include <Eigen/Dense>
#include <cmath>
#include <random>

#include "engine/params/params.h"
#include "engine/stats/correlated_normal.h"
#include "helpers.h"
#include "models/calibrate/calibrate.h"
#include "models/metrics/result.h"
#include "models/simulation.h"
#include "models/uncertainty.h"

using namespace wfsim;

namespace {

const std::string kBase =
    "name: correlated\nstart: 2020-01-01\nhorizon: 12 months\n"
    "grades: {sw: {salary: 30000}}\n"
    "establishment: {teams: {a: {sw: 100}}}\n"
    "leaving: {base_rate: {sw: 0.2}}\n"
    "recruitment: {advert: {length: 4 weeks}, applicants_per_advert: {sw: 0.8}, appointable: 0.5}\n"
    "agency: {fill_probability: 0.6, cost_per_year: 70000, leaving_rate: 1}\n";

// A fast synthetic model of two parameters (a, b) read from the scenario:
// y_j = a exp(-b t_j), t_j = 0..m-1.
const char* kA = "leaving.base_rate.sw";
const char* kB = "recruitment.applicants_per_advert.sw";

std::vector<double> curve(double a, double b, std::size_t m) {
    std::vector<double> y;
    for (std::size_t j = 0; j < m; ++j) y.push_back(a * std::exp(-b * static_cast<double>(j)));
    return y;
}

model::Simulator curve_simulator(std::size_t m) {
    return [m](const params::Tree& t) {
        const params::Params p(&t, "");
        return curve(p.number(kA), p.number(kB), m);
    };
}

// Observed with noise of one size, sigma times the curve's mean (the fit
// divides every residual of a metric by the same scale and assumes they
// share one variance).
std::vector<model::Observation> noisy(const std::vector<double>& y, double sigma, std::uint32_t seed) {
    std::mt19937_64 g(seed);
    std::normal_distribution<double> z(0, 1);
    double mean = 0;
    for (double v : y) mean += v / static_cast<double>(y.size());
    std::vector<model::Observation> obs;
    for (std::size_t j = 0; j < y.size(); ++j) obs.push_back({"leavers", j + 1, y[j] + sigma * mean * z(g), 0});
    return obs;
}

std::vector<model::FitParameter> guesses() { return {{kA, 0.5, 0, 2, 0}, {kB, 0.5, 0, 5, 0}}; }

}  // namespace

TEST_CASE("calibration: standard errors and correlation are the weighted least-squares ones", "[calibrate][uncertainty]") {
    // At the optimum, the covariance is s2 (J'J)^-1 with J the Jacobian of the
    // scaled residuals and s2 = SSR / (m - n): computed here in closed form
    // from the analytic Jacobian, against the fit's finite differences.
    const std::size_t m = 10;
    const auto obs = noisy(curve(0.3, 0.2, m), 0.05, 7);
    const auto fit = model::calibrate(test::simulate_tree(kBase), guesses(), obs, curve_simulator(m), 50);
    REQUIRE(fit.has_uncertainty);
    CHECK_FALSE(fit.exactly_determined);
    CHECK(fit.degrees_of_freedom == 8);
    const double a = fit.parameters[0].value, b = fit.parameters[1].value;
    // One metric: every residual is divided by the mean observed value.
    double scale = 0;
    for (const auto& o : obs) scale += o.value / static_cast<double>(m);
    Eigen::MatrixXd J(m, 2);
    double ssr = 0;
    for (std::size_t j = 0; j < m; ++j) {
        const double t = static_cast<double>(j), o = obs[j].value, e = std::exp(-b * t);
        J(static_cast<Eigen::Index>(j), 0) = e / scale;
        J(static_cast<Eigen::Index>(j), 1) = -a * t * e / scale;
        ssr += std::pow((a * e - o) / scale, 2);
    }
    const Eigen::MatrixXd cov = ssr / static_cast<double>(m - 2) * (J.transpose() * J).inverse();
    CHECK(fit.objective == Approx(ssr).epsilon(1e-9));
    CHECK(fit.residual_variance == Approx(ssr / 8).epsilon(1e-9));
    // Central differences of a curve: exact to a few parts in 10^4 at a 5% step.
    CHECK(fit.standard_errors[0] == Approx(std::sqrt(cov(0, 0))).epsilon(2e-3));
    CHECK(fit.standard_errors[1] == Approx(std::sqrt(cov(1, 1))).epsilon(2e-3));
    CHECK(fit.correlation[0][1] == Approx(cov(0, 1) / std::sqrt(cov(0, 0) * cov(1, 1))).epsilon(2e-3));
    CHECK(fit.correlation[0][1] == fit.correlation[1][0]);
    CHECK(fit.covariance[0][1] == fit.covariance[1][0]);
    REQUIRE(fit.residuals.size() == m);
    for (std::size_t j = 0; j < m; ++j)
        CHECK(fit.residuals[j] == Approx((fit.simulated[j] - obs[j].value) / scale).margin(1e-12));
    CHECK(fit.t95 == Approx(2.306).epsilon(1e-3));  // Student's t, 8 degrees of freedom
}

TEST_CASE("calibration: as many parameters as observations is exactly determined, with no standard errors",
          "[calibrate][uncertainty]") {
    const auto obs = noisy(curve(0.3, 0.2, 2), 0.05, 3);
    const auto fit = model::calibrate(test::simulate_tree(kBase), guesses(), obs, curve_simulator(2), 50);
    CHECK(fit.exactly_determined);
    CHECK(fit.degrees_of_freedom == 0);
    CHECK_FALSE(fit.has_uncertainty);
    CHECK(fit.standard_errors.empty());
    CHECK(fit.covariance.empty());
    CHECK(fit.objective < 1e-12);  // it meets both observations
    // One observation for two parameters: under-determined.
    const auto one = model::calibrate(test::simulate_tree(kBase), guesses(), {obs[0]}, curve_simulator(1), 5);
    CHECK_FALSE(one.exactly_determined);
    CHECK_FALSE(one.has_uncertainty);
    CHECK(one.degrees_of_freedom == -1);
}

TEST_CASE("calibration: the 95% intervals cover the true values at their rate over repeated seeds", "[calibrate][uncertainty]") {
    // 100 data sets of 8 observations with noise of 4% of their mean; each fit's
    // interval value +- t95 x se should hold the truth 95 times in 100 for
    // each parameter. A binomial(100, 0.95) count is below 88 with
    // probability 0.0005 (and at 100 with 0.006, allowed).
    const double a = 0.3, b = 0.15;
    const std::size_t m = 8;
    int covered_a = 0, covered_b = 0;
    for (std::uint32_t seed = 1; seed <= 100; ++seed) {
        const auto obs = noisy(curve(a, b, m), 0.04, seed);
        const auto fit = model::calibrate(test::simulate_tree(kBase), guesses(), obs, curve_simulator(m), 50);
        REQUIRE(fit.has_uncertainty);
        covered_a += std::fabs(fit.parameters[0].value - a) <= fit.t95 * fit.standard_errors[0];
        covered_b += std::fabs(fit.parameters[1].value - b) <= fit.t95 * fit.standard_errors[1];
    }
    INFO("covered: a " << covered_a << ", b " << covered_b << " of 100");
    CHECK(covered_a >= 88);
    CHECK(covered_b >= 88);
}

TEST_CASE("correlated: draws recover the stated means and covariance", "[uncertainty][correlated]") {
    // 4,000 replications' draws of two keys (one stream per replication);
    // sample means, variances and the covariance within 4 standard errors.
    const std::string yaml = kBase +
                             "correlated:\n  mean: {leaving.base_rate.sw: 0.2, agency.fill_probability: 0.6}\n"
                             "  covariance: [[0.0004, -0.0003], [-0.0003, 0.0009]]\n";
    const params::Tree tree = test::simulate_tree(yaml);
    const int n = 4000;
    double s1 = 0, s2 = 0, s11 = 0, s22 = 0, s12 = 0;
    for (int rep = 0; rep < n; ++rep) {
        params::Tree t = tree;
        REQUIRE(model::sample_uncertain(t, 99, static_cast<std::uint64_t>(rep)) == 2);
        const params::Params p(&t, "");
        const double x = p.number("leaving.base_rate.sw"), y = p.number("agency.fill_probability");
        s1 += x, s2 += y, s11 += x * x, s22 += y * y, s12 += x * y;
    }
    const double m1 = s1 / n, m2 = s2 / n;
    const double v1 = (s11 - n * m1 * m1) / (n - 1), v2 = (s22 - n * m2 * m2) / (n - 1), c = (s12 - n * m1 * m2) / (n - 1);
    INFO("means " << m1 << ", " << m2 << "; variances " << v1 << ", " << v2 << "; covariance " << c);
    CHECK(std::fabs(m1 - 0.2) < 4 * std::sqrt(0.0004 / n));
    CHECK(std::fabs(m2 - 0.6) < 4 * std::sqrt(0.0009 / n));
    CHECK(std::fabs(v1 - 0.0004) < 4 * 0.0004 * std::sqrt(2.0 / (n - 1)));
    CHECK(std::fabs(v2 - 0.0009) < 4 * 0.0009 * std::sqrt(2.0 / (n - 1)));
    CHECK(std::fabs(c + 0.0003) < 4 * std::sqrt((0.0004 * 0.0009 + 0.0003 * 0.0003) / n));
    // The same (seed, replication) gives the same draw.
    params::Tree a = tree, b = tree;
    model::sample_uncertain(a, 5, 17);
    model::sample_uncertain(b, 5, 17);
    CHECK(params::Params(&a, "").number("leaving.base_rate.sw") == params::Params(&b, "").number("leaving.base_rate.sw"));
}

TEST_CASE("correlated: a singular covariance is drawn along its one direction", "[uncertainty][correlated]") {
    engine::CorrelatedNormal joint;
    std::string why;
    REQUIRE(joint.set({1, 2}, {{4, 2}, {2, 1}}, why));  // perfectly correlated: y - 2 = (x - 1) / 2
    engine::Stream s(1, 2, 3);
    for (int i = 0; i < 20; ++i) {
        const auto x = joint.draw(s);
        CHECK(x[1] - 2 == Approx((x[0] - 1) / 2).margin(1e-12));
    }
    CHECK_FALSE(joint.set({0, 0}, {{1, 2}, {2, 1}}, why));
    CHECK(why.find("not positive semi-definite") != std::string::npos);
    CHECK_FALSE(joint.set({0, 0}, {{1, 0.5}, {0.4, 1}}, why));
    CHECK(why.find("not symmetric") != std::string::npos);
}

TEST_CASE("correlated: the block is validated where it is written", "[uncertainty][correlated][validate]") {
    test::TempDir d;
    auto errors_of = [&](const std::string& block) {
        const auto e = test::load_errors(d.write("s.yaml", kBase + block));
        std::string all;
        for (const auto& x : e) all += x + "\n";
        return all;
    };
    CHECK(errors_of("correlated: {mean: {leaving.base_rate.sw: 0.2}, covariance: [[0.01]]}\n").empty());
    CHECK(errors_of("correlated: {mean: {leaving.base_rate.sw: 0.2, agency.fill_probability: 0.6}, covariance: [[1, 2], [2, 1]]}\n")
              .find("not positive semi-definite") != std::string::npos);
    CHECK(errors_of("correlated: {mean: {leaving.base_rate.sw: 0.2, agency.fill_probability: 0.6}, covariance: [[1, 0.1], [0.2, 1]]}\n")
              .find("not symmetric") != std::string::npos);
    CHECK(errors_of("correlated: {mean: {leaving.base_rate.sw: 0.2, agency.fill_probability: 0.6}, covariance: [[1]]}\n")
              .find("1 rows for 2 means") != std::string::npos);
    CHECK(errors_of("correlated: {mean: {leaving.base_rate.swx: 0.2}, covariance: [[1]]}\n").find("swx") != std::string::npos);
    CHECK(errors_of("correlated: {mean: {recruitment.cost_per_hire: 3000}, covariance: [[1]]}\n")
              .find("cannot be uncertain") != std::string::npos);
    CHECK(errors_of("correlated: {mean: {agency.fill_probability: 1.5}, covariance: [[0.01]]}\n")
              .find("not a probability") != std::string::npos);
    CHECK(errors_of("correlated: {mean: {leaving.base_rate.sw: 0.2}, covariance: [[x]]}\n").find("covariance") != std::string::npos);
    const std::string both =
        "correlated: {mean: {leaving.base_rate.sw: 0.2}, covariance: [[0.01]]}\n"
        "interventions: [{at: 2020-06-01, set: {correlated.mean: {leaving.base_rate.sw: 0.3}}}]\n";
    CHECK_FALSE(errors_of(both).empty());
    // A key that is a distribution as well.
    test::TempDir d2;
    const auto e = test::load_errors(d2.write("s.yaml",
        "name: x\nstart: 2020-01-01\ngrades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 10}}}\n"
        "leaving: {base_rate: {sw: {dist: normal, mean: 0.2, sd: 0.02}}}\n"
        "correlated: {mean: {leaving.base_rate.sw: 0.2}, covariance: [[0.01]]}\n"));
    REQUIRE_FALSE(e.empty());
    CHECK(e.front().find("also in correlated.mean") != std::string::npos);
    // A key of an intervention's set may be correlated; one it does not set may not.
    const std::string dated =
        "interventions: [{at: 2020-06-01, set: {leaving.base_rate.sw: 0.3}}]\n"
        "correlated: {mean: {interventions.0.set.leaving.base_rate.sw: 0.3, leaving.base_rate.sw: 0.2},"
        " covariance: [[0.001, 0.0005], [0.0005, 0.001]]}\n";
    CHECK(errors_of(dated).empty());
    CHECK(errors_of("interventions: [{at: 2020-06-01, set: {leaving.base_rate.sw: 0.3}}]\n"
                    "correlated: {mean: {interventions.0.set.agency.fill_probability: 0.3}, covariance: [[0.001]]}\n")
              .find("does not set the key") != std::string::npos);
}

TEST_CASE("correlated: a run's results are the same whatever the number of threads", "[uncertainty][correlated][cli]") {
    test::TempDir d;
    const std::string s = d.write("s.yaml", kBase +
                                                "correlated:\n  mean: {leaving.base_rate.sw: 0.2, agency.fill_probability: 0.6}\n"
                                                "  covariance: [[0.0004, -0.0003], [-0.0003, 0.0009]]\n");
    const std::string one = (d.path / "one").string(), two = (d.path / "two").string();
    REQUIRE(test::run_wfsim("run " + s + " --reps 8 --threads 1 -q --out " + one).exit_code == 0);
    REQUIRE(test::run_wfsim("run " + s + " --reps 8 --threads 2 -q --out " + two).exit_code == 0);
    CHECK(test::read_file(one + "/trajectory.csv") == test::read_file(two + "/trajectory.csv"));
}

TEST_CASE("calibration of a small wfsim model: the 95% intervals cover the true leaving rate over 20 seeds",
          "[calibrate][uncertainty]") {
    // 2,000 posts leaving at 0.6 a year, refilled a month after they empty:
    // the leavers of each month 1..12 (about 100, close to independent from
    // month to month) of one replication are the data; the fit runs 5
    // replications on other seeds (common random numbers). The residual
    // variance then holds the data's noise and the fit's own, as it should.
    // Coverage of 95% intervals over 20 seeds: below 15 with probability
    // 0.0003 if the standard errors are right. (When each residual was
    // divided by its own noisy observation, the fits here were 4% low on
    // average and covered 13 of 20.)
    const std::string yaml =
        "name: coverage\nstart: 2020-01-01\nhorizon: 12 months\n"
        "grades: {sw: {salary: 30000}}\n"
        "establishment: {teams: {a: {sw: 2000}}}\n"
        "leaving: {base_rate: {sw: 0.6}}\n"
        "recruitment: {method: fixed_delay, time_to_fill: 1 month}\n";
    const params::Tree truth = test::simulate_tree(yaml);
    int leavers = 0;
    while (std::string(model::kMetricNames[leavers]) != "leavers") ++leavers;
    const auto k = static_cast<std::size_t>(leavers);
    int covered = 0;
    double mean_se = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        model::RunOptions o;
        o.seed = 1000 + seed;
        const auto data = model::Simulation(truth, "", o).run();
        std::vector<model::Observation> obs;
        for (std::size_t m = 1; m <= 12; ++m) obs.push_back({"leavers", m, data.monthly[k][m], 0});
        const model::Simulator sim = [&](const params::Tree& t) {
            std::vector<double> means(12, 0);
            for (std::size_t i = 0; i < 5; ++i) {
                model::RunOptions fo;
                fo.seed = seed;
                fo.replication = i;
                const auto r = model::Simulation(t, "", fo).run();
                for (std::size_t m = 1; m <= 12; ++m) means[m - 1] += r.monthly[k][m] / 5;
            }
            return means;
        };
        const auto fit = model::calibrate(truth, {{"leaving.base_rate.sw", 0.3, 0, 3, 0}}, obs, sim, 30);
        REQUIRE(fit.has_uncertainty);
        covered += std::fabs(fit.parameters[0].value - 0.6) <= fit.t95 * fit.standard_errors[0];
        mean_se += fit.standard_errors[0] / 20;
    }
    INFO("covered " << covered << " of 20; mean standard error " << mean_se);
    CHECK(covered >= 15);
    // And the standard error is of the size the noise implies: about 0.6 x
    // sqrt(1/1200 + 1/6000) (counts of 1,200 and 6,000 leavers) = 0.019.
    CHECK(mean_se > 0.01);
    CHECK(mean_se < 0.04);
}

TEST_CASE("correlated: a run carries the joint uncertainty into its spread", "[uncertainty][correlated]") {
    // 1,000 posts, a year: with the leaving rate drawn per replication (sd
    // 0.05 around 0.2) the replications' leavers spread about 1,000 x 0.05 x
    // 0.9 = 45 apart, against about 13 from chance alone with the rate fixed.
    const std::string base =
        "name: spread\nstart: 2020-01-01\nhorizon: 12 months\n"
        "grades: {sw: {salary: 30000}}\n"
        "establishment: {teams: {a: {sw: 1000}}}\n"
        "leaving: {base_rate: {sw: 0.2}}\n"
        "recruitment: {method: fixed_delay, time_to_fill: 1 month}\n";
    const std::string joint = base +
                              "correlated: {mean: {leaving.base_rate.sw: 0.2, agency.fill_probability: 0.5},"
                              " covariance: [[0.0025, 0.0005], [0.0005, 0.01]]}\n";
    int leavers = 0;
    while (std::string(model::kMetricNames[leavers]) != "leavers") ++leavers;
    auto spread = [&](const std::string& yaml) {
        const auto runs = test::simulate(yaml, 60, 4);
        std::vector<double> totals;
        for (const auto& r : runs) {
            double t = 0;
            for (std::size_t m = 1; m < r.monthly[static_cast<std::size_t>(leavers)].size(); ++m)
                t += r.monthly[static_cast<std::size_t>(leavers)][m];
            totals.push_back(t);
        }
        double mean = 0, ss = 0;
        for (double t : totals) mean += t / static_cast<double>(totals.size());
        for (double t : totals) ss += (t - mean) * (t - mean);
        return std::sqrt(ss / static_cast<double>(totals.size() - 1));
    };
    const double fixed = spread(base), drawn = spread(joint);
    INFO("sd of a year's leavers: fixed rate " << fixed << ", drawn " << drawn);
    CHECK(fixed < 25);
    CHECK(drawn > 30);
    CHECK(drawn > 2 * fixed);
}
