// Establishment: funded posts by team and grade, and dated changes to them.
#include "models/check_helpers.h"
#include "models/limits/limits.h"
#include "models/schema.h"

namespace wfsim::model {

namespace {

using limits::kMaxPostsInCell;
using limits::kMaxPosts;

}  // namespace

using params::Kind;

void declare_establishment_keys(params::Schema& s) {
    s.add_heading("Establishment",
                  "Posts (FTE) by team and grade. A post of 5.5 FTE is five full-time posts and one half-time post. "
                  "Posts removed by a change are taken from vacant posts first; an occupied post is removed when it "
                  "falls vacant.");
    s.key("establishment", Kind::Section).required();
    s.key("establishment.teams", Kind::Section).required().doc("teams, each with FTE posts by grade");
    // Bounds that keep a run's memory within a few GB (about 600 bytes a post,
    // per thread), with room for the national benchmark's 1.5 million posts.
    s.key("establishment.teams.<team>.<grade>", Kind::Fte)
        .range(0, kMaxPostsInCell)
        .unit("FTE")
        .doc("funded posts of the grade in the team (at most 2,000,000; 3,000,000 in all)");
    s.key("establishment.changes", Kind::Section).doc("dated changes to posts, e.g. 20 extra posts");
    s.key("establishment.changes[].at", Kind::Date).required().doc("when the change takes effect");
    s.key("establishment.changes[].team", Kind::NameRef).refers_to("team").required().doc("the team changed");
    s.key("establishment.changes[].<grade>", Kind::SignedFte)
        .range(-kMaxPostsInCell, kMaxPostsInCell)
        .unit("FTE")
        .doc("posts added (+) or removed (-)");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        // Posts in all, counting every addition at a date.
        double total = 0;
        auto add = [&](const params::Tree& fte, bool additions_only) {
            std::string why;
            if (auto v = fte.is_scalar() ? params::parse_number(fte.scalar, false, why) : std::nullopt)
                if (!additions_only || *v > 0) total += *v;
        };
        if (const params::Tree* teams = node_at(root, "establishment.teams"))
            for (const auto& [team, grades] : teams->map)
                for (const auto& [grade, fte] : grades.map) add(fte, false);
        if (const params::Tree* changes = node_at(root, "establishment.changes"))
            for (const auto& change : changes->seq)
                for (const auto& [key, fte] : change.map)
                    if (key != "at" && key != "team") add(fte, true);
        if (const params::Tree* teams = node_at(root, "establishment.teams"); teams && total > kMaxPosts)
            diags.error(teams->loc, "establishment.teams",
                        "the posts add up to " + params::format_number(total) + " FTE with the dated additions; wfsim "
                        "takes at most 3,000,000 (memory grows by about 600 bytes a post for each thread)");
    });
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
