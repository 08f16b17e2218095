// Warnings about modelling traps (issue 14, point 4): scenarios that are
// valid, and run, but almost certainly do not say what their author meant
// (posts nobody can ever fill, a bonus that costs money and changes nothing,
// a salary of 30 pounds). Each rule is a file of its own here, with the
// reason it exists. They are registered with the schema as warning checks:
// `wfsim validate` prints them as "file:line:col: warning: ..." and exits 0
// (run, compare and sweep print them too); `validate --strict` makes them
// errors (exit 2).
#pragma once
#include <optional>
#include <string>

#include "engine/params/schema.h"

namespace wfsim::model {

// All of the rules below, in the order they are reported.
void declare_warnings(params::Schema& s);

void warn_no_permanent_route(params::Schema& s);     // no_permanent_route.cpp
void warn_neutral_payments(params::Schema& s);       // neutral_payments.cpp
void warn_salary_bounds(params::Schema& s);          // salary_bounds.cpp
void warn_target_beyond_horizon(params::Schema& s);  // target_horizon.cpp
void warn_agency_cheaper(params::Schema& s);         // agency_cheaper.cpp

// Helpers shared by the rules (common.cpp).
// The number a node holds (percentages as shares, money in pounds); none for
// an absent node or a value written as a distribution.
std::optional<double> number_of(const params::Tree* node);
// Whether the value at `node` was written (in a file or a --set), not filled
// in from its default.
bool written(const params::Tree* node);
// Where the key `key` of mapping `map` was written (its name, not its value).
params::Loc key_loc(const params::Tree& map, const std::string& key);
// Pounds with thousands separators, rounded to the pound: 22,022.
std::string pounds(double amount);
// FTE posts of `grade` in establishment.teams plus every addition of posts
// (establishment.changes and interventions' extra_posts).
double posts_of(const params::Tree& root, const std::string& grade);

}  // namespace wfsim::model
