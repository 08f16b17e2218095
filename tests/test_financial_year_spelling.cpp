// A financial year is written 2016/17 or 2016-17 wherever a scenario names one
// (a budget, a target), and results name it 2016/17 either way.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "models/calendar.h"

using namespace wfsim;

TEST_CASE("financial years: 2016/17 and 2016-17 alike, in budgets and targets", "[calendar][targets]") {
    CHECK(model::financial_year_start("2016/17") == 2016);
    CHECK(model::financial_year_start("2016-17") == 2016);
    CHECK(model::financial_year_start("1999/00") == 1999);
    for (const char* bad : {"2016/18", "2016_17", "2016/17x", "16/17", "2016/2017", ""}) {
        INFO(bad);
        CHECK(!model::financial_year_start(bad));
    }
    CHECK(model::financial_year_label(2016) == "2016/17");

    test::TempDir dir;
    const std::string head = "name: fy\nstart: 2016-04-01\nhorizon: 24 months\ngrades: {sw: {salary: 30000}}\n"
                             "establishment: {teams: {a: {sw: 10}}}\nrecruitment: {applicants_per_advert: {sw: 1}}\n";
    for (const std::string year : {"2016/17", "2016-17"}) {
        INFO(year);
        const std::string path = dir.write("s.yaml", head + "budget: {'" + year + "': 300000}\n"
                                                       "targets: [{name: spend, metric: spend_total, op: '<=', value: 1e9, "
                                                       "financial_year: '" + year + "'}]\n");
        CHECK(test::load_errors(path).empty());
        const auto r = test::run_wfsim("run " + path + " -q --out " + (dir.path / "out").string() + " --force");
        CHECK(r.exit_code == 0);
        const std::string summary = test::read_file((dir.path / "out" / "summary.json").string());
        CHECK(summary.find("\"2016/17\"") != std::string::npos);
        CHECK(summary.find("not within the simulated horizon") == std::string::npos);
    }
    const auto bad = test::load_errors(dir.write("b.yaml", head + "budget: {'2016/18': 1}\n"));
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].find("'2016/18' is not a financial year; write it as 2016-17 or 2016/17") != std::string::npos);
}
