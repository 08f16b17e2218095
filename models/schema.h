// The scenario schema of the workforce model: each mechanism declares its own
// keys in its folder (models/<mechanism>/keys.cpp); this gathers them.
#pragma once
#include "engine/params/schema.h"

namespace wfsim::model {

// The complete schema, built once.
const params::Schema& scenario_schema();

// One per mechanism, in the order the README documents them.
void declare_scenario_keys(params::Schema& s);
void declare_grade_keys(params::Schema& s);
void declare_establishment_keys(params::Schema& s);
void declare_initial_staff_keys(params::Schema& s);
void declare_leaving_keys(params::Schema& s);
void declare_recruitment_keys(params::Schema& s);
void declare_pipeline_keys(params::Schema& s);
void declare_asye_keys(params::Schema& s);
void declare_progression_keys(params::Schema& s);
void declare_retention_keys(params::Schema& s);
void declare_agency_keys(params::Schema& s);
void declare_caseload_keys(params::Schema& s);
void declare_pay_keys(params::Schema& s);    // models/pay/keys.cpp
void declare_price_keys(params::Schema& s);  // models/costs/keys.cpp
void declare_intervention_keys(params::Schema& s);
void declare_target_keys(params::Schema& s);
// Checks only: the limits on a scenario's size (models/limits/limits.h).
void declare_limit_checks(params::Schema& s);

}  // namespace wfsim::model
