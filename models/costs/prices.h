// Real terms (issue 19): spend at the prices of a base financial year, from a
// deflator series the scenario gives (a yearly index, or a constant inflation
// rate). Finance teams compare years in real terms and budgets in cash, so
// both are reported; a budget is always compared with cash.
#pragma once
#include <string>
#include <vector>

#include "engine/params/tree.h"
#include "models/calendar.h"

namespace wfsim::model {

// The deflator of each financial year of the calendar (Calendar::fy_label
// order): its price level against the base year's, so that real = cash /
// deflator. All 1 when the scenario has no `prices`. Throws
// std::runtime_error naming the year when the index does not reach a year of
// the calendar (a run lengthened with --months past the index).
std::vector<double> deflators(const params::Tree& scenario, const Calendar& cal);

// The scenario's budget for each financial year of the calendar
// (Calendar::fy_label order), in cash: `budget: {2016-17: 16.4e6}`; NaN for a
// year it gives none (all NaN without a budget).
std::vector<double> budgets(const params::Tree& scenario, const Calendar& cal);

// "2016/17" (the calendar's label) as the scenario writes it, "2016-17".
std::string scenario_year(const std::string& fy_label);

}  // namespace wfsim::model
