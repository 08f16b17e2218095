// A grade with posts but no permanent route into them.
//
// Why: with `recruitment.method: campaign` (the default) a grade's adverts
// draw `applicants_per_advert` of the grade, which defaults to 0. Leaving it
// out means nobody is ever recruited to the grade, silently: its vacancies
// stay empty (or agency-covered) for the whole run and the projection looks
// like a staffing crisis that the scenario never described. A grade is
// filled permanently by recruitment (applicants who can be appointed and
// accept, or `method: fixed_delay`, which fills every vacancy without
// applicants), a pipeline whose completers join it, a progression step or the
// ASYE leading into it, or agency workers converting to permanent. Agency
// cover itself does not count: it is not a permanent route. `method: none`
// says in so many words that posts are not recruited to, so it is not
// warned about; nor is a grade whose route an intervention may open later
// (it sets a recruitment, pipeline, progression or ASYE key).
#include "models/check_helpers.h"
#include "models/warnings/warnings.h"

namespace wfsim::model {

namespace {

bool positive(const params::Tree* node, double if_absent) {
    if (!node) return if_absent > 0;
    if (!node->is_scalar()) return true;  // a distribution: some replications draw a positive value
    auto v = number_of(node);
    return v && *v > 0;
}

// Whether an intervention changes a key that could open a route into `grade`.
bool route_may_open_later(const params::Tree& root, const std::string& grade) {
    const params::Tree* list = node_at(root, "interventions");
    if (!list || !list->is_seq()) return false;
    for (const auto& item : list->seq) {
        const params::Tree* set = item.find("set");
        if (!set || !set->is_map()) continue;
        for (const auto& [key, value] : set->map) {
            if (key == "recruitment.applicants_per_advert." + grade || key == "recruitment.applicants_per_advert" ||
                key == "recruitment" || key == "recruitment.method")
                return true;
            for (const char* section : {"pipelines", "progression", "asye"})
                if (key.rfind(section, 0) == 0) return true;
        }
    }
    return false;
}

// Why recruitment by campaign brings nobody into `grade`, or "" if it can.
std::string why_no_recruits(const params::Tree& root, const std::string& grade) {
    const std::string key = "recruitment.applicants_per_advert." + grade;
    const params::Tree* applicants = node_at(root, key);
    if (!positive(applicants, 0))
        return written(applicants) ? key + " is 0" : key + " is not given, so no one applies";
    for (const char* factor : {"recruitment.marketing_multiplier", "recruitment.appointable", "recruitment.offer_acceptance"})
        if (!positive(node_at(root, factor), 1)) return std::string(factor) + " is 0";
    return "";
}

bool has_other_route(const params::Tree& root, const std::string& grade) {
    if (const params::Tree* list = node_at(root, "pipelines"); list && list->is_seq())
        for (const auto& p : list->seq)
            if (const params::Tree* g = p.find("grade"); g && g->scalar == grade && positive(p.find("trainees"), 0) &&
                positive(p.find("completion"), 1) && positive(p.find("join"), 1))
                return true;
    if (const params::Tree* list = node_at(root, "progression"); list && list->is_seq())
        for (const auto& step : list->seq)
            if (const params::Tree* to = step.find("to"); to && to->scalar == grade && positive(step.find("rate"), 0))
                return true;
    const params::Tree* asye = node_at(root, "asye.grade");
    const params::Tree* next = node_at(root, "asye.next_grade");
    if (asye && next && next->scalar == grade && asye->scalar != grade && positive(node_at(root, "asye.pass_rate"), 1))
        return true;
    return positive(node_at(root, "agency.fill_probability"), 0) && positive(node_at(root, "agency.conversion_rate"), 0);
}

}  // namespace

void warn_no_permanent_route(params::Schema& s) {
    s.add_warning_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* method = node_at(root, "recruitment.method");
        if (method && method->scalar != "campaign") return;  // fixed_delay fills every vacancy; none says so
        const params::Tree* grades = node_at(root, "grades");
        if (!grades || !grades->is_map()) return;
        for (const auto& [grade, decl] : grades->map) {
            const double posts = posts_of(root, grade);
            if (posts <= 0) continue;
            const std::string why = why_no_recruits(root, grade);
            if (why.empty() || has_other_route(root, grade) || route_may_open_later(root, grade)) continue;
            diags.warning(key_loc(*grades, grade), "grades." + grade,
                          params::format_number(posts) + " FTE posts but no permanent route to fill them: " + why +
                              ", and no pipeline, progression step or ASYE leads into " + grade +
                              "; its vacancies are never filled by permanent staff (agency cover aside). Give " +
                              "recruitment.applicants_per_advert." + grade +
                              ", or recruitment.method: fixed_delay or none if that is meant");
        }
    });
}

}  // namespace wfsim::model
