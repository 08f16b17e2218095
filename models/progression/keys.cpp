// Progression between grades.
#include "models/check_helpers.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_progression_keys(params::Schema& s) {
    s.add_heading("Progression",
                  "After `after` in their grade, staff of grade `from` progress to `to` at hazard `rate`. With "
                  "`requires_vacancy` they move into a vacant post of grade `to` (in their team first) and their "
                  "old post falls vacant; when none is vacant they try again later. Without it they are regraded "
                  "in their own post.");
    s.key("progression", Kind::Section).doc("a list of steps between grades");
    s.key("progression[].from", Kind::NameRef).refers_to("grade").required().doc("grade progressed from");
    s.key("progression[].to", Kind::NameRef).refers_to("grade").required().doc("grade progressed to");
    s.key("progression[].after", Kind::Duration).def("0 days").doc("minimum time in grade");
    s.key("progression[].rate", Kind::Rate).required().unit("per year").doc("progression hazard once eligible");
    s.key("progression[].requires_vacancy", Kind::Bool).def("true").doc("progress only into a vacant post of the grade");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* p = node_at(root, "progression");
        if (!p || !p->is_seq()) return;
        for (std::size_t i = 0; i < p->seq.size(); ++i) {
            const params::Tree* f = p->seq[i].find("from");
            const params::Tree* t = p->seq[i].find("to");
            if (f && t && f->scalar == t->scalar)
                diags.error(t->loc, "progression[" + std::to_string(i) + "].to", "is the same grade as from");
        }
        // Steps that lead back to where they started would move people round
        // and round for ever: progression goes one way.
        for (std::size_t i = 0; i < p->seq.size(); ++i) {
            const params::Tree* start = p->seq[i].find("from");
            const params::Tree* next = p->seq[i].find("to");
            if (!start || !next) continue;
            std::string at = next->scalar;
            for (std::size_t hops = 0; hops <= p->seq.size(); ++hops) {
                if (at == start->scalar) {
                    diags.error(p->seq[i].loc, "progression[" + std::to_string(i) + "]",
                                "the steps from " + start->scalar + " lead back to " + start->scalar +
                                    "; progression must not form a cycle");
                    return;
                }
                const params::Tree* step = nullptr;
                for (const auto& item : p->seq)
                    if (const params::Tree* f = item.find("from"); f && f->scalar == at) step = item.find("to");
                if (!step) break;
                at = step->scalar;
            }
        }
    });
}

}  // namespace wfsim::model
