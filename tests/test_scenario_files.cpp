// Scenario files: good files load; every class of error gives its message at
// the right line; extends and --set resolve as the README documents.
#include <catch2/catch.hpp>

#include <filesystem>

#include "engine/params/params.h"
#include "helpers.h"

using namespace wfsim;
using wfsim::test::load_errors;
using wfsim::test::minimal_scenario;
using wfsim::test::TempDir;

namespace {

bool any_contains(const std::vector<std::string>& msgs, const std::string& needle) {
    for (const auto& m : msgs)
        if (m.find(needle) != std::string::npos) return true;
    return false;
}

std::string joined(const std::vector<std::string>& msgs) {
    std::string s;
    for (const auto& m : msgs) s += m + "\n";
    return s;
}

}  // namespace

TEST_CASE("every scenario shipped in scenarios/ is valid", "[scenario]") {
    int count = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_path("scenarios"))) {
        if (entry.path().extension() != ".yaml") continue;
        INFO(entry.path().string());
        auto errors = load_errors(entry.path().string());
        CHECK(joined(errors) == "");
        ++count;
    }
    CHECK(count >= 1);
}

TEST_CASE("defaults are filled in from the schema", "[scenario]") {
    TempDir dir;
    params::Tree tree;
    REQUIRE(load_errors(dir.write("a.yaml", minimal_scenario()), {}, &tree).empty());
    params::Params p(&tree, "");
    CHECK(p.number("grades.sw.on_costs") == 0);
    CHECK(p.number("grades.sw.caseload_weight") == 1);
    CHECK(p.number("leaving.base_rate.sw") == 0);      // a default per grade
    CHECK(p.str("recruitment.method") == "campaign");
    CHECK(p.days("leaving.notice") == 0);
    CHECK(p.number("seed") == 1);
    CHECK_FALSE(p.has("grades.sw.market_salary"));      // optional, off
}

TEST_CASE("a bad value is reported with file, line, column, key, value and what is allowed", "[scenario]") {
    TempDir dir;
    std::string f = dir.write("x.yaml", minimal_scenario() +
                                            "recruitment:\n"
                                            "  advert: {length: 6 weeks}\n"
                                            "  offer_acceptance: 1.4\n");
    auto errors = load_errors(f);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == f + ":11:21: recruitment.offer_acceptance: 1.4 is not a probability (0 to 1)");
}

TEST_CASE("all errors in a file are reported, not just the first", "[scenario]") {
    TempDir dir;
    std::string f = dir.write("x.yaml", "name: x\n"
                                        "start: 2015-02-30\n"
                                        "horizon: 36\n"
                                        "grades:\n"
                                        "  sw: {salary: abc, on_cost: 0.2}\n"
                                        "establishment:\n"
                                        "  teams:\n"
                                        "    a: {sw: 10, swx: 2}\n"
                                        "recruitment: {method: campain}\n");
    auto errors = load_errors(f);
    INFO(joined(errors));
    REQUIRE(errors.size() == 6);
    CHECK(any_contains(errors, ":2:8: start: 2015-02-30 is not a day of the calendar"));
    CHECK(any_contains(errors, ":3:10: horizon: 36 needs a unit"));
    CHECK(any_contains(errors, ":5:16: grades.sw.salary: abc is not an amount in pounds"));
    CHECK(any_contains(errors, ":5:21: grades.sw.on_cost: unknown key 'on_cost' (did you mean 'on_costs'?)"));
    CHECK(any_contains(errors, ":8:17: establishment.teams.a.swx: 'swx' is not a grade of this scenario"));
    CHECK(any_contains(errors, ":9:23: recruitment.method: campain is not one of campaign, fixed_delay, none (did you mean 'campaign'?)"));
}

TEST_CASE("past twenty errors the rest are counted", "[scenario]") {
    TempDir dir;
    std::string text = minimal_scenario() + "leaving:\n  base_rate:\n";
    for (int i = 0; i < 25; ++i) text += "    g" + std::to_string(i) + ": 0.1\n";
    auto r = test::run_wfsim("validate " + dir.write("x.yaml", text));
    CHECK(r.exit_code == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 21);
    CHECK(r.err.find("... and 5 more errors") != std::string::npos);
}

TEST_CASE("unknown keys get a suggestion when one is close, the allowed keys otherwise", "[scenario]") {
    TempDir dir;
    auto errors = load_errors(dir.write("x.yaml", minimal_scenario() + "recruitmnt: {}\nwidgets: 3\n"));
    REQUIRE(errors.size() == 2);
    CHECK(any_contains(errors, ":9:1: recruitmnt: unknown key 'recruitmnt' (did you mean 'recruitment'?)"));
    CHECK(any_contains(errors, ":10:1: widgets: unknown key 'widgets'; allowed here: name, description"));
}

TEST_CASE("missing required keys and wrong shapes are named", "[scenario]") {
    TempDir dir;
    auto errors = load_errors(dir.write("x.yaml", "name: x\ngrades: [sw, senior]\nestablishment:\n  teams: {}\n"));
    INFO(joined(errors));
    CHECK(any_contains(errors, ":2:9: grades: a list should be a mapping of keys"));
    CHECK(any_contains(errors, "start: missing required key 'start'"));
}

TEST_CASE("cross-key checks: shares that must add up to one", "[scenario]") {
    TempDir dir;
    auto errors = load_errors(
        dir.write("x.yaml", minimal_scenario() + "leaving:\n  destinations: {other_employer: 0.5, agency: 0.2}\n"));
    REQUIRE(errors.size() == 1);
    CHECK(any_contains(errors, "leaving.destinations: the shares add up to 0.7; they must add up to 1"));
}

TEST_CASE("extends inherits a base and overrides parts of it", "[scenario][extends]") {
    TempDir dir;
    dir.write("base/base.yaml", minimal_scenario() + "leaving:\n  base_rate: {sw: 0.15}\n  notice: 2 months\n");
    std::string alt = dir.write("alt.yaml", "extends: base/base.yaml\nname: alt\nleaving: {base_rate: {sw: 0.1}}\n");
    params::Tree tree;
    REQUIRE(load_errors(alt, {}, &tree).empty());
    params::Params p(&tree, "");
    CHECK(p.str("name") == "alt");
    CHECK(p.number("leaving.base_rate.sw") == 0.1);  // overridden
    CHECK(p.days("leaving.notice") == Approx(2 * 30.4375));  // inherited from the base
    CHECK_FALSE(p.has("extends"));
}

TEST_CASE("extends reports a missing base and a cycle at the extends key", "[scenario][extends]") {
    TempDir dir;
    std::string a = dir.write("a.yaml", "name: a\nextends: b.yaml\n");
    dir.write("b.yaml", "extends: a.yaml\n");
    auto errors = load_errors(a);
    REQUIRE(errors.size() == 1);
    CHECK(any_contains(errors, "b.yaml:1:10: extends: a.yaml is already being read: the extends chain is a cycle"));
    std::string c = dir.write("c.yaml", "extends: nowhere.yaml\n");
    errors = load_errors(c);
    REQUIRE(errors.size() == 1);
    CHECK(any_contains(errors, "c.yaml:1:10: extends: nowhere.yaml not found"));
}

TEST_CASE("errors in a base file point into the base file, through the extends that read it", "[scenario][extends]") {
    TempDir dir;
    std::string base = dir.write("base.yaml", minimal_scenario() + "agency: {fill_probability: 1.5}\n");
    std::string alt = dir.write("alt.yaml", "extends: base.yaml\n");
    auto errors = load_errors(alt);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == alt + ":1:10: in 'extends: base.yaml': " + base + ":9:28: agency.fill_probability: 1.5 is not a probability (0 to 1)");
    // Two levels, and an error in reading the base itself.
    const std::string middle = dir.write("middle.yaml", "extends: base.yaml\nleaving: {base_rate: {sw: lots}}\n");
    const std::string top = dir.write("top.yaml", "name: top\nextends: middle.yaml\n");
    errors = load_errors(top);
    INFO(joined(errors));
    REQUIRE(errors.size() == 2);
    CHECK(any_contains(errors, top + ":2:10: in 'extends: middle.yaml': " + middle + ":1:10: in 'extends: base.yaml': " + base +
                                   ":9:28: agency.fill_probability: 1.5"));
    CHECK(any_contains(errors, top + ":2:10: in 'extends: middle.yaml': " + middle + ":2:27: leaving.base_rate.sw: lots is not a number"));
    dir.write("middle.yaml", "extends: base.yaml\nleaving: {base_rate: {sw: [\n");
    errors = load_errors(top);
    REQUIRE(errors.size() == 1);
    CHECK(any_contains(errors, top + ":2:10: in 'extends: middle.yaml': " + middle + ":3:1: YAML syntax error"));
}

TEST_CASE("command-line overrides with --set are validated the same way", "[scenario][set]") {
    TempDir dir;
    std::string f = dir.write("x.yaml", minimal_scenario());
    params::Tree tree;
    REQUIRE(load_errors(f, {"leaving.base_rate.sw=0.2", "grades.sw.salary=31,000", "agency={fill_probability: 0.5}"},
                        &tree)
                .empty());
    params::Params p(&tree, "");
    CHECK(p.number("leaving.base_rate.sw") == 0.2);
    CHECK(p.money("grades.sw.salary") == 31000);
    CHECK(p.number("agency.fill_probability") == 0.5);

    auto errors = load_errors(f, {"recruitment.offer_acceptance=1.4", "leaving.notice=3", "leaving.base_rate.sx=0.1",
                                  "novalue"});
    INFO(joined(errors));
    REQUIRE(errors.size() == 1);  // a malformed --set stops before validation
    CHECK(errors[0] == "--set novalue: expected key.path=value, e.g. --set recruitment.offer_acceptance=0.7");
    errors = load_errors(f, {"recruitment.offer_acceptance=1.4", "leaving.notice=3", "leaving.base_rate.sx=0.1"});
    REQUIRE(errors.size() == 3);
    CHECK(any_contains(errors, "--set recruitment.offer_acceptance=1.4: recruitment.offer_acceptance: 1.4 is not a probability (0 to 1)"));
    CHECK(any_contains(errors, "--set leaving.notice=3: leaving.notice: 3 needs a unit"));
    CHECK(any_contains(errors, "leaving.base_rate.sx: 'sx' is not a grade of this scenario; the grades are sw"));
}

TEST_CASE("interventions may set any key, checked against the schema", "[scenario][interventions]") {
    TempDir dir;
    auto errors = load_errors(dir.write("x.yaml", minimal_scenario() +
                                                      "interventions:\n"
                                                      "  - at: 2016-09-01\n"
                                                      "    set: {leaving.base_rat.sw: 0.2, agency.fill_probability: 2}\n"
                                                      "  - at: 2015-01-01\n"));
    INFO(joined(errors));
    REQUIRE(errors.size() == 3);
    CHECK(any_contains(errors, ":11:11: interventions[0].set.leaving.base_rat.sw: 'leaving.base_rat.sw' is not a scenario key (did you mean 'leaving.base_rate'?)"));
    CHECK(any_contains(errors, ":11:62: interventions[0].set.agency.fill_probability: 2 is not a probability (0 to 1)"));
    CHECK(any_contains(errors, ":12:9: interventions[1].at: 2015-01-01 is before the scenario's start 2016-04-01"));
    errors = load_errors(dir.write("y.yaml", minimal_scenario() + "interventions:\n  - at: 2015-01-01\n"));
    REQUIRE(errors.size() == 1);
    CHECK(any_contains(errors, ":10:9: interventions[0].at: 2015-01-01 is before the scenario's start 2016-04-01"));
}

TEST_CASE("distributions for uncertain parameters are checked", "[scenario][uncertainty]") {
    TempDir dir;
    CHECK(load_errors(dir.write("a.yaml", minimal_scenario() +
                                              "leaving: {pay_elasticity: {dist: normal, mean: -1, sd: 0.3}}\n"))
              .empty());
    auto errors = load_errors(dir.write("b.yaml", minimal_scenario() +
                                                      "agency: {fill_probability: {dist: beta, mean: 0.9, sd: 0.5}}\n"));
    REQUIRE(errors.size() == 1);
    CHECK(any_contains(errors, "a beta needs 0 < mean < 1"));
    errors = load_errors(dir.write("c.yaml", minimal_scenario() + "leaving: {notice: {dist: normal, mean: 1, sd: 1}}\n"));
    REQUIRE(errors.size() == 1);
    CHECK(any_contains(errors, "leaving.notice: a mapping should be a single value (duration)"));
}
