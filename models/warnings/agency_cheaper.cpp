// Agency cover that costs less than the permanent staff it stands in for.
//
// Why: agency workers cost a council far more than its own staff (78,000
// against 34,720 pounds a year in Cambridgeshire's 2015 strategy), and that
// premium is what makes vacancies expensive and retention payments pay for
// themselves. `agency.cost_per_year` defaults to 0, so turning cover on with
// `fill_probability` alone gives free agency workers; a day rate written as
// an annual cost, or a price cap below pay, does the same more quietly. The
// cost paid (day_rate x days_per_year when a day rate is given, capped at
// price_cap) is compared with the basic salary of each grade with posts (one
// agency cost serves every grade, so each grade with posts is one it covers).
// Basic salary, not salary with on-costs: the one cost is an average over
// grades, and may fairly fall a little below a team manager's full cost
// (England 2017: 60,000 against 47,000 plus 28%), while every trap above
// leaves it below basic pay.
#include "models/check_helpers.h"
#include "models/warnings/warnings.h"

namespace wfsim::model {

void warn_agency_cheaper(params::Schema& s) {
    s.add_warning_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* fill = node_at(root, "agency.fill_probability");
        const bool covers = (fill && (!fill->is_scalar() || number_of(fill).value_or(0) > 0)) ||
                            number_of(node_at(root, "agency.cover_absence")).value_or(0) > 0 ||
                            number_of(node_at(root, "agency.cover_other")).value_or(0) > 0;
        if (!covers) return;
        const params::Tree* source = node_at(root, "agency.cost_per_year");
        std::string path = "agency.cost_per_year";
        double cost = number_of(source).value_or(0);
        if (const params::Tree* day = node_at(root, "agency.day_rate")) {
            source = day;
            path = "agency.day_rate";
            cost = number_of(day).value_or(0) * number_of(node_at(root, "agency.days_per_year")).value_or(220);
        }
        if (const params::Tree* cap = node_at(root, "agency.price_cap"); cap && number_of(cap).value_or(cost) < cost) {
            source = cap;
            path = "agency.price_cap";
            cost = *number_of(cap);
        }
        const params::Tree* grades = node_at(root, "grades");
        if (!grades || !grades->is_map()) return;
        std::string undercut;
        for (const auto& [grade, decl] : grades->map) {
            const double salary = number_of(decl.find("salary")).value_or(0);
            if (cost < salary && posts_of(root, grade) > 0)
                undercut += (undercut.empty() ? "" : ", ") + grade + " (" + pounds(salary) + ")";
        }
        if (undercut.empty()) return;
        const bool left_out = !written(source);
        // A cost left out is reported where agency cover was turned on.
        const params::Tree* at = source;
        for (const char* key : {"agency.fill_probability", "agency.cover_absence", "agency.cover_other"})
            if (!written(at)) at = node_at(root, key);
        if (!written(at)) at = node_at(root, "agency");
        diags.warning(at ? at->loc : root.loc, path,
                      "agency cover costs " + pounds(cost) + " pounds a year per FTE" +
                          (left_out ? std::string(" (") + path + " is not given)" : std::string()) +
                          ", less than the salary of " + undercut +
                          ": agency workers would be cheaper than permanent staff; give the agency cost (" +
                          "Cambridgeshire 2015: 78,000 a year)");
    });
}

}  // namespace wfsim::model
