// Top-level keys: what the scenario is and how long it runs.
#include "models/check_helpers.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_scenario_keys(params::Schema& s) {
    s.add_heading("The scenario", "");
    s.key("name", Kind::String).required().doc("the scenario's name, used for the default output folder and in reports");
    s.key("description", Kind::String).doc("free text shown in reports");
    s.key("extends", Kind::Path)
        .doc("a base scenario file (relative to this file) whose keys this file overrides; mappings merge key by key, "
             "lists and single values replace");
    s.key("start", Kind::Date).required().doc("the first day simulated; time runs in days from it");
    s.key("horizon", Kind::Duration)
        .def("36 months")
        .range(1, 100 * 365.25)
        .doc("how far to simulate; written in months or years it counts calendar months");
    s.key("seed", Kind::Integer).def("1").range(0, 9007199254740991.0).doc("the random seed; the same seed gives the same results");
}

}  // namespace wfsim::model
