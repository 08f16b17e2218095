// validate warns about modelling traps (issue 14, point 4): each warning is a
// located "file:line:col: warning: key: message" line on stderr with exit 0,
// and an error (exit 2) under --strict; the reference scenarios have none.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>

#include "helpers.h"

using namespace wfsim;

namespace {

// A scenario free of traps; the cases add to it or replace its lines.
const std::string kHead = "name: w\nstart: 2020-01-01\nhorizon: 12 months\n";      // lines 1-3
const std::string kGrades = "grades:\n  sw: {salary: 30000}\n";                       // lines 4-5
const std::string kPosts = "establishment: {teams: {a: {sw: 10}}}\n";                 // line 6
const std::string kRecruit = "recruitment: {applicants_per_advert: {sw: 2}}\n";       // line 7
const std::string kClean = kHead + kGrades + kPosts + kRecruit;

struct Case {
    std::string text;
    std::string line;  // the warning line, without "warning: " (empty: no warning)
};

// Checks one scenario: the warning line and exit 0; with --strict, the same
// line as an error and exit 2. Without a warning, both are silent and exit 0.
void check_case(const test::TempDir& d, const Case& c) {
    INFO(c.text);
    const std::string path = d.write("s.yaml", c.text);
    const auto plain = test::run_wfsim("validate " + path);
    const auto strict = test::run_wfsim("validate --strict " + path);
    INFO("validate: " << plain.err << "\nvalidate --strict: " << strict.err);
    CHECK(plain.exit_code == 0);
    CHECK(plain.out.find(": ok (") != std::string::npos);
    if (c.line.empty()) {
        CHECK(plain.err.empty());
        CHECK(strict.exit_code == 0);
        CHECK(strict.err.empty());
        return;
    }
    const std::string where = path + ":" + c.line.substr(0, c.line.find(": ") + 2);  // "s.yaml:5:3: "
    const std::string rest = c.line.substr(c.line.find(": ") + 2);
    CHECK(plain.err.find(where + "warning: " + rest) != std::string::npos);
    CHECK(strict.exit_code == 2);
    CHECK(strict.err.find(where + rest) != std::string::npos);
    CHECK(strict.err.find("warning:") == std::string::npos);
    CHECK(strict.out.empty());  // not "ok"
}

void check_cases(const std::vector<Case>& cases) {
    test::TempDir d;
    for (const auto& c : cases) check_case(d, c);
}

}  // namespace

TEST_CASE("warnings are kept apart from errors and listed in file order", "[validate][warnings][engine]") {
    params::Diagnostics d;
    const auto file = std::make_shared<const std::string>("f.yaml");
    d.warning(params::Loc{file, 3, 1}, "b", "later");
    d.warning(params::Loc{file, 1, 5}, "a", "first");
    CHECK(d.ok());
    CHECK(d.count() == 0);
    CHECK(d.warning_count() == 2);
    CHECK(d.warning_lines() == std::vector<std::string>{"f.yaml:1:5: warning: a: first", "f.yaml:3:1: warning: b: later"});
    d.warnings_as_errors();
    CHECK_FALSE(d.ok());
    CHECK(d.warning_count() == 0);
    CHECK(d.messages() == std::vector<std::string>{"f.yaml:1:5: a: first", "f.yaml:3:1: b: later"});
}

TEST_CASE("the clean base scenario has no warning", "[validate][warnings]") { check_cases({{kClean, ""}}); }

TEST_CASE("a grade with posts but no permanent route into them", "[validate][warnings]") {
    const std::string sw = "5:3: grades.sw: 10 FTE posts but no permanent route to fill them: ";
    check_cases({
        {kHead + kGrades + kPosts, sw + "recruitment.applicants_per_advert.sw is not given, so no one applies, and no "
                                        "pipeline, progression step or ASYE leads into sw"},
        {kHead + kGrades + kPosts + "recruitment: {applicants_per_advert: {sw: 0}}\n",
         sw + "recruitment.applicants_per_advert.sw is 0, and"},
        {kHead + kGrades + kPosts + "recruitment: {applicants_per_advert: {sw: 2}, appointable: 0}\n",
         sw + "recruitment.appointable is 0, and"},
        {kHead + kGrades + kPosts + "recruitment: {applicants_per_advert: {sw: 2}, offer_acceptance: 0%}\n",
         sw + "recruitment.offer_acceptance is 0, and"},
        // Agency cover is not a permanent route.
        {kHead + kGrades + kPosts + "agency: {fill_probability: 1, cost_per_year: 80000}\n", sw + "recruitment.applicants"},
    });
}

TEST_CASE("routes that fill a grade permanently silence the no-route warning", "[validate][warnings]") {
    const std::string two = kHead + "grades:\n  sw: {salary: 30000}\n  senior: {salary: 40000}\n" +
                            "establishment: {teams: {a: {sw: 10, senior: 2}}}\n";  // line 7
    check_cases({
        {kHead + kGrades + kPosts + "recruitment: {method: fixed_delay}\n", ""},
        {kHead + kGrades + kPosts + "recruitment: {method: none}\n", ""},
        {kHead + kGrades + kPosts + "pipelines: [{name: p, kind: university, grade: sw, first_intake: 2020-09-01, trainees: 3}]\n", ""},
        {two + "recruitment: {applicants_per_advert: {sw: 2}}\nprogression: [{from: sw, to: senior, rate: 0.1}]\n", ""},
        {two + "recruitment: {applicants_per_advert: {sw: 2}}\n",
         "6:3: grades.senior: 2 FTE posts but no permanent route to fill them: recruitment.applicants_per_advert.senior is not given"},
        {two + "recruitment: {applicants_per_advert: {sw: 2}}\nprogression: [{from: sw, to: senior, rate: 0}]\n",
         "6:3: grades.senior: 2 FTE posts but no permanent route"},
        {two + "recruitment: {applicants_per_advert: {sw: 2}}\nasye: {grade: sw, next_grade: senior}\n", ""},
        {kHead + kGrades + kPosts + "agency: {fill_probability: 1, cost_per_year: 80000, conversion_rate: 0.1}\n", ""},
        {kHead + kGrades + kPosts + "recruitment: {applicants_per_advert: {sw: {dist: uniform, min: 0, max: 2}}}\n", ""},
        {kHead + kGrades + kPosts + "interventions: [{at: 2020-06-01, set: {recruitment.applicants_per_advert.sw: 2}}]\n", ""},
        // Posts added only at a date count as posts.
        {kHead + "grades:\n  sw: {salary: 30000}\n  senior: {salary: 40000}\n" +
             "establishment:\n  teams: {a: {sw: 10}}\n  changes: [{at: 2020-06-01, team: a, senior: +2}]\n" + kRecruit,
         "6:3: grades.senior: 2 FTE posts but no permanent route"},
        {kHead + "grades:\n  sw: {salary: 30000}\n  senior: {salary: 40000}\n" + kPosts + kRecruit +
             "interventions: [{at: 2020-06-01, extra_posts: {a: {senior: 1.5}}}]\n",
         "6:3: grades.senior: 1.5 FTE posts but no permanent route"},
    });
}

TEST_CASE("a payment that costs money with its leaving effect left neutral", "[validate][warnings]") {
    const std::string bonus = "retention:\n  bonuses:\n    - {name: b, at_service: 1 year, amount: 3000";  // line 10
    check_cases({
        {kClean + bonus + "}\n",
         "10:7: retention.bonuses[0]: 'b' costs 3,000 pounds a person but leaving_multiplier_before and "
         "leaving_multiplier_after are left at 1, so it changes no one's leaving"},
        {kClean + "retention:\n  bonuses:\n    - {name: a, at_service: 1 year, amount: 100, leaving_multiplier_after: 1.2}\n" +
             "    - {name: b, at_service: 2 years, amount: 1500, clawback_within: 1 year}\n",
         "11:7: retention.bonuses[1]: 'b' costs 1,500 pounds a person"},
        {kClean + bonus + ", leaving_multiplier_before: 0.8}\n", ""},
        {kClean + bonus + ", leaving_multiplier_before: 1, leaving_multiplier_after: 1}\n", ""},  // neutral, on purpose
        {kClean + bonus.substr(0, bonus.size() - 4) + "0}\n", ""},                                // costs nothing
        {kClean + "retention:\n  recognition: {awards_per_year: 80, value: 50}\n",
         "9:3: retention.recognition: the awards cost money but leaving_multiplier is left at 1"},
        {kClean + "retention:\n  recognition: {awards_per_year: 80, extra_leave_days: 1}\n",
         "9:3: retention.recognition: the awards cost money"},
        {kClean + "retention:\n  recognition: {awards_per_year: 80, value: 50, leaving_multiplier: 0.97}\n", ""},
        {kClean + "retention:\n  recognition: {awards_per_year: 0, value: 50}\n", ""},
        {kClean + "retention:\n  market_supplement: {grades: [sw], share: 0.05}\n",
         "9:44: retention.market_supplement.share: the supplement costs money but works only through "
         "leaving.pay_elasticity, which is left at 0"},
        {kClean + "leaving: {pay_elasticity: -1}\nretention:\n  market_supplement: {grades: [sw], share: 0.05}\n", ""},
        {kClean + "retention:\n  market_supplement: {share: 0.05}\n", ""},  // no grades: paid to no one
        // A golden hello acts on acceptance, not leaving; relocation has no effect field.
        {kClean + "retention:\n  golden_hello: {amount: 1000}\n  relocation: {amount: 5000, share_of_hires: 0.1}\n", ""},
    });
}

TEST_CASE("a salary below the minimum wage of the scenario's years or above 500000", "[validate][warnings]") {
    const auto scenario = [](const std::string& start, const std::string& horizon, const std::string& grade) {
        return "name: w\nstart: " + start + "\nhorizon: " + horizon + "\ngrades:\n  sw: {" + grade + "}\n" + kPosts +
               kRecruit;
    };
    check_cases({
        {scenario("2020-01-01", "12 months", "salary: 30"),
         "5:16: grades.sw.salary: 30 pounds a year per FTE is below the legal minimum for a full-time post: the minimum "
         "wage of 8.72 pounds an hour from 2020-04-01 is 16,822 pounds a year (37 hours a week, 52.14 weeks)"},
        // The rate in force over the scenario's years: October rises to 2015.
        {scenario("2003-04-01", "12 months", "salary: 8200"),
         "5:16: grades.sw.salary: 8,200 pounds a year per FTE is below the legal minimum for a full-time post: the "
         "minimum wage of 4.5 pounds an hour from 2003-10-01 is 8,681 pounds a year"},
        {scenario("2003-04-01", "6 months", "salary: 8200"), ""},
        {scenario("2003-04-01", "6 months", "salary: 8000"), "5:16: grades.sw.salary: 8,000 pounds a year per FTE is "
                                                             "below the legal minimum for a full-time post: the minimum "
                                                             "wage of 4.2 pounds an hour from 2002-10-01 is 8,103"},
        {scenario("2003-04-01", "36 months", "salary: 9000"), "5:16: grades.sw.salary: 9,000 pounds a year per FTE is "
                                                              "below the legal minimum for a full-time post: the minimum "
                                                              "wage of 5.05 pounds an hour from 2005-10-01 is 9,742"},
        // Before the table the first rate, after it the latest.
        {scenario("1995-01-01", "12 months", "salary: 6000"), "5:16: grades.sw.salary: 6,000 pounds a year per FTE is below "
                                                              "the legal minimum for a full-time post: the minimum wage of "
                                                              "3.6 pounds an hour from 1999-04-01 is 6,945"},
        {scenario("2030-01-01", "12 months", "salary: 24000"), "5:16: grades.sw.salary: 24,000 pounds a year per FTE is "
                                                               "below the legal minimum for a full-time post: the minimum "
                                                               "wage of 12.71 pounds an hour from 2026-04-01 is 24,520"},
        {scenario("2030-01-01", "12 months", "salary: 25000"), ""},
        {scenario("2020-01-01", "12 months", "salary: 600000"),
         "5:16: grades.sw.salary: 600,000 pounds a year per FTE is above 500,000"},
        {scenario("2020-01-01", "12 months", "salary: 500000"), ""},
        {scenario("2020-01-01", "12 months", "salary: 30000, market_salary: 31"),
         "5:38: grades.sw.market_salary: 31 pounds a year per FTE is below the legal minimum"},
        // Trainees' and apprentices' pay is not a grade's salary.
        {kClean + "pipelines: [{name: p, kind: apprenticeship, grade: sw, first_intake: 2020-09-01, trainees: 3, "
                  "training: 3 years, salary: 9000}]\n",
         ""},
    });
}

TEST_CASE("a target that can never be judged within the horizon", "[validate][warnings]") {
    const std::string t = "targets:\n  - {name: x, metric: agency_rate, op: '<=', value: 0.3, ";  // line 9
    check_cases({
        {kClean + t + "month: 24}\n",
         "9:65: targets[0].month: 'x' is judged at month 24, after the horizon (12 months, to 2020-12-31), so it is "
         "never judged"},
        {kClean + t + "month: 12}\n", ""},
        {kClean + t + "by: 2021-01-01}\n", "9:62: targets[0].by: 'x' is judged at 2021-01-01, after the horizon"},
        {kClean + t + "by: 2020-12-31}\n", ""},
        {kClean + t + "financial_year: 2021/22}\n",
         "9:74: targets[0].financial_year: 'x' is judged at financial year 2021/22, after the horizon"},
        {kClean + t + "financial_year: 2020/21}\n", ""},
        {kClean + t + "month: 6}\n  - {name: y, metric: agency_rate, op: '<=', value: 0.3, month: 13}\n",
         "10:65: targets[1].month: 'y' is judged at month 13"},
    });
}

TEST_CASE("agency cover that costs less than permanent staff", "[validate][warnings]") {
    check_cases({
        {kClean + "agency: {fill_probability: 0.5}\n",
         "8:28: agency.cost_per_year: agency cover costs 0 pounds a year per FTE (agency.cost_per_year is not given), "
         "less than the salary of sw (30,000): agency workers would be cheaper than permanent staff"},
        {kClean + "agency: {fill_probability: 0.5, cost_per_year: 20000}\n",
         "8:48: agency.cost_per_year: agency cover costs 20,000 pounds a year per FTE, less than the salary of sw (30,000)"},
        {kClean + "agency: {fill_probability: 0.5, day_rate: 100}\n",
         "8:43: agency.day_rate: agency cover costs 22,000 pounds a year per FTE, less than the salary of sw"},
        {kClean + "agency: {fill_probability: 0.5, cost_per_year: 80000, price_cap: 25000}\n",
         "8:66: agency.price_cap: agency cover costs 25,000 pounds a year per FTE, less than"},
        {kClean + "agency: {cover_other: 0.05}\n", "8:23: agency.cost_per_year: agency cover costs 0 pounds"},
        {kClean + "agency: {fill_probability: 0.5, cost_per_year: 80000}\n", ""},
        {kClean + "agency: {fill_probability: 0.5, day_rate: 400}\n", ""},
        {kClean + "agency: {cost_per_year: 0}\n", ""},  // agency off
    });
}

TEST_CASE("run and compare and sweep print each warning once and carry on with stdout unchanged", "[validate][warnings][cli]") {
    test::TempDir d;
    const std::string trap = d.write("trap.yaml", kHead + kGrades + kPosts +
                                                      "targets: [{name: late, metric: agency_rate, op: '<=', value: 0.3, month: 24}]\n");
    const std::string clean = d.write("clean.yaml", kClean);
    const std::string no_route = trap + ":5:3: warning: grades.sw: 10 FTE posts but no permanent route";
    auto count = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    const std::string out = " -q --out " + (d.path / "out").string();
    auto r = test::run_wfsim("run " + trap + out);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(count(r.err, no_route) == 1);
    // The target is warned of once, at its place (not again as the run's note).
    CHECK(count(r.err, "targets[0].month: 'late' is judged at month 24") == 1);
    CHECK(r.err.find("(late): month 24 is after the horizon") == std::string::npos);
    const auto quiet = test::run_wfsim("run " + clean + out + " --force");
    CHECK(quiet.exit_code == 0);
    CHECK(quiet.err.empty());
    CHECK(r.out == quiet.out);
    // A run shortened with --months still says which targets it cannot judge.
    r = test::run_wfsim("run " + clean + " --months 3" + out + " --force");
    CHECK(r.err.empty());
    const std::string judged = d.write("judged.yaml", kClean + "targets: [{name: mid, metric: agency_rate, op: '<=', value: 0.3, month: 6}]\n");
    r = test::run_wfsim("run " + judged + " --months 3" + out + " --force");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("warning: targets[0] (mid): month 6 is after the horizon (3 months); not judged") != std::string::npos);
    // A sweep loads the scenario for each point: each warning once.
    r = test::run_wfsim("sweep " + trap + " --grid leaving.base_rate.sw=0.1,0.2,0.3 --reps 2" + out + " --force");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(count(r.err, no_route) == 1);
    r = test::run_wfsim("compare " + trap + " " + trap + " --reps 2" + out + " --force");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(count(r.err, no_route) == 1);
}

TEST_CASE("a warning in a base file points into the base file", "[validate][warnings][extends]") {
    test::TempDir d;
    const std::string base = d.write("base.yaml", kHead + kGrades + kPosts);
    const std::string derived = d.write("derived.yaml", "extends: base.yaml\nname: derived\n");
    auto r = test::run_wfsim("validate " + derived);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find(base + ":5:3: warning: grades.sw:") != std::string::npos);
    // The extending file can fix it.
    const std::string fixed = d.write("fixed.yaml", "extends: base.yaml\nname: fixed\n" + kRecruit);
    r = test::run_wfsim("validate --strict " + fixed);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    // So can --set, and a warning about a --set value points at it.
    r = test::run_wfsim("validate --strict " + derived + " --set recruitment.applicants_per_advert.sw=1");
    CHECK(r.exit_code == 0);
    r = test::run_wfsim("validate " + fixed + " --set grades.sw.salary=30");
    CHECK(r.err.find("--set grades.sw.salary=30: warning: grades.sw.salary: 30 pounds a year") != std::string::npos);
}

TEST_CASE("an invalid scenario reports its errors, not warnings", "[validate][warnings]") {
    test::TempDir d;
    const auto r = test::run_wfsim("validate " + d.write("s.yaml", kHead + "grades:\n  sw: {salary: 30, on_cost: 0.2}\n" + kPosts));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown key 'on_cost'") != std::string::npos);
    CHECK(r.err.find("warning:") == std::string::npos);
}

TEST_CASE("every scenario in scenarios/ validates with no warning under --strict", "[validate][warnings][scenario]") {
    std::string files;
    int count = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_path("scenarios")))
        if (entry.path().extension() == ".yaml") {
            files += " " + entry.path().string();
            ++count;
        }
    REQUIRE(count >= 20);
    const auto r = test::run_wfsim("validate --strict" + files);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
}
