// wfsim sensitivity --method morris: the elementary-effects design and its
// statistics checked on answers whose effects are known in closed form, and
// the command checked on a model whose spend is linear in a salary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "engine/stats/morris.h"
#include "helpers.h"

using namespace wfsim;
using test::read_file;
using test::run_wfsim;
using test::TempDir;

namespace {


}  // namespace

TEST_CASE("Morris design: r trajectories of k+1 grid points, one factor moving by delta at each step", "[morris][units]") {
    const std::size_t k = 5, p = 4, r = 12;
    const stats::MorrisDesign d = stats::morris_design(k, p, r, 42);
    CHECK(d.point_count() == (k + 1) * r);
    CHECK(d.delta == Approx(2.0 / 3.0));
    for (const auto& x : d.points)
        for (double v : x) {
            const double level = v * static_cast<double>(p - 1);
            CHECK(std::abs(level - std::round(level)) < 1e-12);  // on the grid
            CHECK(v >= 0);
            CHECK(v <= 1);
        }
    for (std::size_t t = 0; t < r; ++t) {
        std::set<std::size_t> moved;
        for (std::size_t s = 0; s < k; ++s) {
            const auto& a = d.points[t * (k + 1) + s];
            const auto& b = d.points[t * (k + 1) + s + 1];
            const std::size_t i = d.changed[t * k + s];
            moved.insert(i);
            for (std::size_t j = 0; j < k; ++j) {
                if (j == i) CHECK(std::abs(b[j] - a[j]) == Approx(d.delta));
                else CHECK(b[j] == a[j]);
            }
        }
        CHECK(moved.size() == k);  // every factor moves once per trajectory
    }
    // The same seed, the same points; another seed, others.
    CHECK(stats::morris_design(k, p, r, 42).points == d.points);
    CHECK(stats::morris_design(k, p, r, 43).points != d.points);
    CHECK_THROWS(stats::morris_design(k, 3, r, 1));  // an odd p puts the step off the grid
    CHECK_THROWS(stats::morris_design(0, 4, r, 1));
}

TEST_CASE("Morris effects: mu* is the coefficient times the range for an additive answer, 0 for a factor with no effect",
          "[morris][units][known]") {
    // Factors on their own ranges: x_i = low_i + u_i (high_i - low_i), the design in u.
    const std::vector<double> low = {0.1, 20000, 5, -1}, high = {0.3, 40000, 9, 1};
    const std::vector<double> coef = {-50, 0.002, 0, 3};  // factor 2 has no effect
    const stats::MorrisDesign d = stats::morris_design(4, 4, 10, 7);
    auto answer = [&](const std::vector<double>& u, bool square_last) {
        double y = 11;
        for (std::size_t i = 0; i < 4; ++i) {
            const double x = low[i] + u[i] * (high[i] - low[i]);
            y += (square_last && i == 3) ? x * x : coef[i] * x;
        }
        return y;
    };
    std::vector<double> y;
    for (const auto& u : d.points) y.push_back(answer(u, false));
    const auto e = stats::morris_effects(d, y);
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("factor " << i);
        CHECK(e[i].effects == 10);
        CHECK(e[i].mu == Approx(coef[i] * (high[i] - low[i])).margin(1e-9));
        CHECK(e[i].mu_star == Approx(std::abs(coef[i] * (high[i] - low[i]))).margin(1e-9));
        CHECK(e[i].sigma == Approx(0).margin(1e-9));
    }
    // x^2 on [-1, 1]: the effects are +-(a + b) over steps between a and b, of
    // both signs, so mu is near 0 while mu* and sigma are not.
    y.clear();
    for (const auto& u : d.points) y.push_back(answer(u, true));
    const auto q = stats::morris_effects(d, y);
    CHECK(q[3].mu_star > 0.1);
    CHECK(q[3].sigma > 0.1);
    CHECK(q[2].mu_star == 0);
    // A noisy answer with no effect: mu* within a few standard errors of 0.
    std::vector<double> noise;
    std::uint64_t s = 12345;
    for (std::size_t i = 0; i < d.point_count(); ++i) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        noise.push_back(static_cast<double>(s >> 11) / 9007199254740992.0 * 1e-3);
    }
    const auto n = stats::morris_effects(d, noise);
    for (const auto& m : n) CHECK(std::abs(m.mu) < 4 * m.sigma / std::sqrt(10.0) + 1e-12);
}

namespace {

double in_post_years(double r) { return (1 - std::exp(-r)) / r; }

}  // namespace

TEST_CASE("sensitivity --method morris: mu* of a salary on spend is its coefficient times the range, and none on the target",
          "[morris][sensitivity][cli][known]") {
    TempDir d;
    const std::string file = d.write("two.yaml", test::two_grades_scenario());
    const std::string out = (d.path / "m").string();
    const std::string args = "sensitivity " + file + " -q --method morris --trajectories 6 --reps 400 --per-replication"
                             " --vary grades.sw.salary=27000,33000,leaving.base_rate.sm=0.1,0.3 --out ";
    const auto r = run_wfsim(args + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string csv = read_file(out + "/morris.csv");
    INFO(csv);
    CHECK(csv.rfind("parameter,low,high,answer,mu,mu_star,sigma,mu_star_se,elementary_effects,points,replications_per_point,replications\n", 0) == 0);
    const auto rows = test::csv_rows(csv);
    CHECK(rows.size() == 2 * 3);  // two assumptions x (one target + total and agency spend)
    for (const auto& row : rows) {
        CHECK(row.at("points") == "18");  // (k + 1) x r = 3 x 6
        CHECK(row.at("replications") == std::to_string(18 * 400));
        CHECK(row.at("elementary_effects") == "6");
        const double mu_star = std::stod(row.at("mu_star")), se = std::stod(row.at("mu_star_se"));
        if (row.at("parameter") == "grades.sw.salary" && row.at("answer") == "spend_total") {
            // 6,000 pounds more a year for 10 x (1 - exp(-0.2)) / 0.2 FTE-years in post, paid by the month
            // (a little less than continuously, as test_sensitivity.cpp says).
            CHECK(mu_star == Approx(6000 * 10 * in_post_years(0.2)).epsilon(0.02));
            CHECK(std::stod(row.at("mu")) == Approx(mu_star));  // always up
        }
        if (row.at("parameter") == "grades.sw.salary" && row.at("answer") == "p_eighteen in post")
            CHECK(mu_star <= 3 * se + 1e-12);  // pay does not move leaving here: no effect
        if (row.at("parameter") == "leaving.base_rate.sm" && row.at("answer") == "spend_total")
            CHECK(std::stod(row.at("mu")) < 0);  // more leaving, less pay
    }
    const auto points = test::csv_rows(read_file(out + "/morris_points.csv"));
    CHECK(points.size() == 18);
    for (const auto& p : points) {
        const double s = std::stod(p.at("grades.sw.salary"));
        CHECK((s == 27000 || s == 29000 || s == 31000 || s == 33000));  // a four-level grid
    }
    // replications.csv: every point's replications, named by its point number.
    const std::string reps = read_file(out + "/replications.csv");
    CHECK(std::count(reps.begin(), reps.end(), '\n') == 1 + 18 * 400);
    CHECK(reps.find("\n17,399,") != std::string::npos);
    // Deterministic for a seed.
    const std::string again = (d.path / "again").string();
    REQUIRE(run_wfsim(args + again).exit_code == 0);
    CHECK(read_file(again + "/morris.csv") == csv);
    const auto other = run_wfsim(args + (d.path / "other").string() + " --seed 99");
    REQUIRE(other.exit_code == 0);
    CHECK(read_file((d.path / "other" / "morris_points.csv").string()) != read_file(out + "/morris_points.csv"));

    test::check_refused({
        {"sensitivity " + file + " --method sobol", "--method sobol: expected oat (one at a time) or morris"},
        {"sensitivity " + file + " --method morris --levels 5", "--levels 5: give an even number"},
        {"sensitivity " + file + " --trajectories 4", "--trajectories and --levels belong to --method morris"},
        {"sensitivity " + file + " --shard 1/2", "wfsim sensitivity: --shard is not supported: every run is compared"},
    });
}
