// Grades: pay, on-costs, the market comparator and caseload weight.
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_grade_keys(params::Schema& s) {
    s.add_heading("Grades",
                  "Each grade has a name of your choosing (`asye`, `sw`, `senior`, ...). Pay below the market "
                  "comparator raises leaving and lowers applicants and offer acceptance through the elasticities "
                  "under `leaving` and `recruitment`.");
    s.key("grades", Kind::Section).required().doc("at least one grade");
    s.key("grades.<grade>.salary", Kind::Money).required().unit("pounds per year per FTE").doc("basic salary, before on-costs");
    s.key("grades.<grade>.on_costs", Kind::Share)
        .def("0")
        .doc("employer's on-costs (national insurance, pension) as a share of salary");
    s.key("grades.<grade>.market_salary", Kind::Money)
        .unit("pounds per year per FTE")
        .doc("what comparable employers pay; (off) means the same as salary, so the pay gap is neutral");
    s.key("grades.<grade>.caseload_weight", Kind::Number)
        .def("1")
        .range(0, 10)
        .unit("cases relative to a full caseload")
        .doc("share of a full caseload one FTE holds: below 1 for a protected ASYE caseload, 0 for non-case-holding roles");
}

}  // namespace wfsim::model
