// The reference scenarios start at their papers' figures (issue 13, point 4):
// one check per figure a paper gives, read from the outputs as a user would.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "helpers.h"

using namespace wfsim;
using test::run_wfsim;
using test::source_path;

namespace {

// The mean of a metric at a month in trajectory.csv, in total or for a grade or team.
double mean_in_csv(const std::string& csv, int month, const std::string& metric, const std::string& grade = "",
                   const std::string& team = "") {
    std::stringstream ss(csv);
    const std::string head = std::to_string(month) + ",";
    for (std::string line; std::getline(ss, line);) {
        if (line.compare(0, head.size(), head) != 0) continue;
        std::vector<std::string> f;
        std::stringstream ls(line);
        for (std::string cell; std::getline(ls, cell, ',');) f.push_back(cell);
        if (f.size() > 5 && f[2] == metric && f[3] == grade && f[4] == team) return std::stod(f[5]);
    }
    FAIL("no row for " << metric << " at month " << month << " (grade '" << grade << "', team '" << team << "')");
    return 0;
}

std::string trajectory_of(const test::TempDir& d, const std::string& scenario, const std::string& args) {
    const std::string out = (d.path / "out").string();
    const auto r = run_wfsim("run " + source_path(scenario) + " " + args + " -q --force --out " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return test::read_file(out + "/trajectory.csv");
}

double mean_of(const std::vector<model::ReplicationResult>& reps, int metric, std::size_t month) {
    double s = 0;
    for (const auto& r : reps) s += r.monthly[static_cast<std::size_t>(metric)][month];
    return s / static_cast<double>(reps.size());
}

}  // namespace

TEST_CASE("Cambridgeshire 2015 starts with 69 FTE of vacancies", "[reference][cambridgeshire]") {
    test::TempDir d;
    const std::string csv = trajectory_of(d, "scenarios/cambridgeshire/cambridgeshire-2015.yaml", "--reps 2 --months 1");
    CHECK(mean_in_csv(csv, 0, "vacancies_fte") == 69);  // posts without a permanent worker [S 2.0]
    CHECK(mean_in_csv(csv, 0, "establishment_fte") == 456);
}

TEST_CASE("Dorset 2017 starts with 46 FTE of vacancies, 33 of them social worker posts, and spends about 1.1m "
          "pounds a year on agency",
          "[reference][dorset]") {
    test::TempDir d;
    const std::string csv = trajectory_of(d, "scenarios/dorset/dorset-2017.yaml", "--reps 100 --months 12");
    CHECK(mean_in_csv(csv, 0, "vacancies_fte") == 46);
    CHECK(mean_in_csv(csv, 0, "vacancies_fte", "sw") == 33);
    double agency = 0;
    for (int m = 1; m <= 12; ++m) agency += mean_in_csv(csv, m, "spend_agency");
    INFO("agency spend over months 1 to 12: " << agency);
    CHECK(std::fabs(agency - 1.1e6) < 0.05 * 1.1e6);  // "around 1.1m pounds" [S]
}

TEST_CASE("Slough 2014 starts with its two newly qualified cohorts, the first finishing in February 2015",
          "[reference][slough]") {
    const auto reps = test::simulate_file(source_path("scenarios/slough/slough-2014.yaml"), 100, 2014, 8);
    CHECK(mean_of(reps, model::kAsyeFte, 0) == 12);  // 5 + 7 on 1 October 2014
    // The 5 (those who have not left) finish in February 2015, month 5; the
    // months either side lose only the odd leaver.
    const double february = mean_of(reps, model::kAsyeFte, 4) - mean_of(reps, model::kAsyeFte, 5);
    INFO("ASYE FTE lost in February 2015: " << february);
    CHECK(february > 4.0);
    CHECK(february <= 5.0);
    CHECK(mean_of(reps, model::kAsyeFte, 3) - mean_of(reps, model::kAsyeFte, 4) < 0.5);
    CHECK(mean_of(reps, model::kAsyeFte, 5) - mean_of(reps, model::kAsyeFte, 6) < 0.5);
}

TEST_CASE("England 2017 starts at the published in post, vacancy and agency rates, and holds the agency rate "
          "through the first year",
          "[reference][england]") {
    const auto reps = test::simulate_file(source_path("scenarios/england/england-children-2017.yaml"), 40, 2017, 12);
    const double in_post = mean_of(reps, model::kPermanentFte, 0), vacancy = mean_of(reps, model::kVacancyRate, 0),
                 agency = mean_of(reps, model::kAgencyRate, 0);
    INFO("month 0: in post " << in_post << ", vacancy rate " << vacancy << ", agency rate " << agency);
    CHECK(std::fabs(in_post - 28483) <= 0.005 * 28483);
    CHECK(std::fabs(vacancy - 0.170) <= 0.003);
    CHECK(std::fabs(agency - 0.158) <= 0.003);
    double year = 0;
    for (std::size_t m = 1; m <= 12; ++m) year += mean_of(reps, model::kAgencyRate, m) / 12;
    INFO("agency rate averaged over months 1 to 12: " << year);
    CHECK(std::fabs(year - 0.158) <= 0.005);
}

TEST_CASE("Cambridgeshire 2003: the compare says how many early leavers work shadowing avoids and what each is worth",
          "[reference][cambridgeshire-2003][compare]") {
    test::TempDir d;
    const std::string out = (d.path / "cmp").string();
    const auto r = run_wfsim("compare " + source_path("scenarios/cambridgeshire-2003/cambridgeshire-2003.yaml") + " " +
                             source_path("scenarios/cambridgeshire-2003/work-shadowing.yaml") +
                             " --reps 100 -q --out " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto json = nlohmann::ordered_json::parse(test::read_file(out + "/summary.json"));
    const auto& alt = json["alternatives"][0];
    const auto& early = alt["people_difference"]["early_leavers"];
    const double avoided = -early["mean"].get<double>();
    const double hi = early["interval95"][1].get<double>();
    INFO("early leavers avoided " << avoided);
    CHECK(avoided > 5);
    CHECK(hi < 0);  // fewer early leavers, with the whole interval below zero
    const auto& worth = alt["spend_difference_per_early_leaver_difference"];
    REQUIRE(worth.is_object());
    const double per = worth["ratio"].get<double>();
    const double spend = alt["spend_total_difference"]["mean"].get<double>();
    CHECK(per * -avoided == Approx(spend).epsilon(1e-9));  // the ratio of the two mean differences
}
