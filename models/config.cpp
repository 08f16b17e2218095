#include "models/config.h"

#include "models/schema.h"

namespace wfsim::model {

Names read_names(const params::Tree& root) {
    Names n;
    n.grades = scenario_schema().names(root, "grade");
    n.teams = scenario_schema().names(root, "team");
    return n;
}

double Config::day_of(const params::Date& d) const {
    return static_cast<double>(params::days_from_civil(d) - params::days_from_civil(start));
}

std::vector<bool> grade_flags(const params::Params& p, const std::string& key, const Names& n, bool absent_means_all) {
    std::vector<bool> flags(n.grades.size(), absent_means_all && !p.has(key));
    for (const auto& g : p.names(key))
        if (int i = n.grade(g); i >= 0) flags[static_cast<std::size_t>(i)] = true;
    return flags;
}

Config read_config(const params::Tree& root) {
    params::Params p(&root, "");
    Config c;
    c.names = read_names(root);
    c.start = p.date("start");
    params::Duration h = p.duration("horizon");
    if (auto m = h.whole_months()) {
        c.horizon_months = *m;
        c.horizon_days = static_cast<double>(params::days_from_civil(params::add_months(c.start, *m)) -
                                             params::days_from_civil(c.start));
    } else {
        c.horizon_days = h.days();
        c.horizon_months = 0;
    }
    c.grades = read_grades(p, c.names);
    c.leaving = read_leaving(p.at("leaving"), c.names);
    c.recruitment = read_recruitment(p.at("recruitment"), c.names);
    c.pipelines = read_pipelines(p.at("pipelines"), c);
    c.asye = read_asye(p.at("asye"), c.names);
    c.progression = read_progression(p.at("progression"), c.names);
    c.retention = read_retention(p.at("retention"), c);
    c.agency = read_agency(p.at("agency"));
    c.caseload = read_caseload(p, c.names);
    c.pay_steps = read_pay_steps(p, c.start, c.horizon_days, c.names);
    return c;
}

}  // namespace wfsim::model
