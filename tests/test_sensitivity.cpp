// wfsim sensitivity: each assumption at its ends, one at a time, on common
// random numbers; checked on a model whose target probability is known in
// closed form as a function of the leaving rate.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "engine/params/params.h"
#include <nlohmann/json.hpp>

#include "helpers.h"
#include "models/uncertainty_ranges.h"

using namespace wfsim;
using test::read_file;
using test::run_wfsim;
using test::TempDir;

namespace {

// Ten posts, no recruitment, leaving hazard r a year: P(at least 9 of 10 in
// post after a year) = q^10 + 10 q^9 (1 - q), q = exp(-r).
std::string tiny(const std::string& rate) {
    return test::minimal_scenario() + "leaving: {base_rate: {sw: " + rate + "}}\n"
           "recruitment: {method: none}\n"
           "targets:\n"
           "  - {name: nine in post, metric: permanent_fte, op: \">=\", value: 9, by: 2017-03-31}\n";
}

double nine_in_post(double r) {
    const double q = std::exp(-r);
    return std::pow(q, 10) + 10 * std::pow(q, 9) * (1 - q);
}


// The target's probability at each end must agree with the binomial within four standard errors.
void check_ends(const std::string& csv, const std::string& key, double low, double high, std::size_t reps) {
    int seen = 0;
    for (const auto& row : test::csv_rows(csv)) {
        if (row.at("parameter") != key || row.at("outcome") != "p_nine in post") continue;
        const double value = std::stod(row.at("value"));
        CHECK(value == Approx(row.at("end") == "low" ? low : high).epsilon(1e-9));
        const double p = nine_in_post(value);
        CHECK(std::abs(std::stod(row.at("estimate")) - p) < 4 * std::sqrt(p * (1 - p) / static_cast<double>(reps)));
        ++seen;
    }
    CHECK(seen == 2);
}

}  // namespace

TEST_CASE("an uncertain parameter's ends are its 10th and 90th percentiles, the base its mean", "[sensitivity]") {
    params::Tree tree = test::simulate_tree(tiny("{dist: uniform, min: 0.1, max: 0.3}"));
    const auto ranges = model::uncertain_ranges(tree);
    REQUIRE(ranges.size() == 1);
    CHECK(ranges[0].path == "leaving.base_rate.sw");
    CHECK(ranges[0].mean == Approx(0.2));
    CHECK(ranges[0].p10 == Approx(0.12));
    CHECK(ranges[0].p90 == Approx(0.28));
    params::Tree normal = test::simulate_tree(tiny("{dist: normal, mean: 0.2, sd: 0.05}"));
    const auto n = model::uncertain_ranges(normal);
    REQUIRE(n.size() == 1);
    CHECK(n[0].p10 == Approx(0.2 - 1.2815515655 * 0.05));
    model::hold_at_means(normal);
    CHECK(model::uncertain_ranges(normal).empty());
}

TEST_CASE("a correlated key's ends are its normal marginal's 10th and 90th percentiles", "[sensitivity][correlated]") {
    params::Tree tree = test::simulate_tree(tiny("0.1") +
                                            "correlated:\n  mean: {leaving.base_rate.sw: 0.2, agency.fill_probability: 0.6}\n"
                                            "  covariance: [[0.0004, -0.0003], [-0.0003, 0.0009]]\n");
    const auto ranges = model::uncertain_ranges(tree);
    REQUIRE(ranges.size() == 2);
    CHECK(ranges[0].path == "leaving.base_rate.sw");
    CHECK(ranges[0].mean == Approx(0.2));
    CHECK(ranges[0].p10 == Approx(0.2 - 1.2815515655 * 0.02));
    CHECK(ranges[1].p90 == Approx(0.6 + 1.2815515655 * 0.03));
    model::hold_at_means(tree);
    CHECK(tree.find("correlated") == nullptr);
    CHECK(params::Params(&tree, "").number("leaving.base_rate.sw") == Approx(0.2));
}

TEST_CASE("sensitivity varies an uncertain leaving rate over its 10th to 90th percentile, as the binomial says",
          "[sensitivity][cli][known]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", tiny("{dist: uniform, min: 0.1, max: 0.3}"));
    const std::string out = (d.path / "s").string();
    const auto r = run_wfsim("sensitivity " + file + " --reps 2000 --out " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("The probability of 'nine in post' hangs most on leaving.base_rate.sw") != std::string::npos);
    const std::string csv = read_file(out + "/sensitivity.csv");
    INFO(csv);
    CHECK(csv.rfind("parameter,source,base_value,end,value,outcome,estimate,ci95_low,ci95_high,base_estimate,difference,", 0) == 0);
    check_ends(csv, "leaving.base_rate.sw", 0.12, 0.28, 2000);
    for (const auto& row : test::csv_rows(csv)) {
        CHECK(row.at("source") == "uncertain_p10_p90");
        if (row.at("outcome") == "spend_total") {
            // Pay of those in post: 10 x 30,000 x (1 - exp(-r)) / r a year if paid continuously;
            // paid by the month it is a little less (0.2% at these rates).
            const double r = std::stod(row.at("value"));
            CHECK(std::stod(row.at("estimate")) == Approx(300000 * (1 - std::exp(-r)) / r).epsilon(0.01));
        }
        if (row.at("outcome") != "p_nine in post") continue;
        // Held at the mean, 0.2.
        CHECK(std::abs(std::stod(row.at("base_estimate")) - nine_in_post(0.2)) < 4 * std::sqrt(0.25 / 2000));
        // A higher leaving rate keeps fewer in post.
        CHECK((row.at("end") == "low") == (std::stod(row.at("difference")) > 0));
    }
    // Two ends x (one target + total and agency spend).
    CHECK(test::csv_rows(csv).size() == 6);
}

TEST_CASE("sensitivity with --vary: plus and minus 20% by default, or the range given", "[sensitivity][cli]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", tiny("0.2"));
    const auto a = run_wfsim("sensitivity " + file + " -q --reps 1000 --vary leaving.base_rate.sw --out " + (d.path / "a").string());
    INFO(a.err);
    REQUIRE(a.exit_code == 0);
    check_ends(read_file((d.path / "a" / "sensitivity.csv").string()), "leaving.base_rate.sw", 0.16, 0.24, 1000);
    const auto b = run_wfsim("sensitivity " + file + " -q --reps 1000 --vary leaving.base_rate.sw=0.05,0.4 --out " + (d.path / "b").string());
    REQUIRE(b.exit_code == 0);
    check_ends(read_file((d.path / "b" / "sensitivity.csv").string()), "leaving.base_rate.sw", 0.05, 0.4, 1000);
    // No uncertain parameter and no --vary: the default behavioural assumptions present in the scenario.
    const auto c = run_wfsim("sensitivity " + file + " -q --reps 200 --out " + (d.path / "c").string());
    REQUIRE(c.exit_code == 0);
    const auto summary = nlohmann::ordered_json::parse(read_file((d.path / "c" / "summary.json").string()));
    bool found = false;
    for (const auto& p : summary["parameters"]) {
        if (p["key"] != "leaving.base_rate.sw") continue;
        found = true;
        CHECK(p["source"] == "plus_minus_20_percent");
        CHECK(p["base"].get<double>() == Approx(0.2));
        CHECK(p["low"].get<double>() == Approx(0.16));
        CHECK(p["high"].get<double>() == Approx(0.24));
    }
    CHECK(found);
    test::check_refused({
        {"sensitivity " + file + " --vary leaving.nonsense", "wfsim sensitivity: --vary leaving.nonsense"},
        {"sensitivity " + file + " --vary leaving.base_rate.sw=0.3,0.1", "LOW must be below HIGH"},
        {"sensitivity " + file + " --vary leaving.base_rate.sw=0.3", "expected leaving.base_rate.sw=LOW,HIGH"},
        {"sensitivity " + file + " --vary name", "is not a number in the scenario"},
    });
}

TEST_CASE("sensitivity --per-replication: every run's rows, named base, low:KEY and high:KEY", "[sensitivity][cli][per-replication]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", tiny("{dist: uniform, min: 0.1, max: 0.3}"));
    const std::string out = (d.path / "r").string();
    const auto r = run_wfsim("sensitivity " + file + " -q --reps 25 --per-replication --out " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string csv = read_file(out + "/replications.csv");
    CHECK(csv.rfind("scenario,replication,", 0) == 0);
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 3 * 25);
    for (const std::string at : {"\nbase,0,", "\nlow:leaving.base_rate.sw,0,", "\nhigh:leaving.base_rate.sw,24,"})
        CHECK(csv.find(at) != std::string::npos);
    // The base holds the uncertain rate at its mean: nothing is drawn, so no column for it.
    CHECK(csv.substr(0, csv.find('\n')).find("leaving.base_rate.sw") == std::string::npos);
}
