// Numeric edge cases in scenarios (issue 9, item 3): zero posts, zero and
// very high rates, probabilities of exactly 0 and 1, horizons of a day and of
// fifty years, zero salaries, NaN and infinity written in YAML, 29 February,
// and dates before the start. Each either runs and gives sensible numbers
// (every number finite, the bookkeeping invariants true at every month end,
// shares between 0 and 1, no "nan" or "inf" in trajectory.csv,
// financial_years.csv or summary.json) or is refused at load with a located
// message and exit code 2. Every run here is small: a handful of posts and
// replications.
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

#include "engine/params/loader.h"
#include "helpers.h"
#include "models/config.h"
#include "models/metrics/breakdown.h"
#include "models/output/outputs.h"
#include "models/schema.h"
#include "models/targets/targets.h"

using namespace wfsim;
using model::ReplicationResult;
using test::TempDir;

namespace {

// A small service: 10 sw and 2 senior posts, all filled.
const std::string kGrades = "grades:\n  sw: {salary: 30000, on_costs: 0.28, market_salary: 31000}\n  senior: {salary: 36000}\n";
std::string small(const std::string& extra = "", const std::string& start = "2016-04-01",
                  const std::string& horizon = "12 months", const std::string& grades = kGrades) {
    return "name: edge\n"
           "start: " + start + "\n"
           "horizon: " + horizon + "\n" + grades + extra;
}
const std::string kTeams = "establishment:\n  teams:\n    north: {sw: 10, senior: 2}\n";

std::string joined(const std::vector<std::string>& msgs) {
    std::string s;
    for (const auto& m : msgs) s += m + "\n";
    return s;
}

double total(const ReplicationResult& r, int metric) {
    double s = 0;
    const auto& series = r.monthly[static_cast<std::size_t>(metric)];
    for (std::size_t m = 1; m < series.size(); ++m) s += series[m];  // a flow over months 1..M
    return s;
}
double at(const ReplicationResult& r, int metric, std::size_t month) {
    return r.monthly[static_cast<std::size_t>(metric)][month];
}
double last(const ReplicationResult& r, int metric) { return r.monthly[static_cast<std::size_t>(metric)].back(); }

bool has_nan_or_inf_text(const std::string& text) {
    static const std::regex bad(R"((^|[^A-Za-z_])([-+]?(nan|inf|infinity))([^A-Za-z_]|$))", std::regex::icase);
    return std::regex_search(text, bad);
}

// Runs the scenario in-process (invariants checked at every month end by
// test::simulate), checks every number it produced, then renders the three
// result files and checks their text.
std::vector<ReplicationResult> runs_sensibly(const std::string& yaml, std::size_t reps = 2, int months = 0) {
    INFO(yaml);
    std::vector<ReplicationResult> results;
    REQUIRE_NOTHROW(results = test::simulate(yaml, reps, 7, months));
    const model::Calendar cal = test::calendar_of(yaml, months);
    REQUIRE(results.size() == reps);
    const model::Names names = model::read_names(test::simulate_tree(yaml));
    const model::SeriesLayout layout(names.grades.size(), names.teams.size());
    // Every series: the metrics in total, then by grade and by team.
    std::vector<std::pair<int, std::size_t>> series_of_metric;
    for (int k = 0; k < model::kMetrics; ++k) {
        series_of_metric.push_back({k, static_cast<std::size_t>(k)});
        for (auto d : {model::Dimension::Grade, model::Dimension::Team})
            for (std::size_t i = 0; i < std::max(names.grades.size(), names.teams.size()); ++i)
                if (const std::size_t s = layout.index(k, d, i); s != model::SeriesLayout::npos)
                    series_of_metric.push_back({k, s});
    }
    // and the spend by financial year of each group (breakdown.h).
    std::size_t year_series = 0;
    for (int k = 0; k < model::kMetrics; ++k)
        for (auto d : {model::Dimension::Grade, model::Dimension::Team})
            for (std::size_t i = 0; i < std::max(names.grades.size(), names.teams.size()); ++i)
                if (layout.year_series(k, d, i) != model::SeriesLayout::npos) ++year_series;
    REQUIRE(series_of_metric.size() + year_series == layout.count());
    for (const auto& r : results) {
        REQUIRE(r.monthly.size() == layout.count());
        for (const auto& [m, s] : series_of_metric) {
            const auto& series = r.monthly[s];
            INFO("metric " << model::kMetricNames[m] << ", series " << s);
            REQUIRE(series.size() == cal.months() + 1);
            REQUIRE(std::isnan(series[0]) == !model::has_value_at_start(m));  // month 0: stocks only
            for (std::size_t t = 1; t < series.size(); ++t) {
                INFO("month " << t);
                REQUIRE(std::isfinite(series[t]));
            }
        }
        for (const auto& fy : r.financial_years)
            for (double v : fy) REQUIRE(std::isfinite(v));
        for (std::size_t t = 1; t <= cal.months(); ++t) {
            INFO("month " << t);
            for (int share : {model::kVacancyRate, model::kAgencyRate, model::kPermanentShare, model::kAgencySpendShare}) {
                INFO(model::kMetricNames[share]);
                CHECK(at(r, share, t) >= -1e-12);
                CHECK(at(r, share, t) <= 1 + 1e-12);
            }
            for (int fte : {model::kEstablishmentFte, model::kPermanentFte, model::kAgencyFte, model::kVacantFte,
                            model::kAgencyCoveredFte, model::kAbsenceFte, model::kStarters, model::kLeavers}) {
                INFO(model::kMetricNames[fte]);
                CHECK(at(r, fte, t) >= -1e-9);
            }
            CHECK(at(r, model::kSpendPermanent, t) >= -1e-6);
            CHECK(at(r, model::kSpendAgency, t) >= -1e-6);
        }
        CHECK(r.max_fte_imbalance < 1e-6);
    }
    // The files a run writes, from these results.
    const params::Tree tree = test::simulate_tree(yaml);
    model::BatchInfo info;
    info.scenario_name = "edge";
    info.seed = 7;
    info.calendar = cal;
    info.horizon_months = static_cast<int>(cal.months());
    std::vector<std::string> warnings;
    info.targets = model::read_targets(tree, cal, warnings);
    for (const std::string& text : {model::trajectory_csv(info, results), model::financial_years_csv(info, results),
                                    model::summary_json(info, results)}) {
        INFO(text.substr(0, 2000));
        CHECK_FALSE(has_nan_or_inf_text(text));
    }
    return results;
}

// Loads the scenario (with --set overrides) and expects it refused: every
// message located (file:line:col, or the --set it came from), and one of them
// containing `needle`.
void refused_at_load(const std::string& yaml, const std::string& needle, const std::vector<std::string>& sets = {}) {
    TempDir d;
    const std::string path = d.write("s.yaml", yaml);
    const auto errors = test::load_errors(path, sets);
    INFO(yaml << "\n--- messages:\n" << joined(errors));
    REQUIRE_FALSE(errors.empty());
    bool found = false;
    static const std::regex located(R"(^(.+:\d+:\d+|--set [^:]+): \S)");
    for (const auto& e : errors) {
        CHECK(std::regex_search(e, located));
        found = found || e.find(needle) != std::string::npos;
    }
    CHECK(found);
}

// The same through the command line: exit code 2, and the message on stderr.
void cli_refuses(const std::string& yaml, const std::string& needle) {
    TempDir d;
    const std::string path = d.write("s.yaml", yaml);
    auto r = test::run_wfsim("run " + path + " -q --out " + (d.path / "o").string());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(needle) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(d.path / "o" / "summary.json"));
}

}  // namespace

TEST_CASE("zero posts: a team with none, a grade with none, a service with none", "[edge]") {
    SECTION("a team with zero posts, and cases but nobody to hold them") {
        const auto reps = runs_sensibly(small("establishment:\n  teams:\n    north: {sw: 10, senior: 2}\n"
                                              "    empty: {sw: 0}\n"
                                              "    none: {}\n"
                                              "caseload: {cases: {north: 150, empty: 40}}\n"
                                              "leaving: {base_rate: {sw: 0.2}}\n"
                                              "agency: {fill_probability: 0.5, cost_per_year: 78000}\n"));
        CHECK(at(reps[0], model::kEstablishmentFte, 1) == Approx(12));
    }
    SECTION("every post of the service is zero: rates of 0/0 are reported as 0, not NaN") {
        const auto reps = runs_sensibly(small("establishment:\n  teams:\n    north: {sw: 0, senior: 0}\n"
                                              "leaving: {base_rate: {sw: 0.2}}\n"
                                              "agency: {fill_probability: 1, cost_per_year: 78000}\n"));
        for (const auto& r : reps) {
            CHECK(total(r, model::kEstablishmentFte) == 0);
            CHECK(total(r, model::kSpendTotal) == 0);
            CHECK(total(r, model::kVacancyRate) == 0);
        }
    }
    SECTION("every post removed part-way through") {
        const auto reps = runs_sensibly(small(kTeams + "  changes:\n    - {at: 2016-07-01, team: north, sw: -10, senior: -2}\n"
                                                       "leaving: {base_rate: {sw: 0.5, senior: 0.5}}\n"
                                                       "recruitment: {method: fixed_delay, time_to_fill: 1 month}\n"
                                                       "agency: {fill_probability: 1, cost_per_year: 78000}\n"),
                                        3);
        // Occupied posts go when they fall vacant, so the establishment shrinks
        // towards zero and never below it.
        for (const auto& r : reps) CHECK(last(r, model::kEstablishmentFte) <= 12);
    }
}

TEST_CASE("a leaving rate of zero: nobody leaves and nothing is spent on replacing them", "[edge]") {
    const auto reps = runs_sensibly(small(kTeams + "leaving: {base_rate: {sw: 0, senior: 0}, retirement: {rate: 0}}\n"
                                                   "agency: {fill_probability: 1, cost_per_year: 78000}\n"),
                                    3);
    for (const auto& r : reps) {
        CHECK(total(r, model::kLeavers) == 0);
        CHECK(total(r, model::kStarters) == 0);
        CHECK(total(r, model::kSpendAgency) == 0);
        CHECK(total(r, model::kSpendRecruitment) == 0);
        CHECK(last(r, model::kPermanentFte) == Approx(12));
        CHECK(last(r, model::kVacancyRate) == 0);
        CHECK(last(r, model::kTurnoverRate12m) == 0);
        CHECK(last(r, model::kAgencySpendVsStart) == 1);  // "1 when the first month had none"
    }
}

TEST_CASE("probabilities of exactly 0 and exactly 1", "[edge]") {
    const std::string vacancies = "initial_staff: {vacancies: {sw: 4}}\n";
    SECTION("agency fill probability 0: never any agency") {
        const auto reps = runs_sensibly(small(kTeams + vacancies + "leaving: {base_rate: {sw: 0.5}}\n"
                                                                   "agency: {fill_probability: 0, cost_per_year: 78000}\n"));
        for (const auto& r : reps) CHECK(total(r, model::kAgencyFte) == 0);
    }
    SECTION("agency fill probability 1 with no delay, every vacancy covered from the first day") {
        const auto reps = runs_sensibly(small(kTeams + "recruitment: {method: none}\n"
                                                       "initial_staff: {vacancies: {sw: 4}, agency_covered: 1}\n"
                                                                   "agency: {fill_probability: 1, cost_per_year: 78000}\n"));
        for (const auto& r : reps) {
            CHECK(at(r, model::kAgencyCoveredFte, 1) == Approx(4));
            CHECK(at(r, model::kVacantFte, 1) == Approx(0).margin(1e-9));
        }
    }
    SECTION("offer acceptance 0 and appointable 0: nobody is ever recruited") {
        const auto reps = runs_sensibly(small(kTeams + vacancies + "recruitment: {offer_acceptance: 0, appointable: 0}\n"));
        for (const auto& r : reps) CHECK(total(r, model::kStarters) == 0);
    }
    SECTION("offer acceptance and appointable 1, fill probability 1") {
        runs_sensibly(small(kTeams + vacancies + "recruitment: {offer_acceptance: 1, appointable: 1}\n"
                                                 "agency: {fill_probability: 1, cost_per_year: 78000}\n"
                                                 "leaving: {base_rate: {sw: 0.3}}\n"));
    }
    SECTION("ASYE pass rate 0 and 1, pipeline completion 0 and join 1") {
        const std::string asye = "grades:\n  asye: {salary: 26000, caseload_weight: 0.7}\n  sw: {salary: 30000}\n"
                                 "establishment:\n  teams:\n    north: {asye: 4, sw: 10}\n"
                                 "initial_staff: {vacancies: {asye: 4}}\n";
        for (const char* pass : {"0", "1"}) {
            INFO("pass rate " << pass);
            const auto reps = runs_sensibly(
                "name: edge\nstart: 2016-04-01\nhorizon: 24 months\n" + asye +
                    "asye: {grade: asye, next_grade: sw, length: 6 months, pass_rate: " + pass + "}\n"
                    "pipelines:\n"
                    "  - {name: none complete, kind: step_up, grade: asye, first_intake: 2016-05-01, trainees: 3, training: 2 months, completion: 0}\n"
                    "  - {name: all join, kind: university, grade: asye, first_intake: 2016-06-01, trainees: 2, join: 1}\n");
            for (const auto& r : reps) CHECK(last(r, model::kAsyeFte) >= 0);
        }
    }
    SECTION("every leaver goes to one destination") {
        const auto reps = runs_sensibly(small(kTeams + "leaving: {base_rate: {sw: 1}, destinations: {other_employer: 0, out_of_profession: 1}}\n"),
                                        3);
        for (const auto& r : reps)
            CHECK(total(r, model::kLeaversOutOfProfession) == Approx(total(r, model::kLeavers)));
    }
    SECTION("absence of 100%: nobody can hold a case, caseload per worker stays finite") {
        runs_sensibly(small(kTeams + "absence: {rate: 1, agency_share_slope: 2}\n"
                                     "caseload: {cases: {north: 150}}\n"
                                     "leaving: {base_rate: {sw: 0.2}, caseload_pressure: {threshold: 10, per_case: 0.05}}\n"
                                     "agency: {fill_probability: 1, cost_per_year: 78000, cover_absence: 1}\n"));
    }
    SECTION("an agency market with no experienced workers and a zero price cap") {
        runs_sensibly(small(kTeams + vacancies + "agency: {fill_probability: 1, cost_per_year: 78000, min_experience: 3 years, "
                                                 "experienced_share: 0, price_cap: 0}\n"));
    }
}

TEST_CASE("rates so high that everyone leaves on the first day", "[edge]") {
    // 10,000 a year is 27 a day: P(still in post after a day) = exp(-27.4).
    SECTION("with no recruitment and no agency the service empties at once") {
        const auto reps = runs_sensibly(small(kTeams + "leaving: {base_rate: {sw: 1e4, senior: 1e4}}\n"
                                                       "recruitment: {method: none}\n"),
                                        3);
        for (const auto& r : reps) {
            CHECK(at(r, model::kLeavers, 1) == Approx(12));
            CHECK(at(r, model::kPermanentFte, 1) == 0);
            CHECK(total(r, model::kLeavers) == Approx(12));
            CHECK(last(r, model::kVacancyRate) == 1);
            CHECK(at(r, model::kSpendPermanent, 1) < 12 * 36000 * 1.28 / 365.25);  // less than a day's pay
        }
    }
    SECTION("with recruitment, agency churn and conversions at the same rates") {
        runs_sensibly(small(kTeams + "leaving: {base_rate: {sw: 1e4, senior: 1e4}, notice: 0 days}\n"
                                     "recruitment: {early_leaving: {rate: 1e4, period: 1 month}}\n"
                                     "agency: {fill_probability: 1, cost_per_year: 78000, leaving_rate: 1e4, conversion_rate: 1e4}\n"),
                      2);
    }
    SECTION("a by-service multiplier and a pay gap that multiply the hazard enormously") {
        runs_sensibly(small(kTeams + "leaving:\n  base_rate: {sw: 0.2}\n  pay_elasticity: -20\n"
                                     "  by_service: [{under: 50 years, multiplier: 1e6}]\n"
                                     "recruitment: {method: none}\n"),
                      2);
    }
}

TEST_CASE("scenarios whose event count grows without bound with a rate are refused at load", "[edge][hang]") {
    // Each of these is valid today and runs for hours: every event makes the
    // next one immediately (a post refilled at once and left again, a grade
    // progressed to and back), so the work is rate x posts x years.
    SECTION("progression steps that form a cycle") {
        refused_at_load(small(kTeams + "progression:\n"
                                       "  - {from: sw, to: senior, rate: 1e9, requires_vacancy: false}\n"
                                       "  - {from: senior, to: sw, rate: 1e9, requires_vacancy: false}\n"),
                        "progression");
    }
    SECTION("a leaving rate of a billion a year with posts refilled the same day") {
        refused_at_load(small(kTeams + "leaving: {base_rate: {sw: 1e9}}\n"
                                       "recruitment: {method: fixed_delay, time_to_fill: 0 days}\n"),
                        "leaving.base_rate.sw");
    }
}

TEST_CASE("horizons of one day, one month from the 31st, and fifty years", "[edge]") {
    SECTION("one day: one (partial) month, a day's pay") {
        const auto reps = runs_sensibly(small(kTeams, "2016-04-01", "1 day"));
        for (const auto& r : reps) {
            REQUIRE(r.monthly[0].size() == 2);  // months 0 and 1
            CHECK(at(r, model::kSpendPermanent, 1) == Approx((10 * 30000 * 1.28 + 2 * 36000) / 365.25));
        }
        const auto cal = test::calendar_of(small(kTeams, "2016-04-01", "1 day"));
        CHECK(cal.month_last_day(0) == "2016-04-01");  // the start date
        CHECK(cal.month_last_day(1) == "2016-04-01");  // the one day simulated
        CHECK(cal.financial_years() == 1);
    }
    SECTION("one month from 31 January ends on the last day of February") {
        const auto cal = test::calendar_of(small(kTeams, "2016-01-31", "1 month"));
        REQUIRE(cal.months() == 1);
        CHECK(cal.month_last_day(0) == "2016-01-31");
        CHECK(cal.month_last_day(1).substr(0, 7) == "2016-02");
        runs_sensibly(small(kTeams, "2016-01-31", "1 month"));
    }
    SECTION("fifty years: 600 months, every one sensible") {
        const auto reps = runs_sensibly(small(kTeams + "leaving: {base_rate: {sw: 0.15, senior: 0.1}, retirement: {age: 67, rate: 0.1}}\n"
                                                       "recruitment: {method: fixed_delay, time_to_fill: 3 months}\n"
                                                       "agency: {fill_probability: 0.8, cost_per_year: 78000, leaving_rate: 1}\n"
                                                       "caseload: {cases: {north: 150}, growth: 0.03}\n",
                                              "2016-04-01", "50 years"),
                                        1);
        CHECK(reps[0].monthly[0].size() == 601);  // months 0..600
        CHECK(reps[0].financial_years.size() == 50);  // 2016/17 to 2065/66
    }
    SECTION("a horizon past a hundred years is refused") {
        refused_at_load(small(kTeams, "2016-04-01", "101 years"), "horizon: 101 years is outside the allowed range");
    }
}

TEST_CASE("salaries of zero", "[edge]") {
    SECTION("a zero salary below a market salary (pay gap of -100%)") {
        runs_sensibly(small(kTeams + "initial_staff: {vacancies: {sw: 2}}\n"
                                     "leaving: {base_rate: {sw: 0.15}, pay_elasticity: -1}\n"
                                     "recruitment: {applicant_pay_elasticity: 2, acceptance_pay_elasticity: 1}\n",
                            "2016-04-01", "12 months",
                            "grades:\n  sw: {salary: 0, market_salary: 31000}\n  senior: {salary: 36000}\n"));
    }
    SECTION("a zero salary and a zero market salary") {
        runs_sensibly(small(kTeams + "initial_staff: {vacancies: {sw: 2}}\n"
                                     "leaving: {base_rate: {sw: 0.15}, pay_elasticity: -1}\n"
                                     "recruitment: {applicant_pay_elasticity: 2, acceptance_pay_elasticity: 1}\n"
                                     "retention: {market_supplement: {grades: [sw], share: 0.1}}\n",
                            "2016-04-01", "12 months",
                            "grades:\n  sw: {salary: 0, on_costs: 0.28, market_salary: 0}\n  senior: {salary: 36000}\n"));
    }
    SECTION("a positive salary against a zero market salary") {
        runs_sensibly(small(kTeams + "initial_staff: {vacancies: {sw: 2}}\n"
                                     "leaving: {base_rate: {sw: 0.15}, pay_elasticity: -1}\n"
                                     "recruitment: {applicant_pay_elasticity: 2, acceptance_pay_elasticity: 1}\n",
                            "2016-04-01", "12 months",
                            "grades:\n  sw: {salary: 30000, market_salary: 0}\n  senior: {salary: 36000}\n"));
    }
    SECTION("everything free: zero salaries and a zero agency cost") {
        const std::string yaml = "name: edge\nstart: 2016-04-01\nhorizon: 12 months\n"
                                 "grades: {sw: {salary: 0}, senior: {salary: 0, market_salary: 0}}\n" +
                                 kTeams +
                                 "initial_staff: {vacancies: {sw: 3}}\n"
                                 "leaving: {base_rate: {sw: 0.3}, pay_elasticity: -1}\n"
                                 "agency: {fill_probability: 1, cost_per_year: 0}\n"
                                 "retention: {recognition: {awards_per_year: 10, value: 0, extra_leave_days: 2}}\n";
        const auto reps = runs_sensibly(yaml);
        for (const auto& r : reps) {
            CHECK(total(r, model::kSpendTotal) == 0);
            CHECK(total(r, model::kAgencySpendShare) == 0);
        }
    }
}

TEST_CASE("NaN and infinity are refused wherever a number goes, located", "[edge][malformed]") {
    const std::string base = small(kTeams);
    struct Case { std::string yaml, needle; };
    const std::vector<Case> cases = {
        {base + "leaving: {base_rate: {sw: .nan}}\n", "leaving.base_rate.sw: .nan"},
        {base + "leaving: {base_rate: {sw: .NaN}}\n", "leaving.base_rate.sw"},
        {base + "leaving: {pay_elasticity: -.inf}\n", "leaving.pay_elasticity"},
        {base + "leaving: {by_service: [{under: 1 year, multiplier: .inf}]}\n", "leaving.by_service[0].multiplier"},
        {base + "leaving: {notice: .inf days}\n", "leaving.notice"},
        {base + "leaving: {notice: .nan weeks}\n", "leaving.notice"},
        {base + "recruitment: {offer_acceptance: .nan}\n", "recruitment.offer_acceptance"},
        {base + "recruitment: {offer_acceptance: nan}\n", "recruitment.offer_acceptance"},
        {base + "agency: {fill_probability: .inf}\n", "agency.fill_probability"},
        {base + "agency: {cost_per_year: .inf}\n", "agency.cost_per_year"},
        {base + "agency: {cost_per_year: inf}\n", "agency.cost_per_year"},
        {base + "agency: {day_rate: Infinity}\n", "agency.day_rate"},
        {base + "agency: {supply_limit: 1e999}\n", "agency.supply_limit"},
        {base + "agency: {leaving_rate: {dist: normal, mean: .nan, sd: 1}}\n", "agency.leaving_rate"},
        {base + "leaving: {pay_elasticity: {dist: normal, mean: -1, sd: .inf}}\n", "leaving.pay_elasticity"},
        {base + "caseload: {cases: {north: .inf}}\n", "caseload.cases.north"},
        {base + "caseload: {cases: {north: 10}, growth: .nan}\n", "caseload.growth"},
        {base + "absence: {rate: .nan}\n", "absence.rate"},
        {base + "initial_staff: {vacancies: {sw: .inf}}\n", "initial_staff.vacancies.sw"},
        {base + "seed: .nan\n", "seed"},
        {"name: edge\nstart: 2016-04-01\ngrades: {sw: {salary: .inf}}\nestablishment: {teams: {n: {sw: 1}}}\n",
         "grades.sw.salary"},
        {"name: edge\nstart: 2016-04-01\ngrades: {sw: {salary: 1, market_salary: .nan}}\nestablishment: {teams: {n: {sw: 1}}}\n",
         "grades.sw.market_salary"},
        {"name: edge\nstart: 2016-04-01\ngrades: {sw: {salary: 1, on_costs: -.inf}}\nestablishment: {teams: {n: {sw: 1}}}\n",
         "grades.sw.on_costs"},
        {"name: edge\nstart: 2016-04-01\ngrades: {sw: {salary: 1}}\nestablishment: {teams: {n: {sw: .inf}}}\n",
         "establishment.teams.n.sw"},
        {base + "  changes:\n    - {at: 2016-06-01, team: north, sw: -.inf}\n", "establishment.changes[0].sw"},
        {"name: edge\nstart: 2016-04-01\nhorizon: .inf months\ngrades: {sw: {salary: 1}}\nestablishment: {teams: {n: {sw: 1}}}\n",
         "horizon"},
        {base + "interventions:\n  - {at: 2016-06-01, set: {agency.cost_per_year: .inf}}\n", "agency.cost_per_year"},
        {base + "interventions:\n  - {at: 2016-06-01, pay_uplift: {sw: .nan}}\n", "interventions[0].pay_uplift.sw"},
        {base + "interventions:\n  - {at: 2016-06-01, extra_posts: {north: {sw: .inf}}}\n", "interventions[0].extra_posts.north.sw"},
        {base + "targets:\n  - {name: t, metric: vacancy_rate, op: '<=', value: .nan, month: 3}\n", "targets[0].value"},
        {base + "retention:\n  bonuses:\n    - {name: b, at_service: 1 year, amount: .inf}\n", "retention.bonuses[0].amount"},
        {base + "pipelines:\n  - {name: p, kind: university, grade: sw, first_intake: 2016-09-01, trainees: .inf}\n",
         "pipelines[0].trainees"},
    };
    for (const auto& c : cases) refused_at_load(c.yaml, c.needle);
    // On the command line too, and through the binary with exit code 2.
    refused_at_load(base, "grades.sw.salary", {"grades.sw.salary=.nan"});
    refused_at_load(base, "leaving.base_rate.sw", {"leaving.base_rate.sw=.inf"});
    cli_refuses(base + "agency: {cost_per_year: .inf}\n", "agency.cost_per_year: .inf");
}

TEST_CASE("29 February: a day in 2016, not in 2015", "[edge][dates]") {
    SECTION("a scenario starting on 29 February 2016 runs, its months ending on sensible days") {
        const std::string yaml = small(kTeams + "leaving: {base_rate: {sw: 0.3}}\n"
                                                "interventions:\n  - {at: 2020-02-29, pay_uplift: {sw: 0.05}}\n"
                                                "targets:\n  - {name: t, metric: vacancy_rate, op: '<=', value: 0.2, by: 2016-02-29}\n",
                                       "2016-02-29", "4 years");
        runs_sensibly(yaml);
        const auto cal = test::calendar_of(yaml);
        REQUIRE(cal.months() == 48);
        for (std::size_t m = 1; m <= cal.months(); ++m) CHECK(cal.month_end(m) > cal.month_end(m - 1));
        CHECK(cal.month_last_day(48).substr(0, 7) == "2020-02");
    }
    SECTION("29 February 2015 is refused wherever a date goes") {
        refused_at_load(small(kTeams, "2015-02-29"), ":2:8: start: 2015-02-29 is not a day of the calendar");
        refused_at_load(small(kTeams + "  changes:\n    - {at: 2017-02-29, team: north, sw: +1}\n"),
                        "establishment.changes[0].at: 2017-02-29 is not a day of the calendar");
        refused_at_load(small(kTeams + "interventions:\n  - {at: 2019-02-29}\n"), "interventions[0].at: 2019-02-29");
        refused_at_load(small(kTeams + "targets:\n  - {name: t, metric: vacancy_rate, op: '<=', value: 0.2, by: 2017-02-29}\n"),
                        "targets[0].by: 2017-02-29");
        refused_at_load(small(kTeams + "pipelines:\n  - {name: p, kind: university, grade: sw, first_intake: 2018-02-29, trainees: 1}\n"),
                        "pipelines[0].first_intake: 2018-02-29");
        refused_at_load(small(kTeams + "retention:\n  recognition: {awards_per_year: 1, from: 2017-02-29}\n"),
                        "retention.recognition.from: 2017-02-29");
        refused_at_load(small(kTeams), "start: 2015-02-29", {"start=2015-02-29"});
    }
    SECTION("in a staff list: born on 29 February 1988 is fine, on 29 February 1987 is not") {
        TempDir d;
        d.write("staff.csv", "grade,team,fte,start_date,date_of_birth\n"
                             "sw,north,1,2012-02-29,1988-02-29\n");
        const std::string good = d.write("good.yaml", small(kTeams + "initial_staff: {staff_list: staff.csv}\n"));
        CHECK(joined(test::load_errors(good)) == "");
        d.write("bad.csv", "grade,team,fte,start_date,date_of_birth\n"
                           "sw,north,1,2013-02-29,1987-02-29\n");
        const auto errors = test::load_errors(d.write("bad.yaml", small(kTeams + "initial_staff: {staff_list: bad.csv}\n")));
        INFO(joined(errors));
        REQUIRE(errors.size() == 2);
        CHECK(errors[0].find("bad.csv:2:4: start_date: '2013-02-29'") != std::string::npos);
        CHECK(errors[1].find("bad.csv:2:5: date_of_birth: '1987-02-29'") != std::string::npos);
    }
}

TEST_CASE("dates before the start are refused, or run as already under way", "[edge][dates]") {
    SECTION("an establishment change, an intervention, a target date: refused, located") {
        refused_at_load(small(kTeams + "  changes:\n    - {at: 2016-03-31, team: north, sw: +2}\n"),
                        ":11:12: establishment.changes[0].at: 2016-03-31 is before the scenario's start 2016-04-01");
        refused_at_load(small(kTeams + "interventions:\n  - {at: 1999-01-01, pay_uplift: {sw: 0.1}}\n"),
                        "interventions[0].at: 1999-01-01 is before the scenario's start");
        refused_at_load(small(kTeams + "targets:\n  - {name: t, metric: vacancy_rate, op: '<=', value: 0.1, by: 2016-03-31}\n"),
                        "targets[0].by: 2016-03-31 is before the scenario's start");
        refused_at_load(small(kTeams), "interventions[0].at: 2016-01-01", {"interventions=[{at: 2016-01-01}]"});
    }
    SECTION("a change or intervention on the first day itself runs") {
        runs_sensibly(small(kTeams + "  changes:\n    - {at: 2016-04-01, team: north, sw: +2}\n"
                                     "interventions:\n  - {at: 2016-04-01, pay_uplift: {sw: 0.1}, extra_posts: {north: {senior: -1}}}\n"));
    }
    SECTION("schemes and pipelines that began before the start run as already under way") {
        const auto reps = runs_sensibly(
            small(kTeams + "leaving: {base_rate: {sw: 0.3}}\n"
                           "pipelines:\n"
                           "  - {name: p, kind: step_up, grade: sw, first_intake: 2015-09-01, every: 6 months, trainees: 2, training: 14 months}\n"
                           "retention:\n"
                           "  bonuses:\n    - {name: old, at_service: 1 year, amount: 500, from: 2010-01-01, until: 2015-01-01}\n"
                           "    - {name: running, at_service: 6 months, amount: 500, from: 2014-01-01}\n"
                           "  recognition: {awards_per_year: 12, value: 50, from: 2012-01-01}\n"),
            3);
        for (const auto& r : reps) CHECK(total(r, model::kSpendRetention) > 0);  // the recognition scheme pays
    }
    SECTION("a target on a financial year before the start is refused or reported as before it, not after") {
        TempDir d;
        const std::string path = d.write("s.yaml", small(kTeams + "targets:\n  - {name: early, metric: spend_total, op: '<=', "
                                                                   "value: 1, financial_year: 2014/15}\n"));
        auto r = test::run_wfsim("run " + path + " -q --out " + (d.path / "o").string());
        INFO(r.err);
        if (r.exit_code == 2) {
            CHECK(r.err.find(":11:76: targets[0].financial_year: 2014/15 ends before the scenario's start") != std::string::npos);
        } else {
            REQUIRE(r.exit_code == 0);
            const std::string summary = test::read_file((d.path / "o" / "summary.json").string());
            INFO(summary);
            CHECK(summary.find("after the simulated horizon") == std::string::npos);
        }
    }
}
