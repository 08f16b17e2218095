// What a report is made of, read only from the files a run left in its folder
// (never from the simulation): trajectory.csv, financial_years.csv,
// comparison.csv, sweep.csv, summary.json and the resolved scenarios.
#pragma once
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/report/seek_report.h"
#include "models/report/tornado.h"

namespace wfsim::report {

// Statistics over replications, as the CSV files give them. Empty cells (a
// flow at month 0, the start date) are read as NaN.
struct Stats {
    double mean = 0, sd = 0, p05 = 0, p10 = 0, p25 = 0, p50 = 0, p75 = 0, p90 = 0, p95 = 0;
    bool has_value() const { return mean == mean; }  // false for NaN
};

// Per month 0..M, as trajectory.csv numbers them (month 0: the start date), per metric.
struct Trajectory {
    std::vector<std::string> dates;                      // [m]: the start date for 0, else month m's last day, ISO
    std::vector<std::string> metric_order;               // as the file lists them
    std::map<std::string, std::vector<Stats>> metrics;   // metric -> one entry per month
    const std::vector<Stats>* find(const std::string& metric) const;
};

struct FinancialYearRow {
    std::string year, from, to, metric;
    Stats stats;
};

struct Target {
    std::string name, metric, op, when;
    double value = 0;
    bool judged = false;
    std::string note;  // why it was not judged
    double probability = 0, low = 0, high = 0;
    bool has_value_judged = false;
    double judged_mean = 0, judged_p10 = 0, judged_p50 = 0, judged_p90 = 0;
    bool has_first_month = false;
    double share_ever_met = 0, first_mean = 0, first_p10 = 0, first_p50 = 0, first_p90 = 0;
    // Met from then on: the first month after which it holds in every month to
    // the judged one (summary.json's met_from_then_on, when the file gives it).
    bool has_kept = false;
    double share_kept = 0, kept_p10 = 0, kept_p50 = 0, kept_p90 = 0;
};

// A scenario as simulated (scenario.resolved.yaml or scenario.N.resolved.yaml).
struct ScenarioFile {
    std::string file;     // the file name inside the folder
    std::string text;     // the whole file
    YAML::Node root;      // null when it could not be read
    std::string problem;  // why it could not be read (empty when it was)
};

struct Interval {
    double mean = 0, sd = 0, low = 0, high = 0;  // low, high: the 95% interval of the mean
    // The middle 80% of the paired outcomes (10th and 90th percentiles of the
    // replication-by-replication differences), when the file gives them.
    bool has_range = false;
    double p10 = 0, p90 = 0;
};

struct MonthlyDifference {
    double base_mean = 0, alternative_mean = 0;
    Interval difference;
};

struct Alternative {
    std::string name, file;
    Interval spend_total;  // alternative - base, over the horizon
    double p_costs_less = 0, p_low = 0, p_high = 0;
    std::optional<int> break_even_month;  // as summary.json gives it: month m >= 1
    std::string break_even_date;
    std::vector<std::pair<std::string, Interval>> by_component;       // spend_* -> difference
    std::vector<std::pair<std::string, Interval>> by_financial_year;  // "2016/17" -> difference
    std::map<std::string, std::vector<MonthlyDifference>> monthly;    // metric -> per month
};

// summary.json's budget: per financial year with a budget, the chance that
// total spend (cash) exceeds it, with a 95% interval for that chance.
struct BudgetYear {
    std::string year;
    double budget = 0, p_overspend = 0, low = 0, high = 0;
};

struct RunReport {
    std::string scenario, start, end, engine_version;
    double seed = 0, replications = 0, horizon_months = 0;
    Trajectory trajectory;
    std::vector<FinancialYearRow> financial_years;
    std::vector<std::pair<std::string, Stats>> totals, final_month;
    std::vector<Target> targets;
    std::vector<BudgetYear> budget;  // empty when the scenario has none (or the file predates it)
};

// A scenario's own total spend in a comparison (summary.json's
// spend_by_scenario): over the horizon and by financial year; p05 to p95 as
// given (mean, p10, p50, p90), the rest left at 0.
struct ScenarioSpend {
    std::string scenario;
    Stats total;
    std::vector<std::pair<std::string, Stats>> by_financial_year;  // "2016/17" -> spend
};

struct CompareReport {
    std::string base, base_file, start, engine_version;
    double seed = 0, replications = 0, horizon_months = 0;
    std::vector<std::string> dates;          // [m]: month m's date, as in dates of Trajectory
    std::vector<std::string> metric_order;   // metrics in comparison.csv
    std::vector<Alternative> alternatives;
    std::vector<std::pair<std::string, std::vector<Target>>> targets_by_scenario;
    std::vector<std::pair<std::string, std::vector<BudgetYear>>> budget_by_scenario;  // scenarios with a budget
    std::vector<ScenarioSpend> spend_by_scenario;  // the base first; empty from an older wfsim
};

struct SweepReport {
    std::string scenario, engine_version, goal, minimise;
    double seed = 0, replications_per_point = 0;
    std::vector<std::pair<std::string, std::vector<std::string>>> grid;  // key -> values, in order
    std::string goal_target;  // the target the goal names ("" without a goal)
    double goal_probability = 0;
    std::optional<int> best_point;
    double best_value = 0;
    // sweep.csv, one row per point.
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> target_names;    // from sweep_targets.csv
    std::vector<std::string> target_columns;  // the column of each in sweep.csv (p_target_1, ...)
    // The sweep.csv column of a target's probability ("" if none).
    std::string target_column(const std::string& name) const;
    // Helpers over rows.
    std::optional<double> value(std::size_t row, const std::string& column) const;
    std::string text(std::size_t row, const std::string& column) const;
    bool meets_goal(std::size_t row) const;
};

struct ReportData {
    enum class Kind { Run, Compare, Sweep, Sensitivity, Seek } kind = Kind::Run;
    std::string dir;
    RunReport run;
    CompareReport compare;
    SweepReport sweep;
    SensitivityReport sensitivity;  // wfsim sensitivity (models/report/tornado.h)
    SeekReport seek;                // wfsim seek (models/report/seek_report.h)
    std::vector<ScenarioFile> scenarios;  // run and sweep: one; compare: base then alternatives
    long results_time = 0;                // modification time of summary.json (seconds since 1970)
    std::string title() const;            // the name the report is about
};

// Reads a run's folder; throws std::runtime_error saying what is missing or malformed.
ReportData load_output_dir(const std::string& dir);

// Whether a metric is money, a share, FTE...; its label and unit for axes and tables.
enum class Unit { Fte, Share, Money, Ratio, Count, Cases };
Unit unit_of(const std::string& metric);
std::string metric_label(const std::string& metric);  // "Vacant posts (no cover)"
std::string unit_label(const std::string& metric);     // "FTE", "% of posts", "£ per month"
std::string format_metric_value(const std::string& metric, double v);  // "12.3 FTE", "7.1%", "£1.2m"
std::string format_op(const std::string& op);  // "<=" -> "at most"

}  // namespace wfsim::report
