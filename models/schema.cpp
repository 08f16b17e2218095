#include "models/schema.h"

#include "models/uncertainty.h"
#include "models/warnings/warnings.h"

namespace wfsim::model {

const params::Schema& scenario_schema() {
    static const params::Schema* schema = [] {
        auto* s = new params::Schema();
        s->define_names("grade", "grades");
        s->define_names("team", "establishment.teams");
        declare_scenario_keys(*s);
        declare_grade_keys(*s);
        declare_establishment_keys(*s);
        declare_initial_staff_keys(*s);
        declare_leaving_keys(*s);
        declare_recruitment_keys(*s);
        declare_pipeline_keys(*s);
        declare_asye_keys(*s);
        declare_progression_keys(*s);
        declare_retention_keys(*s);
        declare_agency_keys(*s);
        declare_caseload_keys(*s);
        declare_pay_keys(*s);
        declare_price_keys(*s);
        declare_intervention_keys(*s);
        declare_target_keys(*s);
        declare_correlated_keys(*s);
        declare_limit_checks(*s);
        declare_warnings(*s);  // modelling traps, checked once the scenario is valid
        return s;
    }();
    return *schema;
}

}  // namespace wfsim::model
