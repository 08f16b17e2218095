// Monte Carlo batches: reproducibility whatever the threads, targets with
// known probabilities, parameter uncertainty, common random numbers in
// comparisons, sweeps, and the safety of output folders.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "engine/params/tree.h"
#include "engine/stats/paired.h"
#include "engine/stats/summary.h"
#include <nlohmann/json.hpp>

#include "helpers.h"
#include "models/output/comparison.h"
#include "models/targets/targets.h"

using namespace wfsim;
using test::read_file;
using test::run_wfsim;
using test::TempDir;

namespace {

const char* const kOutputs[] = {"trajectory.csv", "financial_years.csv", "summary.json", "scenario.resolved.yaml"};

// n posts, all filled, leaving at rate r a year and nothing else.
std::string leaving_only(int posts, const std::string& rate, const std::string& extra = "") {
    return "name: leaving only\nstart: 2016-04-01\nhorizon: 12 months\n"
           "grades: {sw: {salary: 30000}}\n"
           "establishment: {teams: {north: {sw: " + std::to_string(posts) + "}}}\n"
           "recruitment: {method: none}\n"
           "leaving: {base_rate: {sw: " + rate + "}}\n" + extra;
}

double binomial_tail(int n, double p, int k) {  // P(X >= k), X ~ Binomial(n, p)
    double total = 0;
    for (int x = k; x <= n; ++x)
        total += std::exp(std::lgamma(n + 1.0) - std::lgamma(x + 1.0) - std::lgamma(n - x + 1.0) + x * std::log(p) +
                          (n - x) * std::log1p(-p));
    return total;
}

}  // namespace

TEST_CASE("results are byte-identical whatever the number of threads", "[batch]") {
    TempDir d;
    const std::string base = "run " + test::source_path("scenarios/default.yaml") + " --reps 24 --months 24 -q --seed 5 ";
    for (int threads : {1, 2, 3}) {
        auto r = run_wfsim(base + "--threads " + std::to_string(threads) + " --out " + (d.path / std::to_string(threads)).string());
        REQUIRE(r.exit_code == 0);
    }
    for (const char* f : kOutputs) {
        INFO(f);
        const std::string one = read_file((d.path / "1" / f).string());
        CHECK(!one.empty());
        CHECK(one == read_file((d.path / "2" / f).string()));
        CHECK(one == read_file((d.path / "3" / f).string()));
    }
}

TEST_CASE("replication i depends only on the seed and i", "[batch]") {
    const std::string yaml = read_file(test::source_path("scenarios/default.yaml"));
    const auto five = test::simulate(yaml, 5, 99, 12);
    const auto three = test::simulate(yaml, 3, 99, 12);
    for (std::size_t i = 0; i < 3; ++i) CHECK(test::same_monthly(five[i], three[i]));
    CHECK_FALSE(test::same_monthly(five[3], five[4]));
    const auto other_seed = test::simulate(yaml, 1, 100, 12);
    CHECK_FALSE(test::same_monthly(other_seed[0], five[0]));
}

TEST_CASE("statistics over replications: mean, sd and type-7 percentiles", "[batch][stats]") {
    const stats::Summary s = stats::summarize({4, 1, 3, 2, 5});
    CHECK(s.mean == 3);
    CHECK(s.sd == Approx(std::sqrt(2.5)));
    CHECK(s.pct[0] == Approx(1.2));   // p05
    CHECK(s.pct[3] == Approx(3));     // p50
    CHECK(s.pct[6] == Approx(4.8));   // p95
    CHECK(stats::t975(10) == Approx(2.228139).epsilon(1e-3));
    CHECK(stats::t975(30) == Approx(2.042272).epsilon(1e-3));
    double lo = 0, hi = 0;
    model::wilson_interval(50, 100, lo, hi);
    CHECK(lo == Approx(0.4038).epsilon(1e-3));
    CHECK(hi == Approx(0.5962).epsilon(1e-3));
}

TEST_CASE("a target's probability matches a binomial tail known in closed form", "[batch][targets]") {
    // 40 staff leaving at 0.3 a year, nobody replaced: those in post after 12
    // months are Binomial(40, exp(-0.3)) (to within the calendar year's length).
    const int n = 40, k = 30;
    const std::string yaml = leaving_only(n, "0.3", "targets: [{name: keep 30, metric: permanent_fte, op: '>=', value: 30, month: 12}]\n");
    const auto reps = test::simulate(yaml, 1500, 3);
    const auto cal = test::calendar_of(yaml);
    std::vector<std::string> errors;
    const auto targets = model::read_targets(test::simulate_tree(yaml), cal, errors);
    REQUIRE(errors.empty());
    const double p_hat = model::target_probabilities(targets, reps, cal)[0];
    const double days = cal.month_end(cal.months());
    const double p = binomial_tail(n, std::exp(-0.3 * days / 365.25), k);
    const double se = std::sqrt(p * (1 - p) / 1500.0);
    INFO("estimated " << p_hat << ", exact " << p << ", se " << se);
    CHECK(std::fabs(p_hat - p) < 4 * se);
    // The first month met is month 0 for every replication (all 40 in post then).
    const model::TargetOutcome o = model::evaluate(targets[0], reps[0], cal);
    CHECK(o.first_month == 0);
}

TEST_CASE("targets after the horizon are not judged, a target on an unknown metric is refused", "[batch][targets]") {
    TempDir d;
    const std::string f = d.write("t.yaml", leaving_only(5, "0.1", "targets: [{name: late, metric: agency_rate, op: '<=', value: 0.3, month: 24}]\n"));
    auto r = run_wfsim("run " + f + " -q --out " + (d.path / "out").string());
    CHECK(r.exit_code == 0);
    // Warned of once, at the target (validate's warning); a run shortened with --months says it as well.
    CHECK(r.err.find("(late): month 24 is after the horizon") == std::string::npos);
    CHECK(r.err.find("warning: targets[0].month: 'late' is judged at month 24, after the horizon (12 months") != std::string::npos);
    r = run_wfsim("run " + f + " --months 6 -q --force --out " + (d.path / "out").string());
    CHECK(r.err.find("warning: targets[0] (late): month 24 is after the horizon (6 months); not judged") != std::string::npos);
    const auto late = nlohmann::ordered_json::parse(read_file((d.path / "out" / "summary.json").string()))["targets"][0];
    CHECK(late["probability"].is_null());
    CHECK(late["note"] == "after the simulated horizon: not judged");
    const std::string g = d.write("u.yaml", leaving_only(5, "0.1", "targets: [{name: x, metric: agency_rat, op: '<=', value: 0.3, month: 2}]\n"));
    r = run_wfsim("run " + g + " -q --out " + (d.path / "out").string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("targets[0].metric: agency_rat is not one of") != std::string::npos);
    CHECK(r.err.find("did you mean 'agency_rate'?") != std::string::npos);
}

TEST_CASE("an uncertain rate is sampled once per replication", "[batch][uncertainty]") {
    // Leaving rate uniform on [0.1, 0.5]: leavers in a year average
    // n * E[1 - exp(-r)], and vary far more than a fixed rate allows.
    const int n = 200;
    const auto reps = test::simulate(leaving_only(n, "{dist: uniform, min: 0.1, max: 0.5}"), 400, 8);
    std::vector<double> leavers = model::metric_totals(reps, model::kLeavers);
    const stats::Summary s = stats::summarize(leavers);
    const double days = test::calendar_of(leaving_only(n, "0.3")).horizon_days, t = days / 365.25;
    // E[1 - exp(-r t)] for r ~ U(0.1, 0.5).
    const double expected = n * (1 - (std::exp(-0.1 * t) - std::exp(-0.5 * t)) / (0.4 * t));
    INFO("mean leavers " << s.mean << ", expected " << expected);
    CHECK(std::fabs(s.mean - expected) < 4 * s.sd / std::sqrt(400.0));
    // A fixed rate of 0.3 gives a binomial sd of about 6; the uniform's spread adds about 21.
    CHECK(s.sd > 15);
}

TEST_CASE("common random numbers make the interval of a difference several times narrower", "[batch][compare]") {
    const std::string base = read_file(test::source_path("scenarios/default.yaml"));
    std::string alt = base;
    alt.replace(alt.find("cost_per_year: 78000"), 20, "cost_per_year: 70000");
    const auto b = test::simulate(base, 60, 42, 24);
    const auto same = test::simulate(alt, 60, 42, 24);
    const auto independent = test::simulate(alt, 60, 4242, 24);
    const stats::Difference crn = stats::paired_difference(model::total_spend(b), model::total_spend(same));
    const stats::Difference ind = stats::paired_difference(model::total_spend(b), model::total_spend(independent));
    INFO("CRN interval " << crn.hi - crn.lo << ", independent " << ind.hi - ind.lo);
    CHECK((ind.hi - ind.lo) > 3 * (crn.hi - crn.lo));
    CHECK(crn.hi < 0);  // cheaper agency costs less, and CRN shows it clearly
}

TEST_CASE("wfsim compare writes paired differences, P(cheaper) and break-even", "[batch][compare][cli]") {
    TempDir d;
    const std::string base = test::source_path("scenarios/default.yaml");
    const std::string alt = d.write("cheap.yaml", "extends: " + base + "\nname: cheaper agency\nagency: {cost_per_year: 60000}\n");
    const std::string out = (d.path / "cmp").string();
    auto r = run_wfsim("compare " + base + " " + alt + " --reps 20 --months 12 -q --out " + out);
    REQUIRE(r.exit_code == 0);
    const auto json = nlohmann::ordered_json::parse(read_file(out + "/summary.json"));
    CHECK(json["alternatives"][0]["p_alternative_costs_less"] == 1);
    CHECK(json["alternatives"][0]["break_even_month"] == 1);  // cheaper from the first month
    CHECK(json["format_version"] == 2);
    CHECK(json["targets_by_scenario"].size() == 2);
    // Each scenario's own spend, by financial year too, beside the differences.
    const auto& spend = json["spend_by_scenario"];
    REQUIRE(spend.size() == 2);
    CHECK(spend[1]["scenario"] == "cheaper agency");
    CHECK(spend[1]["spend_total"]["mean"].get<double>() < spend[0]["spend_total"]["mean"].get<double>());
    double by_year = 0;
    for (const auto& y : spend[0]["by_financial_year"]) by_year += y["spend_total"]["mean"].get<double>();
    CHECK(by_year == Approx(spend[0]["spend_total"]["mean"].get<double>()).epsilon(1e-9));  // the years add up to the horizon
    const std::string csv = read_file(out + "/comparison.csv");
    CHECK(csv.rfind("month,date,metric,alternative,base_mean,alternative_mean,difference_mean", 0) == 0);
    // Paired differences of a metric the change cannot touch are exactly zero.
    CHECK(csv.find("1,2015-06-30,establishment_fte,cheaper agency,456,456,0,0,0,0") != std::string::npos);
    // Month 0 is the start date: stocks are compared there, flows have empty cells.
    CHECK(csv.find("\n0,2015-06-01,establishment_fte,cheaper agency,456,456,0,0,0,0\n") != std::string::npos);
    CHECK(csv.find("\n0,2015-06-01,spend_total,cheaper agency,,,,,,\n") != std::string::npos);
    r = run_wfsim("compare " + base + " --reps 20 -q --out " + out);
    CHECK(r.exit_code == 2);
}

TEST_CASE("wfsim sweep finds the cheapest point that meets the goal", "[batch][sweep][cli]") {
    TempDir d;
    const std::string f = d.write("s.yaml", leaving_only(50, "0.2",
        "agency: {fill_probability: 1, cost_per_year: 60000}\n"
        "targets: [{name: agency low, metric: agency_rate, op: '<=', value: 0.05, month: 12}]\n"));
    const std::string out = (d.path / "sw").string();
    // Higher agency fill means more agency: the goal holds only at low fill,
    // and among those points the one with the cheaper agency is cheapest.
    auto r = run_wfsim("sweep " + f + " --grid agency.fill_probability=0,0.5,1 --grid agency.cost_per_year=50000,80000"
                       " --goal 'agency low>=0.8' --reps 30 -q --out " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string csv = read_file(out + "/sweep.csv");
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 7);
    const auto json = nlohmann::ordered_json::parse(read_file(out + "/summary.json"));
    CHECK(json["best"]["point"] == 0);
    CHECK(json["best"]["values"] == nlohmann::ordered_json({{"agency.fill_probability", "0"}, {"agency.cost_per_year", "50000"}}));
    CHECK(json["closest"].is_null());  // named only when no point meets the goal
    r = run_wfsim("sweep " + f + " --grid agency.fill_probabilty=0,1 --reps 5 -q --out " + out);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean 'agency.fill_probability'") != std::string::npos);
    r = run_wfsim("sweep " + f + " --grid agency.fill_probability=0,1.5 --reps 5 -q --out " + out);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("1.5 is not a probability") != std::string::npos);
    r = run_wfsim("sweep " + f + " --grid agency.fill_probability=0,1 --goal 'nope>=0.5' --reps 5 -q --out " + out);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("its targets are: agency low") != std::string::npos);
}

TEST_CASE("bad batch requests are refused with exit code 2", "[batch][cli]") {
    TempDir d;
    const std::string f = d.write("s.yaml", test::minimal_scenario());
    const std::string out = " --out " + (d.path / "o").string();
    for (const char* bad : {"--reps 0", "--threads -1", "--months -3", "--seed -1", "--reps abc"}) {
        INFO(bad);
        auto r = run_wfsim("run " + f + " " + bad + out);
        CHECK(r.exit_code == 2);
        CHECK(!r.err.empty());
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
}

TEST_CASE("no progress bar when stderr is not a terminal", "[batch][cli]") {
    TempDir d;
    // (With its posts filled, so that validate has no warning about them either.)
    auto r = run_wfsim("run " + d.write("s.yaml", test::minimal_scenario() + "recruitment: {method: fixed_delay}\n") +
                       " --reps 50 --out " + (d.path / "o").string());
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
}

TEST_CASE("a run refuses a folder holding files it did not write, unless --force", "[batch][cli]") {
    TempDir d;
    const std::string f = d.write("s.yaml", test::minimal_scenario());
    const std::string out = (d.path / "o").string();
    const std::string mine = d.write("o/budget.xlsx", "precious");
    auto r = run_wfsim("run " + f + " -q --out " + out);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("holds budget.xlsx, which wfsim did not write") != std::string::npos);
    CHECK(read_file(mine) == "precious");
    r = run_wfsim("run " + f + " -q --force --out " + out);
    CHECK(r.exit_code == 0);
    CHECK(read_file(mine) == "precious");
    // A folder wfsim wrote may be written again without --force.
    const std::string clean = (d.path / "c").string();
    CHECK(run_wfsim("run " + f + " -q --out " + clean).exit_code == 0);
    CHECK(run_wfsim("run " + f + " -q --out " + clean).exit_code == 0);
}

TEST_CASE("Ctrl-C stops a run cleanly and leaves the previous results intact", "[batch][cli][signals]") {
    TempDir d;
    const std::string f = test::source_path("scenarios/default.yaml");
    const std::string out = (d.path / "o").string();
    REQUIRE(run_wfsim("run " + f + " -q --reps 3 --out " + out).exit_code == 0);
    std::vector<std::string> before;
    for (const char* name : kOutputs) before.push_back(read_file(out + "/" + name));
    for (int sig : {SIGINT, SIGTERM}) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::freopen("/dev/null", "w", stderr);
            ::freopen("/dev/null", "w", stdout);
            // 300,000 replications: many minutes of work, whose results (about
            // 90 KB a replication with spend by grade and team) fit the
            // temporary disk of a test machine, so the run is not refused first.
            ::execl(WFSIM_BINARY, WFSIM_BINARY, "run", f.c_str(), "-q", "--reps", "300000", "--out", out.c_str(),
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::usleep(400 * 1000);  // well inside a run of 300,000 replications
        ::kill(pid, sig);
        int status = 0;
        ::waitpid(pid, &status, 0);
        INFO("signal " << sig);
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 128 + sig);  // 130 after Ctrl-C, as shells report it
        for (std::size_t i = 0; i < before.size(); ++i) CHECK(read_file(out + "/" + kOutputs[i]) == before[i]);
        for (const auto& e : std::filesystem::directory_iterator(out))
            CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
    }
}

TEST_CASE("the report flag on run, compare and sweep writes the report beside the results", "[batch][cli][report]") {
    TempDir d;
    const std::string f = d.write("s.yaml", leaving_only(20, "0.2", "agency: {fill_probability: 1, cost_per_year: 60000}\n"
                                                                   "targets: [{name: low, metric: agency_rate, op: '<=', value: 0.1, month: 12}]\n"));
    const std::string g = d.write("t.yaml", "extends: s.yaml\nname: cheaper\nagency: {cost_per_year: 50000}\n");
    for (const std::string& cmd : {"run " + f + " --reps 5", "compare " + f + " " + g + " --reps 5",
                                   "sweep " + f + " --grid agency.cost_per_year=50000,60000 --reps 5"}) {
        const std::string out = (d.path / std::to_string(cmd.size())).string();
        auto r = run_wfsim(cmd + " -q --report --out " + out);
        INFO(cmd << "\n" << r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(read_file(out + "/report.html").find("<svg") != std::string::npos);
        CHECK(std::filesystem::file_size(out + "/report.xlsx") > 1000);
    }
}
