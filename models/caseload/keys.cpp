// Caseload per case-holding worker, and sickness absence.
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_caseload_keys(params::Schema& s) {
    s.add_heading("Caseload and absence",
                  "A team's caseload per worker is its cases divided by its case-holding capacity: the FTE of "
                  "permanent and agency staff, each weighted by their grade's `caseload_weight` (agency workers "
                  "by 1), less sickness absence. Above `leaving.caseload_pressure.threshold` it raises leaving. "
                  "Absence is `absence.rate` times `1 + agency_share_slope x` the team's agency share.");
    s.key("caseload.cases.<team>", Kind::Number).range(0, 1e9).unit("cases").doc("open cases held by the team; (off) means caseload is not modelled");
    s.key("caseload.growth", Kind::Number).def("0").range(-0.9, 10).unit("share per year").doc("yearly growth of cases, e.g. 0.03");
    s.key("absence.rate", Kind::Share).def("0").doc("share of working days lost to sickness (England 2017: 3.1%)");
    s.key("absence.agency_share_slope", Kind::Number).def("0").range(0, 100).doc("absence rises with the team's agency share (Slough)");
}

}  // namespace wfsim::model
