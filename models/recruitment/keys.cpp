// Recruitment: campaigns that turn vacancies into starters.
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_recruitment_keys(params::Schema& s) {
    s.add_heading("Recruitment",
                  "With `method: campaign` each vacancy (or notice, with `start_on_notice`) starts an advert. "
                  "Applicants for the advert number on average `applicants_per_advert` of the grade times "
                  "`marketing_multiplier` times `(pay / market pay) ^ applicant_pay_elasticity`; each is appointable "
                  "with `appointable` and accepts with `offer_acceptance` times `(pay / market pay) ^ "
                  "acceptance_pay_elasticity`. With at least one acceptance the appointee starts after "
                  "`pre_employment`; otherwise the post is re-advertised after `readvertise_after`. With `method: "
                  "fixed_delay` every vacancy is filled exactly `time_to_fill` after it empties.");
    s.key("recruitment.method", Kind::Enum)
        .choices({"campaign", "fixed_delay", "none"})
        .def("campaign")
        .doc("how vacancies are filled by permanent staff");
    s.key("recruitment.time_to_fill", Kind::Duration).def("4 months").doc("fixed_delay: time from a post emptying to its starter");
    s.key("recruitment.start_on_notice", Kind::Bool).def("true").doc("campaign: advertise as soon as a leaver gives notice");
    s.key("recruitment.advert.length", Kind::Duration).def("4 weeks").range(1, 3653).doc("how long an advert runs before shortlisting");
    s.key("recruitment.advert.cost", Kind::Money).def("0").unit("pounds per advert").doc("cost of placing one advert");
    s.key("recruitment.applicants_per_advert.<grade>", Kind::Number)
        .def("0")
        .range(0, 1000)
        .uncertain()
        .unit("applicants")
        .doc("mean applicants per advert at market pay");
    s.key("recruitment.applicant_pay_elasticity", Kind::Number).def("0").range(-20, 20).uncertain().doc("elasticity of applicants to pay / market pay");
    s.key("recruitment.marketing_multiplier", Kind::Multiplier).def("1").doc("multiplies applicants (a marketing campaign)");
    s.key("recruitment.marketing_cost", Kind::Money).def("0").unit("pounds per year").doc("ongoing marketing spend, accrued as recruitment spend");
    s.key("recruitment.appointable", Kind::Probability).def("1").uncertain().doc("share of applicants who are appointable");
    s.key("recruitment.offer_acceptance", Kind::Probability).def("1").uncertain().doc("probability an offer is accepted at market pay");
    s.key("recruitment.acceptance_pay_elasticity", Kind::Number).def("0").range(-20, 20).doc("elasticity of acceptance to pay / market pay (capped at 1)");
    s.key("recruitment.pre_employment", Kind::Duration).def("0 days").doc("checks and the appointee's own notice before starting");
    s.key("recruitment.readvertise_after", Kind::Duration).def("0 days").doc("pause before a failed advert is placed again");
    s.key("recruitment.cost_per_hire", Kind::Money).def("0").unit("pounds per hire").doc("interviewing, checks and induction per starter");
    s.key("recruitment.early_leaving.rate", Kind::Rate).def("0").unit("per year").doc("extra leaving hazard of new starters in their first weeks");
    s.key("recruitment.early_leaving.period", Kind::Duration).def("3 months").doc("how long the early-leaving risk lasts");
    s.key("recruitment.early_leaving.induction_multiplier", Kind::Multiplier)
        .def("1")
        .doc("multiplies the early-leaving risk: below 1 with work shadowing or induction");
}

}  // namespace wfsim::model
