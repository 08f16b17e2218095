#include "models/output/comparison.h"

#include <cmath>
#include <sstream>

#include "engine/io/files.h"
#include "engine/io/json.h"
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
io::Json diff_json(const std::vector<double>& base, const std::vector<double>& alt) {
    const stats::Difference d = stats::paired_difference(base, alt);
    std::vector<double> each;
    for (std::size_t r = 0; r < base.size() && r < alt.size(); ++r) each.push_back(alt[r] - base[r]);
    const stats::Summary s = stats::summarize(each);
    return {{"mean", d.mean}, {"sd", d.sd}, {"interval95", {d.lo, d.hi}}, {"p10", s.pct[1]}, {"p90", s.pct[5]}};
}

// A scenario's own spend (not a difference) over the horizon and by financial
// year: mean and the middle 80% of replications, for a budget holder who asks
// what each option costs, not only what it saves.
io::Json spend_json(const std::string& scenario, const Calendar& cal, const BatchResults& r) {
    auto summary = [](const std::vector<double>& v) {
        const stats::Summary s = stats::summarize(v);
        return io::Json{{"mean", s.mean}, {"p10", s.pct[1]}, {"p50", s.pct[3]}, {"p90", s.pct[5]}};
    };
    io::Json years = io::Json::array();
    for (std::size_t y = 0; y < cal.financial_years(); ++y)
        years.push_back({{"financial_year", cal.fy_label(y)}, {"spend_total", summary(r.financial_year(y, kComponents))}});
    return {{"scenario", scenario}, {"spend_total", summary(r.total(kSpendTotal))}, {"by_financial_year", std::move(years)}};
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
    io::Json j = {{"format_version", kFormatVersion},
                  {"base", base.name},
                  {"base_file", base.file},
                  {"seed", seed},
                  {"replications", base.results.size()}};
    if (!precision.empty()) j["precision"] = io::Json::parse(precision);
    j["start"] = params::format_date(cal.start);
    j["horizon_months"] = cal.months();
    j["engine_version"] = WFSIM_VERSION;
    j["common_random_numbers"] = true;
    io::Json alternatives = io::Json::array();
    const std::vector<double> base_total = base.results.total(kSpendTotal);
    for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
        const ScenarioRun& alt = runs[i + 1];
        const std::vector<double> alt_total = alt.results.total(kSpendTotal);
        std::size_t cheaper = 0;
        for (std::size_t r = 0; r < base_total.size(); ++r) cheaper += alt_total[r] < base_total[r] ? 1 : 0;
        double lo = 0, hi = 0;
        wilson_interval(cheaper, base_total.size(), lo, hi);
        const int be = break_even_month(base.results, alt.results);
        io::Json a = {{"scenario", alt.name},
                      {"file", alt.file},
                      {"spend_total_difference", diff_json(base_total, alt_total)},
                      {"p_alternative_costs_less", base_total.empty() ? 0.0 : double(cheaper) / double(base_total.size())},
                      {"p_interval95", {lo, hi}}};
        a["break_even_month"] = be < 0 ? io::Json(nullptr) : io::Json(be);
        a["break_even_date"] = be < 0 ? io::Json(nullptr) : io::Json(cal.month_last_day(static_cast<std::size_t>(be)));
        io::Json parts = io::Json::object();
        for (int c = 0; c < kComponents; ++c)
            parts[kComponentNames[c]] = diff_json(base.results.total(kSpendPermanent + c), alt.results.total(kSpendPermanent + c));
        a["spend_difference_by_component"] = std::move(parts);
        io::Json people = io::Json::object();
        for (int k = kStarters; k <= kEarlyLeavers; ++k)
            people[kMetricNames[k]] = diff_json(base.results.total(k), alt.results.total(k));
        a["people_difference"] = std::move(people);
        // What the alternative's saving is worth per early leaver it avoids:
        // the spend difference over the early leavers' difference, both paired.
        const auto per_early = stats::ratio_of_differences(base_total, alt_total, base.results.total(kEarlyLeavers),
                                                           alt.results.total(kEarlyLeavers));
        a["spend_difference_per_early_leaver_difference"] =
            per_early ? io::Json{{"ratio", per_early->value}, {"se", per_early->se}, {"interval95", {per_early->lo, per_early->hi}}}
                      : io::Json(nullptr);
        io::Json years = io::Json::array();
        for (std::size_t y = 0; y < cal.financial_years(); ++y)
            years.push_back({{"financial_year", cal.fy_label(y)},
                             {"difference", diff_json(base.results.financial_year(y, kComponents),
                                                      alt.results.financial_year(y, kComponents))}});
        a["spend_total_difference_by_financial_year"] = std::move(years);
        alternatives.push_back(std::move(a));
    }
    j["alternatives"] = std::move(alternatives);
    io::Json spend = io::Json::array(), targets = io::Json::array();
    for (const ScenarioRun& r : runs) {
        spend.push_back(spend_json(r.name, cal, r.results));
        io::Json one = {{"scenario", r.name}, {"targets", targets_json(r.results)}};
        if (io::Json b = budget_json(cal, r.budgets, r.results); !b.empty()) one["budget"] = std::move(b);
        targets.push_back(std::move(one));
    }
    j["spend_by_scenario"] = std::move(spend);
    j["targets_by_scenario"] = std::move(targets);
    return io::json_file_text(j, "summary.json");
}

}  // namespace wfsim::model
