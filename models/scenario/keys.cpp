// Top-level keys: what the scenario is and how long it runs.
#include <cstdio>

#include "models/calendar.h"
#include "models/check_helpers.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_scenario_keys(params::Schema& s) {
    s.add_heading("The scenario", "");
    s.key("name", Kind::String).required().doc("the scenario's name, used for the default output folder and in reports");
    s.key("description", Kind::String).free_text().doc("free text shown in reports");
    s.key("extends", Kind::Path)
        .doc("a base scenario file (relative to this file) whose keys this file overrides; mappings merge key by key, "
             "lists and single values replace");
    s.key("start", Kind::Date).required().doc("the first day simulated; time runs in days from it");
    s.key("horizon", Kind::Duration)
        .def("36 months")
        .range(1, 100 * 365.25)
        .doc("how far to simulate; written in months or years it counts calendar months");
    s.key("seed", Kind::Integer).def("1").range(0, 9007199254740991.0).doc("the random seed; the same seed gives the same results");
    s.key("budget.<year>", Kind::Money)
        .unit("pounds")
        .doc("the staffing budget of a financial year, written budget: {2016-17: 20.5e6} (or 2016/17); the report draws spend against it");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* budget = node_at(root, "budget");
        if (!budget || !budget->is_map()) return;
        for (std::size_t i = 0; i < budget->map.size(); ++i) {
            const std::string& year = budget->map[i].first;
            if (!financial_year_start(year))
                diags.error(budget->key_locs[i], "budget." + year,
                            "'" + year + "' is not a financial year; write it as 2016-17 or 2016/17 (April 2016 to March 2017)");
        }
    });
}

}  // namespace wfsim::model
