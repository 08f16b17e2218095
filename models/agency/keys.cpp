// Agency cover of vacant posts.
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_agency_keys(params::Schema& s) {
    s.add_heading("Agency cover",
                  "A post that falls vacant is covered by an agency worker with `fill_probability`, "
                  "`fill_delay` later, until a permanent starter arrives. Agency workers end assignments at "
                  "`leaving_rate` (the post is then covered again the same way) and convert to permanent at "
                  "`conversion_rate`. With `supply_limit`, no more than that many agency workers can be had at "
                  "once; `from_leavers` adds each leaver to the agency market to the limit (after `cooling_off`, "
                  "and only with `min_experience`). A `price_cap` below `cost_per_year` caps the cost and scales "
                  "the fill probability by `(cap / cost) ^ cap_fill_elasticity`; `min_experience` scales it by "
                  "`experienced_share`.");
    s.key("agency.fill_probability", Kind::Probability).def("0").uncertain().doc("probability a vacancy gets agency cover; 0 turns agency off");
    s.key("agency.fill_delay", Kind::Duration).def("0 days").doc("time from a post emptying to cover starting");
    s.key("agency.cost_per_year", Kind::Money).def("0").unit("pounds per year per FTE").doc("annual cost of an agency worker (Cambridgeshire: 78,000)");
    s.key("agency.day_rate", Kind::Money).unit("pounds per day").doc("if given, the cost is day_rate x days_per_year instead");
    s.key("agency.days_per_year", Kind::Number).def("220").range(1, 366).unit("days").doc("days an agency worker is paid per year");
    s.key("agency.leaving_rate", Kind::Rate).def("0").unit("per year").uncertain().doc("hazard of an agency worker ending the assignment");
    s.key("agency.conversion_rate", Kind::Rate).def("0").unit("per year").doc("hazard of an agency worker taking the post permanently");
    s.key("agency.supply_limit", Kind::Fte).unit("FTE").doc("most agency FTE that can be had at once; (off) means unlimited");
    s.key("agency.when_full", Kind::Enum)
        .choices({"queue", "lose"})
        .def("queue")
        .doc("at the limit: wait for the next free worker (queue) or stay uncovered until the post changes (lose)");
    s.key("agency.from_leavers", Kind::Bool).def("false").doc("leavers to the agency market add to supply_limit");
    s.key("agency.cooling_off", Kind::Duration).def("0 days").doc("a leaver joins agency supply only after this (DfE 2024: 3 months)");
    s.key("agency.price_cap", Kind::Money).unit("pounds per year per FTE").doc("most that may be paid; (off) means no cap");
    s.key("agency.cap_fill_elasticity", Kind::Number).def("1").range(0, 20).doc("how much a cap below the market cost cuts fill probability");
    s.key("agency.min_experience", Kind::Duration).def("0 days").doc("post-qualifying experience required (DfE 2024: 3 years)");
    s.key("agency.experienced_share", Kind::Share).def("1").doc("share of the agency market meeting min_experience");
    s.key("agency.cover_absence", Kind::Share).def("0").doc("share of sickness absence covered by agency");
    s.key("agency.cover_other", Kind::Share)
        .def("0")
        .unit("share of permanent FTE")
        .doc("agency beyond vacancies and sickness (maternity and other leave, extra capacity), as a share of each "
             "team's permanent FTE: DfE's agency count includes it (England 2017: 5,343 agency FTE against 3,930 "
             "covering vacancies)");
}

}  // namespace wfsim::model
