// The ASYE: the Assessed and Supported Year in Employment of newly qualified workers.
#include "models/check_helpers.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_asye_keys(params::Schema& s) {
    s.add_heading("ASYE",
                  "Starters in the ASYE grade (recruits and pipeline joiners) spend `length` on the grade's "
                  "protected caseload (its `caseload_weight`), then pass with `pass_rate` and progress to "
                  "`next_grade`: into a vacant post of that grade in their team if there is one, otherwise regraded "
                  "in their own post. Those who do not pass leave the profession. Where newly qualified staff have "
                  "no grade of their own, `next_grade` may be the ASYE grade itself: every starter of the grade "
                  "then does the year in their own post. First-day staff of an ASYE grade they leave after the "
                  "year are at a uniform point of it; of an ASYE grade they stay in, those with less service "
                  "than `length` are in it.");
    s.key("asye.grade", Kind::NameRef).refers_to("grade").doc("the newly qualified grade; (off) means no ASYE year");
    s.key("asye.next_grade", Kind::NameRef).refers_to("grade").doc("the grade reached on passing (required with grade)");
    s.key("asye.length", Kind::Duration).def("12 months").range(1, 3653).doc("length of the ASYE year");
    s.key("asye.pass_rate", Kind::Probability).def("1").uncertain().doc("probability of passing");
    s.key("asye.cost_per_person", Kind::Money).def("0").unit("pounds").doc("programme cost per ASYE, spread over the year");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* g = node_at(root, "asye.grade");
        const params::Tree* n = node_at(root, "asye.next_grade");
        if (g && !n) diags.error(g->loc, "asye.next_grade", "missing: name the grade ASYEs progress to");
    });
}

}  // namespace wfsim::model
