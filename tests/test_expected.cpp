// The expected-value view against the Monte Carlo mean of the simulation.
// Where every holding time is exponential (zero delays included) the view
// is the mean, up to its half-day step: it must be within 4 standard errors
// of 1,000 replications at every month. With fixed delays it must be within
// the larger of 5% and 1 FTE of the mean at every month (plus the Monte
// Carlo mean's own 4 standard errors, since that mean is itself estimated).
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "helpers.h"
#include "engine/io/csv.h"
#include "models/expected/expected.h"

using namespace wfsim;

namespace {

enum class Within { StandardErrors, FivePercent };

void agree(const std::vector<model::ReplicationResult>& runs, const model::ExpectedPath& e, Within within) {
    REQUIRE(e.unmodelled.empty());
    const std::size_t months = e.calendar.months() + 1;  // months 0..M
    struct Series { int metric; const std::vector<double>* expected; };
    const Series series[] = {{model::kPermanentFte, &e.permanent},
                             {model::kAgencyCoveredFte, &e.agency_covered},
                             {model::kVacantFte, &e.vacant},
                             {model::kEstablishmentFte, &e.establishment}};
    for (std::size_t m = 0; m < months; ++m)
        for (const auto& s : series) {
            std::vector<double> values;
            for (const auto& r : runs) values.push_back(r.monthly[static_cast<std::size_t>(s.metric)][m]);
            const test::Estimate est = test::mean_and_se(values);
            const double expected = (*s.expected)[m];
            const double allowed = within == Within::StandardErrors ? 4 * est.se + 1e-9
                                                                    : std::max(0.05 * std::fabs(est.mean), 1.0) + 4 * est.se;
            INFO(model::kMetricNames[s.metric] << " month " << m << ": Monte Carlo " << est.mean << " +- " << est.se
                                                << ", expected " << expected);
            CHECK(std::fabs(est.mean - expected) <= allowed);
        }
}

void agree(const std::string& yaml, Within within, std::size_t reps = 1000) {
    agree(test::simulate(yaml, reps, 31), model::expected_path(test::simulate_tree(yaml)), within);
}

}  // namespace

TEST_CASE("expected view: exact where every holding time is exponential (zero delays)", "[expected]") {
    // Leaving with a pay gap, first-day vacancies covered by the share, cover
    // found at once with probability 0.6 per request, assignments that end or
    // convert, and no recruitment: every holding time is exponential.
    agree("name: x\nstart: 2020-01-01\nhorizon: 36 months\n"
          "grades: {sw: {salary: 30000, market_salary: 32000}, senior: {salary: 36000}}\n"
          "establishment: {teams: {a: {sw: 40, senior: 10}}}\n"
          "initial_staff: {vacancies: {sw: 8, senior: 2}}\n"
          "leaving: {base_rate: {sw: 0.25, senior: 0.15}, pay_elasticity: -1}\n"
          "recruitment: {method: none}\n"
          "agency: {fill_probability: 0.6, cost_per_year: 70000, leaving_rate: 2, conversion_rate: 0.5}\n",
          Within::StandardErrors);
}

TEST_CASE("expected view: exact with a time to fill of 0 days, posts added and cut at dates", "[expected]") {
    // A vacancy is filled the moment it opens, so a cut of held posts waits
    // for their holders to leave (an exponential time), and posts added open
    // and fill at once.
    agree("name: x\nstart: 2020-01-01\nhorizon: 30 months\n"
          "grades: {sw: {salary: 30000}}\n"
          "establishment: {teams: {a: {sw: 30}, b: {sw: 20}}, changes: [{at: 2020-07-01, team: b, sw: +5}, "
          "{at: 2021-01-01, team: a, sw: -12}]}\n"
          "initial_staff: {vacancies: {sw: 5}}\n"
          "leaving: {base_rate: {sw: 0.4}}\n"
          "recruitment: {method: fixed_delay, time_to_fill: 0 days}\n"
          "agency: {fill_probability: 0.5, cost_per_year: 70000, leaving_rate: 1}\n",
          Within::StandardErrors);
}

TEST_CASE("expected view: fixed time to fill with no pre-employment (was zeros everywhere)", "[expected]") {
    // scenarios/checks/renewal.yaml at 60 posts for 36 months.
    agree("name: x\nstart: 2020-04-01\nhorizon: 36 months\n"
          "grades: {sw: {salary: 30000}}\n"
          "establishment: {teams: {all: {sw: 60}}}\n"
          "leaving: {base_rate: {sw: 0.15}}\n"
          "recruitment: {method: fixed_delay, time_to_fill: 4 months}\n"
          "agency: {fill_probability: 1, fill_delay: 1 month, cost_per_year: 60000}\n",
          Within::FivePercent);
}

TEST_CASE("expected view: campaigns with no pre-employment and re-advertising", "[expected]") {
    agree("name: x\nstart: 2020-01-01\nhorizon: 36 months\n"
          "grades: {sw: {salary: 30000, market_salary: 31000}}\n"
          "establishment: {teams: {a: {sw: 60}}}\n"
          "initial_staff: {vacancies: {sw: 10}}\n"
          "leaving: {base_rate: {sw: 0.2}, pay_elasticity: -1, notice: 1 month}\n"
          "recruitment: {advert: {length: 4 weeks}, applicants_per_advert: {sw: 1}, appointable: 0.5, "
          "readvertise_after: 2 weeks}\n"
          "agency: {fill_probability: 0.8, fill_delay: 2 weeks, cost_per_year: 70000, leaving_rate: 1.5, conversion_rate: 0.3}\n",
          Within::FivePercent);
}

TEST_CASE("expected view: agency fill is a probability per request (0.3 after 1 day)", "[expected]") {
    agree("name: x\nstart: 2020-01-01\nhorizon: 36 months\n"
          "grades: {sw: {salary: 30000}}\n"
          "establishment: {teams: {a: {sw: 60}}}\n"
          "initial_staff: {vacancies: {sw: 10}}\n"
          "leaving: {base_rate: {sw: 0.2}, notice: 1 month}\n"
          "recruitment: {advert: {length: 6 weeks}, applicants_per_advert: {sw: 1.5}, appointable: 0.5, "
          "offer_acceptance: 0.8, pre_employment: 10 weeks}\n"
          "agency: {fill_probability: 0.3, fill_delay: 1 day, cost_per_year: 70000, leaving_rate: 2}\n",
          Within::FivePercent);
}

TEST_CASE("expected view: recruitment starts on notice (3 months' notice)", "[expected]") {
    agree("name: x\nstart: 2020-01-01\nhorizon: 36 months\n"
          "grades: {sw: {salary: 30000}}\n"
          "establishment: {teams: {a: {sw: 60}}}\n"
          "initial_staff: {vacancies: {sw: 8}}\n"
          "leaving: {base_rate: {sw: 0.2}, notice: 3 months, by_service: [{under: 2 years, multiplier: 1.5}]}\n"
          "recruitment: {start_on_notice: true, advert: {length: 4 weeks}, applicants_per_advert: {sw: 1}, "
          "appointable: 0.6, pre_employment: 8 weeks}\n"
          "agency: {fill_probability: 0.7, fill_delay: 3 weeks, cost_per_year: 70000, leaving_rate: 1}\n",
          Within::FivePercent);
}

TEST_CASE("expected view: renewal check's long-run shares are the closed forms 1/84 and 3/84", "[expected]") {
    // A post alternates between an exponential spell in post (mean 1/r = 80
    // months at r = 0.15 a year) and a vacancy of exactly T = 4 months,
    // covered from D = 1 month after it empties; by renewal-reward the long-run
    // shares are D / (1/r + T) uncovered and (T - D) / (1/r + T) covered.
    params::Tree tree;
    REQUIRE(test::load_errors(test::source_path("scenarios/checks/renewal.yaml"), {}, &tree).empty());
    const model::ExpectedPath e = model::expected_path(tree, 0, 1.0);
    REQUIRE(e.unmodelled.empty());
    const std::size_t last = e.calendar.months();
    const double est = e.establishment[last];
    CHECK(est == Approx(500));
    CHECK(e.vacant[last] / est == Approx(1.0 / 84).epsilon(0.05));
    CHECK(e.agency_covered[last] / est == Approx(3.0 / 84).epsilon(0.05));
    auto r = test::run_wfsim("expected " + test::source_path("scenarios/checks/renewal.yaml") +
                             " --out /tmp/wfsim-expected-renewal --force");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(" 0 FTE in post") == std::string::npos);
}

TEST_CASE("expected view: lists the mechanisms it leaves out", "[expected]") {
    const model::ExpectedPath e =
        model::expected_path(test::simulate_tree(test::read_file(test::source_path("scenarios/default.yaml"))), 6);
    std::string list;
    for (const auto& u : e.unmodelled) list += u + ";";
    CHECK(list.find("pipelines") != std::string::npos);
    CHECK(list.find("ASYE") != std::string::npos);
    auto r = test::run_wfsim("expected " + test::source_path("scenarios/default.yaml") + " --months 6 -q --out /tmp/wfsim-expected-test --force");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("warning: not in the expected-value view") != std::string::npos);
}

TEST_CASE("expected view: a projection it cannot make is refused, never written as zeros", "[expected]") {
    test::TempDir dir;
    const std::string path = dir.write("uncertain.yaml",
                                       "name: x\nstart: 2020-01-01\nhorizon: 12 months\n"
                                       "grades: {sw: {salary: 30000}}\n"
                                       "establishment: {teams: {a: {sw: 10}}}\n"
                                       "leaving: {base_rate: {sw: {dist: normal, mean: 0.2, sd: 0.02}}}\n");
    auto r = test::run_wfsim("expected " + path + " --out " + (dir.path / "out").string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("cannot project") != std::string::npos);
    CHECK(r.err.find("uncertain values") != std::string::npos);
}

TEST_CASE("expected view: dated interventions and establishment changes", "[expected]") {
    // A pay uplift (leaving and applicants move with the pay gap), a cut of
    // posts, then extra posts with a lower fill probability set at a date.
    agree("name: x\nstart: 2020-01-01\nhorizon: 36 months\n"
          "grades: {sw: {salary: 30000, market_salary: 33000}}\n"
          "establishment: {teams: {a: {sw: 60}}, changes: [{at: 2021-04-01, team: a, sw: -6}]}\n"
          "initial_staff: {vacancies: {sw: 10}}\n"
          "leaving: {base_rate: {sw: 0.25}, pay_elasticity: -2, notice: 1 month}\n"
          "recruitment: {advert: {length: 4 weeks}, applicants_per_advert: {sw: 1}, applicant_pay_elasticity: 2, "
          "appointable: 0.6, pre_employment: 6 weeks}\n"
          "agency: {fill_probability: 0.8, fill_delay: 2 weeks, cost_per_year: 70000, leaving_rate: 1.5, conversion_rate: 0.3}\n"
          "interventions: [{at: 2021-01-01, name: uplift, pay_uplift: {sw: 0.10}}, "
          "{at: 2021-07-01, name: more, extra_posts: {a: {sw: 4}}, set: {agency.fill_probability: 0.4}}]\n",
          Within::FivePercent);
}

TEST_CASE("expected.csv is in trajectory.csv's long form: one row per month and metric", "[expected][files]") {
    test::TempDir dir;
    const std::string scenario = test::source_path("scenarios/checks/renewal.yaml");
    auto e = test::run_wfsim("expected " + scenario + " --months 4 -q --out " + (dir.path / "e").string());
    REQUIRE(e.exit_code == 0);
    auto t = test::run_wfsim("run " + scenario + " --months 4 --reps 2 -q --out " + (dir.path / "t").string());
    REQUIRE(t.exit_code == 0);
    // (month, metric) of the service-wide rows of each file.
    auto keys = [](const std::string& text, std::vector<std::string>& header) {
        io::CsvReader reader(text);
        io::CsvRecord r;
        std::set<std::pair<std::string, std::string>> out;
        REQUIRE(reader.next(r));
        header = r.fields;
        while (reader.next(r)) {
            REQUIRE(r.fields.size() == header.size());
            if (r.fields[3].empty() && r.fields[4].empty()) out.insert({r.fields[0], r.fields[2]});
        }
        return out;
    };
    std::vector<std::string> eh, th;
    const auto expected = keys(test::read_file((dir.path / "e" / "expected.csv").string()), eh);
    const auto simulated = keys(test::read_file((dir.path / "t" / "trajectory.csv").string()), th);
    CHECK(eh == std::vector<std::string>{"month", "date", "metric", "grade", "team", "value"});
    CHECK(std::vector<std::string>(th.begin(), th.begin() + 5) == std::vector<std::string>(eh.begin(), eh.begin() + 5));
    CHECK(expected.size() == 5 * 9);  // months 0 to 4, nine metrics each
    for (const auto& k : expected) {
        INFO(k.first << " " << k.second);
        CHECK(simulated.count(k) == 1);  // every expected row has its simulated counterpart
    }
}
