// Targets: statements such as "agency rate at most 30% by month 24" whose
// probability of being met the batch reports.
#include "models/calendar.h"
#include "models/check_helpers.h"
#include "models/metrics/result.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

namespace {

// A flow (or a ratio with one) covers no time at month 0, the start date, so
// it cannot be judged there.
void refuse_flow_at_start(const params::Tree& month, const params::Tree& metric, const std::string& path,
                          params::Diagnostics& diags) {
    for (int k = 0; k < kMetrics; ++k)
        if (metric.scalar == kMetricNames[k] && !has_value_at_start(k))
            diags.error(month.loc, path + ".month",
                        "0 is the start date, where " + metric.scalar +
                            " has no value (a flow, or a ratio with one, covers no time yet); give a month from 1");
}

}  // namespace

void declare_target_keys(params::Schema& s) {
    s.add_heading("Targets",
                  "Each target compares a metric with a value at one point: the month that contains the date `by` "
                  "(judged at its end), month `month` (24: the end of the 24th month, two years after the start; 0: "
                  "the start date, for metrics other than flows), or over a financial "
                  "`financial_year` (flows and spend summed over the year, other metrics at its last month). Give "
                  "exactly one of the three. `summary.json` reports the probability that the target is met with a "
                  "95% interval, and the first month in which the condition holds (0 when it holds on the start date).");
    std::vector<std::string> metrics(kMetricNames, kMetricNames + kMetrics);
    s.key("targets", Kind::Section).doc("a list of targets");
    s.key("targets[].name", Kind::String).required().doc("e.g. agency spend down to 30%");
    s.key("targets[].metric", Kind::Enum).choices(metrics).required().doc("a metric (see Metrics)");
    s.key("targets[].op", Kind::Enum).choices({"<=", ">=", "<", ">"}).required().doc("how the metric compares with value");
    s.key("targets[].value", Kind::Number).required().doc("the value to reach, in the metric's unit (shares as 0.3)");
    s.key("targets[].by", Kind::Date).doc("judged in the month containing this date");
    s.key("targets[].month", Kind::Integer)
        .range(0, 1200)
        .doc("judged at the end of this month (1 is the first; 0 the start date, not for flows)");
    s.key("targets[].financial_year", Kind::String).doc("judged over this financial year, written 2016/17 or 2016-17");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* list = node_at(root, "targets");
        if (!list || !list->is_seq()) return;
        params::Date start;
        date_at(root, "start", start);
        for (std::size_t i = 0; i < list->seq.size(); ++i) {
            const params::Tree& t = list->seq[i];
            const std::string path = "targets[" + std::to_string(i) + "]";
            const int given = (t.find("by") ? 1 : 0) + (t.find("month") ? 1 : 0) + (t.find("financial_year") ? 1 : 0);
            if (given != 1)
                diags.error(t.loc, path, "give exactly one of by (a date), month (a number) or financial_year (2016/17 or 2016-17)");
            if (const params::Tree* month = t.find("month"); month && month->scalar == "0")
                if (const params::Tree* metric = t.find("metric")) refuse_flow_at_start(*month, *metric, path, diags);
            params::Date by;
            if (date_at(t, "by", by) && params::days_from_civil(by) < params::days_from_civil(start))
                diags.error(t.find("by")->loc, path + ".by", t.find("by")->scalar + " is before the scenario's start");
            if (const params::Tree* fy = t.find("financial_year")) {
                const std::optional<int> a = financial_year_start(fy->scalar);
                if (!a)
                    diags.error(fy->loc, path + ".financial_year", fy->scalar + " is not a financial year; write it as 2016/17 or 2016-17");
                else if (params::days_from_civil(params::Date{*a + 1, 3, 31}) < params::days_from_civil(start))
                    diags.error(fy->loc, path + ".financial_year", fy->scalar + " ends before the scenario's start");
            }
        }
    });
}

}  // namespace wfsim::model
