// Establishment: funded posts by team and grade, and dated changes to them.
#include "models/check_helpers.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_establishment_keys(params::Schema& s) {
    s.add_heading("Establishment",
                  "Posts (FTE) by team and grade. A post of 5.5 FTE is five full-time posts and one half-time post. "
                  "Posts removed by a change are taken from vacant posts first; an occupied post is removed when it "
                  "falls vacant.");
    s.key("establishment", Kind::Section).required();
    s.key("establishment.teams", Kind::Section).required().doc("teams, each with FTE posts by grade");
    s.key("establishment.teams.<team>.<grade>", Kind::Fte).unit("FTE").doc("funded posts of the grade in the team");
    s.key("establishment.changes", Kind::Section).doc("dated changes to posts, e.g. 20 extra posts");
    s.key("establishment.changes[].at", Kind::Date).required().doc("when the change takes effect");
    s.key("establishment.changes[].team", Kind::NameRef).refers_to("team").required().doc("the team changed");
    s.key("establishment.changes[].<grade>", Kind::SignedFte).unit("FTE").doc("posts added (+) or removed (-)");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        params::Date start;
        if (!date_at(root, "start", start)) return;
        const params::Tree* changes = node_at(root, "establishment.changes");
        if (!changes) return;
        for (std::size_t i = 0; i < changes->seq.size(); ++i) {
            params::Date at;
            const params::Tree* n = changes->seq[i].find("at");
            if (n && date_at(changes->seq[i], "at", at) &&
                params::days_from_civil(at) < params::days_from_civil(start))
                diags.error(n->loc, "establishment.changes[" + std::to_string(i) + "].at",
                            n->scalar + " is before the scenario's start " + params::format_date(start) +
                                "; fold it into establishment.teams instead");
        }
    });
}

}  // namespace wfsim::model
