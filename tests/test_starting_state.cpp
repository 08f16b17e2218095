// The starting state (issue 13, point 2): the first day is a snapshot of a
// service already running, so the first months of a projection show no
// start-up wave: nobody on notice, every advert placed on day 0 in step.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "helpers.h"
#include "models/metrics/breakdown.h"

using namespace wfsim;

namespace {

// A metric's value in month m (0 = the start date, 1 = the first month) of one replication.
double in_month(const model::ReplicationResult& r, int metric, std::size_t m) {
    return r.monthly[static_cast<std::size_t>(metric)][m];
}

double average(const model::ReplicationResult& r, int metric, std::size_t from, std::size_t to) {
    double sum = 0;
    for (std::size_t m = from; m <= to; ++m) sum += in_month(r, metric, m);
    return sum / static_cast<double>(to - from + 1);
}

}  // namespace

TEST_CASE("a service in steady state on the first day stays in it", "[starting_state][known]") {
    // scenarios/checks/steady-state.yaml: fixed advert length, pause between
    // adverts, pre-employment, notice (with campaigns from notice), agency
    // fill delay, an ASYE year and a milestone bonus with clawback, starting
    // at its steady-state vacancies. Paired within each replication, the
    // average of months 1 to 3 must match that of months 13 to 24.
    const auto reps = test::simulate_file(test::source_path("scenarios/checks/steady-state.yaml"), 400, 13);
    for (int metric : {model::kLeavers, model::kStarters, model::kSpendRecruitment, model::kAgencyCoveredFte,
                       model::kSpendRetention, model::kAsyeFte, model::kSpendTraining, model::kVacantFte}) {
        std::vector<double> early_minus_late, late;
        for (const auto& r : reps) {
            early_minus_late.push_back(average(r, metric, 1, 3) - average(r, metric, 13, 24));
            late.push_back(average(r, metric, 13, 24));
        }
        const test::Estimate d = test::mean_and_se(early_minus_late);
        INFO(model::kMetricNames[metric] << ": months 1-3 minus months 13-24 = " << d.mean << " +- " << d.se
                                         << " (months 13-24: " << test::mean_and_se(late).mean << ")");
        CHECK(d.se > 0);
        CHECK(std::fabs(d.mean) < 4 * d.se);
    }
}

TEST_CASE("Cambridgeshire's first months show no start-up wave", "[starting_state]") {
    const auto reps =
        test::simulate_file(test::source_path("scenarios/cambridgeshire/cambridgeshire-2015.yaml"), 400, 2015);
    auto mean_in = [&](int metric, std::size_t m) {
        double s = 0;
        for (const auto& r : reps) s += in_month(r, metric, m);
        return s / static_cast<double>(reps.size());
    };
    // Leavers in month 1 at least 75% of the mean of months 2 to 12: staff
    // were already on notice on the first day.
    double later = 0;
    for (std::size_t m = 2; m <= 12; ++m) later += mean_in(model::kLeavers, m) / 11;
    INFO("leavers in month 1 " << mean_in(model::kLeavers, 1) << ", months 2-12 " << later);
    CHECK(mean_in(model::kLeavers, 1) >= 0.75 * later);
    // Monthly recruitment spend over months 1 to 12 varies little: adverts
    // are not all placed on day 0 and re-placed in step.
    std::vector<double> spend;
    for (std::size_t m = 1; m <= 12; ++m) spend.push_back(mean_in(model::kSpendRecruitment, m));
    const double mean = std::accumulate(spend.begin(), spend.end(), 0.0) / 12;
    double ss = 0;
    for (double s : spend) ss += (s - mean) * (s - mean);
    const double cv = std::sqrt(ss / 11) / mean;
    INFO("recruitment spend, months 1-12: mean " << mean << ", coefficient of variation " << cv);
    CHECK(cv < 0.2);
}

TEST_CASE("first-day staff are on notice as often as their hazard and notice imply", "[starting_state]") {
    // 2,000 posts, leaving at 0.3 a year with 3 months' notice and no
    // recruitment: the share of holders on notice in steady state is
    // hN / (1 + hN) with hN = 0.3 x 0.25 = 0.075 (3 months are 91.3125 days),
    // their notice left uniform over it: 139.5 of 2,000 leave within 91.3125
    // days, and the 91 days of January to March 2020 see 91 / 91.3125 of them.
    const std::string yaml = "name: notice\nstart: 2020-01-01\nhorizon: 3 months\n"
                             "grades: {sw: {salary: 30000}}\n"
                             "establishment: {teams: {all: {sw: 2000}}}\n"
                             "leaving: {base_rate: {sw: 0.3}, notice: 3 months}\n"
                             "recruitment: {method: none}\n";
    const auto reps = test::simulate(yaml, 40, 5);
    std::vector<double> leavers;
    for (const auto& r : reps) leavers.push_back(average(r, model::kLeavers, 1, 3) * 3);
    const test::Estimate e = test::mean_and_se(leavers);
    const double hn = 0.075, expected = 2000 * hn / (1 + hn) * 91 / 91.3125;
    INFO("leavers in the first 3 months " << e.mean << " +- " << e.se << ", expected " << expected);
    CHECK(std::fabs(e.mean - expected) < 4 * e.se);
}

TEST_CASE("staff on notice and appointees on the way can be stated by grade", "[starting_state]") {
    // No leaving hazard and no adverts that can succeed: the only leavers are
    // the 20 stated on notice (2 months' notice) and the only starters the 10
    // stated appointees (10 weeks of pre-employment).
    const std::string yaml = "name: stated\nstart: 2020-01-01\nhorizon: 4 months\n"
                             "grades: {sw: {salary: 30000}}\n"
                             "establishment: {teams: {a: {sw: 250}, b: {sw: 250}}}\n"
                             "initial_staff: {vacancies: {sw: 30}, on_notice: {sw: 20}, appointed: {sw: 10}}\n"
                             "leaving: {base_rate: {sw: 0}, notice: 8 weeks}\n"
                             "recruitment: {pre_employment: 10 weeks}\n";
    for (const auto& r : test::simulate(yaml, 20, 3)) {
        CHECK(average(r, model::kLeavers, 1, 2) * 2 == Approx(20));  // all within the notice period
        CHECK(average(r, model::kStarters, 1, 3) * 3 == Approx(10));  // all within 70 days
        CHECK(in_month(r, model::kLeavers, 3) + in_month(r, model::kLeavers, 4) == 0);
    }
}

TEST_CASE("a cohort of first-day staff started on its stated day", "[starting_state]") {
    // Slough's two newly qualified cohorts: 5 who finish their 12-month ASYE
    // in February 2015 and 7 who started in September 2014; nobody leaves.
    const std::string yaml = "name: cohorts\nstart: 2014-10-01\nhorizon: 12 months\n"
                             "grades: {asye: {salary: 28000}, sw: {salary: 32000}}\n"
                             "establishment: {teams: {a: {asye: 6, sw: 10}, b: {asye: 6, sw: 10}}}\n"
                             "initial_staff:\n"
                             "  cohorts:\n"
                             "    - {grade: asye, fte: 5, started: 2014-02-15}\n"
                             "    - {grade: asye, fte: 7, started: 2014-09-01}\n"
                             "leaving: {base_rate: {asye: 0, sw: 0}}\n"
                             "asye: {grade: asye, next_grade: sw, length: 12 months}\n";
    for (const auto& r : test::simulate(yaml, 10, 4)) {
        CHECK(in_month(r, model::kAsyeFte, 4) == 12);  // January 2015
        CHECK(in_month(r, model::kAsyeFte, 5) == 7);   // February 2015: the first cohort has finished
        CHECK(in_month(r, model::kAsyeFte, 11) == 7);  // August 2015
        CHECK(in_month(r, model::kAsyeFte, 12) == 0);  // September 2015: so has the second
    }
}

TEST_CASE("the stated starting state is checked against the service", "[starting_state][validation]") {
    const std::string base = "name: bad\nstart: 2020-01-01\nhorizon: 12 months\n"
                             "grades: {sw: {salary: 30000}}\n"
                             "establishment: {teams: {a: {sw: 10}}}\n";
    test::TempDir dir;
    auto errors_of = [&](const std::string& extra) {
        return test::load_errors(dir.write("s.yaml", base + extra));
    };
    auto says = [](const std::vector<std::string>& errors, const std::string& text) {
        for (const auto& e : errors)
            if (e.find(text) != std::string::npos) return true;
        return false;
    };
    auto e = errors_of("initial_staff: {vacancies: {sw: 2}, on_notice: {sw: 9}}\nleaving: {notice: 1 month}\n");
    CHECK(says(e, "s.yaml:6:"));
    CHECK(says(e, "initial_staff.on_notice.sw: 9 FTE on notice is more than the 8 FTE in post"));
    CHECK(says(errors_of("initial_staff: {on_notice: {sw: 1}}\n"), "staff on notice need a notice period"));
    CHECK(says(errors_of("initial_staff: {vacancies: {sw: 2}, appointed: {sw: 3}}\n"),
               "initial_staff.appointed.sw: 3 FTE appointed is more than the 2 FTE vacant"));
    CHECK(says(errors_of("initial_staff: {start_as: new, on_notice: {sw: 1}}\nleaving: {notice: 1 month}\n"),
               "describe a running service"));
    CHECK(says(errors_of("initial_staff: {cohorts: [{grade: sw, fte: 11, started: 2019-09-01}]}\n"),
               "more than the 10 FTE in post"));
    CHECK(says(errors_of("initial_staff: {cohorts: [{grade: sw, fte: 1, started: 2020-09-01}]}\n"),
               "2020-09-01 is after the start (2020-01-01)"));
    CHECK(errors_of("initial_staff: {vacancies: {sw: 2}, on_notice: {sw: 8}, appointed: {sw: 2}}\n"
                    "leaving: {notice: 1 month}\n")
              .empty());
}

TEST_CASE("a staff list says who is leaving and who is about to start", "[starting_state][staff_list]") {
    // Four listed staff in 10 posts: one leaving on 15 February, one appointee
    // starting on 20 March; nobody else leaves (no hazard) and no advert can
    // succeed, so the listed dates are the only moves.
    test::TempDir dir;
    dir.write("staff.csv", "grade,team,fte,start_date,age,leaving_date\n"
                           "sw,a,1,2015-01-01,40,\n"
                           "sw,a,1,2016-01-01,35,2020-02-15\n"
                           "sw,a,1,2018-06-01,30,\n"
                           "sw,a,1,2020-03-20,28,\n");
    const std::string path = dir.write("s.yaml", "name: listed\nstart: 2020-01-01\nhorizon: 6 months\n"
                                                 "grades: {sw: {salary: 30000}}\n"
                                                 "establishment: {teams: {a: {sw: 10}}}\n"
                                                 "initial_staff: {staff_list: staff.csv}\n"
                                                 "leaving: {base_rate: {sw: 0}, notice: 3 months}\n");
    for (const auto& r : test::simulate_file(path, 5, 9)) {
        CHECK(in_month(r, model::kPermanentFte, 1) == 3);  // January: three in post
        CHECK(in_month(r, model::kLeavers, 2) == 1);       // February: the leaver goes
        CHECK(in_month(r, model::kStarters, 3) == 1);      // March: the appointee starts
        CHECK(in_month(r, model::kPermanentFte, 3) == 3);
        CHECK(in_month(r, model::kLeavers, 1) + in_month(r, model::kLeavers, 3) == 0);
    }
    // A leaving date before the start is refused, located in the CSV.
    dir.write("bad.csv", "grade,team,fte,start_date,age,leaving_date\n"
                         "sw,a,1,2015-01-01,40,2019-12-01\n");
    const auto errors = test::load_errors(dir.write("bad.yaml", "extends: s.yaml\ninitial_staff: {staff_list: bad.csv}\n"));
    REQUIRE(errors.size() == 1);
    INFO(errors[0]);
    CHECK(errors[0].find("bad.csv:2:6: leaving_date: 2019-12-01 is before the scenario's start") != std::string::npos);
}

TEST_CASE("a staff list's dates and the stated counts are not given twice, nor with a service opening on the day",
          "[starting_state][staff_list][validation]") {
    test::TempDir dir;
    dir.write("staff.csv", "grade,team,fte,start_date,age,leaving_date\n"
                           "sw,a,1,2015-01-01,40,2020-02-15\n"
                           "sw,a,1,2020-03-20,28,\n");
    const std::string base = "name: listed\nstart: 2020-01-01\nhorizon: 6 months\n"
                             "grades: {sw: {salary: 30000}}\n"
                             "establishment: {teams: {a: {sw: 10}}}\n"
                             "leaving: {notice: 1 month}\n";
    auto errors_of = [&](const std::string& extra) { return test::load_errors(dir.write("s.yaml", base + extra)); };
    auto says = [](const std::vector<std::string>& errors, const std::string& text) {
        for (const auto& e : errors)
            if (e.find(text) != std::string::npos) return true;
        return false;
    };
    const auto opening = errors_of("initial_staff: {staff_list: staff.csv, start_as: new}\n");
    CHECK(says(opening, "staff.csv:2:1: leaving_date: a leaving date describes a running service"));
    CHECK(says(opening, "staff.csv:3:1: start_date: a start date after the start describes a running service"));
    CHECK(says(errors_of("initial_staff: {staff_list: staff.csv, on_notice: {sw: 1}}\n"),
               "with a staff list, say who is on notice in its leaving_date column"));
    CHECK(says(errors_of("initial_staff: {staff_list: staff.csv, appointed: {sw: 1}}\n"),
               "with a staff list, list each appointee"));
    CHECK(errors_of("initial_staff: {staff_list: staff.csv}\n").empty());
}

TEST_CASE("an ASYE that ends in its own grade keeps the year's service towards progression", "[starting_state][asye]") {
    // A cohort of 10 started on the start date; progression after 2 years in
    // the grade, at a high rate, needing no vacancy: with or without an ASYE
    // year in the grade, nobody progresses before month 24.
    const std::string base = "name: asye in grade\nstart: 2020-01-01\nhorizon: 30 months\n"
                             "grades: {nq: {salary: 28000}, senior: {salary: 36000}}\n"
                             "establishment: {teams: {a: {nq: 10, senior: 10}}}\n"
                             "initial_staff: {vacancies: {senior: 10}, cohorts: [{grade: nq, fte: 10, started: 2020-01-01}]}\n"
                             "leaving: {base_rate: {nq: 0, senior: 0}}\n"
                             "recruitment: {method: none}\n"
                             "progression: [{from: nq, to: senior, after: 2 years, rate: 50, requires_vacancy: false}]\n";
    const model::SeriesLayout layout(2, 1);  // grades nq and senior, team a
    const std::size_t senior = layout.index(model::kPermanentFte, model::Dimension::Grade, 1);
    for (const std::string& asye : {std::string(), std::string("asye: {grade: nq, next_grade: nq}\n")}) {
        INFO(asye);
        for (const auto& r : test::simulate(base + asye, 5, 8)) {
            CHECK(r.monthly[model::kAsyeFte][11] == (asye.empty() ? 0 : 10));
            CHECK(r.monthly[model::kAsyeFte][13] == 0);
            CHECK(r.monthly[senior][23] == 0);   // two years in the grade not yet reached
            CHECK(r.monthly[senior][26] == 10);  // reached at 2 years, then at 50 a year: all within weeks
            CHECK(r.monthly[model::kPermanentFte][26] == 10);
        }
    }
}
