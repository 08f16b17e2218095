// One test per model mechanism: each shows that the mechanism does what the
// README and `wfsim schema` say, against a number worked out in closed form.
//
// Exact checks (costs, payments, establishment) hold within every single
// replication. Statistical checks compare a mean over replications with its
// closed-form expectation and allow 4 standard errors, the standard error
// estimated from the replications themselves (or from a known binomial
// variance where that is stated). Every seed is fixed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "helpers.h"
#include "models/costs/ledger.h"
#include "models/metrics/result.h"

using namespace wfsim;
using model::ReplicationResult;
using test::calendar_of;
using test::simulate;

namespace {

constexpr double kYear = 365.25;  // days (the README's year)

struct Estimate {
    double mean = 0, se = 0;
};

// Sample mean and its standard error.
Estimate estimate(const std::vector<double>& xs) {
    Estimate e;
    const double n = static_cast<double>(xs.size());
    e.mean = std::accumulate(xs.begin(), xs.end(), 0.0) / n;
    double ss = 0;
    for (double x : xs) ss += (x - e.mean) * (x - e.mean);
    e.se = std::sqrt(ss / (n - 1) / n);
    return e;
}

// One number per replication.
template <class F>
std::vector<double> per_rep(const std::vector<ReplicationResult>& reps, F f) {
    std::vector<double> out;
    for (const auto& r : reps) out.push_back(f(r));
    return out;
}

double at(const ReplicationResult& r, int metric, std::size_t month) {
    return r.monthly[static_cast<std::size_t>(metric)][month];
}

// A flow's total over months 1..last_month.
double sum_to(const ReplicationResult& r, int metric, std::size_t last_month) {
    double s = 0;
    for (std::size_t m = 1; m <= last_month; ++m) s += at(r, metric, m);
    return s;
}

double month_days(const model::Calendar& c, std::size_t m) { return c.month_end(m) - c.month_end(m - 1); }

// The month (1..M) in which an event at day t is counted (a month end belongs to the next month).
std::size_t month_of(const model::Calendar& c, double t) {
    std::size_t m = 1;
    while (m < c.months() && c.month_end(m) <= t) ++m;
    return m;
}

bool close(double a, double b, double rel = 1e-9) { return std::fabs(a - b) <= rel * std::max({1.0, std::fabs(a), std::fabs(b)}); }

}  // namespace

// A mean within 4 standard errors of its closed-form value.
#define CHECK_STAT(est_expr, expected_expr)                                                                   \
    do {                                                                                                      \
        const Estimate e_ = (est_expr);                                                                       \
        const double x_ = (expected_expr);                                                                    \
        INFO("mean " << e_.mean << ", expected " << x_ << ", se " << e_.se << ", z " << (e_.mean - x_) / e_.se); \
        REQUIRE(e_.se > 0);                                                                                   \
        CHECK(std::fabs(e_.mean - x_) <= 4.0 * e_.se);                                                        \
    } while (0)

// Every value of a series equal (to rounding) to what is expected.
#define CHECK_EXACT(actual_expr, expected_expr)                                         \
    do {                                                                                \
        const double a_ = (actual_expr), x_ = (expected_expr);                          \
        INFO("actual " << a_ << ", expected " << x_);                                   \
        CHECK(close(a_, x_));                                                           \
    } while (0)

namespace {

// One grade sw (salary 30000), one team north with `posts` posts.
std::string scenario(int posts, const std::string& horizon, const std::string& start = "2016-04-01",
                     const std::string& grade = "{salary: 30000}") {
    return "name: mechanism\n"
           "start: " + start + "\n"
           "horizon: " + horizon + "\n"
           "grades:\n"
           "  sw: " + grade + "\n"
           "establishment:\n"
           "  teams:\n"
           "    north: {sw: " + std::to_string(posts) + "}\n";
}

}  // namespace

// ---------------------------------------------------------------- 1. leaving

TEST_CASE("leaving: the share of first-day staff still in post is exp(-r t)", "[mechanism][leaving]") {
    const double r = 0.25;
    const int N = 500;
    const std::string yaml = scenario(N, "24 months") +
                             "leaving:\n"
                             "  base_rate: {sw: 0.25}\n"
                             "recruitment: {method: none}\n";
    const auto reps = simulate(yaml, 200, 101);
    const auto cal = calendar_of(yaml);
    for (std::size_t m : {1u, 3u, 6u, 12u, 24u}) {
        INFO("month " << m);
        const double S = std::exp(-r * cal.month_end(m) / kYear);
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, m) / N; })), S);
    }
    // Exact bookkeeping in every replication: nobody joins, so leavers to
    // date are the first-day staff no longer in post, all to other employers
    // (the default destination).
    for (const auto& x : reps) {
        const std::size_t last = cal.months();
        CHECK_EXACT(sum_to(x, model::kLeavers, last), N - at(x, model::kPermanentFte, last));
        CHECK_EXACT(sum_to(x, model::kLeaversOtherEmployer, last), sum_to(x, model::kLeavers, last));
        CHECK(sum_to(x, model::kStarters, last) == 0);
    }
}

TEST_CASE("leaving: length-of-service bands multiply the hazard", "[mechanism][leaving]") {
    // Everyone starts with no service (uniform tenure of mean 0). The hazard is
    // 0.2 x 3 in the first 6 months and 0.2 after.
    const int N = 500;
    const std::string yaml = scenario(N, "12 months") +
                             "initial_staff:\n"
                             "  tenure: {distribution: uniform, mean: 0 days}\n"
                             "leaving:\n"
                             "  base_rate: {sw: 0.2}\n"
                             "  by_service:\n"
                             "    - {under: 6 months, multiplier: 3}\n"
                             "recruitment: {method: none}\n";
    const auto reps = simulate(yaml, 100, 102);
    const auto cal = calendar_of(yaml);
    const double band = kYear / 2;
    for (std::size_t m : {3u, 6u, 12u}) {
        INFO("month " << m);
        const double t = cal.month_end(m);
        const double H = 0.2 * 3 * std::min(t, band) / kYear + 0.2 * std::max(0.0, t - band) / kYear;
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, m) / N; })),
                   std::exp(-H));
    }
}

TEST_CASE("leaving: destinations split leavers in the given shares, after the notice", "[mechanism][leaving]") {
    const int N = 500;
    const double r = 0.4;
    const std::string yaml = scenario(N, "12 months") +
                             "leaving:\n"
                             "  base_rate: {sw: 0.4}\n"
                             "  notice: 2 months\n"
                             "  destinations: {other_employer: 0.5, agency: 0.2, out_of_profession: 0.3}\n"
                             "recruitment: {method: none}\n"
                             "initial_staff: {start_as: new}\n";  // nobody on notice on the first day
    const auto reps = simulate(yaml, 100, 103);
    const auto cal = calendar_of(yaml);
    const std::size_t last = cal.months();
    // A post empties `notice` after its holder's hazard fires: in post at t
    // are those whose leaving time is after t - notice.
    const double notice = 2 * kYear / 12;
    for (std::size_t m : {1u, 2u, 6u, 12u}) {
        INFO("month " << m);
        const double t = cal.month_end(m);
        const double S = std::exp(-r * std::max(0.0, t - notice) / kYear);
        if (t <= notice) {
            for (const auto& x : reps) CHECK(at(x, model::kPermanentFte, m) == N);
        } else {
            CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, m) / N; })), S);
        }
    }
    double total = 0, other = 0, agency = 0, out = 0;
    for (const auto& x : reps) {
        total += sum_to(x, model::kLeavers, last);
        other += sum_to(x, model::kLeaversOtherEmployer, last);
        agency += sum_to(x, model::kLeaversAgency, last);
        out += sum_to(x, model::kLeaversOutOfProfession, last);
        CHECK(sum_to(x, model::kLeaversRetirement, last) == 0);
    }
    REQUIRE(total > 1000);
    auto share = [&](double k, double p) {
        return Estimate{k / total, std::sqrt(p * (1 - p) / total)};  // multinomial, known variance
    };
    CHECK_STAT(share(other, 0.5), 0.5);
    CHECK_STAT(share(agency, 0.2), 0.2);
    CHECK_STAT(share(out, 0.3), 0.3);
}

TEST_CASE("leaving: staff retire on reaching retirement.age", "[mechanism][leaving]") {
    // Ages all in the band 55-59 (uniform over 55 to 60): with retirement at
    // 60 and no other leaving, a fifth of the staff retire each year.
    const int N = 500;
    const std::string yaml = scenario(N, "24 months") +
                             "initial_staff:\n"
                             "  age: {shares: {55-59: 1}}\n"
                             "leaving:\n"
                             "  retirement: {age: 60}\n"
                             "recruitment: {method: none}\n";
    const auto reps = simulate(yaml, 50, 104);
    const auto cal = calendar_of(yaml);
    for (std::size_t m : {6u, 12u, 24u}) {
        INFO("month " << m);
        const double years = cal.month_end(m) / kYear;
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return sum_to(x, model::kLeaversRetirement, m) / N; })),
                   years / 5);
        for (const auto& x : reps) CHECK_EXACT(sum_to(x, model::kLeavers, m), sum_to(x, model::kLeaversRetirement, m));
    }

    SECTION("from rate_from_age a retirement hazard adds to leaving, and its share of leavers retire") {
        // Everyone is 60 or over: hazard 0.1 + 0.2, two thirds of leavers retire.
        const std::string older = scenario(N, "12 months") +
                                  "initial_staff:\n"
                                  "  age: {shares: {60+: 1}}\n"
                                  "leaving:\n"
                                  "  base_rate: {sw: 0.1}\n"
                                  "  retirement: {rate_from_age: 60, rate: 0.2}\n"
                                  "recruitment: {method: none}\n";
        const auto c = calendar_of(older);
        const auto runs = simulate(older, 100, 105);
        CHECK_STAT(estimate(per_rep(runs, [&](const auto& x) { return at(x, model::kPermanentFte, 12) / N; })),
                   std::exp(-0.3 * c.month_end(12) / kYear));
        double leavers = 0, retired = 0;
        for (const auto& x : runs) {
            leavers += sum_to(x, model::kLeavers, 12);
            retired += sum_to(x, model::kLeaversRetirement, 12);
        }
        CHECK_STAT((Estimate{retired / leavers, std::sqrt(2.0 / 9 / leavers)}), 2.0 / 3);
    }
}

// ---------------------------------------------------------------- 2. retention bonuses

TEST_CASE("bonus: paid at 12 months of service to exactly the people still in post then", "[mechanism][retention]") {
    // All 200 first-day staff have no service (uniform tenure, mean 0), so the
    // milestone falls at day 365.25, a quarter-day into month 13. Leaving runs
    // at 0.3 a year during the first 365 days of service and stops after
    // (a length-of-service band with multiplier 0), so those in post at the
    // milestone are exactly those in post at the end of month 12.
    const int N = 200;
    const double amount = 3000;
    const std::string head = scenario(N, "15 months") +
                             "initial_staff:\n"
                             "  tenure: {distribution: uniform, mean: 0 days}\n"
                             "leaving:\n"
                             "  base_rate: {sw: 0.3}\n"
                             "  by_service:\n"
                             "    - {under: 365 days, multiplier: 1}\n"
                             "    - {under: 100 years, multiplier: 0}\n"
                             "recruitment: {method: none}\n";
    const std::string yaml = head +
                             "retention:\n"
                             "  bonuses:\n"
                             "    - {name: twelve months, at_service: 12 months, amount: 3000}\n";
    const auto cal = calendar_of(yaml);
    REQUIRE(cal.month_end(12) == 365);
    REQUIRE(month_of(cal, kYear) == 13);
    const auto reps = simulate(yaml, 40, 201);
    for (const auto& x : reps) {
        const double in_post = at(x, model::kPermanentFte, 12);
        CHECK(in_post < N);  // some have left before the milestone (P(none) = e^-60)
        CHECK(at(x, model::kPermanentFte, 13) == in_post);
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            INFO("month " << m);
            CHECK_EXACT(at(x, model::kSpendRetention, m), m == 13 ? amount * in_post : 0.0);
        }
    }
    CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, 12) / N; })),
               std::exp(-0.3 * 365 / kYear));

    SECTION("a scheme starting after the milestone, or ending before it, pays nothing") {
        for (const char* window : {"from: 2017-06-01", "until: 2017-01-01"}) {
            INFO(window);
            const auto none = simulate(head + "retention:\n  bonuses:\n    - {name: late, at_service: 12 months, "
                                              "amount: 3000, " + std::string(window) + "}\n",
                                       5, 202);
            for (const auto& x : none) CHECK(sum_to(x, model::kSpendRetention, cal.months()) == 0);
        }
    }
}

TEST_CASE("bonus: leaving is lower before it falls due and higher after, a tapered clawback", "[mechanism][retention][leaving]") {
    // 500 staff with no service; hazard 0.3. Bonus of 3000 at 12 months:
    // x0.5 in the 6 months before it, x2 for 3 months after. A leaver within
    // 3 months of payment repays half of it, tapering to nothing over the
    // window, so a payee repays on average
    //   0.5 x (1 - (1 - exp(-h w)) / (h w)),  h = 0.6 a year, w = 3 months.
    const int N = 500;
    const double r = 0.3;
    const std::string yaml = scenario(N, "18 months") +
                             "initial_staff:\n"
                             "  tenure: {distribution: uniform, mean: 0 days}\n"
                             "leaving:\n"
                             "  base_rate: {sw: 0.3}\n"
                             "recruitment: {method: none}\n"
                             "retention:\n"
                             "  bonuses:\n"
                             "    - {name: twelve, at_service: 12 months, amount: 3000, anticipation: 6 months,\n"
                             "       leaving_multiplier_before: 0.5, after_window: 3 months, leaving_multiplier_after: 2,\n"
                             "       clawback_within: 3 months, clawback_share: 0.5, clawback_taper: true}\n";
    const auto cal = calendar_of(yaml);
    const auto reps = simulate(yaml, 100, 203);
    const double half = kYear / 2, due = kYear, after_end = kYear + kYear / 4;
    auto exposure = [&](double t) {  // integral of the hazard multiplier up to t
        return std::min(t, half) + 0.5 * std::clamp(t - half, 0.0, due - half) +
               2.0 * std::clamp(t - due, 0.0, after_end - due) + std::max(0.0, t - after_end);
    };
    for (std::size_t m : {5u, 9u, 12u, 14u, 18u}) {
        INFO("month " << m);
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, m) / N; })),
                   std::exp(-r * exposure(cal.month_end(m)) / kYear));
    }
    const double hw = 2 * r * 0.25;
    const double expected_share = 0.5 * (1 - (1 - std::exp(-hw)) / hw);
    const std::size_t last = cal.months();
    const auto share = per_rep(reps, [&](const auto& x) {
        const double clawed = sum_to(x, model::kRetentionClawback, last);
        const double paid = sum_to(x, model::kSpendRetention, last) + clawed;  // 3000 x payees
        return clawed / paid;
    });
    for (const auto& x : reps) {
        const double paid = sum_to(x, model::kSpendRetention, last) + sum_to(x, model::kRetentionClawback, last);
        const double payees = std::round(paid / 3000);
        CHECK(std::fabs(paid / 3000 - payees) < 1e-6);  // whole payments
        // Paid to those in post on day 365.25, a quarter-day into month 13.
        CHECK(payees >= at(x, model::kPermanentFte, 13));
        CHECK(payees <= at(x, model::kPermanentFte, 12));
    }
    CHECK_STAT(estimate(share), expected_share);
}

TEST_CASE("bonus: an effect that grows with its size multiplies the hazard by (1 + amount/salary)^e",
          "[mechanism][retention][leaving]") {
    // 500 staff with no service, hazard 0.3, salary 30,000. A bonus of A at
    // 12 months with elasticity -3 in the 6 months before it (and a fixed
    // 0.8 as well) and +2 for 3 months after: with s = A / 30,000 the hazard
    // is 0.3 x 0.8 x (1+s)^-3 before and 0.3 x (1+s)^2 after, so the share in
    // post is exp(-0.3 x exposure). Two sizes: a bigger bonus retains more.
    const int N = 500;
    const double r = 0.3;
    for (const double amount : {3000.0, 9000.0}) {
        INFO("amount " << amount);
        const double s = amount / 30000, before = 0.8 * std::pow(1 + s, -3.0), after = std::pow(1 + s, 2.0);
        const std::string yaml = scenario(N, "18 months") +
                                 "initial_staff:\n"
                                 "  tenure: {distribution: uniform, mean: 0 days}\n"
                                 "leaving:\n"
                                 "  base_rate: {sw: 0.3}\n"
                                 "recruitment: {method: none}\n"
                                 "retention:\n"
                                 "  bonuses:\n"
                                 "    - {name: twelve, at_service: 12 months, amount: " + std::to_string(static_cast<int>(amount)) + ",\n"
                                 "       anticipation: 6 months, leaving_multiplier_before: 0.8, leaving_elasticity_before: -3,\n"
                                 "       after_window: 3 months, leaving_elasticity_after: 2}\n";
        const auto cal = calendar_of(yaml);
        const auto reps = simulate(yaml, 100, 204);
        const double half = kYear / 2, due = kYear, after_end = kYear + kYear / 4;
        auto exposure = [&](double t) {  // integral of the hazard multiplier up to t
            return std::min(t, half) + before * std::clamp(t - half, 0.0, due - half) +
                   after * std::clamp(t - due, 0.0, after_end - due) + std::max(0.0, t - after_end);
        };
        for (std::size_t m : {5u, 9u, 12u, 14u, 18u}) {
            INFO("month " << m);
            CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, m) / N; })),
                       std::exp(-r * exposure(cal.month_end(m)) / kYear));
        }
    }
}

// ---------------------------------------------------------------- 3. pay uplift

TEST_CASE("pay uplift: permanent spend rises by exactly the uplift from its date", "[mechanism][interventions]") {
    const std::string yaml = scenario(10, "12 months", "2016-04-01", "{salary: 30000, on_costs: 0.2}") +
                             "recruitment: {method: none}\n"
                             "interventions:\n"
                             "  - {at: 2016-10-01, name: uplift, pay_uplift: {sw: 0.05}}\n";
    const auto cal = calendar_of(yaml);
    REQUIRE(cal.month_end(6) == 183);  // month 6 ends on 2016-09-30; 2016-10-01 starts month 7
    for (const auto& x : simulate(yaml, 2, 301))
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            INFO("month " << m);
            const double factor = m >= 7 ? 1.05 : 1.0;
            CHECK_EXACT(at(x, model::kSpendPermanent, m), 10 * 30000 * 1.2 * factor * month_days(cal, m) / kYear);
        }
}

TEST_CASE("pay uplift: with pay_elasticity e the leaving hazard falls by (1+u)^e from the date",
          "[mechanism][interventions][leaving]") {
    // Hazard 0.3 at market pay; uplift u = 0.1 on 2016-10-01 (day 183) with
    // elasticity -2: the hazard is 0.3 before and 0.3 x 1.1^-2 after.
    const int N = 500;
    const std::string base = scenario(N, "12 months", "2016-04-01", "{salary: 30000, market_salary: 30000}") +
                             "leaving:\n"
                             "  base_rate: {sw: 0.3}\n"
                             "  pay_elasticity: -2\n"
                             "recruitment: {method: none}\n";
    const std::string uplift = base +
                               "interventions:\n"
                               "  - {at: 2016-10-01, pay_uplift: {sw: 0.1}}\n";
    const auto cal = calendar_of(base);
    const double t0 = 183, T = cal.month_end(cal.months());
    REQUIRE(cal.month_end(6) == t0);
    const auto without = simulate(base, 200, 302);
    const auto with = simulate(uplift, 200, 302);
    const double factor = std::pow(1.1, -2.0);
    const std::size_t last = cal.months();
    CHECK_STAT(estimate(per_rep(without, [&](const auto& x) { return at(x, model::kPermanentFte, last) / N; })),
               std::exp(-0.3 * T / kYear));
    CHECK_STAT(estimate(per_rep(with, [&](const auto& x) { return at(x, model::kPermanentFte, last) / N; })),
               std::exp(-0.3 * (t0 + factor * (T - t0)) / kYear));
    // Common random numbers: before the date the two runs are identical; after
    // it nobody leaves earlier with the uplift than without.
    for (std::size_t i = 0; i < with.size(); ++i) {
        for (std::size_t m = 0; m <= 6; ++m) CHECK(at(with[i], model::kPermanentFte, m) == at(without[i], model::kPermanentFte, m));
        for (std::size_t m = 7; m <= last; ++m) CHECK(at(with[i], model::kPermanentFte, m) >= at(without[i], model::kPermanentFte, m));
    }
}

TEST_CASE("pay uplift: with no market_salary given, the market stays at the pre-uplift salary",
          "[mechanism][interventions][leaving]") {
    // market_salary (off) "means the same as salary, so the pay gap is
    // neutral"; pay_uplift "raises salaries (and nothing else)". So after an
    // uplift the worker is paid above the market and leaves less, exactly as
    // when market_salary is written out as the original salary.
    const int N = 500;
    const std::string yaml = scenario(N, "12 months") +
                             "leaving:\n"
                             "  base_rate: {sw: 0.3}\n"
                             "  pay_elasticity: -2\n"
                             "recruitment: {method: none}\n"
                             "interventions:\n"
                             "  - {at: 2016-04-01, pay_uplift: {sw: 0.1}}\n";
    const auto cal = calendar_of(yaml);
    const double T = cal.month_end(cal.months());
    const auto reps = simulate(yaml, 200, 303);
    CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, 12) / N; })),
               std::exp(-0.3 * std::pow(1.1, -2.0) * T / kYear));
}

TEST_CASE("interventions: set changes any key from its date", "[mechanism][interventions]") {
    const int N = 500;
    const std::string yaml = scenario(N, "12 months") +
                             "leaving:\n"
                             "  base_rate: {sw: 0.1}\n"
                             "recruitment: {method: none}\n"
                             "interventions:\n"
                             "  - {at: 2016-10-01, name: worse, set: {leaving.base_rate.sw: 0.4}}\n";
    const auto cal = calendar_of(yaml);
    const auto reps = simulate(yaml, 100, 304);
    for (std::size_t m : {6u, 12u}) {
        INFO("month " << m);
        const double t = cal.month_end(m);
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, m) / N; })),
                   std::exp(-(0.1 * std::min(t, 183.0) + 0.4 * std::max(0.0, t - 183)) / kYear));
    }
}

// ---------------------------------------------------------------- 4. ASYE

TEST_CASE("ASYE: a cohort passes with pass_rate, those who fail leave the profession", "[mechanism][asye]") {
    // 100 newly qualified workers join 100 vacant ASYE posts on the first day
    // (a pipeline with no training). After 12 months each passes with 0.7 and
    // is regraded to sw in place (there are no sw posts); the others leave
    // social work.
    const int N = 100;
    const double p = 0.7;
    const std::string yaml = "name: asye\n"
                             "start: 2016-04-01\n"
                             "horizon: 14 months\n"
                             "grades:\n"
                             "  asye: {salary: 25000, caseload_weight: 0.7}\n"
                             "  sw: {salary: 30000}\n"
                             "establishment:\n"
                             "  teams:\n"
                             "    north: {asye: 100}\n"
                             "initial_staff:\n"
                             "  vacancies: {asye: 100}\n"
                             "recruitment: {method: none}\n"
                             "pipelines:\n"
                             "  - {name: graduates, kind: university, grade: asye, first_intake: 2016-04-01, trainees: 100}\n"
                             "asye: {grade: asye, next_grade: sw, length: 12 months, pass_rate: 0.7, cost_per_person: 1200}\n";
    const auto cal = calendar_of(yaml);
    REQUIRE(month_of(cal, kYear) == 13);
    const auto reps = simulate(yaml, 100, 401);
    for (const auto& x : reps) {
        CHECK(at(x, model::kStarters, 1) == N);
        for (std::size_t m = 1; m <= 12; ++m) CHECK(at(x, model::kAsyeFte, m) == N);
        CHECK(at(x, model::kAsyeFte, 13) == 0);
        const double failed = at(x, model::kLeaversOutOfProfession, 13);
        CHECK(sum_to(x, model::kLeavers, 14) == failed);
        CHECK(at(x, model::kPermanentFte, 13) == N - failed);
        // The passers are paid as sw from the end of their ASYE year.
        CHECK_EXACT(at(x, model::kSpendPermanent, 14), (N - failed) * 30000 * month_days(cal, 14) / kYear);
        // The programme cost, 1200 a person, is spread over the year.
        for (std::size_t m = 1; m <= 12; ++m) CHECK_EXACT(at(x, model::kSpendTraining, m), N * 1200 * month_days(cal, m) / kYear);
        CHECK_EXACT(sum_to(x, model::kSpendTraining, 14), N * 1200.0);
    }
    const auto passed = per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, 14) / N; });
    const double pooled = std::accumulate(passed.begin(), passed.end(), 0.0) / static_cast<double>(passed.size());
    CHECK_STAT((Estimate{pooled, std::sqrt(p * (1 - p) / (N * static_cast<double>(reps.size())))}), p);
    CHECK_STAT(estimate(passed), p);
}

// ---------------------------------------------------------------- 5. agency cover

TEST_CASE("agency: a vacancy is covered with fill_probability, fill_delay after it empties", "[mechanism][agency]") {
    const int N = 500;
    const double r = 0.5, q = 0.6, delay = kYear / 12;
    const std::string yaml = scenario(N, "12 months") +
                             "leaving:\n"
                             "  base_rate: {sw: 0.5}\n"
                             "recruitment: {method: none}\n"
                             "agency: {fill_probability: 0.6, fill_delay: 1 month, cost_per_year: 78000}\n";
    const auto reps = simulate(yaml, 100, 501);
    const auto cal = calendar_of(yaml);
    // A post is covered at t when its holder left before t - delay and the
    // cover draw succeeded: N q (1 - exp(-r (t - delay))).
    for (std::size_t m : {1u, 3u, 6u, 12u}) {
        INFO("month " << m);
        const double t = cal.month_end(m);
        if (t <= delay) {
            for (const auto& x : reps) CHECK(at(x, model::kAgencyCoveredFte, m) == 0);
            continue;
        }
        const double expected = N * q * (1 - std::exp(-r * (t - delay) / kYear));
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kAgencyCoveredFte, m); })), expected);
    }

    SECTION("with no delay the covered share of vacancies is fill_probability") {
        const std::string now = scenario(N, "12 months") +
                                "leaving:\n"
                                "  base_rate: {sw: 0.5}\n"
                                "recruitment: {method: none}\n"
                                "agency: {fill_probability: 0.6}\n";
        double covered = 0, vacancies = 0;
        for (const auto& x : simulate(now, 50, 502)) {
            for (std::size_t m = 1; m <= 12; ++m) CHECK(at(x, model::kAgencyCoveredFte, m) <= N - at(x, model::kPermanentFte, m));
            covered += at(x, model::kAgencyCoveredFte, 12);
            vacancies += N - at(x, model::kPermanentFte, 12);
        }
        // Given the vacancies, the covered count is binomial(vacancies, q).
        CHECK_STAT((Estimate{covered / vacancies, std::sqrt(q * (1 - q) / vacancies)}), q);
    }

    SECTION("a price cap below the cost caps the cost and scales the fill probability by (cap/cost)^elasticity; "
            "min_experience scales it by experienced_share") {
        // 400 posts vacant on the first day, nothing else happens: each is
        // covered with 0.6 x (60000/78000)^1 x 0.5, and covered posts cost
        // 60000 a year.
        const double q_eff = 0.6 * (60000.0 / 78000.0) * 0.5;
        const std::string capped = scenario(400, "6 months") +
                                   "initial_staff:\n"
                                   "  vacancies: {sw: 400}\n"
                                   "recruitment: {method: none}\n"
                                   "agency: {fill_probability: 0.6, cost_per_year: 78000, price_cap: 60000,\n"
                                   "         min_experience: 3 years, experienced_share: 0.5}\n";
        const auto cal = calendar_of(capped);
        const auto runs = simulate(capped, 50, 504);
        for (const auto& x : runs)
            for (std::size_t m = 1; m <= 6; ++m) {
                const double covered = at(x, model::kAgencyCoveredFte, 1);
                CHECK(at(x, model::kAgencyCoveredFte, m) == covered);
                CHECK_EXACT(at(x, model::kSpendAgency, m), covered * 60000 * month_days(cal, m) / kYear);
            }
        const auto share = per_rep(runs, [&](const auto& x) { return at(x, model::kAgencyCoveredFte, 1) / 400; });
        CHECK_STAT((Estimate{estimate(share).mean, std::sqrt(q_eff * (1 - q_eff) / (400 * 50.0))}), q_eff);
    }

    SECTION("agency workers convert to permanent at conversion_rate, whatever their leaving_rate") {
        // 400 posts vacant and covered on the first day; each worker ends the
        // assignment at 1 + 0.5 a year, converting with probability 0.5/1.5,
        // otherwise the post is covered again at once: conversions happen at
        // 0.5 a year per post.
        const std::string conv = scenario(400, "12 months") +
                                 "initial_staff:\n"
                                 "  vacancies: {sw: 400}\n"
                                 "recruitment: {method: none}\n"
                                 "agency: {fill_probability: 1, leaving_rate: 1, conversion_rate: 0.5}\n";
        const auto cal = calendar_of(conv);
        const auto runs = simulate(conv, 50, 505);
        for (const auto& x : runs)
            for (std::size_t m = 1; m <= 12; ++m) {
                CHECK(at(x, model::kAgencyCoveredFte, m) + at(x, model::kPermanentFte, m) == 400);
                CHECK(sum_to(x, model::kStarters, m) == at(x, model::kPermanentFte, m));
            }
        for (std::size_t m : {3u, 12u}) {
            INFO("month " << m);
            CHECK_STAT(estimate(per_rep(runs, [&](const auto& x) { return at(x, model::kPermanentFte, m) / 400; })),
                       1 - std::exp(-0.5 * cal.month_end(m) / kYear));
        }
    }

    SECTION("leavers to the agency market add to supply after the cooling-off period") {
        // No agency supply but what leavers bring: every leaver joins the
        // agency market 1 month after leaving and covers a queued vacancy.
        const std::string supply = scenario(N, "12 months") +
                                   "leaving:\n"
                                   "  base_rate: {sw: 0.5}\n"
                                   "  destinations: {other_employer: 0, agency: 1}\n"
                                   "recruitment: {method: none}\n"
                                   "agency: {fill_probability: 1, supply_limit: 0, from_leavers: true, cooling_off: 1 month}\n";
        const auto cal = calendar_of(supply);
        const auto runs = simulate(supply, 50, 506);
        for (const auto& x : runs) {
            CHECK(at(x, model::kAgencyCoveredFte, 1) == 0);
            for (std::size_t m = 1; m <= 12; ++m) CHECK(at(x, model::kAgencyCoveredFte, m) <= sum_to(x, model::kLeaversAgency, m));
        }
        for (std::size_t m : {4u, 12u}) {
            INFO("month " << m);
            CHECK_STAT(estimate(per_rep(runs, [&](const auto& x) { return at(x, model::kAgencyCoveredFte, m) / N; })),
                       1 - std::exp(-r * (cal.month_end(m) - delay) / kYear));
        }
    }

    SECTION("supply_limit caps the agency workers in use; the queue is served up to it") {
        const std::string capped = scenario(N, "12 months") +
                                   "leaving:\n"
                                   "  base_rate: {sw: 0.5}\n"
                                   "recruitment: {method: none}\n"
                                   "agency: {fill_probability: 1, supply_limit: 20}\n";
        for (const auto& x : simulate(capped, 20, 503))
            for (std::size_t m = 1; m <= 12; ++m) {
                INFO("month " << m);
                CHECK(at(x, model::kAgencyCoveredFte, m) == std::min(20.0, N - at(x, model::kPermanentFte, m)));
            }
    }
}

// ---------------------------------------------------------------- 6. recruitment campaigns

TEST_CASE("recruitment: an advert succeeds with 1-exp(-applicants x appointable x acceptance), and fills take length/P",
          "[mechanism][recruitment]") {
    // 200 posts all vacant on the first day; nobody leaves. Each advert runs
    // 4 weeks and succeeds with P = 1 - exp(-4 x 0.5 x 0.3); a failed one is
    // placed again at once, so a post is filled after a geometric number of
    // adverts (mean 1/P), at a mean of 28/P days.
    const int N = 200;
    const double P = 1 - std::exp(-4 * 0.5 * 0.3);
    // start_as: new, so that every vacancy's first advert starts on the
    // first day (a running service's are part-way through theirs).
    const std::string yaml = scenario(N, "24 months") +
                             "initial_staff:\n"
                             "  start_as: new\n"
                             "  vacancies: {sw: 200}\n"
                             "recruitment:\n"
                             "  advert: {length: 4 weeks, cost: 1}\n"
                             "  applicants_per_advert: {sw: 4}\n"
                             "  appointable: 0.5\n"
                             "  offer_acceptance: 0.3\n";
    const auto reps = simulate(yaml, 50, 601);
    const auto cal = calendar_of(yaml);
    for (std::size_t m : {1u, 2u, 4u, 7u, 12u}) {
        INFO("month " << m);
        // Adverts completed by the month end (one ending exactly at it counts in the next month).
        int k = 0;
        while (28.0 * (k + 1) < cal.month_end(m)) ++k;
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, m) / N; })),
                   1 - std::pow(1 - P, k));
    }
    const std::size_t last = cal.months();
    for (const auto& x : reps) {
        CHECK(at(x, model::kPermanentFte, last) == N);  // P(a post unfilled after 26 adverts) ~ 2e-7
        CHECK(sum_to(x, model::kStarters, last) == N);
    }
    // Adverts per post (each costs 1): mean 1/P, so the mean time to fill is 28/P days.
    const auto adverts = per_rep(reps, [&](const auto& x) { return sum_to(x, model::kSpendRecruitment, last) / N; });
    CHECK_STAT(estimate(adverts), 1 / P);
    CHECK_STAT((Estimate{28 * estimate(adverts).mean, 28 * std::sqrt((1 - P) / (P * P) / (N * 50.0))}), 28 / P);

    SECTION("a golden hello whose effect grows with it: acceptance x (1 + amount/salary)^e") {
        // 3,000 pounds on a salary of 30,000 with elasticity 2 (and a fixed
        // 1.1 as well): acceptance 0.3 x 1.1 x 1.1^2, so adverts per post 1/P.
        const double Ph = 1 - std::exp(-4 * 0.5 * 0.3 * 1.1 * std::pow(1.1, 2.0));
        const std::string hello = yaml + "retention:\n  golden_hello: {amount: 3000, acceptance_multiplier: 1.1, acceptance_elasticity: 2}\n";
        const auto runs = simulate(hello, 50, 604);
        const auto per_post = per_rep(runs, [&](const auto& x) { return sum_to(x, model::kSpendRecruitment, last) / N; });
        CHECK_STAT(estimate(per_post), 1 / Ph);
        for (const auto& x : runs) CHECK(sum_to(x, model::kSpendRetention, last) == 3000.0 * N);  // one hello per starter
    }

    SECTION("fixed_delay: a first-day vacancy is filled uniformly within time_to_fill") {
        const std::string fixed = scenario(N, "6 months") +
                                  "initial_staff:\n"
                                  "  vacancies: {sw: 200}\n"
                                  "recruitment: {method: fixed_delay, time_to_fill: 4 months}\n";
        const auto c = calendar_of(fixed);
        const auto runs = simulate(fixed, 50, 603);
        for (std::size_t m : {1u, 2u, 3u}) {
            INFO("month " << m);
            CHECK_STAT(estimate(per_rep(runs, [&](const auto& x) { return at(x, model::kPermanentFte, m) / N; })),
                       c.month_end(m) / (kYear / 3));
        }
        for (const auto& x : runs) CHECK(at(x, model::kPermanentFte, 5) == N);  // all filled within 4 months
    }

    SECTION("pay against the market scales applicants and acceptance; marketing multiplies applicants") {
        // Pay 30000 against a market of 33000: applicants x 1.5 x (30/33)^2,
        // acceptance 0.3 x (30/33)^1.
        const double ratio = 30000.0 / 33000.0;
        const double Pm = 1 - std::exp(-4 * 1.5 * std::pow(ratio, 2) * 0.5 * 0.3 * ratio);
        const std::string market = scenario(N, "24 months", "2016-04-01", "{salary: 30000, market_salary: 33000}") +
                                   "initial_staff:\n"
                                   "  start_as: new\n"
                                   "  vacancies: {sw: 200}\n"
                                   "recruitment:\n"
                                   "  advert: {length: 4 weeks, cost: 1}\n"
                                   "  applicants_per_advert: {sw: 4}\n"
                                   "  applicant_pay_elasticity: 2\n"
                                   "  acceptance_pay_elasticity: 1\n"
                                   "  marketing_multiplier: 1.5\n"
                                   "  appointable: 0.5\n"
                                   "  offer_acceptance: 0.3\n";
        const auto runs = simulate(market, 50, 602);
        const auto per_post = per_rep(runs, [&](const auto& x) { return sum_to(x, model::kSpendRecruitment, last) / N; });
        CHECK_STAT(estimate(per_post), 1 / Pm);
    }
}

// ---------------------------------------------------------------- 7. costs

TEST_CASE("costs: pay and agency accrue as FTE x annual cost x days / 365.25, by month and financial year",
          "[mechanism][costs]") {
    // 12 posts, 4 vacant on the first day and all covered by agency; nothing
    // happens after. Start 1 January 2016, 18 months: financial years
    // 2015/16 (91 days), 2016/17 (365) and 2017/18 (91).
    const std::string head = "name: costs\n"
                             "start: 2016-01-01\n"
                             "horizon: 18 months\n"
                             "grades:\n"
                             "  sw: {salary: 30000, on_costs: 0.25}\n"
                             "establishment:\n"
                             "  teams:\n"
                             "    north: {sw: 9}\n"
                             "    south: {sw: 3}\n"
                             "initial_staff:\n"
                             "  vacancies: {sw: 4}\n"
                             "  agency_covered: 1\n"
                             "recruitment: {method: none}\n";
    for (const auto& [agency, cost] : std::vector<std::pair<std::string, double>>{
             {"agency: {fill_probability: 1, cost_per_year: 78000}\n", 78000.0},
             {"agency: {fill_probability: 1, day_rate: 350, days_per_year: 220}\n", 350.0 * 220}}) {
        INFO(agency);
        const std::string yaml = head + agency;
        const auto cal = calendar_of(yaml);
        REQUIRE(cal.financial_years() == 3);
        const double fy_days[3] = {91, 365, 91};
        for (const auto& x : simulate(yaml, 2, 701)) {
            for (std::size_t m = 1; m <= cal.months(); ++m) {
                INFO("month " << m);
                CHECK(at(x, model::kPermanentFte, m) == 8);
                CHECK(at(x, model::kAgencyCoveredFte, m) == 4);
                CHECK_EXACT(at(x, model::kSpendPermanent, m), 8 * 30000 * 1.25 * month_days(cal, m) / kYear);
                CHECK_EXACT(at(x, model::kSpendAgency, m), 4 * cost * month_days(cal, m) / kYear);
                CHECK_EXACT(at(x, model::kSpendTotal, m), (8 * 37500 + 4 * cost) * month_days(cal, m) / kYear);
            }
            for (std::size_t y = 0; y < 3; ++y) {
                INFO("financial year " << cal.fy_label(y));
                CHECK_EXACT(x.financial_years[y][model::kPermanent], 8 * 37500 * fy_days[y] / kYear);
                CHECK_EXACT(x.financial_years[y][model::kAgency], 4 * cost * fy_days[y] / kYear);
            }
        }
    }
}

TEST_CASE("costs: spend_total is the sum of the components in every month and financial year", "[mechanism][costs]") {
    // Everything that costs money at once, with events at random times.
    const std::string yaml = "name: busy\n"
                             "start: 2016-04-01\n"
                             "horizon: 36 months\n"
                             "grades:\n"
                             "  asye: {salary: 27000, on_costs: 0.28, market_salary: 28500, caseload_weight: 0.7}\n"
                             "  sw: {salary: 30000, on_costs: 0.28, market_salary: 32000}\n"
                             "establishment:\n"
                             "  teams:\n"
                             "    north: {asye: 10, sw: 40}\n"
                             "    south: {asye: 5, sw: 25.5}\n"
                             "initial_staff:\n"
                             "  vacancies: {sw: 10, asye: 3}\n"
                             "leaving:\n"
                             "  base_rate: {sw: 0.2, asye: 0.25}\n"
                             "  pay_elasticity: -1\n"
                             "  notice: 1 month\n"
                             "recruitment:\n"
                             "  advert: {length: 6 weeks, cost: 1500}\n"
                             "  applicants_per_advert: {sw: 2, asye: 3}\n"
                             "  appointable: 0.6\n"
                             "  cost_per_hire: 3000\n"
                             "  marketing_cost: 12000\n"
                             "pipelines:\n"
                             "  - {name: step up, kind: step_up, grade: asye, first_intake: 2016-09-01, trainees: 6,\n"
                             "     training: 14 months, cost_per_trainee: 20000, salary: 18000}\n"
                             "asye: {grade: asye, next_grade: sw, pass_rate: 0.9, cost_per_person: 2000}\n"
                             "retention:\n"
                             "  market_supplement: {grades: [sw], share: 0.05, after: 1 year}\n"
                             "  bonuses:\n"
                             "    - {name: key skills, at_service: 18 months, amount: 3000, clawback_within: 12 months}\n"
                             "  golden_hello: {amount: 2000, clawback_within: 6 months}\n"
                             "  relocation: {amount: 5000, share_of_hires: 0.2}\n"
                             "  recognition: {awards_per_year: 80, value: 50, extra_leave_days: 1}\n"
                             "agency:\n"
                             "  fill_probability: 0.8\n"
                             "  fill_delay: 3 weeks\n"
                             "  cost_per_year: 78000\n"
                             "  leaving_rate: 2\n"
                             "  cover_absence: 0.5\n"
                             "absence: {rate: 0.04}\n";
    const auto cal = calendar_of(yaml);
    REQUIRE(cal.financial_years() == 3);
    for (const auto& x : simulate(yaml, 4, 702)) {
        model::Amounts by_month_in_fy[3] = {};
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            INFO("month " << m);
            double components = 0;
            for (int c = 0; c < model::kComponents; ++c) {
                components += at(x, model::kSpendPermanent + c, m);
                by_month_in_fy[(m - 1) / 12][static_cast<std::size_t>(c)] += at(x, model::kSpendPermanent + c, m);
            }
            CHECK_EXACT(at(x, model::kSpendTotal, m), components);
        }
        for (std::size_t y = 0; y < 3; ++y) {
            INFO("financial year " << cal.fy_label(y));
            double fy_total = 0, months_total = 0;
            for (int c = 0; c < model::kComponents; ++c) {
                CHECK_EXACT(x.financial_years[y][static_cast<std::size_t>(c)], by_month_in_fy[y][static_cast<std::size_t>(c)]);
                fy_total += x.financial_years[y][static_cast<std::size_t>(c)];
            }
            for (std::size_t m = 12 * y + 1; m <= 12 * y + 12; ++m) months_total += at(x, model::kSpendTotal, m);
            CHECK_EXACT(fy_total, months_total);
        }
        // Something of every component was spent.
        for (int c = 0; c < model::kComponents; ++c) CHECK(x.financial_years[1][static_cast<std::size_t>(c)] > 0);
    }
}

// ---------------------------------------------------------------- 8. golden hellos and market supplements

TEST_CASE("golden hello: paid to each recruited starter, repaid by those leaving within the window",
          "[mechanism][retention]") {
    // 100 vacant posts all filled on day 28 (an advert nobody fails: 1000
    // applicants); recruitment then stops, so these are the only starters.
    // They leave at 0.5 a year. The 2000 hello is repaid by those who leave
    // within 186 days of starting, i.e. before day 214, the end of month 6.
    const int N = 100;
    const double hello = 2000;
    const std::string yaml = scenario(N, "12 months") +
                             "initial_staff:\n"
                             "  vacancies: {sw: 100}\n"
                             "  start_as: new\n"  // every advert placed on the first day
                             "leaving:\n"
                             "  base_rate: {sw: 0.5}\n"
                             "recruitment:\n"
                             "  advert: {length: 4 weeks}\n"
                             "  applicants_per_advert: {sw: 1000}\n"
                             "retention:\n"
                             "  golden_hello: {amount: 2000, clawback_within: 186 days}\n"
                             "interventions:\n"
                             "  - {at: 2016-04-29, name: stop recruiting, set: {recruitment.method: none}}\n";
    const auto cal = calendar_of(yaml);
    REQUIRE(cal.month_end(1) == 30);
    REQUIRE(cal.month_end(7) == 28 + 186);
    const auto reps = simulate(yaml, 30, 801);
    for (const auto& x : reps) {
        CHECK(at(x, model::kStarters, 1) == N);
        CHECK(sum_to(x, model::kStarters, 12) == N);
        for (std::size_t m = 1; m <= 12; ++m) {
            INFO("month " << m);
            const double leavers = at(x, model::kLeavers, m);
            const double clawed = at(x, model::kRetentionClawback, m);
            CHECK_EXACT(clawed, m <= 7 ? hello * leavers : 0.0);
            CHECK_EXACT(at(x, model::kSpendRetention, m), (m == 1 ? hello * N : 0.0) - clawed);
        }
        CHECK(sum_to(x, model::kLeavers, 12) > sum_to(x, model::kLeavers, 7));  // leavers after the window repay nothing
    }
    // Share repaying: those leaving within 186 days of starting.
    CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return sum_to(x, model::kRetentionClawback, 12) / (hello * N); })),
               1 - std::exp(-0.5 * 186 / kYear));
}

TEST_CASE("market supplement: paid from the end of the qualifying period", "[mechanism][retention]") {
    // 50 staff with no service on the first day; a 10% supplement after 1 year
    // of service. spend_retention is 0 for 12 months, then accrues at
    // 50 x 0.1 x 30000 a year from day 365.25.
    const int N = 50;
    const std::string yaml = scenario(N, "15 months") +
                             "initial_staff:\n"
                             "  tenure: {distribution: uniform, mean: 0 days}\n"
                             "recruitment: {method: none}\n"
                             "retention:\n"
                             "  market_supplement: {grades: [sw], share: 0.1, after: 1 year}\n";
    const auto cal = calendar_of(yaml);
    REQUIRE(cal.month_end(12) == 365);
    const double rate = N * 0.1 * 30000 / kYear;  // per day
    for (const auto& x : simulate(yaml, 2, 802))
        for (std::size_t m = 1; m <= cal.months(); ++m) {
            INFO("month " << m);
            const double from = m ? cal.month_end(m - 1) : 0.0;
            const double days = std::max(0.0, cal.month_end(m) - std::max(from, kYear));
            CHECK_EXACT(at(x, model::kSpendRetention, m), rate * days);
            CHECK_EXACT(at(x, model::kSpendPermanent, m), N * 30000 * month_days(cal, m) / kYear);
        }
}

TEST_CASE("market supplement: it is pay, lowering leaving through pay_elasticity", "[mechanism][retention][leaving]") {
    // First-day staff with no service, a 10% supplement from the start
    // (after: 0 days), elasticity -2 at market pay: hazard 0.3 x 1.1^-2.
    const int N = 500;
    const std::string yaml = scenario(N, "12 months") +
                             "leaving:\n"
                             "  base_rate: {sw: 0.3}\n"
                             "  pay_elasticity: -2\n"
                             "recruitment: {method: none}\n"
                             "retention:\n"
                             "  market_supplement: {grades: [sw], share: 0.1}\n";
    const auto cal = calendar_of(yaml);
    const auto reps = simulate(yaml, 100, 803);
    CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, 12) / N; })),
               std::exp(-0.3 * std::pow(1.1, -2.0) * cal.month_end(12) / kYear));
}

TEST_CASE("recognition awards: cost awards x (value + leave days x a day's pay), and lower leaving",
          "[mechanism][retention][leaving]") {
    const int N = 500;
    const std::string yaml = scenario(N, "12 months") +
                             "leaving:\n"
                             "  base_rate: {sw: 0.3}\n"
                             "recruitment: {method: none}\n"
                             "retention:\n"
                             "  recognition: {awards_per_year: 80, value: 50, extra_leave_days: 1, leaving_multiplier: 0.8}\n";
    const auto cal = calendar_of(yaml);
    const auto reps = simulate(yaml, 100, 804);
    // A day's pay: 30000 over 220 working days (README).
    const double per_year = 80 * (50 + 30000.0 / 220);
    for (const auto& x : reps)
        for (std::size_t m = 1; m <= 12; ++m) CHECK_EXACT(at(x, model::kSpendRetention, m), per_year * month_days(cal, m) / kYear);
    CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, 12) / N; })),
               std::exp(-0.3 * 0.8 * cal.month_end(12) / kYear));
}

// ---------------------------------------------------------------- 9. establishment

TEST_CASE("establishment: changes and extra_posts add and remove posts on their dates", "[mechanism][establishment]") {
    // 10 posts, all filled, nobody leaves or is recruited.
    // 2016-07-01 (the start of month 4): extra_posts +2.5; 2016-10-01 (month 7):
    // +5; 2017-01-01 (month 10): -3, taken from the vacant posts.
    const std::string with_changes = "name: establishment\n"
                                     "start: 2016-04-01\n"
                                     "horizon: 12 months\n"
                                     "grades:\n"
                                     "  sw: {salary: 30000}\n"
                                     "establishment:\n"
                                     "  teams:\n"
                                     "    north: {sw: 10}\n"
                                     "  changes:\n"
                                     "    - {at: 2016-10-01, team: north, sw: +5}\n"
                                     "    - {at: 2017-01-01, team: north, sw: -3}\n"
                                     "recruitment: {method: none}\n"
                                     "interventions:\n"
                                     "  - {at: 2016-07-01, name: extra, extra_posts: {north: {sw: 2.5}}}\n";
    const auto cal = calendar_of(with_changes);
    REQUIRE(cal.month_end(3) == 91);
    REQUIRE(cal.month_end(6) == 183);
    REQUIRE(cal.month_end(9) == 275);
    for (const auto& x : simulate(with_changes, 2, 901))
        for (std::size_t m = 1; m <= 12; ++m) {
            INFO("month " << m);
            const double est = m <= 3 ? 10 : m <= 6 ? 12.5 : m <= 9 ? 17.5 : 14.5;
            CHECK_EXACT(at(x, model::kEstablishmentFte, m), est);
            CHECK(at(x, model::kPermanentFte, m) == 10);
            CHECK_EXACT(at(x, model::kVacantFte, m), est - 10);
        }
}

TEST_CASE("establishment: a removal of whole FTE removes exactly that FTE when part-time posts are vacant",
          "[mechanism][establishment]") {
    // extra_posts +2.5 makes posts of 1, 1 and 0.5 FTE; a later change of -1
    // should leave 11.5 FTE of posts, not 11.
    const std::string yaml = "name: establishment\n"
                             "start: 2016-04-01\n"
                             "horizon: 6 months\n"
                             "grades:\n"
                             "  sw: {salary: 30000}\n"
                             "establishment:\n"
                             "  teams:\n"
                             "    north: {sw: 10}\n"
                             "  changes:\n"
                             "    - {at: 2016-07-01, team: north, sw: -1}\n"
                             "recruitment: {method: none}\n"
                             "interventions:\n"
                             "  - {at: 2016-05-01, name: extra, extra_posts: {north: {sw: 2.5}}}\n";
    for (const auto& x : simulate(yaml, 1, 902)) {
        CHECK_EXACT(at(x, model::kEstablishmentFte, 2), 12.5);
        CHECK_EXACT(at(x, model::kEstablishmentFte, 4), 11.5);
    }
}

TEST_CASE("initial staff: vacancies are FTE, also with a part-time post", "[mechanism][initial_staff]") {
    // 5.5 FTE of posts (five full-time and one half-time) with 1 FTE vacant:
    // 4.5 FTE in post.
    const std::string yaml = "name: vacancies\n"
                             "start: 2016-04-01\n"
                             "horizon: 2 months\n"
                             "grades:\n"
                             "  sw: {salary: 30000}\n"
                             "establishment:\n"
                             "  teams:\n"
                             "    north: {sw: 5.5}\n"
                             "initial_staff:\n"
                             "  vacancies: {sw: 1}\n"
                             "recruitment: {method: none}\n";
    for (const auto& x : simulate(yaml, 1, 903)) {
        CHECK_EXACT(at(x, model::kEstablishmentFte, 1), 5.5);
        CHECK_EXACT(at(x, model::kPermanentFte, 1), 4.5);
        CHECK_EXACT(at(x, model::kVacantFte, 1), 1.0);
    }
}

// ---------------------------------------------------------------- 10. pipelines

TEST_CASE("pipelines: an intake joins vacant posts after its training, the rest are unplaced", "[mechanism][pipelines]") {
    // Intake on 2016-06-01 (day 61), 26 weeks (182 days) of training: they
    // join on day 243, in month 7. Training costs 5000 per trainee spread over
    // the training, plus pay of 18000 a year while training.
    auto yaml = [](int vacancies, int trainees, const std::string& extra = "") {
        return scenario(20, "12 months") +
               "initial_staff:\n"
               "  vacancies: {sw: " + std::to_string(vacancies) + "}\n"
               "recruitment: {method: none}\n"
               "pipelines:\n"
               "  - {name: step up, kind: step_up, grade: sw, first_intake: 2016-06-01, trainees: " +
               std::to_string(trainees) + ", training: 26 weeks, cost_per_trainee: 5000, salary: 18000" + extra + "}\n";
    };
    const auto cal = calendar_of(yaml(20, 20));
    const double join = 61 + 182;
    REQUIRE(month_of(cal, join) == 8);
    struct Case { int vacancies, trainees; double starters, unplaced; };
    for (const Case c : {Case{20, 20, 20, 0}, Case{12, 20, 12, 8}, Case{0, 20, 0, 20}}) {
        INFO("vacancies " << c.vacancies << ", trainees " << c.trainees);
        for (const auto& x : simulate(yaml(c.vacancies, c.trainees), 2, 1001)) {
            for (std::size_t m = 1; m <= 12; ++m) {
                INFO("month " << m);
                CHECK(at(x, model::kStarters, m) == (m == 8 ? c.starters : 0.0));
                CHECK(at(x, model::kPipelineUnplaced, m) == (m == 8 ? c.unplaced : 0.0));
                CHECK(at(x, model::kPermanentFte, m) == 20 - c.vacancies + (m >= 8 ? c.starters : 0.0));
            }
            CHECK_EXACT(sum_to(x, model::kSpendTraining, 12), c.trainees * (5000 + 18000 * 182 / kYear));
            CHECK(sum_to(x, model::kSpendTraining, 2) == 0);  // before the intake
            CHECK(at(x, model::kSpendTraining, 9) == 0);       // after the joining
        }
    }

    SECTION("intakes repeat every `every` until last_intake") {
        // Intakes of 5 on 2016-06-01, 2016-12-01 and 2017-06-01 (every 6
        // months keeps the day of the month); none after last_intake (2017-07-01).
        const std::string repeated = scenario(20, "18 months") +
                                     "initial_staff:\n"
                                     "  vacancies: {sw: 20}\n"
                                     "recruitment: {method: none}\n"
                                     "pipelines:\n"
                                     "  - {name: uni, kind: university, grade: sw, first_intake: 2016-06-01, every: 6 months,\n"
                                     "     last_intake: 2017-07-01, trainees: 5}\n";
        const auto c = calendar_of(repeated);
        std::vector<double> expected(c.months() + 1, 0.0);
        for (double t : {61.0, 61.0 + 183, 61.0 + 365}) expected[month_of(c, t)] += 5;
        for (const auto& x : simulate(repeated, 1, 1004))
            for (std::size_t m = 1; m <= c.months(); ++m) {
                INFO("month " << m);
                CHECK(at(x, model::kStarters, m) == expected[m]);
            }
    }

    SECTION("completion and join thin the cohort binomially") {
        const int T = 50;
        const auto reps = simulate(scenario(50, "12 months") +
                                       "initial_staff:\n"
                                       "  vacancies: {sw: 50}\n"
                                       "recruitment: {method: none}\n"
                                       "pipelines:\n"
                                       "  - {name: uni, kind: university, grade: sw, first_intake: 2016-06-01, trainees: 50,\n"
                                       "     training: 26 weeks, completion: 0.8, join: 0.75}\n",
                                   200, 1002);
        const double p = 0.8 * 0.75;
        const auto share = per_rep(reps, [&](const auto& x) { return at(x, model::kStarters, 8) / T; });
        CHECK_STAT(estimate(share), p);
        CHECK_STAT((Estimate{estimate(share).mean, std::sqrt(p * (1 - p) / (T * 200.0))}), p);
    }
}

TEST_CASE("pipelines: an intake falling on the last_intake date is made", "[mechanism][pipelines]") {
    // first_intake 2016-06-01, every 12 months, last_intake 2017-06-01: "no
    // intake after this date", so two intakes, on 2016-06-01 and on
    // 2017-06-01 (day 426.25: a year is 365.25 days, so the second intake
    // falls a quarter-day into 2017-06-01, which is not after that date).
    const std::string yaml = scenario(20, "18 months") +
                             "initial_staff:\n"
                             "  vacancies: {sw: 20}\n"
                             "recruitment: {method: none}\n"
                             "pipelines:\n"
                             "  - {name: uni, kind: university, grade: sw, first_intake: 2016-06-01, every: 12 months,\n"
                             "     last_intake: 2017-06-01, trainees: 5}\n";
    const auto cal = calendar_of(yaml);
    REQUIRE(cal.month_end(14) == 426);  // 2017-06-01 starts month 15
    for (const auto& x : simulate(yaml, 1, 1005)) {
        CHECK(at(x, model::kStarters, 3) == 5);
        CHECK(at(x, model::kStarters, 15) == 5);
        CHECK(sum_to(x, model::kStarters, cal.months()) == 10);
    }
}

TEST_CASE("pipelines: completers with a team join a post in that team only", "[mechanism][pipelines]") {
    // `pipelines[].team`: "the team they join; (off) means any team". South
    // has no vacant post, north has 10: a cohort for south is unplaced.
    // All 20 first-day posts are filled; on the first day north gets 10 new
    // (vacant) posts. South has none vacant.
    const std::string full_south = "name: pipeline team\n"
                                   "start: 2016-04-01\n"
                                   "horizon: 3 months\n"
                                   "grades:\n"
                                   "  sw: {salary: 30000}\n"
                                   "establishment:\n"
                                   "  teams:\n"
                                   "    north: {sw: 10}\n"
                                   "    south: {sw: 10}\n"
                                   "  changes:\n"
                                   "    - {at: 2016-04-01, team: north, sw: +10}\n"
                                   "recruitment: {method: none}\n"
                                   "pipelines:\n"
                                   "  - {name: south cohort, kind: grow_our_own, grade: sw, team: south, first_intake: 2016-05-01, trainees: 4}\n";
    for (const auto& x : simulate(full_south, 1, 1003)) {
        CHECK(at(x, model::kVacantFte, 1) == 10);  // the 10 new north posts
        CHECK(at(x, model::kStarters, 2) == 0);
        CHECK(at(x, model::kPipelineUnplaced, 2) == 4);
    }
}

// ---------------------------------------------------------------- progression, caseload, early leaving

TEST_CASE("progression: without requires_vacancy staff are regraded after `after`, at hazard `rate`",
          "[mechanism][progression]") {
    // 200 sw with no service; progression to senior (salary 40000) after 6
    // months at 0.5 a year. Permanent spend in a month is the integral of
    // 200 x (30000 + 10000 F(t)) / 365.25 with F(t) = 1 - exp(-0.5 (t - a)).
    const int N = 200;
    const double a = kYear / 2, lambda = 0.5 / kYear;
    const std::string yaml = "name: progression\n"
                             "start: 2016-04-01\n"
                             "horizon: 24 months\n"
                             "grades:\n"
                             "  sw: {salary: 30000}\n"
                             "  senior: {salary: 40000}\n"
                             "establishment:\n"
                             "  teams:\n"
                             "    north: {sw: 200}\n"
                             "initial_staff:\n"
                             "  tenure: {distribution: uniform, mean: 0 days}\n"
                             "recruitment: {method: none}\n"
                             "progression:\n"
                             "  - {from: sw, to: senior, after: 6 months, rate: 0.5, requires_vacancy: false}\n";
    const auto cal = calendar_of(yaml);
    const auto reps = simulate(yaml, 100, 1101);
    auto integral_F = [&](double lo, double hi) {  // integral of F over [lo, hi]
        lo = std::max(lo, a);
        if (hi <= lo) return 0.0;
        return (hi - lo) - (std::exp(-lambda * (lo - a)) - std::exp(-lambda * (hi - a))) / lambda;
    };
    for (std::size_t m : {4u, 7u, 12u, 24u}) {
        INFO("month " << m);
        const double lo = m ? cal.month_end(m - 1) : 0.0, hi = cal.month_end(m);
        const double expected = N * (30000 * (hi - lo) + 10000 * integral_F(lo, hi)) / kYear;
        if (hi <= a) {  // nobody is eligible yet
            for (const auto& x : reps) CHECK_EXACT(at(x, model::kSpendPermanent, m), N * 30000 * (hi - lo) / kYear);
            continue;
        }
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kSpendPermanent, m); })), expected);
    }

    SECTION("with requires_vacancy they move into vacant posts of the grade, leaving their own vacant") {
        const std::string moves = "name: progression\n"
                                  "start: 2016-04-01\n"
                                  "horizon: 12 months\n"
                                  "grades:\n"
                                  "  sw: {salary: 30000}\n"
                                  "  senior: {salary: 40000}\n"
                                  "establishment:\n"
                                  "  teams:\n"
                                  "    north: {sw: 100, senior: 10}\n"
                                  "initial_staff:\n"
                                  "  vacancies: {senior: 10}\n"
                                  "recruitment: {method: none}\n"
                                  "progression:\n"
                                  "  - {from: sw, to: senior, rate: 5}\n";
        const auto c = calendar_of(moves);
        for (const auto& x : simulate(moves, 3, 1102)) {
            CHECK(at(x, model::kPermanentFte, 12) == 100);
            CHECK(at(x, model::kVacantFte, 12) == 10);
            CHECK_EXACT(at(x, model::kSpendPermanent, 12), (90 * 30000 + 10 * 40000) * month_days(c, 12) / kYear);
        }
    }
}

TEST_CASE("caseload: cases over case-holding capacity net of absence, pressure above the threshold raises leaving",
          "[mechanism][caseload]") {
    SECTION("caseload per worker, weights and absence, exactly") {
        // 10 sw (weight 1) and 4 ASYE-like juniors of weight 0.5 hold 150
        // cases growing 5% a year; 10% absence, half of it covered by agency.
        const std::string yaml = "name: caseload\n"
                                 "start: 2016-04-01\n"
                                 "horizon: 12 months\n"
                                 "grades:\n"
                                 "  sw: {salary: 30000}\n"
                                 "  junior: {salary: 25000, caseload_weight: 0.5}\n"
                                 "establishment:\n"
                                 "  teams:\n"
                                 "    north: {sw: 10, junior: 4}\n"
                                 "recruitment: {method: none}\n"
                                 "agency: {fill_probability: 1, cost_per_year: 78000, cover_absence: 0.5}\n"
                                 "caseload:\n"
                                 "  cases: {north: 150}\n"
                                 "  growth: 0.05\n"
                                 "absence: {rate: 0.1}\n";
        const auto cal = calendar_of(yaml);
        for (const auto& x : simulate(yaml, 1, 1201))
            for (std::size_t m = 1; m <= 12; ++m) {
                INFO("month " << m);
                const double cases = 150 * std::pow(1.05, cal.month_end(m) / kYear);
                CHECK_EXACT(at(x, model::kCaseloadPerWorker, m), cases / ((10 + 4 * 0.5) * 0.9));
                CHECK_EXACT(at(x, model::kAbsenceFte, m), 0.1 * 14);
                CHECK_EXACT(at(x, model::kAgencyFte, m), 0.5 * 0.1 * 14);
                CHECK_EXACT(at(x, model::kSpendAgency, m), 0.5 * 0.1 * 14 * 78000 * month_days(cal, m) / kYear);
            }
    }
    SECTION("pressure multiplies leaving by 1 + per_case x (caseload - threshold)") {
        // 500 workers, 10000 cases: 20 per worker, 10 above the threshold:
        // hazard 0.2 x 1.5. Leavers are replaced by agency cover at once
        // (which holds cases), so the caseload stays at 20.
        const int N = 500;
        const std::string yaml = scenario(N, "12 months") +
                                 "leaving:\n"
                                 "  base_rate: {sw: 0.2}\n"
                                 "  caseload_pressure: {threshold: 10, per_case: 0.05}\n"
                                 "recruitment: {method: none}\n"
                                 "agency: {fill_probability: 1}\n"
                                 "caseload:\n"
                                 "  cases: {north: 10000}\n";
        const auto cal = calendar_of(yaml);
        const auto reps = simulate(yaml, 100, 1202);
        for (const auto& x : reps) CHECK_EXACT(at(x, model::kCaseloadPerWorker, 12), 20.0);
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, 12) / N; })),
                   std::exp(-0.2 * 1.5 * cal.month_end(12) / kYear));
    }
    SECTION("agency pressure multiplies leaving by 1 + slope x (agency share - threshold)") {
        // 1000 posts, 500 vacant and covered on the first day: agency share
        // 0.5, hazard 0.2 x 1.3. Pressures are re-read once a year, so the
        // multiplier read on the first day holds for the whole horizon.
        const std::string yaml = scenario(1000, "12 months") +
                                 "initial_staff:\n"
                                 "  vacancies: {sw: 500}\n"
                                 "  agency_covered: 1\n"
                                 "leaving:\n"
                                 "  base_rate: {sw: 0.2}\n"
                                 "  agency_pressure: {threshold: 0.2, slope: 1}\n"
                                 "  pressure_review: 12 months\n"
                                 "recruitment: {method: none}\n"
                                 "agency: {fill_probability: 1}\n";
        const auto cal = calendar_of(yaml);
        const auto reps = simulate(yaml, 100, 1203);
        for (const auto& x : reps) CHECK(at(x, model::kAgencyFte, 12) + at(x, model::kPermanentFte, 12) == 1000);
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, 12) / 500; })),
                   std::exp(-0.2 * 1.3 * cal.month_end(12) / kYear));
    }
}

TEST_CASE("early leaving: new starters' extra hazard for the early period, scaled by induction",
          "[mechanism][recruitment][leaving]") {
    // 500 joiners on day 0 (pipeline, no training). Base hazard 0.2, extra
    // 2.0 x 0.5 for the first 3 months.
    const int N = 500;
    const std::string yaml = scenario(N, "12 months") +
                             "initial_staff:\n"
                             "  vacancies: {sw: 500}\n"
                             "leaving:\n"
                             "  base_rate: {sw: 0.2}\n"
                             "recruitment:\n"
                             "  method: none\n"
                             "  early_leaving: {rate: 2.0, period: 3 months, induction_multiplier: 0.5}\n"
                             "pipelines:\n"
                             "  - {name: returners, kind: returners, grade: sw, first_intake: 2016-04-01, trainees: 500}\n";
    const auto cal = calendar_of(yaml);
    const auto reps = simulate(yaml, 100, 1301);
    const double period = kYear / 4;
    for (std::size_t m : {2u, 6u, 12u}) {
        INFO("month " << m);
        const double t = cal.month_end(m);
        const double H = 0.2 * t / kYear + 1.0 * std::min(t, period) / kYear;
        CHECK_STAT(estimate(per_rep(reps, [&](const auto& x) { return at(x, model::kPermanentFte, m) / N; })),
                   std::exp(-H));
    }
}

// ---------------------------------------------------------------- 11. staff list
//
// Each reading of a staff list takes about half a second here whatever its
// size (see the report), so these tests read it as few times as they can.

namespace {

std::string staff_list_scenario(const std::string& list) {
    return "name: staff list\n"
           "start: 2016-04-01\n"
           "horizon: 12 months\n"
           "grades:\n"
           "  sw: {salary: 30000}\n"
           "establishment:\n"
           "  teams:\n"
           "    north: {sw: 5}\n"
           "    south: {sw: 2}\n"
           "initial_staff:\n"
           "  staff_list: " + list + "\n"
           "recruitment: {method: none}\n"
           "retention:\n"
           "  bonuses:\n"
           "    - {name: first year, at_service: 12 months, amount: 1000}\n";
}

}  // namespace

TEST_CASE("staff list: the CSV's staff are in post on the first day, with their service", "[mechanism][initial_staff]") {
    test::TempDir dir;
    const std::string csv = dir.write("staff.csv",
                                      "employee_id,grade,team,fte,start_date,date_of_birth\n"
                                      "1,sw,north,1,2010-05-01,1980-01-01\n"
                                      "2,sw,north,0.5,2015-09-01,1990-06-15\n"
                                      "3,sw,south,0.8,2012-01-01,1975-03-03\n");
    const auto cal = calendar_of(scenario(1, "12 months"));  // the same calendar, without reading the list
    for (const auto& x : simulate(staff_list_scenario(csv), 1, 1401)) {
        for (std::size_t m = 1; m <= 12; ++m) {
            INFO("month " << m);
            CHECK_EXACT(at(x, model::kPermanentFte, m), 2.3);
            CHECK_EXACT(at(x, model::kEstablishmentFte, m), 7.0);
            CHECK_EXACT(at(x, model::kSpendPermanent, m), 2.3 * 30000 * month_days(cal, m) / kYear);
        }
        // Service comes from start_date: only the worker who started on
        // 2015-09-01 (213 days before the start) reaches 12 months in the
        // horizon, on day 152.25 (month 5).
        REQUIRE(month_of(cal, kYear - 213) == 5);
        for (std::size_t m = 1; m <= 12; ++m) CHECK(at(x, model::kSpendRetention, m) == (m == 5 ? 1000.0 : 0.0));
    }
}

TEST_CASE("staff list: a bad row is reported with the CSV's file, line and column", "[mechanism][initial_staff]") {
    test::TempDir dir;
    const std::string bad = dir.write("bad.csv",
                                      "employee_id,grade,team,fte,start_date,date_of_birth\n"
                                      "1,sw,north,1,2010-05-01,1980-01-01\n"
                                      "2,sw,north,1.5,2015-09-01,1990-06-15\n"
                                      "3,sw,east,0.8,2012-01-01,1975-03-03\n");
    const auto errors = test::load_errors(dir.write("bad.yaml", staff_list_scenario(bad)));
    std::ostringstream all;
    for (const auto& e : errors) all << e << "\n";
    INFO(all.str());
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == bad + ":3:4: fte: '1.5' is not an FTE above 0 and at most 1");
    CHECK(errors[1] == bad + ":4:3: team: 'east' is not a team of the scenario");
}
