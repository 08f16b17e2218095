// --per-replication: replications.csv, one row per replication, checked
// against the same replications simulated here and against their draws; a
// batch merged from shards writes the same file.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "engine/io/files.h"
#include "engine/params/loader.h"
#include "helpers.h"
#include "models/output/outputs.h"
#include "models/targets/targets.h"
#include "models/uncertainty.h"

using namespace wfsim;
using test::read_file;
using test::run_wfsim;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

// Uncertain leaving (a draw per replication), a stock and a flow target.
const std::string kScenario = test::minimal_scenario() +
                              "leaving: {base_rate: {sw: {dist: uniform, min: 0.1, max: 0.4}}}\n"
                              "recruitment: {method: none}\n"
                              "targets:\n"
                              "  - {name: nine in post, metric: permanent_fte, op: \">=\", value: 9, by: 2017-03-31}\n"
                              "  - {name: few leavers in month 6, metric: leavers, op: \"<=\", value: 0, by: 2016-09-30}\n";

std::vector<std::vector<std::string>> rows_of(const std::string& csv) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> row;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');) row.push_back(cell);
        if (!line.empty() && line.back() == ',') row.emplace_back();
        rows.push_back(row);
    }
    return rows;
}

std::size_t index_of(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    FAIL("no column " << name);
    return 0;
}

}  // namespace

TEST_CASE("replications.csv: each row is that replication's draws, totals, final values and targets",
          "[per-replication][cli]") {
    TempDir d;
    const std::string file = d.write("s.yaml", kScenario);
    const fs::path out = d.path / "o";
    const std::size_t n = 30;
    const auto r = run_wfsim("run " + file + " -q --seed 7 --reps 30 --per-replication --out " + out.string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto rows = rows_of(read_file((out / "replications.csv").string()));
    REQUIRE(rows.size() == n + 1);
    const auto& h = rows[0];
    CHECK(h[0] == "scenario");
    CHECK(h[1] == "replication");
    const std::size_t draw = index_of(h, "leaving.base_rate.sw"), spend = index_of(h, "total.spend_total"),
                      leavers = index_of(h, "total.leavers"), perm = index_of(h, "final.permanent_fte"),
                      value = index_of(h, "nine in post: value"), met = index_of(h, "nine in post: met"),
                      first = index_of(h, "nine in post: first_month_met"),
                      met6 = index_of(h, "few leavers in month 6: met");

    // The same replications here, with their draws.
    const params::Tree tree = test::simulate_tree(kScenario);
    const auto reps = test::simulate(kScenario, n, 7);
    const model::Calendar cal = test::calendar_of(kScenario);
    std::vector<std::string> warnings;
    const auto targets = model::read_targets(tree, cal, warnings);
    REQUIRE(targets.size() == 2);
    const auto spends = model::metric_totals(reps, model::kSpendTotal), leaves = model::metric_totals(reps, model::kLeavers),
               perms = model::metric_totals(reps, model::kPermanentFte);
    for (std::size_t i = 0; i < n; ++i) {
        INFO("replication " << i);
        const auto& row = rows[i + 1];
        REQUIRE(row.size() == h.size());
        CHECK(row[0] == "minimal");
        CHECK(row[1] == std::to_string(i));
        params::Tree copy = tree;
        model::Draws drawn;
        REQUIRE(model::sample_uncertain(copy, 7, i, &drawn) == 1);
        CHECK(row[draw] == io::format_value(drawn[0].second));
        CHECK(std::stod(row[draw]) >= 0.1);
        CHECK(std::stod(row[draw]) <= 0.4);
        CHECK(row[spend] == io::format_value(spends[i]));
        CHECK(row[leavers] == io::format_value(leaves[i]));
        CHECK(row[perm] == io::format_value(perms[i]));
        const model::TargetOutcome o = model::evaluate(targets[0], reps[i], cal);
        CHECK(row[value] == io::format_value(o.value));
        CHECK(row[met] == (o.met ? "1" : "0"));
        CHECK(row[first] == (o.first_month < 0 ? std::string() : std::to_string(o.first_month)));
        CHECK(row[met6] == (model::evaluate(targets[1], reps[i], cal).met ? "1" : "0"));
    }
}

TEST_CASE("replications.csv from shards merged is the file of one run, and compare writes a row per scenario",
          "[per-replication][cli][shard]") {
    TempDir d;
    const std::string file = d.write("s.yaml", kScenario);
    const fs::path one = d.path / "one", s1 = d.path / "s1", s2 = d.path / "s2", merged = d.path / "m";
    const std::string args = "run " + file + " -q --seed 7 --reps 25 --per-replication";
    REQUIRE(run_wfsim(args + " --out " + one.string()).exit_code == 0);
    REQUIRE(run_wfsim(args + " --shard 1/2 --out " + s1.string()).exit_code == 0);
    REQUIRE(run_wfsim(args + " --shard 2/2 --out " + s2.string()).exit_code == 0);
    const auto m = run_wfsim("merge -q " + s1.string() + " " + s2.string() + " --out " + merged.string());
    INFO(m.err);
    REQUIRE(m.exit_code == 0);
    const std::string csv = read_file((one / "replications.csv").string());
    CHECK(!csv.empty());
    CHECK(csv == read_file((merged / "replications.csv").string()));

    // compare: the base's rows, then the alternative's, on the same draws.
    const std::string alt = d.write("alt.yaml", kScenario + "interventions:\n  - {at: 2016-10-01, name: uplift, pay_uplift: {sw: 0.05}}\n");
    const fs::path c = d.path / "c";
    REQUIRE(run_wfsim("compare " + file + " " + alt + " -q --seed 7 --reps 5 --per-replication --out " + c.string()).exit_code == 0);
    const auto rows = rows_of(read_file((c / "replications.csv").string()));
    REQUIRE(rows.size() == 11);
    const std::size_t draw = index_of(rows[0], "leaving.base_rate.sw");
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(rows[1 + i][1] == std::to_string(i));
        CHECK(rows[6 + i][1] == std::to_string(i));
        CHECK(rows[1 + i][draw] == rows[6 + i][draw]);  // common random numbers: the same draw
    }
}

TEST_CASE("sweep --per-replication: a row per point and replication, as run at that point, and merged shards the same",
          "[per-replication][cli][sweep]") {
    TempDir d;
    const std::string file = d.write("s.yaml", kScenario);
    const fs::path sw = d.path / "sw", one = d.path / "one", s1 = d.path / "s1", s2 = d.path / "s2", merged = d.path / "m";
    const std::string sweep = "sweep " + file + " -q --seed 7 --reps 6 --grid grades.sw.salary=30000,33000 --per-replication";
    REQUIRE(run_wfsim(sweep + " --out " + sw.string()).exit_code == 0);
    REQUIRE(run_wfsim("run " + file + " -q --seed 7 --reps 6 --set grades.sw.salary=33000 --per-replication --out " +
                      one.string()).exit_code == 0);
    const auto rows = rows_of(read_file((sw / "replications.csv").string()));
    const auto at_point = rows_of(read_file((one / "replications.csv").string()));
    REQUIRE(rows.size() == 13);
    REQUIRE(at_point.size() == 7);
    CHECK(rows[0] == at_point[0]);
    for (std::size_t i = 0; i < 6; ++i) {
        INFO("replication " << i);
        CHECK(rows[1 + i][0] == "point 0");
        CHECK(rows[7 + i][0] == "point 1");
        // Point 1 is the run at salary 33,000, cell for cell after the scenario column.
        CHECK(std::vector<std::string>(rows[7 + i].begin() + 1, rows[7 + i].end()) ==
              std::vector<std::string>(at_point[1 + i].begin() + 1, at_point[1 + i].end()));
    }
    REQUIRE(run_wfsim(sweep + " --shard 1/2 --out " + s1.string()).exit_code == 0);
    REQUIRE(run_wfsim(sweep + " --shard 2/2 --out " + s2.string()).exit_code == 0);
    const auto m = run_wfsim("merge -q " + s1.string() + " " + s2.string() + " --out " + merged.string());
    INFO(m.err);
    REQUIRE(m.exit_code == 0);
    CHECK(read_file((sw / "replications.csv").string()) == read_file((merged / "replications.csv").string()));
}
