// Retention payments: market supplements, milestone bonuses with clawback,
// golden hellos, relocation packages and recognition awards.
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_retention_keys(params::Schema& s) {
    s.add_heading("Retention payments",
                  "Each payment costs money (spend_retention, less clawbacks) and changes leaving. A market "
                  "supplement is pay: it raises pay against the market through `leaving.pay_elasticity`. A bonus "
                  "multiplies the hazard by `leaving_multiplier_before` in the `anticipation` window before it falls "
                  "due and by `leaving_multiplier_after` for `after_window` once paid; a leaver within "
                  "`clawback_within` of payment repays `clawback_share` of it (tapering to nothing over the window "
                  "with `clawback_taper`). A bonus's effect can instead (or as well) depend on its size: "
                  "`leaving_elasticity_before` and `leaving_elasticity_after` multiply the hazard in those windows by "
                  "`(1 + amount / salary) ^ elasticity`, where salary is the worker's grade's annual salary at the "
                  "time, so that a bigger bonus retains more (an 8% uplift cut teachers' leaving by 23%, an "
                  "elasticity near -3: Sims and Benhenda 2022). Both apply when both are given. A golden hello's "
                  "`acceptance_elasticity` likewise multiplies offer acceptance by `(1 + amount / salary) ^ elasticity`.");
    s.key("retention.market_supplement.grades", Kind::NameList).refers_to("grade").doc("grades paid the supplement; (off) means none");
    s.key("retention.market_supplement.share", Kind::Share).def("0").doc("supplement as a share of salary");
    s.key("retention.market_supplement.after", Kind::Duration).def("0 days").doc("qualifying service before it is paid (Slough: 1 year)");
    s.key("retention.bonuses", Kind::Section).doc("a list of milestone bonus schemes");
    s.key("retention.bonuses[].name", Kind::String).required().doc("e.g. key skills bonus");
    s.key("retention.bonuses[].grades", Kind::NameList).refers_to("grade").doc("grades eligible; (off) means all");
    s.key("retention.bonuses[].at_service", Kind::Duration).required().doc("length of service at which it is paid (Slough: 18 months)");
    s.key("retention.bonuses[].amount", Kind::Money).required().unit("pounds per person").doc("the lump sum");
    s.key("retention.bonuses[].from", Kind::Date).doc("scheme starts: milestones reached before this are not paid; (off) means from the start");
    s.key("retention.bonuses[].until", Kind::Date).doc("scheme ends; (off) means never");
    s.key("retention.bonuses[].clawback_within", Kind::Duration).def("0 days").doc("a leaver within this of payment repays");
    s.key("retention.bonuses[].clawback_share", Kind::Share).def("1").doc("share of the bonus repaid");
    s.key("retention.bonuses[].clawback_taper", Kind::Bool).def("false").doc("repayment falls linearly to 0 over the window");
    s.key("retention.bonuses[].anticipation", Kind::Duration).def("6 months").doc("window before the milestone in which leaving is lower");
    s.key("retention.bonuses[].leaving_multiplier_before", Kind::Multiplier).def("1").doc("multiplies the hazard in the anticipation window");
    s.key("retention.bonuses[].leaving_elasticity_before", Kind::Number).def("0").range(-20, 20).uncertain()
        .unit("elasticity, no unit")
        .doc("elasticity of the hazard to the bonus as a share of salary, in the anticipation window: it is "
             "multiplied by (1 + share) ^ elasticity (Sims and Benhenda 2022: about -3)");
    s.key("retention.bonuses[].after_window", Kind::Duration).def("3 months").doc("window after payment with the after multiplier");
    s.key("retention.bonuses[].leaving_multiplier_after", Kind::Multiplier).def("1").doc("multiplies the hazard after payment (a bump when it is above 1)");
    s.key("retention.bonuses[].leaving_elasticity_after", Kind::Number).def("0").range(-20, 20).uncertain()
        .unit("elasticity, no unit")
        .doc("the same in the window after payment: the hazard is multiplied by (1 + share) ^ elasticity");
    s.key("retention.golden_hello.amount", Kind::Money).def("0").unit("pounds per starter").doc("paid to each recruited starter of the grades");
    s.key("retention.golden_hello.grades", Kind::NameList).refers_to("grade").doc("grades eligible; (off) means all");
    s.key("retention.golden_hello.clawback_within", Kind::Duration).def("0 days").doc("a starter leaving within this repays it in full");
    s.key("retention.golden_hello.acceptance_multiplier", Kind::Multiplier).def("1").doc("multiplies offer acceptance (capped at 1)");
    s.key("retention.golden_hello.acceptance_elasticity", Kind::Number).def("0").range(-20, 20).uncertain().unit("elasticity, no unit")
        .doc("an effect that grows with the amount: offer acceptance is also multiplied by (1 + amount / salary) ^ elasticity "
             "(capped at 1), salary being the grade's annual salary");
    s.key("retention.relocation.amount", Kind::Money).def("0").unit("pounds per package").doc("relocation package");
    s.key("retention.relocation.share_of_hires", Kind::Share).def("0").doc("share of recruited starters who take it");
    s.key("retention.recognition.awards_per_year", Kind::Number).def("0").range(0, 1e6).doc("awards made per year (Cambridgeshire: 80)");
    s.key("retention.recognition.value", Kind::Money).def("0").unit("pounds per award").doc("voucher value (Cambridgeshire: 50)");
    s.key("retention.recognition.extra_leave_days", Kind::Number).def("0").range(0, 30).unit("days per award").doc("extra leave, costed at the average day's pay");
    s.key("retention.recognition.leaving_multiplier", Kind::Multiplier).def("1").uncertain().doc("multiplies every permanent worker's hazard while the scheme runs");
    s.key("retention.recognition.from", Kind::Date).doc("the scheme starts; (off) means from the start");
}

}  // namespace wfsim::model
