// Replications to a precision (--precision, --precision-metric,
// --precision-saving): the batch stops at the first complete block of 100
// whose intervals are as narrow as asked, the same batch as a fixed run of
// that many, whatever the threads; and its estimate agrees with a run twenty
// times larger.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <regex>
#include <sstream>

#include "engine/stats/paired.h"
#include "helpers.h"
#include "models/targets/targets.h"

using namespace wfsim;
using test::read_file;
using test::run_wfsim;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

// Ten posts, no recruitment, hazard 0.2: the staff still in post after a year
// are Binomial(10, exp(-0.2)), so P(at least 9) = 0.44; a target on it.
const std::string kTiny = test::minimal_scenario() +
                          "leaving: {base_rate: {sw: 0.2}}\n"
                          "recruitment: {method: none}\n"
                          "targets:\n"
                          "  - {name: nine in post, metric: permanent_fte, op: \">=\", value: 9, by: 2017-03-31}\n";

// The number after "key": in a JSON text (the first), or NaN.
double json_number(const std::string& json, const std::string& key) {
    std::smatch m;
    if (!std::regex_search(json, m, std::regex("\"" + key + "\": ([-0-9.e+]+)"))) return NAN;
    return std::stod(m[1]);
}

// summary.json without its "precision" member.
std::string without_precision(const std::string& json) {
    const auto at = json.find("  \"precision\": {");
    if (at == std::string::npos) return json;
    const auto end = json.find("\n  },\n", at);
    return json.substr(0, at) + json.substr(end + 6);
}

// Column `name` of a CSV without quoted fields.
std::vector<double> column(const std::string& csv, const std::string& name) {
    std::istringstream in(csv);
    std::string line, cell;
    std::getline(in, line);
    std::istringstream head(line);
    int index = -1;
    for (int i = 0; std::getline(head, cell, ','); ++i)
        if (cell == name) index = i;
    REQUIRE(index >= 0);
    std::vector<double> out;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        for (int i = 0; std::getline(row, cell, ','); ++i)
            if (i == index) out.push_back(cell.empty() ? NAN : std::stod(cell));
    }
    return out;
}

std::string run_ok(const std::string& args) {
    const auto r = run_wfsim(args);
    INFO(args << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

}  // namespace

TEST_CASE("run --precision stops at the first block whose target interval is narrow enough, as a fixed run of that count",
          "[precision][cli]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", kTiny);
    const fs::path a = d.path / "a", b = d.path / "b", c = d.path / "c", big = d.path / "big";
    const std::string out = run_ok("run " + file + " -q --precision 0.05 --reps 5000 --threads 2 --per-replication --out " + a.string());
    (void)out;
    const std::string summary = read_file((a / "summary.json").string());
    const double n = json_number(summary, "replications");
    INFO(summary);
    CHECK(summary.find("\"precision_reached\": true") != std::string::npos);
    CHECK(summary.find("\"block\": 100") != std::string::npos);
    CHECK(std::fmod(n, 100) == 0);
    // The half-width of a Wilson interval for p = 0.44 is about 1.96 x sqrt(p(1-p)/n), 0.05 at n = 379.
    CHECK(n >= 300);
    CHECK(n <= 500);

    // The achieved half-width is at most the one asked, and one block fewer was not enough.
    const std::vector<double> met = column(read_file((a / "replications.csv").string()), "nine in post: met");
    REQUIRE(met.size() == static_cast<std::size_t>(n));
    std::size_t k = 0, k_before = 0;
    for (std::size_t i = 0; i < met.size(); ++i) {
        k += met[i] == 1 ? 1 : 0;
        if (i < met.size() - 100) k_before += met[i] == 1 ? 1 : 0;
    }
    double lo = 0, hi = 0;
    model::wilson_interval(k, met.size(), lo, hi);
    CHECK((hi - lo) / 2 <= 0.05);
    double lo1 = 0, hi1 = 0;
    model::wilson_interval(k_before, met.size() - 100, lo1, hi1);
    CHECK((hi1 - lo1) / 2 > 0.05);

    // A fixed run of the count reached writes the same files (summary.json
    // but its precision member), and so does the precision run on 1 thread.
    const std::string count = std::to_string(static_cast<long long>(n));
    run_ok("run " + file + " -q --reps " + count + " --threads 1 --per-replication --out " + b.string());
    run_ok("run " + file + " -q --precision 0.05 --reps 5000 --threads 1 --per-replication --out " + c.string());
    for (const char* f : {"trajectory.csv", "financial_years.csv", "replications.csv"}) {
        INFO(f);
        CHECK(read_file((a / f).string()) == read_file((b / f).string()));
        CHECK(read_file((a / f).string()) == read_file((c / f).string()));
    }
    CHECK(without_precision(summary) == read_file((b / "summary.json").string()));
    CHECK(summary == read_file((c / "summary.json").string()));

    // A run twenty times larger (another seed) lands inside the precision run's interval.
    run_ok("run " + file + " -q --seed 99 --reps " + std::to_string(20 * static_cast<long long>(n)) + " --out " + big.string());
    const std::string big_summary = read_file((big / "summary.json").string());
    const double p_big = json_number(big_summary, "probability");
    INFO("p " << k / n << " [" << lo << ", " << hi << "], p of the large run " << p_big);
    CHECK(p_big >= lo);
    CHECK(p_big <= hi);
}

TEST_CASE("run --precision-metric asks a metric's mean total for a relative half-width, and the ceiling stops a batch",
          "[precision][cli]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", kTiny);
    const fs::path a = d.path / "a", b = d.path / "b";
    run_ok("run " + file + " -q --precision-metric spend_total=0.005 --reps 3000 --per-replication --out " + a.string());
    const std::string summary = read_file((a / "summary.json").string());
    INFO(summary);
    CHECK(summary.find("\"spend_total_relative_half_width\": 0.005") != std::string::npos);
    CHECK(summary.find("\"precision_reached\": true") != std::string::npos);
    const std::vector<double> totals = column(read_file((a / "replications.csv").string()), "total.spend_total");
    const stats::Difference e = stats::paired_difference(std::vector<double>(totals.size(), 0.0), totals);
    CHECK((e.hi - e.lo) / 2 / e.mean <= 0.005);
    CHECK(totals.size() % 100 == 0);
    CHECK(json_number(summary, "replications") == static_cast<double>(totals.size()));

    // Asked for more than --reps allows: it stops at the ceiling and says so.
    run_ok("run " + file + " -q --precision 0.001 --reps 250 --out " + b.string());
    const std::string capped = read_file((b / "summary.json").string());
    INFO(capped);
    CHECK(json_number(capped, "replications") == 250);
    CHECK(capped.find("\"precision_reached\": false") != std::string::npos);
    CHECK(capped.find("the ceiling of --reps 250") != std::string::npos);
}

TEST_CASE("compare --precision-saving: the paired difference in total spend to a half-width in pounds",
          "[precision][cli][compare]") {
    TempDir d;
    const std::string base = d.write("base.yaml", kTiny);
    const std::string alt = d.write("alt.yaml", kTiny + "interventions:\n  - {at: 2016-10-01, name: uplift, pay_uplift: {sw: 0.05}}\n");
    const fs::path a = d.path / "a", b = d.path / "b";
    run_ok("compare " + base + " " + alt + " -q --precision-saving 1000 --reps 4000 --threads 2 --per-replication --out " + a.string());
    const std::string summary = read_file((a / "summary.json").string());
    INFO(summary);
    CHECK(summary.find("\"precision_reached\": true") != std::string::npos);
    const double n = json_number(summary, "replications");
    // From the rows: base rows first, then the alternative's, each 0..n-1.
    const std::vector<double> spend = column(read_file((a / "replications.csv").string()), "total.spend_total");
    REQUIRE(spend.size() == 2 * static_cast<std::size_t>(n));
    const std::vector<double> b_spend(spend.begin(), spend.begin() + static_cast<long>(n)),
        a_spend(spend.begin() + static_cast<long>(n), spend.end());
    const stats::Difference diff = stats::paired_difference(b_spend, a_spend);
    CHECK((diff.hi - diff.lo) / 2 <= 1000);
    CHECK(diff.mean > 0);  // the uplift costs money
    // The same as a fixed comparison of that many.
    run_ok("compare " + base + " " + alt + " -q --reps " + std::to_string(static_cast<long long>(n)) +
           " --per-replication --out " + b.string());
    // And on one thread as on two.
    const fs::path c = d.path / "c";
    run_ok("compare " + base + " " + alt + " -q --precision-saving 1000 --reps 4000 --threads 1 --per-replication --out " +
           c.string());
    for (const char* f : {"comparison.csv", "replications.csv"}) {
        INFO(f);
        CHECK(read_file((a / f).string()) == read_file((b / f).string()));
        CHECK(read_file((a / f).string()) == read_file((c / f).string()));
    }
    CHECK(without_precision(summary) == read_file((b / "summary.json").string()));
    CHECK(summary == read_file((c / "summary.json").string()));
}

TEST_CASE("sweep --precision: each point to its own count, said in sweep.csv", "[precision][cli][sweep]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", kTiny);
    const fs::path a = d.path / "a";
    run_ok("sweep " + file + " -q --grid leaving.base_rate.sw=0.05,0.2 --precision 0.05 --reps 2000 --out " + a.string());
    const std::string csv = read_file((a / "sweep.csv").string());
    INFO(csv);
    const std::vector<double> reps = column(csv, "replications");
    REQUIRE(reps.size() == 2);
    CHECK(reps[1] == 400);     // as the run above: p = 0.44
    CHECK(reps[0] < reps[1]);  // p = P(Bin(10, 0.95) >= 9) = 0.91: a narrower interval
    CHECK(read_file((a / "summary.json").string()).find("\"precision\": {") != std::string::npos);
}

TEST_CASE("precision options that cannot work are refused in the user's words", "[precision][cli]") {
    TempDir d;
    const std::string file = d.write("tiny.yaml", kTiny);
    const std::string bare = d.write("bare.yaml", test::minimal_scenario());
    test::check_refused({
        {"run " + file + " --precision 0.02 --shard 1/2 --reps 100", "a shard cannot know where the whole batch stops"},
        {"compare " + file + " " + file + " --precision-saving 100 --shard 1/2", "a shard cannot know"},
        {"sweep " + file + " --grid leaving.base_rate.sw=0.1 --precision 0.02 --shard 1/2", "a shard cannot know"},
        {"run " + file + " --precision 0", "--precision 0 must be a half-width of a probability above 0"},
        {"run " + file + " --precision 0.7", "below 0.5"},
        {"run " + file + " --precision-metric nonsense=0.1", "--precision-metric nonsense=0.1: expected METRIC=R"},
        {"run " + file + " --precision-metric spend_total", "expected METRIC=R"},
        {"run " + file + " --precision-metric spend_total=2", "R must be a relative half-width above 0 and below 1"},
        {"compare " + file + " " + file + " --precision-saving -5", "--precision-saving -5 must be a half-width in pounds"},
        {"run " + bare + " --precision 0.02", "no target is judged within the horizon; use --precision-metric"},
        {"run " + file + " --precision-saving 100", "--precision-saving is not an option of wfsim run"},
    });
}
