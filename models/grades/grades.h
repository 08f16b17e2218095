// Grades: pay and its relation to the market.
#pragma once
#include <vector>

#include "engine/params/params.h"
#include "models/names.h"

namespace wfsim::model {

struct Grade {
    double salary = 0;          // pounds per year per FTE
    double on_costs = 0;        // share of salary
    double market_salary = 0;   // pounds per year per FTE
    double caseload_weight = 1;

    double annual_cost() const { return salary * (1 + on_costs); }
    // Own pay against the market; 1 is neutral.
    double pay_ratio(double supplement_share = 0) const {
        return market_salary > 0 ? salary * (1 + supplement_share) / market_salary : 1.0;
    }
};

std::vector<Grade> read_grades(const params::Params& p, const Names& names);

}  // namespace wfsim::model
