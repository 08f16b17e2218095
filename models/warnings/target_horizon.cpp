// A target that can never be judged within the horizon.
//
// Why: a target judged at a month, a date or a financial year after the
// scenario's horizon is kept but never judged: summary.json reports its
// probability as null, which is easy to miss (a three-year horizon with a
// target "by 2020" of a 2016 scenario). `run` says so when a shorter --months
// cuts a target off; validate says so for the scenario's own horizon. The
// targets are read with the same code a run uses (read_targets), so the two
// agree on which targets are judged.
#include "models/check_helpers.h"
#include "models/simulation.h"
#include "models/targets/targets.h"
#include "models/warnings/warnings.h"

namespace wfsim::model {

void warn_target_beyond_horizon(params::Schema& s) {
    s.add_warning_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* list = node_at(root, "targets");
        if (!list || !list->is_seq() || list->seq.empty()) return;
        const Calendar cal = calendar_for(root, 0);
        std::vector<std::string> notes;  // read_targets' own wording, for a run's log
        const std::vector<Target> targets = read_targets(root, cal, notes);
        for (std::size_t i = 0; i < targets.size() && i < list->seq.size(); ++i) {
            if (!targets[i].beyond_horizon) continue;
            const params::Tree& t = list->seq[i];
            std::string key = "month";
            for (const char* k : {"by", "financial_year"})
                if (t.find(k)) key = k;
            const params::Tree* when = t.find(key);
            diags.warning(when ? when->loc : t.loc, "targets[" + std::to_string(i) + "]." + key,
                          "'" + targets[i].name + "' is judged at " + (key == "financial_year" ? "financial year " : "") +
                              targets[i].when + ", after the horizon (" + std::to_string(cal.months()) +
                              " months, to " + cal.month_last_day(cal.months()) +
                              "), so it is never judged; lengthen the horizon or bring the target forward");
        }
    });
}

}  // namespace wfsim::model
