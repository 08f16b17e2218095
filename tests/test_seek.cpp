// wfsim seek: bisection on a lever finds where a target's probability crosses
// the goal. Checked on a step whose place is known, and on a model whose
// probability is known in closed form as a function of the lever.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "helpers.h"
#include "models/targets/targets.h"
#include "tools/wfsim/seek.h"

using namespace wfsim;
using test::read_file;
using test::run_wfsim;
using test::TempDir;

namespace {

// Evaluations of a probability that steps from 0.1 to 0.9 at `step`, as 1000
// replications would estimate it exactly.
cli::EvaluateLever step_at(double step, bool rising) {
    return [=](double x) -> std::optional<cli::Evaluation> {
        cli::Evaluation e;
        e.replications = 1000;
        e.met = ((x >= step) == rising) ? 900 : 100;
        e.probability = static_cast<double>(e.met) / 1000;
        model::wilson_interval(e.met, e.replications, e.lo, e.hi);
        e.metric_mean = x;
        return e;
    };
}

double same(double x) { return x; }

// Ten posts, no recruitment, leaving hazard r a year: the staff in post after
// a year are Binomial(10, exp(-r)), so P(at least 9) = q^10 + 10 q^9 (1 - q), q = exp(-r).
const std::string kTiny = test::minimal_scenario() +
                          "leaving: {base_rate: {sw: 0.2}}\n"
                          "recruitment: {method: none}\n"
                          "targets:\n"
                          "  - {name: nine in post, metric: permanent_fte, op: \">=\", value: 9, by: 2017-03-31}\n";

double nine_in_post(double r) {
    const double q = std::exp(-r);
    return std::pow(q, 10) + 10 * std::pow(q, 9) * (1 - q);
}

// The rate at which P(at least 9 in post) is exactly p (it falls with the rate).
double rate_for(double p) {
    double lo = 0, hi = 3;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (nine_in_post(mid) >= p ? lo : hi) = mid;
    }
    return lo;
}

double json_number(const std::string& json, const std::string& key) {
    std::smatch m;
    if (!std::regex_search(json, m, std::regex("\"" + key + "\": ([-0-9.e+]+)"))) return NAN;
    return std::stod(m[1]);
}

}  // namespace

TEST_CASE("seek bisects a step to within the tolerance, rising or falling", "[seek]") {
    const cli::Goal goal = cli::parse_goal("seek", "t>=0.8");
    CHECK(goal.target == "t");
    CHECK(goal.p == 0.8);
    {
        const auto o = cli::seek_lever(0, 10, 0.01, 40, goal, step_at(3.7, true), same);
        REQUIRE(o);
        CHECK(o->kind == cli::SeekOutcome::Kind::Found);
        CHECK(o->rising);
        CHECK(o->tolerance_reached);
        CHECK(o->answer >= 3.7);
        CHECK(o->bracket_lo < 3.7);
        CHECK(o->bracket_hi - o->bracket_lo <= 0.01);
        // A step of 0.1 to 0.9 is settled at every value: the interval is the bracket.
        CHECK(o->sure_lo == o->bracket_lo);
        CHECK(o->sure_hi == o->bracket_hi);
        CHECK(o->cheapest >= 0);
        CHECK(o->evaluations[static_cast<std::size_t>(o->cheapest)].value == o->answer);
    }
    {
        const auto o = cli::seek_lever(0, 10, 0.01, 40, goal, step_at(6.25, false), same);
        REQUIRE(o);
        CHECK_FALSE(o->rising);
        CHECK(o->answer < 6.25);
        CHECK(o->bracket_hi >= 6.25);
        CHECK(o->bracket_hi - o->bracket_lo <= 0.01);
    }
    {
        const auto o = cli::seek_lever(0, 10, 0.01, 5, goal, step_at(3.7, true), same);
        REQUIRE(o);
        CHECK(o->evaluations.size() == 5);
        CHECK_FALSE(o->tolerance_reached);
        CHECK(o->bracket_lo < 3.7);
        CHECK(o->bracket_hi >= 3.7);
    }
    CHECK(cli::seek_lever(4, 10, 0.01, 40, goal, step_at(3.7, true), same)->kind == cli::SeekOutcome::Kind::MetAtBothEnds);
    CHECK(cli::seek_lever(0, 3, 0.01, 40, goal, step_at(3.7, true), same)->kind == cli::SeekOutcome::Kind::MetAtNeitherEnd);
    // A goal of at most p: the 0.9 side misses it.
    const auto o = cli::seek_lever(0, 10, 0.01, 40, cli::parse_goal("seek", "t<=50%"), step_at(3.7, true), same);
    REQUIRE(o);
    CHECK_FALSE(o->rising);
    CHECK(o->answer < 3.7);
}

TEST_CASE("seek finds the leaving rate at which nine of ten stay with probability one half, as the binomial says",
          "[seek][cli][known]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", kTiny);
    const double truth = rate_for(0.5);  // about 0.10
    const double se = std::sqrt(0.25 / 2000);
    for (const std::string op : {">=", "<="}) {
        INFO(op);
        const std::string out = (d.path / ("seek" + std::string(op == ">=" ? "ge" : "le"))).string();
        const auto r = run_wfsim("seek " + file + " -q --lever leaving.base_rate.sw --range 0.01,0.5 --tolerance 0.001 --reps 2000 "
                                 "--goal 'nine in post" + op + "0.5' --out " + out);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const std::string summary = read_file(out + "/summary.json");
        INFO(summary);
        CHECK(summary.find("\"outcome\": \"found\"") != std::string::npos);
        CHECK(summary.find(op == ">=" ? "\"sought\": \"largest\"" : "\"sought\": \"smallest\"") != std::string::npos);
        const double answer = json_number(summary, "answer");
        // The true probability at the answer is within a few standard errors of one half.
        CHECK(std::abs(nine_in_post(answer) - 0.5) < 4 * se);
        // And the true rate lies within the interval the Wilson intervals give.
        const auto lo_at = summary.find("\"interval\"");
        REQUIRE(lo_at != std::string::npos);
        const std::string interval = summary.substr(lo_at);
        CHECK(json_number(interval, "low") <= truth);
        CHECK(json_number(interval, "high") >= truth);
        const std::string csv = read_file(out + "/seek.csv");
        CHECK(csv.rfind("evaluation,leaving.base_rate.sw,replications,probability,probability_ci95_low,probability_ci95_high,meets_goal\n", 0) == 0);
    }
}

TEST_CASE("seek says when the goal is met at neither end or at both, and answers in words", "[seek][cli]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", kTiny);
    auto neither = run_wfsim("seek " + file + " --lever leaving.base_rate.sw --range 0.8,1 --reps 200 --goal 'nine in post>=0.5' --out " +
                             (d.path / "a").string());
    REQUIRE(neither.exit_code == 0);
    CHECK(neither.out.find("met at neither end of the range") != std::string::npos);
    CHECK(read_file((d.path / "a" / "summary.json").string()).find("\"answer\": null") != std::string::npos);
    auto both = run_wfsim("seek " + file + " --lever leaving.base_rate.sw --range 0.01,0.02 --reps 200 --goal 'nine in post>=0.5' --out " +
                          (d.path / "b").string());
    REQUIRE(both.exit_code == 0);
    CHECK(both.out.find("met at both ends of the range") != std::string::npos);
    auto found = run_wfsim("seek " + file + " --lever leaving.base_rate.sw --range 0.01,0.5 --reps 200 --goal 'nine in post>=0.5' "
                           "--minimise spend_total --out " + (d.path / "c").string());
    REQUIRE(found.exit_code == 0);
    CHECK(found.out.find("Largest leaving.base_rate.sw meeting 'nine in post' with probability >= 0.5: ") != std::string::npos);
    CHECK(found.out.find("Cheapest value run that meets it") != std::string::npos);
    CHECK(read_file((d.path / "c" / "seek.csv").string()).find(",spend_total_mean\n") != std::string::npos);
    // A money lever in whole pounds, thousands separated.
    auto money = run_wfsim("seek " + test::source_path("scenarios/dorset/bonus-by-size.yaml") +
                           " --lever retention.bonuses.0.amount --range 0,20000 --reps 20 --max-evaluations 3 "
                           "--goal 'vacancy rate below 10%>=0' --out " + (d.path / "m").string());
    INFO(money.err);
    REQUIRE(money.exit_code == 0);
    CHECK(money.out.find("(retention.bonuses.0.amount at 0 pounds gives ") != std::string::npos);
    CHECK(money.out.find(", 20,000 pounds gives ") != std::string::npos);
    // wfsim report on a seek folder: each value run against the goal, and the answer.
    const auto report = run_wfsim("report " + (d.path / "c").string());
    INFO(report.err);
    CHECK(report.exit_code == 0);
    const std::string page = read_file((d.path / "c" / "report.html").string());
    CHECK(page.find("data-chart=\"seek\"") != std::string::npos);
    const std::string seek_csv = read_file((d.path / "c" / "seek.csv").string());
    std::size_t values = 0;
    for (std::size_t at = page.find("<g class=\"evaluation"); at != std::string::npos; at = page.find("<g class=\"evaluation", at + 1)) ++values;
    CHECK(values == static_cast<std::size_t>(std::count(seek_csv.begin(), seek_csv.end(), '\n')) - 1);
    CHECK(page.find("id=\"answer\"") != std::string::npos);
    CHECK(page.find("<script") == std::string::npos);
}

TEST_CASE("seek with --precision runs each value to the precision asked, said in seek.csv", "[seek][cli][precision]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", kTiny);
    const std::string out = (d.path / "p").string();
    const auto r = run_wfsim("seek " + file + " -q --lever leaving.base_rate.sw --range 0.01,0.5 --goal 'nine in post>=0.5' "
                             "--precision 0.05 --reps 2000 --max-evaluations 4 --out " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string csv = read_file(out + "/seek.csv");
    INFO(csv);
    CHECK(csv.find(",precision_reached\n") != std::string::npos);
    // A half-width of 0.05 needs at most 400 replications (p(1 - p) <= 1/4).
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    int rows = 0;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        std::string cell;
        for (int i = 0; i < 3; ++i) std::getline(row, cell, ',');
        CHECK(std::stoi(cell) <= 400);
        CHECK(line.substr(line.size() - 5) == ",true");
        ++rows;
    }
    CHECK(rows == 4);
    const auto summary = nlohmann::ordered_json::parse(read_file(out + "/summary.json"));
    CHECK(summary["precision"]["asked"].is_object());
    CHECK(summary["precision"]["ceiling"].is_number());
}

TEST_CASE("seek refuses bad levers, ranges and goals in one line", "[seek][cli]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", kTiny);
    const std::string base = "seek " + file + " --reps 10 ";
    test::check_refused({
        {base + "--lever leaving.nonsense --range 0,1 --goal 'nine in post>=0.5'", "wfsim seek: --lever leaving.nonsense"},
        {base + "--lever name --range 0,1 --goal 'nine in post>=0.5'", "is not a number in the scenario"},
        {base + "--lever leaving.base_rate.sw --range 0.5,0.1 --goal 'nine in post>=0.5'", "LOW must be below HIGH"},
        {base + "--lever leaving.base_rate.sw --range 0.5 --goal 'nine in post>=0.5'", "expected LOW,HIGH"},
        {base + "--lever leaving.base_rate.sw --range 0.1,0.5 --goal 'ten in post>=0.5'", "not a target of the scenario"},
        {base + "--lever leaving.base_rate.sw --range 0.1,0.5 --goal 'nine in post>=1.5'", "the probability must be 0 to 1"},
        {base + "--lever leaving.base_rate.sw --range 0.1,0.5 --goal 'nine in post'", "expected TARGET>=probability"},
        {base + "--lever leaving.base_rate.sw --range 0.1,0.5 --goal 'nine in post>=0.5' --tolerance 0", "--tolerance must be above 0"},
        {base + "--lever leaving.base_rate.sw --range 0.1,0.5 --goal 'nine in post>=0.5' --max-evaluations 1", "--max-evaluations 1 is outside 2 to 1000"},
        {base + "--lever leaving.base_rate.sw --range 0.1,0.5 --goal 'nine in post>=0.5' --shard 1/2",
         "wfsim seek: --shard is not supported: which lever value runs next depends on the results at the values before"},
    });
}

TEST_CASE("seek --per-replication: the rows of every value run, named by its evaluation number", "[seek][cli][per-replication]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", kTiny);
    const std::string out = (d.path / "r").string();
    const auto r = run_wfsim("seek " + file + " -q --lever leaving.base_rate.sw --range 0.01,0.5 --goal 'nine in post>=0.5' "
                             "--reps 30 --max-evaluations 4 --per-replication --out " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string csv = read_file(out + "/replications.csv");
    CHECK(csv.rfind("scenario,replication,", 0) == 0);
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 4 * 30);
    for (const std::string at : {"\n0,0,", "\n3,29,"}) CHECK(csv.find(at) != std::string::npos);
    CHECK(read_file(out + "/seek.csv").find("\n3,") != std::string::npos);  // the evaluation the last rows name
}
