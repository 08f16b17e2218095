// What run and compare print when they finish (models/output/answer.h): the
// answer in the user's terms, with the figures of the files rounded.
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

#include "helpers.h"
#include "models/output/answer.h"

using namespace wfsim;

namespace {

const std::string kHead =
    "name: posts\nstart: 2020-04-01\nhorizon: 12 months\ngrades: {sw: {salary: 30000}}\n"
    "recruitment: {applicants_per_advert: {sw: 1}}\nleaving: {base_rate: {sw: 0.3}}\n";

}  // namespace

TEST_CASE("the terminal answer: first met and met from then on are told apart", "[answer][cli]") {
    test::TempDir dir;
    // Ten posts, three of them vacant and never filled; two are cut on 1 July and restored on 1 October
    // (a cut takes vacant posts first): a target of at least ten posts judged in November holds at the
    // start, is lost, and holds again from October, in every replication.
    const std::string path = dir.write(
        "s.yaml", "name: posts\nstart: 2020-04-01\nhorizon: 12 months\ngrades: {sw: {salary: 30000}}\n"
                  "leaving: {base_rate: {sw: 0}}\ninitial_staff: {vacancies: {sw: 3}, start_as: new}\n"
                      "establishment: {teams: {a: {sw: 10}}, changes: [{at: 2020-07-01, team: a, sw: -2}, "
                      "{at: 2020-10-01, team: a, sw: 2}]}\n"
                      "targets: [{name: ten posts, metric: establishment_fte, op: '>=', value: 10, month: 8}]\n");
    const auto r = test::run_wfsim("run " + path + " --reps 20 --out " + (dir.path / "o").string());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("posts: 20 replications of 12 months from 1 April 2020") == 0);
    CHECK(r.out.find("ten posts (establishment_fte, at the end of Nov 2020): met in 100% of replications "
                     "(95% interval 84% to 100%)") != std::string::npos);
    CHECK(r.out.find("first met: median the start, in 100% at some point; met from then on: median Oct 2020, in 100%") !=
          std::string::npos);
    CHECK(r.out.find("Results in " + (dir.path / "o").string() + "/") != std::string::npos);
    // -q keeps it silent.
    const auto q = test::run_wfsim("run " + path + " --reps 2 -q --force --out " + (dir.path / "o").string());
    CHECK(q.exit_code == 0);
    CHECK(q.out.empty());
}

TEST_CASE("the terminal answer: spend rounded, by financial year, and the saving of a compare in words", "[answer][cli]") {
    test::TempDir dir;
    const std::string base = dir.write("base.yaml", kHead + "establishment: {teams: {a: {sw: 10}}}\n");
    // Two posts fewer: pay for 8 instead of 10 (on_costs 0), so the alternative saves about 60,000 pounds a year.
    const std::string alt = dir.write("alt.yaml", "extends: base.yaml\nname: fewer\nestablishment: {teams: {a: {sw: 8}}}\n");
    auto r = test::run_wfsim("run " + base + " --reps 10 --months 18 --out " + (dir.path / "r").string());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(std::regex_search(r.out, std::regex("Spend over the 18 months: [0-9,]+ pounds \\(80% of replications between [0-9,]+ and [0-9,]+\\)")));
    CHECK(r.out.find("By financial year (mean, and the middle 80% of replications):\n  2020/21: ") != std::string::npos);
    CHECK(r.out.find("  2021/22: ") != std::string::npos);
    CHECK(r.out.find("1 April 2021 to 30 September 2021 only") != std::string::npos);
    r = test::run_wfsim("compare " + base + " " + alt + " --reps 10 --out " + (dir.path / "c").string());
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("10 replications of each of 2 scenarios over 12 months") == 0);
    CHECK(std::regex_search(r.out, std::regex("fewer: saves [0-9,]+ pounds on average over the 12 months\n"
                                              "  the average saving is between [0-9,]+ and [0-9,]+ pounds \\(95% interval of the average")));
    CHECK(r.out.find("it costs less than posts in 100% of paired replications") != std::string::npos);
}

TEST_CASE("the terminal answer of a sweep: the cheapest point in words, or the closest when none meets the goal",
          "[answer][cli][sweep]") {
    test::TempDir dir;
    // No recruitment and no agency: of n posts, each holder stays the year with probability exp(-0.3) = 0.741,
    // so nine or more stay with probability 0.224 of 10 posts and 0.664 of 12 (binomial).
    const std::string path = dir.write(
        "s.yaml", "name: posts\nstart: 2020-04-01\nhorizon: 12 months\nseed: 7\ngrades: {sw: {salary: 30000}}\n"
                  "recruitment: {method: none}\nleaving: {base_rate: {sw: 0.3}}\nagency: {fill_probability: 0}\n"
                  "establishment: {teams: {a: {sw: 10}}}\n"
                  "targets: [{name: nine in post, metric: permanent_fte, op: '>=', value: 9, month: 12}]\n");
    const std::string out = (dir.path / "o").string();
    auto r = test::run_wfsim("sweep " + path + " --grid establishment.teams.a.sw=10,12 --goal 'nine in post>=0.999' --reps 200 --out " + out);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("No grid point meets the goal nine in post>=0.999. The closest is point 1 (establishment.teams.a.sw = 12): "
                     "'nine in post' met in ") == 0);
    const std::string summary = test::read_file(out + "/summary.json");
    CHECK(summary.find("\"best\": null") != std::string::npos);
    CHECK(std::regex_search(summary, std::regex("\"closest\": \\{\\s*\"point\": 1,")));
    r = test::run_wfsim("sweep " + path + " --grid establishment.teams.a.sw=10,12 --goal 'nine in post>=0.5' --reps 200 --force --out " + out);
    CHECK(std::regex_search(r.out, std::regex("^Cheapest point meeting the goal nine in post>=0.5: point 1 \\(establishment.teams.a.sw = 12\\), "
                                              "with 'nine in post' met in [0-9]+% of replications, and total spend [0-9.,]+m? pounds on average\\.")));
    // Rounded: no long decimals reach the terminal.
    CHECK(!std::regex_search(r.out, std::regex("[0-9]\\.[0-9]{4,}")));
}

TEST_CASE("rounded figures: four significant digits, no exponent, an ASCII minus", "[answer][units]") {
    CHECK(model::rounded(0.15234567) == "0.1523");
    CHECK(model::rounded(4213.4567) == "4,213");
    CHECK(model::rounded(123456.7) == "123,500");
    CHECK(model::rounded(-0.00012345678) == "-0.0001235");
    CHECK(model::rounded(0.2) == "0.2");
    CHECK(model::rounded(0) == "0");
    CHECK(model::rounded(std::nan("")) == "n/a");
}
