// One month numbering everywhere (README, "How months are numbered"): month 0
// is the start date, month m the end of the m-th month, in trajectory.csv,
// targets, first month met, break-even and the report; files of the old
// numbering are refused.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "helpers.h"
#include "models/calibrate/calibrate.h"

using namespace wfsim;
using test::read_file;
using test::run_wfsim;
using test::TempDir;

namespace {

std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) out.push_back(f);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
}

// The fields of trajectory.csv's row for (month, metric).
std::vector<std::string> row_of(const std::string& csv, int month, const std::string& metric) {
    std::stringstream ss(csv);
    for (std::string line; std::getline(ss, line);) {
        const auto f = fields(line);
        if (f.size() > 3 && f[0] == std::to_string(month) && f[2] == metric) return f;
    }
    return {};
}

// The `name` target's object in summary.json.
nlohmann::ordered_json target_json(const std::string& summary, const std::string& name) {
    const auto json = nlohmann::ordered_json::parse(summary);
    for (const auto& t : json["targets"])
        if (t["name"] == name) return t;
    FAIL("no target named " << name << " in summary.json");
    return {};
}

// default.yaml for 12 months with targets judged at month 12 and on the start date.
std::string run_with_targets(const TempDir& d) {
    const std::string yaml = d.write(
        "months.yaml",
        "extends: " + test::source_path("scenarios/default.yaml") +
            "\nname: months\ntargets:\n"
            "  - {name: vacancies at month 12, metric: vacant_fte, op: \"<=\", value: 1000, month: 12}\n"
            "  - {name: posts on the start date, metric: establishment_fte, op: \">=\", value: 1, month: 0}\n");
    const std::string out = (d.path / "out").string();
    const auto r = run_wfsim("run " + yaml + " --reps 5 -q --months 12 --out " + out);
    REQUIRE(r.exit_code == 0);
    return out;
}

}  // namespace

TEST_CASE("months: trajectory.csv has month 0, the start date, with stocks and empty flow cells", "[months][cli]") {
    TempDir d;
    const std::string out = run_with_targets(d);
    const std::string csv = read_file(out + "/trajectory.csv");
    // default.yaml starts with 456 FTE posts and 69 vacant, of which agency covers some.
    const auto posts = row_of(csv, 0, "establishment_fte");
    REQUIRE(posts.size() == 14);
    CHECK(posts[1] == "2015-06-01");
    CHECK(posts[5] == "456");
    CHECK(row_of(csv, 0, "permanent_fte")[5] == "387");
    CHECK(row_of(csv, 0, "starters") ==
          std::vector<std::string>{"0", "2015-06-01", "starters", "", "", "", "", "", "", "", "", "", "", ""});
    CHECK(row_of(csv, 0, "spend_total")[5].empty());
    CHECK(row_of(csv, 0, "turnover_rate_12m")[5].empty());
    // Month 12 is the last day of the twelfth month; there is no month 13.
    CHECK(row_of(csv, 12, "spend_total")[1] == "2016-05-31");
    CHECK(row_of(csv, 13, "spend_total").empty());
}

TEST_CASE("months: a target at month 12 is judged on trajectory row 12, one met on the start date first at 0",
          "[months][targets][cli]") {
    TempDir d;
    const std::string out = run_with_targets(d);
    const std::string csv = read_file(out + "/trajectory.csv"), summary = read_file(out + "/summary.json");
    CHECK(summary.find("\"format_version\": 2,") != std::string::npos);
    const auto month12 = target_json(summary, "vacancies at month 12");
    // trajectory.csv holds 10 significant digits, summary.json all of them.
    CHECK(month12["value_judged"]["mean"].get<double>() == Approx(std::stod(row_of(csv, 12, "vacant_fte")[5])).epsilon(1e-9));
    const auto start = target_json(summary, "posts on the start date");
    CHECK(start["value_judged"]["mean"] == 456);
    CHECK(start["first_month_met"]["share_ever_met"] == 1);
    CHECK(start["first_month_met"]["mean"] == 0);
}

TEST_CASE("months: month 0 is refused for a flow target, with its place", "[months][targets][cli]") {
    TempDir d;
    const std::string yaml = d.write("flow.yaml", "extends: " + test::source_path("scenarios/default.yaml") +
                                                      "\ntargets:\n  - {name: t, metric: starters, op: \">=\", value: 1, month: 0}\n");
    const auto r = run_wfsim("validate " + yaml);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("flow.yaml:3:") != std::string::npos);
    CHECK(r.err.find("targets[0].month: 0 is the start date, where starters has no value") != std::string::npos);
}

TEST_CASE("months: report and merge refuse files of the old numbering", "[months][report][cli]") {
    TempDir d;
    const std::string out = run_with_targets(d);
    // An older wfsim wrote no format_version.
    std::string summary = read_file(out + "/summary.json");
    summary.erase(summary.find("  \"format_version\": 2,\n"), std::string("  \"format_version\": 2,\n").size());
    d.write("out/summary.json", summary);
    auto r = run_wfsim("report " + out);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("summary.json was written by an older wfsim with the old month numbering") != std::string::npos);
    CHECK(r.err.find("re-run it") != std::string::npos);

    const std::string shard = (d.path / "shard").string();
    REQUIRE(run_wfsim("run " + test::source_path("scenarios/default.yaml") + " --reps 4 --months 3 -q --shard 1/1 --out " +
                      shard).exit_code == 0);
    std::string text = read_file(shard + "/shard.wfsim");
    text.erase(text.find("format_version: 2\n"), std::string("format_version: 2\n").size());
    d.write("shard/shard.wfsim", text);
    r = run_wfsim("merge " + shard + " -q --out " + (d.path / "merged").string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("shard.wfsim was written by an older wfsim with the old month numbering") != std::string::npos);
}

TEST_CASE("months: calibrate's observed month m is trajectory month m, 0 only for stocks", "[months][calibrate]") {
    TempDir d;
    const auto obs = model::read_observations(d.write("ok.csv", "metric,month,value\nvacancy_rate,0,0.15\nleavers,12,3\n"), {},
                                              model::make_calendar(params::Date{2020, 1, 1}, 365.25));
    REQUIRE(obs.size() == 2);
    CHECK(obs[0].month == 0);
    CHECK(obs[1].month == 12);
    const std::string flow = d.write("flow.csv", "metric,month,value\nleavers,0,3\n");
    CHECK_THROWS_WITH(model::read_observations(flow, {}, model::make_calendar(params::Date{2020, 1, 1}, 365.25)),
                      Catch::Contains("flow.csv:2: month: '0': 0 is the start date, where leavers has no value"));
}
