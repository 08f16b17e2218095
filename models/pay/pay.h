// Money over the years (issue 19): pay awards, the market's own pay growth
// and agency rate changes, as dated steps that the simulation applies on
// their dates. Salaries, market salaries and agency costs in the scenario are
// those on the start date; the steps since the start apply on top of them
// (and of any intervention that changes them), so a pay award and a pay
// uplift compose.
#pragma once
#include <cstddef>
#include <vector>

#include "engine/params/params.h"
#include "models/grades/grades.h"
#include "models/names.h"

namespace wfsim::model {

struct PayStep {
    enum class What { Salary, Market, Agency };
    double day = 0;  // from the start, after it
    What what = What::Salary;
    std::vector<bool> grades;  // Salary and Market: the grades it applies to
    double rise = 0;           // a share: 0.02 is 2%
    double flat = 0;           // Salary and Market: pounds per year per FTE, added after the rise
};

// Where pay stands against the scenario's figures after the steps so far:
// a salary is scale x salary + add, a market salary the same with its own
// scale and add,
// an agency cost scale x cost (a price cap is not scaled: it stays a cap).
class PayLevels {
public:
    void reset(std::size_t grades);
    void apply(const PayStep& step);
    Grade grade(const Grade& scenario, std::size_t g) const;
    double agency_cost(double scenario_cost) const { return scenario_cost * agency_scale_; }

private:
    std::vector<double> salary_scale_, salary_add_, market_scale_, market_add_;
    double agency_scale_ = 1;
};

// Every step within (0, horizon_days), ordered by day (ties: salary, market,
// agency, each in the order written), from pay_awards, market_pay and
// agency_rates of a validated scenario.
std::vector<PayStep> read_pay_steps(const params::Params& root, const params::Date& start, double horizon_days,
                                    const Names& names);

// The first 1 April strictly after `d`: when pay awards fall by default.
params::Date first_april_after(const params::Date& d);

}  // namespace wfsim::model
