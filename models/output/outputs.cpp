#include "models/output/outputs.h"

#include <cmath>
#include <sstream>

#include "engine/io/files.h"
#include "engine/io/json.h"
#include "engine/stats/summary.h"
#include "models/metrics/breakdown.h"

namespace wfsim::model {

using io::format_value;

std::vector<double> metric_totals(const std::vector<ReplicationResult>& reps, int metric) {
    std::vector<double> out;
    for (const auto& r : reps) out.push_back(horizon_total(metric, r.monthly[static_cast<std::size_t>(metric)]));
    return out;
}

namespace {

void stats_cells(std::ostringstream& out, const stats::Summary& s) {
    out << format_value(s.mean) << ',' << format_value(s.sd);
    for (double p : s.pct) out << ',' << format_value(p);
}

// The cells of a metric with no value in the month (a flow at month 0): empty.
void empty_stats_cells(std::ostringstream& out) { out << std::string(1 + stats::kPercentiles.size(), ','); }

io::Json stats_json(const stats::Summary& s) {
    io::Json j = {{"mean", s.mean}, {"sd", s.sd}};
    static const char* names[] = {"p05", "p10", "p25", "p50", "p75", "p90", "p95"};
    for (std::size_t i = 0; i < s.pct.size(); ++i) j[names[i]] = s.pct[i];
    return j;
}

}  // namespace

io::Json budget_json(const Calendar& cal, const std::vector<double>& budgets, const BatchResults& results) {
    // Spend against the budget: the chance of overspending each year that has one.
    io::Json out = io::Json::array();
    for (std::size_t y = 0; y < budgets.size() && y < cal.financial_years(); ++y) {
        if (!std::isfinite(budgets[y])) continue;
        const std::vector<double> spend = results.financial_year(y, kComponents);
        std::size_t over = 0;
        for (double v : spend) over += v > budgets[y] ? 1 : 0;
        double lo = 0, hi = 0;
        wilson_interval(over, spend.size(), lo, hi);
        out.push_back({{"financial_year", cal.fy_label(y)},
                       {"budget", budgets[y]},
                       {"p_overspend", spend.empty() ? 0.0 : double(over) / double(spend.size())},
                       {"interval95", {lo, hi}}});
    }
    return out;
}

// One row per month and metric in total (grade and team empty), then one per
// grade and one per team for the metrics broken down (breakdown.h).
std::string trajectory_csv(const BatchInfo& info, const BatchResults& results) {
    std::ostringstream out;
    out << "month,date,metric,grade,team,mean,sd," << stats::kPercentileHeader << "\n";
    SeriesLayout layout(info.names.grades.size(), info.names.teams.size());
    if (layout.count() != results.series()) layout = SeriesLayout();  // results without groups: totals only
    auto row = [&](std::size_t m, int k, const std::string& grade, const std::string& team, std::size_t series) {
        out << m << ',' << info.calendar.month_last_day(m) << ',' << kMetricNames[k] << ',' << io::csv_field(grade)
            << ',' << io::csv_field(team) << ',';
        if (has_value(k, m)) stats_cells(out, stats::summarize(results.series_monthly(series, m)));
        else empty_stats_cells(out);
        out << '\n';
    };
    for (std::size_t m = 0; m <= info.calendar.months(); ++m)
        for (int k = 0; k < kMetrics; ++k) {
            row(m, k, "", "", static_cast<std::size_t>(k));
            for (std::size_t g = 0; g < layout.grades(); ++g)
                if (const std::size_t s = layout.index(k, Dimension::Grade, g); s != SeriesLayout::npos)
                    row(m, k, info.names.grades[g], "", s);
            for (std::size_t t = 0; t < layout.teams(); ++t)
                if (const std::size_t s = layout.index(k, Dimension::Team, t); s != SeriesLayout::npos)
                    row(m, k, "", info.names.teams[t], s);
        }
    return out.str();
}

// Per financial year: every component and the total in cash, the same in
// real terms, then each spend metric by grade and by team, in cash and in
// real terms, with
// grade and team empty for the totals as in trajectory.csv.
std::string financial_years_csv(const BatchInfo& info, const BatchResults& results) {
    std::ostringstream out;
    out << "financial_year,from,to,metric,grade,team,mean,sd," << stats::kPercentileHeader << "\n";
    SeriesLayout layout(info.names.grades.size(), info.names.teams.size());
    if (layout.count() != results.series()) layout = SeriesLayout();  // results without groups: totals only
    const std::size_t years = info.calendar.financial_years();
    for (std::size_t y = 0; y < years; ++y) {
        auto lead = [&](const std::string& metric, const std::string& grade, const std::string& team) {
            out << info.calendar.fy_label(y) << ',' << info.calendar.fy_from(y) << ',' << info.calendar.fy_to(y) << ','
                << metric << ',' << io::csv_field(grade) << ',' << io::csv_field(team) << ',';
        };
        // A year's deflator is one number, so its real spend is the cash
        // divided by it, replication by replication.
        const double deflator = y < info.deflators.size() ? info.deflators[y] : 1.0;
        for (int real = 0; real <= 1; ++real)
            for (int c = 0; c <= kComponents; ++c) {
                lead(std::string(c == kComponents ? "spend_total" : kComponentNames[c]) + (real ? "_real" : ""), "", "");
                std::vector<double> v = results.financial_year(y, c);
                if (real)
                    for (double& x : v) x /= deflator;
                stats_cells(out, stats::summarize(v));
                out << '\n';
            }
        auto group_row = [&](std::size_t series, const std::string& metric, const std::string& grade,
                             const std::string& team, double divide_by) {
            lead(metric, grade, team);
            std::vector<double> v = results.series_monthly(series, y);
            if (divide_by != 1.0)
                for (double& x : v) x /= divide_by;
            stats_cells(out, stats::summarize(v));
            out << '\n';
        };
        for (int real = 0; real <= 1; ++real)
            for (int k = kSpendPermanent; k <= kSpendTotal; ++k) {
                const std::string metric = std::string(kMetricNames[k]) + (real ? "_real" : "");
                const double divide_by = real ? deflator : 1.0;
                for (std::size_t g = 0; g < layout.grades(); ++g)
                    if (const std::size_t s = layout.year_series(k, Dimension::Grade, g); s != SeriesLayout::npos)
                        group_row(s, metric, info.names.grades[g], "", divide_by);
                for (std::size_t t = 0; t < layout.teams(); ++t)
                    if (const std::size_t s = layout.year_series(k, Dimension::Team, t); s != SeriesLayout::npos)
                        group_row(s, metric, "", info.names.teams[t], divide_by);
            }
    }
    return out.str();
}

std::string summary_json(const BatchInfo& info, const BatchResults& results) {
    const std::uint64_t events = results.events();
    const std::size_t n = results.size();
    const Calendar& cal = info.calendar;
    io::Json j = {{"format_version", kFormatVersion},
                  {"scenario", info.scenario_name},
                  {"seed", info.seed},
                  {"replications", n}};
    if (!info.precision_json.empty()) j["precision"] = io::Json::parse(info.precision_json);
    j["start"] = params::format_date(cal.start);
    j["end"] = cal.month_last_day(cal.months());
    j["horizon_months"] = cal.months();
    j["horizon_days"] = cal.horizon_days;
    j["engine_version"] = WFSIM_VERSION;
    j["events_processed"] = events;
    j["events_per_replication"] = n == 0 ? 0.0 : double(events) / double(n);
    io::Json totals = io::Json::object(), final_month = io::Json::object();
    for (int k = 0; k < kMetrics; ++k)
        (is_flow_metric(k) ? totals : final_month)[kMetricNames[k]] = stats_json(stats::summarize(results.total(k)));
    j["totals"] = std::move(totals);
    j["final_month"] = std::move(final_month);
    j["targets"] = targets_json(results);
    if (io::Json b = budget_json(info.calendar, info.budgets, results); !b.empty()) j["budget"] = std::move(b);
    return io::json_file_text(j, "summary.json");
}

std::string trajectory_csv(const BatchInfo& info, const std::vector<ReplicationResult>& reps) {
    return trajectory_csv(info, reduce(info.calendar, info.targets, reps));
}

std::string financial_years_csv(const BatchInfo& info, const std::vector<ReplicationResult>& reps) {
    return financial_years_csv(info, reduce(info.calendar, info.targets, reps));
}

std::string summary_json(const BatchInfo& info, const std::vector<ReplicationResult>& reps) {
    return summary_json(info, reduce(info.calendar, info.targets, reps));
}

}  // namespace wfsim::model
