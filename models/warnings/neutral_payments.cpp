// A retention payment that costs money but whose effect on leaving is left
// neutral.
//
// Why: a payment changes leaving only through its multipliers, and they
// default to 1. A bonus scheme written with its amount but without
// leaving_multiplier_before or leaving_multiplier_after (or an elasticity to its
// size, leaving_elasticity_before or _after) costs money (138,000
// pounds over three years in the case that prompted this) and changes
// nothing, so a comparison with and without it shows pure cost. The same goes
// for a recognition scheme without its leaving_multiplier, and for a market
// supplement while leaving.pay_elasticity is left at 0 (a supplement works
// only by raising pay against the market). Only effects left at their
// defaults are warned about: writing the neutral value (1, or an elasticity
// of 0) says the payment is meant to change nothing, as a check of costs may.
// Golden hellos (which act on offer acceptance, not leaving) and relocation
// packages (which have no effect field) are not leaving payments.
#include "models/check_helpers.h"
#include "models/warnings/warnings.h"

namespace wfsim::model {

namespace {

// Left at its neutral default: not written and equal to `neutral`.
bool left_neutral(const params::Tree* node, double neutral) {
    if (written(node)) return false;
    auto v = number_of(node);
    return !node || (v && *v == neutral);
}

bool positive(const params::Tree* node) {
    auto v = number_of(node);
    return v && *v > 0;
}

}  // namespace

void warn_neutral_payments(params::Schema& s) {
    s.add_warning_check([](const params::Tree& root, params::Diagnostics& diags) {
        if (const params::Tree* list = node_at(root, "retention.bonuses"); list && list->is_seq())
            for (std::size_t i = 0; i < list->seq.size(); ++i) {
                const params::Tree& b = list->seq[i];
                if (!positive(b.find("amount"))) continue;
                if (!left_neutral(b.find("leaving_multiplier_before"), 1) || !left_neutral(b.find("leaving_multiplier_after"), 1) ||
                    !left_neutral(b.find("leaving_elasticity_before"), 0) || !left_neutral(b.find("leaving_elasticity_after"), 0))
                    continue;
                const params::Tree* name = b.find("name");
                diags.warning(b.loc, "retention.bonuses[" + std::to_string(i) + "]",
                              "'" + (name ? name->scalar : std::string()) + "' costs " + pounds(*number_of(b.find("amount"))) +
                                  " pounds a person but leaving_multiplier_before and leaving_multiplier_after are left "
                                  "at 1, so it changes no one's leaving (nor are its leaving elasticities given); give them "
                                  "(below 1 before the payment, a bump above 1 after it, or an elasticity to its size), "
                                  "or write them as 1 if it is meant to change nothing");
            }
        if (const params::Tree* rec = node_at(root, "retention.recognition")) {
            const bool costs = positive(rec->find("awards_per_year")) &&
                               (positive(rec->find("value")) || positive(rec->find("extra_leave_days")));
            if (costs && left_neutral(rec->find("leaving_multiplier"), 1))
                diags.warning(key_loc(*node_at(root, "retention"), "recognition"), "retention.recognition",
                              "the awards cost money but leaving_multiplier is left at 1, so the scheme changes no "
                              "one's leaving; give it (below 1), or write it as 1 if that is meant");
        }
        if (const params::Tree* sup = node_at(root, "retention.market_supplement")) {
            const params::Tree* grades = sup->find("grades");
            const bool costs = positive(sup->find("share")) && grades && (grades->is_scalar() || !grades->seq.empty());
            if (costs && left_neutral(node_at(root, "leaving.pay_elasticity"), 0))
                diags.warning(sup->find("share")->loc, "retention.market_supplement.share",
                              "the supplement costs money but works only through leaving.pay_elasticity, which is "
                              "left at 0, so it changes no one's leaving; give leaving.pay_elasticity (e.g. -1), or "
                              "write it as 0 if that is meant");
        }
    });
}

}  // namespace wfsim::model
