// Interventions: dated changes to any parameter.
#include "models/check_helpers.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_intervention_keys(params::Schema& s) {
    s.add_heading("Interventions",
                  "Dated changes. `set` changes any key above to a new value from the date, e.g. `set: "
                  "{recruitment.marketing_multiplier: 1.5, agency.price_cap: 60000}`; `pay_uplift` raises salaries "
                  "(and nothing else) by a share; `extra_posts` adds or removes posts like an establishment change.");
    s.key("interventions", Kind::Section).doc("a list of dated changes");
    s.key("interventions[].at", Kind::Date).required().doc("when it takes effect");
    s.key("interventions[].name", Kind::String).doc("shown in reports; (off) means none");
    s.key("interventions[].set", Kind::Overrides).doc("key paths and their new values");
    s.key("interventions[].pay_uplift.<grade>", Kind::Share).doc("salary rise as a share, e.g. 0.07");
    s.key("interventions[].extra_posts.<team>.<grade>", Kind::SignedFte).unit("FTE").doc("posts added (+) or removed (-)");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        params::Date start;
        if (!date_at(root, "start", start)) return;
        const params::Tree* list = node_at(root, "interventions");
        if (!list || !list->is_seq()) return;
        // Each intervention keeps a copy of the settings it leaves in force
        // (a few KB: models/prepared.h) and re-reads every person's hazard
        // when it takes effect; 5,000 is far more than any plan has dates.
        constexpr std::size_t kMaxInterventions = 5000;
        if (list->seq.size() > kMaxInterventions)
            diags.error(list->loc, "interventions",
                        std::to_string(list->seq.size()) + " interventions; wfsim takes at most " +
                            std::to_string(kMaxInterventions));
        for (std::size_t i = 0; i < list->seq.size(); ++i) {
            params::Date at;
            const params::Tree* n = list->seq[i].find("at");
            if (n && date_at(list->seq[i], "at", at) && params::days_from_civil(at) < params::days_from_civil(start))
                diags.error(n->loc, "interventions[" + std::to_string(i) + "].at",
                            n->scalar + " is before the scenario's start " + params::format_date(start));
            if (const params::Tree* set = list->seq[i].find("set"))
                for (std::size_t k = 0; k < set->map.size(); ++k) {
                    const std::string& key = set->map[k].first;
                    if (key == "extends")
                        diags.error(set->key_locs[k], "interventions[" + std::to_string(i) + "].set." + key,
                                    "extends names a base file, read once before the run: it cannot change at a date");
                    else if (key == "start" || key == "horizon" || key == "seed" || key == "name" ||
                        key.rfind("interventions", 0) == 0 || key.rfind("initial_staff", 0) == 0 ||
                        key.rfind("correlated", 0) == 0 || key.rfind("pay_awards", 0) == 0 ||
                        key.rfind("market_pay", 0) == 0 || key.rfind("agency_rates", 0) == 0 ||
                        key.rfind("establishment", 0) == 0)
                        diags.error(set->key_locs[k], "interventions[" + std::to_string(i) + "].set." + key,
                                    key.rfind("pay_awards", 0) == 0 || key.rfind("market_pay", 0) == 0 ||
                                            key.rfind("agency_rates", 0) == 0
                                        ? "cannot change at a date (pay awards and rate changes carry their own dates)"
                                        : "cannot change at a date (use extra_posts for posts)");
                }
        }
    });
}

}  // namespace wfsim::model
