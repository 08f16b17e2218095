#include "models/output/comparison.h"

#include <cmath>
#include <sstream>

#include "engine/io/files.h"
#include "engine/stats/paired.h"
#include "engine/stats/summary.h"

namespace wfsim::model {

using io::format_value;

std::vector<double> total_spend(const std::vector<ReplicationResult>& reps) { return metric_totals(reps, kSpendTotal); }

int break_even_month(const BatchResults& base, const BatchResults& alt) {
    const std::size_t n = base.size(), months = base.calendar().months();
    if (n == 0) return -1;
    // Month by month from month 1: each replication's cumulative difference
    // through the end of the month, and the mean of those (summed in
    // replication order). Month 0 has no spend.
    std::vector<double> running(n, 0.0), cumulative(months + 1, 0.0);
    for (std::size_t m = 1; m <= months; ++m) {
        const std::vector<double> b = base.monthly(kSpendTotal, m), a = alt.monthly(kSpendTotal, m);
        for (std::size_t r = 0; r < n; ++r) {
            running[r] += a[r] - b[r];
            cumulative[m] += running[r] / static_cast<double>(n);
        }
    }
    // The first month from which it stays at or below zero to the horizon.
    int month = -1;
    for (std::size_t m = months; m >= 1; --m) {
        if (cumulative[m] > 0) break;
        month = static_cast<int>(m);
    }
    return month;
}

namespace {

double mean_of(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

// The mean paired difference alt - base with its 95% interval, and the middle
// 80% of the replications' own differences (p10, p90): how far one future's
// difference may fall from the mean, which the interval of the mean does not say.
std::string diff_json(const std::vector<double>& base, const std::vector<double>& alt) {
    const stats::Difference d = stats::paired_difference(base, alt);
    std::vector<double> each;
    for (std::size_t r = 0; r < base.size() && r < alt.size(); ++r) each.push_back(alt[r] - base[r]);
    const stats::Summary s = stats::summarize(each);
    return "{\"mean\": " + format_value(d.mean) + ", \"sd\": " + format_value(d.sd) + ", \"interval95\": [" +
           format_value(d.lo) + ", " + format_value(d.hi) + "], \"p10\": " + format_value(s.pct[1]) + ", \"p90\": " +
           format_value(s.pct[5]) + "}";
}

// A scenario's chance of overspending its budget each financial year that has
// one: `, "budget": [...]`, or nothing without a budget.
std::string budget_json(const ScenarioRun& run) {
    const Calendar& cal = run.results.calendar();
    std::string out;
    for (std::size_t y = 0; y < run.budgets.size() && y < cal.financial_years(); ++y) {
        if (!std::isfinite(run.budgets[y])) continue;
        const std::vector<double> spend = run.results.financial_year(y, kComponents);
        std::size_t over = 0;
        for (double v : spend) over += v > run.budgets[y] ? 1 : 0;
        double lo = 0, hi = 0;
        wilson_interval(over, spend.size(), lo, hi);
        out += std::string(out.empty() ? "" : ", ") + "{\"financial_year\": \"" + cal.fy_label(y) + "\", \"budget\": " +
               format_value(run.budgets[y]) + ", \"p_overspend\": " +
               format_value(spend.empty() ? 0.0 : double(over) / double(spend.size())) + ", \"interval95\": [" +
               format_value(lo) + ", " + format_value(hi) + "]}";
    }
    return out.empty() ? out : ",\n     \"budget\": [" + out + "]";
}

}  // namespace

std::string comparison_csv(const Calendar& cal, const std::vector<ScenarioRun>& runs) {
    const ScenarioRun& base = runs.at(0);
    std::ostringstream out;
    out << "month,date,metric,alternative,base_mean,alternative_mean,difference_mean,difference_sd,"
           "difference_ci95_low,difference_ci95_high\n";
    for (std::size_t m = 0; m <= cal.months(); ++m)
        for (int k = 0; k < kMetrics; ++k) {
            const std::vector<double> b = base.results.monthly(k, m);
            for (std::size_t i = 1; i < runs.size(); ++i) {
                const ScenarioRun& alt = runs[i];
                out << m << ',' << cal.month_last_day(m) << ',' << kMetricNames[k] << ',' << io::csv_field(alt.name);
                if (!has_value(k, m)) {  // a flow at month 0: empty cells
                    out << ",,,,,,\n";
                    continue;
                }
                const std::vector<double> a = alt.results.monthly(k, m);
                const stats::Difference d = stats::paired_difference(b, a);
                out << ',' << format_value(mean_of(b)) << ',' << format_value(mean_of(a)) << ','
                    << format_value(d.mean) << ',' << format_value(d.sd) << ',' << format_value(d.lo) << ','
                    << format_value(d.hi) << '\n';
            }
        }
    return out.str();
}

std::string comparison_json(const Calendar& cal, std::uint64_t seed, const std::vector<ScenarioRun>& runs,
                            const std::string& precision) {
    const ScenarioRun& base = runs.at(0);
    std::ostringstream out;
    out << "{\n  \"format_version\": " << kFormatVersion << ",\n  \"base\": " << io::json_escape(base.name)
        << ",\n  \"base_file\": " << io::json_escape(base.file)
        << ",\n  \"seed\": " << seed << ",\n  \"replications\": " << base.results.size()
        << (precision.empty() ? std::string() : ",\n  \"precision\": " + precision) << ",\n  \"start\": \"" << params::format_date(cal.start) << "\",\n  \"horizon_months\": "
        << cal.months() << ",\n  \"engine_version\": \"" << WFSIM_VERSION
        << "\",\n  \"common_random_numbers\": true,\n  \"alternatives\": [";
    const std::vector<double> base_total = base.results.total(kSpendTotal);
    for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
        const ScenarioRun& alt = runs[i + 1];
        const std::vector<double> alt_total = alt.results.total(kSpendTotal);
        std::size_t cheaper = 0;
        for (std::size_t r = 0; r < base_total.size(); ++r) cheaper += alt_total[r] < base_total[r] ? 1 : 0;
        double lo = 0, hi = 0;
        wilson_interval(cheaper, base_total.size(), lo, hi);
        const int be = break_even_month(base.results, alt.results);
        out << (i ? "," : "") << "\n    {\"scenario\": " << io::json_escape(alt.name) << ", \"file\": "
            << io::json_escape(alt.file) << ",\n     \"spend_total_difference\": "
            << diff_json(base_total, alt_total) << ",\n     \"p_alternative_costs_less\": "
            << format_value(base_total.empty() ? 0.0 : double(cheaper) / double(base_total.size()))
            << ", \"p_interval95\": [" << format_value(lo) << ", " << format_value(hi) << "],\n     \"break_even_month\": "
            << (be < 0 ? std::string("null") : std::to_string(be)) << ", \"break_even_date\": "
            << (be < 0 ? std::string("null") : "\"" + cal.month_last_day(static_cast<std::size_t>(be)) + "\"")
            << ",\n     \"spend_difference_by_component\": {";
        for (int c = 0; c < kComponents; ++c)
            out << (c ? ", " : "") << "\"" << kComponentNames[c] << "\": "
                << diff_json(base.results.total(kSpendPermanent + c), alt.results.total(kSpendPermanent + c));
        out << "},\n     \"people_difference\": {";
        for (int k = kStarters; k <= kEarlyLeavers; ++k)
            out << (k > kStarters ? ", " : "") << "\"" << kMetricNames[k] << "\": "
                << diff_json(base.results.total(k), alt.results.total(k));
        // What the alternative's saving is worth per early leaver it avoids:
        // the spend difference over the early leavers' difference, both paired.
        const auto per_early = stats::ratio_of_differences(base_total, alt_total, base.results.total(kEarlyLeavers),
                                                           alt.results.total(kEarlyLeavers));
        out << "},\n     \"spend_difference_per_early_leaver_difference\": ";
        if (per_early)
            out << "{\"ratio\": " << format_value(per_early->value) << ", \"se\": " << format_value(per_early->se)
                << ", \"interval95\": [" << format_value(per_early->lo) << ", " << format_value(per_early->hi) << "]}";
        else
            out << "null";
        out << ",\n     \"spend_total_difference_by_financial_year\": [";
        for (std::size_t y = 0; y < cal.financial_years(); ++y)
            out << (y ? ", " : "") << "\n       {\"financial_year\": \"" << cal.fy_label(y) << "\", \"difference\": "
                << diff_json(base.results.financial_year(y, kComponents), alt.results.financial_year(y, kComponents))
                << "}";
        out << "]}";
    }
    out << "\n  ],\n  \"targets_by_scenario\": [";
    for (std::size_t i = 0; i < runs.size(); ++i)
        out << (i ? "," : "") << "\n    {\"scenario\": " << io::json_escape(runs[i].name)
            << ", \"targets\": " << targets_json(runs[i].results, 4) << budget_json(runs[i]) << "}";
    out << "\n  ]\n}\n";
    return out.str();
}

}  // namespace wfsim::model
