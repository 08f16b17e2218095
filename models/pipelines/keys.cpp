// Pipelines: cohorts that arrive at fixed dates (university, Step Up, ...).
#include "models/check_helpers.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

void declare_pipeline_keys(params::Schema& s) {
    s.add_heading("Pipelines",
                  "Cohorts of trainees start at `first_intake` and every `every` after it (until `last_intake`). "
                  "After `training`, each completes with `completion` and takes a post with `join`: a vacant post "
                  "of the grade: in `team` if given (only there), else in the team with most vacancies. Completers who find no "
                  "vacant post are counted as `pipeline_unplaced`. Joiners to the ASYE grade start the ASYE year.");
    s.key("pipelines", Kind::Section).doc("a list of cohorts");
    s.key("pipelines[].name", Kind::String).required().doc("e.g. Step Up 2016");
    s.key("pipelines[].kind", Kind::Enum)
        .choices({"university", "step_up", "apprenticeship", "returners", "grow_our_own"})
        .required()
        .doc("the route (for reports)");
    s.key("pipelines[].grade", Kind::NameRef).refers_to("grade").required().doc("the grade completers join");
    s.key("pipelines[].team", Kind::NameRef).refers_to("team").doc("the team they join; (off) means any team");
    s.key("pipelines[].first_intake", Kind::Date).required().doc("when the first cohort starts training");
    s.key("pipelines[].every", Kind::Duration).def("12 months").range(28, 36525).doc("time between intakes; in months or years, intakes fall on the same day of the month");
    s.key("pipelines[].last_intake", Kind::Date).doc("no intake after this date; (off) means one intake only");
    s.key("pipelines[].trainees", Kind::Integer).required().range(0, 100000).doc("trainees per intake");
    s.key("pipelines[].training", Kind::Duration).def("0 days").doc("time from intake to joining (Step Up 14 months)");
    s.key("pipelines[].completion", Kind::Probability).def("1").doc("probability a trainee completes");
    s.key("pipelines[].join", Kind::Probability).def("1").doc("probability a completer takes a post here");
    s.key("pipelines[].cost_per_trainee", Kind::Money).def("0").unit("pounds").doc("training cost, spread over the training period");
    s.key("pipelines[].salary", Kind::Money).def("0").unit("pounds per year").doc("pay during training (paid placements, apprentices)");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* p = node_at(root, "pipelines");
        if (!p || !p->is_seq()) return;
        for (std::size_t i = 0; i < p->seq.size(); ++i) {
            params::Date first, last;
            if (date_at(p->seq[i], "first_intake", first) && date_at(p->seq[i], "last_intake", last) &&
                params::days_from_civil(last) < params::days_from_civil(first))
                diags.error(p->seq[i].find("last_intake")->loc, "pipelines[" + std::to_string(i) + "].last_intake",
                            params::format_date(last) + " is before first_intake " + params::format_date(first));
        }
    });
}

}  // namespace wfsim::model
