// Leaving: the hazard each member of staff faces, notice and destinations.
#include <cmath>

#include "models/check_helpers.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_leaving_keys(params::Schema& s) {
    s.add_heading("Leaving",
                  "Each person's leaving hazard is `base_rate` of their grade, times the length-of-service "
                  "multiplier, times `(pay / market pay) ^ pay_elasticity`, times the caseload and agency-share "
                  "pressures of their team, times any retention-payment multipliers, plus a retirement hazard from "
                  "`retirement.rate_from_age`. A leaver works `notice`, then the post empties.");
    s.key("leaving.base_rate.<grade>", Kind::Rate).def("0").unit("per year").uncertain().doc("leaving hazard at market pay and no pressure");
    s.key("leaving.by_service", Kind::Section).doc("multipliers by length of service, in ascending bands");
    s.key("leaving.by_service[].under", Kind::Duration).required().doc("the band covers service below this");
    s.key("leaving.by_service[].multiplier", Kind::Multiplier).required().doc("multiplies the hazard in the band");
    s.key("leaving.pay_elasticity", Kind::Number)
        .def("0")
        .range(-20, 20)
        .uncertain()
        .doc("elasticity of leaving to pay / market pay; -1 means 10% below market raises leaving about 10%");
    s.key("leaving.caseload_pressure.threshold", Kind::Number)
        .def("15")
        .range(0, 1000)
        .unit("cases per worker")
        .doc("caseload above which leaving rises");
    s.key("leaving.caseload_pressure.per_case", Kind::Number)
        .def("0")
        .range(0, 10)
        .uncertain()
        .doc("added to the multiplier per case above the threshold (0.05: 5% more leaving per extra case)");
    s.key("leaving.agency_pressure.threshold", Kind::Share).def("0").doc("team agency share above which leaving rises");
    s.key("leaving.agency_pressure.slope", Kind::Number)
        .def("0")
        .range(0, 100)
        .uncertain()
        .doc("added to the multiplier per unit of agency share above the threshold");
    s.key("leaving.pressure_review", Kind::Duration)
        .def("1 month")
        .range(1, 366)
        .doc("how often team pressures (caseload, agency share) are re-read into leaving hazards");
    s.key("leaving.retirement.age", Kind::Number).range(40, 80).unit("years").doc("staff retire on reaching this age");
    s.key("leaving.retirement.rate_from_age", Kind::Number).def("60").range(40, 80).unit("years").doc("age from which the retirement hazard applies");
    s.key("leaving.retirement.rate", Kind::Rate).def("0").unit("per year").doc("retirement hazard from rate_from_age");
    s.key("leaving.notice", Kind::Duration).def("0 days").doc("notice worked before the post empties");
    s.key("leaving.destinations.other_employer", Kind::Share).def("1").doc("share of (non-retirement) leavers who join another employer");
    s.key("leaving.destinations.agency", Kind::Share).def("0").doc("share who join the agency market (adds to agency supply when agency.from_leavers)");
    s.key("leaving.destinations.out_of_profession", Kind::Share).def("0").doc("share who leave social work");
    s.key("leaving.destinations.retirement", Kind::Share).def("0").doc("share recorded as retirement (besides retirement by age)");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* dest = node_at(root, "leaving.destinations");
        if (!dest || !dest->is_map()) return;
        double total = 0;
        for (const auto& kv : dest->map) {
            std::string why;
            if (auto v = params::parse_number(kv.second.scalar, true, why)) total += *v;
        }
        if (std::fabs(total - 1.0) > 1e-6)
            diags.error(dest->loc, "leaving.destinations",
                        "the shares add up to " + params::format_number(total) + "; they must add up to 1");
        const params::Tree* bands = node_at(root, "leaving.by_service");
        if (!bands || !bands->is_seq()) return;
        double prev = -1;
        for (std::size_t i = 0; i < bands->seq.size(); ++i) {
            const params::Tree* u = bands->seq[i].find("under");
            std::string why;
            auto d = u ? params::parse_duration(u->scalar, why) : std::nullopt;
            if (!d) continue;
            if (d->days() <= prev)
                diags.error(u->loc, "leaving.by_service[" + std::to_string(i) + "].under",
                            u->scalar + " is not above the band before it; list bands in ascending order");
            prev = d->days();
        }
    });
}

}  // namespace wfsim::model
