#include "models/report/data.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "engine/io/files.h"
#include "models/output/format_version.h"
#include "models/report/readers.h"
#include "models/report/text.h"

namespace wfsim::report {

namespace fs = std::filesystem;

const std::vector<Stats>* Trajectory::find(const std::string& metric) const {
    auto it = metrics.find(metric);
    return it == metrics.end() ? nullptr : &it->second;
}

std::string SweepReport::target_column(const std::string& name) const {
    for (std::size_t i = 0; i < target_names.size() && i < target_columns.size(); ++i)
        if (target_names[i] == name) return target_columns[i];
    return "";
}

std::optional<double> SweepReport::value(std::size_t row, const std::string& column) const {
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c] != column) continue;
        return parse_number(rows.at(row).at(c));
    }
    return std::nullopt;
}

std::string SweepReport::text(std::size_t row, const std::string& column) const {
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (columns[c] == column) return rows.at(row).at(c);
    return "";
}

bool SweepReport::meets_goal(std::size_t row) const { return text(row, "meets_goal") == "true"; }

std::string ReportData::title() const {
    switch (kind) {
        case Kind::Run: return run.scenario;
        case Kind::Compare: return compare.base;
        case Kind::Sweep: return sweep.scenario;
        case Kind::Sensitivity: return sensitivity.scenario;
        case Kind::Seek: return seek.scenario;
    }
    return "";
}

namespace {

struct StatColumns {
    std::size_t mean, sd, p05, p10, p25, p50, p75, p90, p95;
    explicit StatColumns(const CsvTable& t)
        : mean(t.column("mean")), sd(t.column("sd")), p05(t.column("p05")), p10(t.column("p10")),
          p25(t.column("p25")), p50(t.column("p50")), p75(t.column("p75")), p90(t.column("p90")), p95(t.column("p95")) {}
    // A row whose statistics are all empty has no value that month (a flow at month 0).
    Stats read(const CsvTable& t, std::size_t r) const {
        bool empty = true;
        for (std::size_t c : {mean, sd, p05, p10, p25, p50, p75, p90, p95}) empty = empty && t.rows[r][c].empty();
        if (empty) {
            const double none = std::nan("");
            return Stats{none, none, none, none, none, none, none, none, none};
        }
        return Stats{t.number(r, mean), t.number(r, sd),  t.number(r, p05), t.number(r, p10), t.number(r, p25),
                     t.number(r, p50),  t.number(r, p75), t.number(r, p90), t.number(r, p95)};
    }
};

Stats stats_from_json(const Json& j) {
    Stats s;
    auto get = [&](const char* k) { return j.number_or_null(k).value_or(0.0); };
    s.mean = get("mean"), s.sd = get("sd"), s.p05 = get("p05"), s.p10 = get("p10"), s.p25 = get("p25");
    s.p50 = get("p50"), s.p75 = get("p75"), s.p90 = get("p90"), s.p95 = get("p95");
    return s;
}

std::vector<BudgetYear> budget_from_json(const Json& b) {
    std::vector<BudgetYear> out;
    for (const auto& y : b.array()) {
        BudgetYear by;
        by.year = y.string_or("financial_year", "");
        by.budget = y.number_or_null("budget").value_or(0.0);
        by.p_overspend = by.low = by.high = y.number_or_null("p_overspend").value_or(0.0);
        if (const Json* ci = y.find("interval95"); ci && ci->is_array() && ci->array().size() == 2) {
            by.low = ci->array()[0].number();
            by.high = ci->array()[1].number();
        }
        out.push_back(by);
    }
    return out;
}

Interval interval_from_json(const Json& j) {
    Interval iv;
    iv.mean = j.number_or_null("mean").value_or(0.0);
    iv.sd = j.number_or_null("sd").value_or(0.0);
    if (const Json* ci = j.find("interval95"); ci && ci->is_array() && ci->array().size() == 2) {
        iv.low = ci->array()[0].number();
        iv.high = ci->array()[1].number();
    } else {
        iv.low = iv.high = iv.mean;
    }
    const auto p10 = j.number_or_null("p10"), p90 = j.number_or_null("p90");
    if (p10 && p90) {
        iv.has_range = true;
        iv.p10 = *p10;
        iv.p90 = *p90;
    }
    return iv;
}

MonthlyDifference no_difference() {
    const double none = std::nan("");
    return MonthlyDifference{none, none, Interval{none, none, none, none}};
}

// Files of another format number their months another way: refused, never shifted.
void require_format_version(const Json& summary, const std::string& path) {
    const std::optional<double> v = summary.number_or_null("format_version");
    if (!v || *v != model::kFormatVersion) throw model::OldFormatError(model::old_format_message(path, v ? static_cast<long>(*v) : 1));
}

std::size_t month_index(const CsvTable& t, std::size_t r, std::size_t col) {
    const double m = t.number(r, col);
    if (m < 0 || m > 100000 || m != static_cast<double>(static_cast<long>(m)))
        throw std::runtime_error(t.file + ": row " + std::to_string(r + 2) + ": month " + t.rows[r][col] +
                                 " is not a month number");
    return static_cast<std::size_t>(m);
}

std::vector<Target> targets_from_json(const Json& list) {
    std::vector<Target> out;
    if (list.is_null()) return out;
    for (const Json& j : list.array()) {
        Target t;
        t.name = j.string_or("name", "");
        t.metric = j.string_or("metric", "");
        t.op = j.string_or("op", "");
        t.when = j.string_or("when", "");
        t.value = j.number_or_null("value").value_or(0.0);
        const auto p = j.number_or_null("probability");
        t.judged = p.has_value();
        t.note = j.string_or("note", t.judged ? "" : "not judged");
        if (t.judged) {
            t.probability = *p;
            t.low = t.high = *p;
            if (const Json* ci = j.find("interval95"); ci && ci->is_array() && ci->array().size() == 2) {
                t.low = ci->array()[0].number();
                t.high = ci->array()[1].number();
            }
        }
        if (const Json* v = j.find("value_judged"); v && v->is_object()) {
            t.has_value_judged = true;
            t.judged_mean = v->number_or_null("mean").value_or(0.0);
            t.judged_p10 = v->number_or_null("p10").value_or(0.0);
            t.judged_p50 = v->number_or_null("p50").value_or(0.0);
            t.judged_p90 = v->number_or_null("p90").value_or(0.0);
        }
        if (const Json* f = j.find("first_month_met"); f && f->is_object()) {
            t.has_first_month = true;
            t.share_ever_met = f->number_or_null("share_ever_met").value_or(0.0);
            t.first_mean = f->number_or_null("mean").value_or(0.0);
            t.first_p10 = f->number_or_null("p10").value_or(0.0);
            t.first_p50 = f->number_or_null("p50").value_or(0.0);
            t.first_p90 = f->number_or_null("p90").value_or(0.0);
        }
        if (const Json* k = j.find("met_from_then_on"); k && k->is_object()) {
            t.has_kept = true;
            t.share_kept = k->number_or_null("share").value_or(0.0);
            t.kept_p10 = k->number_or_null("p10").value_or(0.0);
            t.kept_p50 = k->number_or_null("p50").value_or(0.0);
            t.kept_p90 = k->number_or_null("p90").value_or(0.0);
        }
        out.push_back(std::move(t));
    }
    return out;
}

// Every series must have every month: a file cut short is refused, not drawn with zeros.
void require_every_month(const std::string& file, const std::map<std::string, std::vector<bool>>& seen, std::size_t months) {
    for (const auto& [name, got] : seen) {
        for (std::size_t m = 0; m < months; ++m)
            if (m >= got.size() || !got[m]) {
                std::string what = name;
                std::replace(what.begin(), what.end(), '\n', ' ');
                throw std::runtime_error(file + ": " + what + " has no row for month " + std::to_string(m) +
                                         " (the file is incomplete)");
            }
    }
}

ScenarioFile read_scenario(const std::string& dir, const std::string& name) {
    ScenarioFile s;
    s.file = name;
    const fs::path path = fs::path(dir) / name;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        s.problem = name + " is missing from the folder";
        return s;
    }
    try {
        s.text = read_text_file(path.string());
        // Assign the root only once, to a fresh node: assigning to a YAML::Node
        // that already refers to a tree would rewrite that tree.
        YAML::Node root = YAML::Load(s.text);
        if (root.IsMap()) s.root = root;
        else s.problem = name + " is not a scenario (a YAML mapping)";
    } catch (const std::exception& e) {
        s.problem = name + " could not be read: " + e.what();
    }
    return s;
}

void load_run(const std::string& dir, const Json& summary, ReportData& d) {
    RunReport& r = d.run;
    r.scenario = summary.string_or("scenario", "");
    r.start = summary.string_or("start", "");
    r.end = summary.string_or("end", "");
    r.engine_version = summary.string_or("engine_version", "");
    r.seed = summary.number_or_null("seed").value_or(0.0);
    r.replications = summary.number_or_null("replications").value_or(0.0);
    r.horizon_months = summary.number_or_null("horizon_months").value_or(0.0);
    if (const Json* totals = summary.find("totals"); totals && totals->is_object())
        for (const auto& [k, v] : totals->object()) r.totals.emplace_back(k, stats_from_json(v));
    if (const Json* fm = summary.find("final_month"); fm && fm->is_object())
        for (const auto& [k, v] : fm->object()) r.final_month.emplace_back(k, stats_from_json(v));
    if (const Json* t = summary.find("targets")) r.targets = targets_from_json(*t);
    if (const Json* b = summary.find("budget"); b && b->is_array()) r.budget = budget_from_json(*b);

    const CsvTable traj = read_csv((fs::path(dir) / "trajectory.csv").string());
    const std::size_t cm = traj.column("month"), cd = traj.column("date"), cmet = traj.column("metric");
    const StatColumns sc(traj);
    const std::size_t cg = traj.column("grade"), ct = traj.column("team");
    std::map<std::string, std::vector<bool>> seen;
    for (std::size_t i = 0; i < traj.rows.size(); ++i) {
        if (!traj.rows[i][cg].empty() || !traj.rows[i][ct].empty()) continue;  // the report shows totals
        const std::size_t m = month_index(traj, i, cm);
        const std::string& metric = traj.rows[i][cmet];
        if (r.trajectory.dates.size() <= m) r.trajectory.dates.resize(m + 1);
        r.trajectory.dates[m] = traj.rows[i][cd];
        auto& series = r.trajectory.metrics[metric];
        if (series.empty()) r.trajectory.metric_order.push_back(metric);
        if (series.size() <= m) series.resize(m + 1);
        series[m] = sc.read(traj, i);
        auto& got = seen[metric];
        if (got.size() <= m) got.resize(m + 1, false);
        got[m] = true;
    }
    for (const auto& date : r.trajectory.dates)
        if (!iso_to_days(date)) throw std::runtime_error(traj.file + ": months are missing or a date is not YYYY-MM-DD");
    require_every_month(traj.file, seen, r.trajectory.dates.size());

    const CsvTable fy = read_csv((fs::path(dir) / "financial_years.csv").string());
    const std::size_t fy_y = fy.column("financial_year"), fy_f = fy.column("from"), fy_t = fy.column("to"),
                      fy_m = fy.column("metric");
    const StatColumns fsc(fy);
    // The totals; rows by grade or team (issue 19) name their group.
    const bool groups = fy.has_column("grade") && fy.has_column("team");
    const std::size_t fy_g = groups ? fy.column("grade") : 0, fy_team = groups ? fy.column("team") : 0;
    for (std::size_t i = 0; i < fy.rows.size(); ++i) {
        if (groups && (!fy.rows[i][fy_g].empty() || !fy.rows[i][fy_team].empty())) continue;
        r.financial_years.push_back({fy.rows[i][fy_y], fy.rows[i][fy_f], fy.rows[i][fy_t], fy.rows[i][fy_m], fsc.read(fy, i)});
    }
    d.scenarios.push_back(read_scenario(dir, "scenario.resolved.yaml"));
}

void load_compare(const std::string& dir, const Json& summary, ReportData& d) {
    CompareReport& c = d.compare;
    c.base = summary.string_or("base", "");
    c.base_file = summary.string_or("base_file", "");
    c.start = summary.string_or("start", "");
    c.engine_version = summary.string_or("engine_version", "");
    c.seed = summary.number_or_null("seed").value_or(0.0);
    c.replications = summary.number_or_null("replications").value_or(0.0);
    c.horizon_months = summary.number_or_null("horizon_months").value_or(0.0);
    for (const Json& a : summary.at("alternatives").array()) {
        Alternative alt;
        alt.name = a.string_or("scenario", "");
        alt.file = a.string_or("file", "");
        alt.spend_total = interval_from_json(a.at("spend_total_difference"));
        alt.p_costs_less = a.number_or_null("p_alternative_costs_less").value_or(0.0);
        alt.p_low = alt.p_high = alt.p_costs_less;
        if (const Json* ci = a.find("p_interval95"); ci && ci->is_array() && ci->array().size() == 2) {
            alt.p_low = ci->array()[0].number();
            alt.p_high = ci->array()[1].number();
        }
        if (auto be = a.number_or_null("break_even_month")) alt.break_even_month = static_cast<int>(*be);
        alt.break_even_date = a.string_or("break_even_date", "");
        if (const Json* comp = a.find("spend_difference_by_component"); comp && comp->is_object())
            for (const auto& [k, v] : comp->object()) alt.by_component.emplace_back(k, interval_from_json(v));
        if (const Json* fy = a.find("spend_total_difference_by_financial_year"); fy && fy->is_array())
            for (const Json& y : fy->array())
                alt.by_financial_year.emplace_back(y.string_or("financial_year", ""), interval_from_json(y.at("difference")));
        c.alternatives.push_back(std::move(alt));
    }
    if (const Json* tbs = summary.find("targets_by_scenario"); tbs && tbs->is_array())
        for (const Json& s : tbs->array()) {
            c.targets_by_scenario.emplace_back(s.string_or("scenario", ""), targets_from_json(s.at("targets")));
            if (const Json* b = s.find("budget"); b && b->is_array())
                c.budget_by_scenario.emplace_back(s.string_or("scenario", ""), budget_from_json(*b));
        }
    if (const Json* sbs = summary.find("spend_by_scenario"); sbs && sbs->is_array())
        for (const Json& s : sbs->array()) {
            ScenarioSpend spend{s.string_or("scenario", ""), stats_from_json(s.at("spend_total")), {}};
            if (const Json* years = s.find("by_financial_year"); years && years->is_array())
                for (const Json& y : years->array())
                    spend.by_financial_year.emplace_back(y.string_or("financial_year", ""), stats_from_json(y.at("spend_total")));
            c.spend_by_scenario.push_back(std::move(spend));
        }

    const CsvTable t = read_csv((fs::path(dir) / "comparison.csv").string());
    const std::size_t cm = t.column("month"), cd = t.column("date"), cmet = t.column("metric"),
                      calt = t.column("alternative"), cb = t.column("base_mean"), ca = t.column("alternative_mean"),
                      cdm = t.column("difference_mean"), cds = t.column("difference_sd"),
                      clo = t.column("difference_ci95_low"), chi = t.column("difference_ci95_high");
    std::map<std::pair<std::size_t, std::string>, std::size_t> rows_so_far;  // (month, metric) -> rows so far
    std::map<std::string, std::vector<bool>> seen;                           // alternative and metric -> months
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const std::size_t m = month_index(t, i, cm);
        const std::string& metric = t.rows[i][cmet];
        const std::size_t k = rows_so_far[{m, metric}]++;  // the k-th alternative, in summary.json's order
        // comparison.csv writes a name a spreadsheet would run with a ' in front (io::csv_field).
        if (k >= c.alternatives.size() || io::spreadsheet_safe(c.alternatives[k].name) != t.rows[i][calt])
            throw std::runtime_error(t.file + ": row " + std::to_string(i + 2) +
                                     " names an alternative that summary.json does not list in that place");
        if (c.dates.size() <= m) c.dates.resize(m + 1);
        c.dates[m] = t.rows[i][cd];
        auto& series = c.alternatives[k].monthly[metric];
        if (series.empty() && k == 0) c.metric_order.push_back(metric);
        if (series.size() <= m) series.resize(m + 1);
        series[m] = t.rows[i][cb].empty() ? no_difference()  // a flow at month 0
                                          : MonthlyDifference{t.number(i, cb), t.number(i, ca),
                                                              Interval{t.number(i, cdm), t.number(i, cds),
                                                                       t.number(i, clo), t.number(i, chi)}};
        auto& got = seen[c.alternatives[k].name + "\n" + metric];
        if (got.size() <= m) got.resize(m + 1, false);
        got[m] = true;
    }
    for (const auto& date : c.dates)
        if (!iso_to_days(date)) throw std::runtime_error(t.file + ": months are missing or a date is not YYYY-MM-DD");
    require_every_month(t.file, seen, c.dates.size());
    for (std::size_t n = 0; n <= c.alternatives.size(); ++n)
        d.scenarios.push_back(read_scenario(dir, "scenario." + std::to_string(n) + ".resolved.yaml"));
}

void load_sweep(const std::string& dir, const Json& summary, ReportData& d) {
    SweepReport& s = d.sweep;
    s.scenario = summary.string_or("scenario", "");
    s.engine_version = summary.string_or("engine_version", "");
    s.seed = summary.number_or_null("seed").value_or(0.0);
    s.replications_per_point = summary.number_or_null("replications_per_point").value_or(0.0);
    s.goal = summary.string_or("goal", "");
    s.minimise = summary.string_or("minimise", "spend_total");
    for (const auto& [key, values] : summary.at("grid").object()) {
        std::vector<std::string> v;
        for (const Json& x : values.array()) v.push_back(x.is_string() ? x.string() : (x.is_number() ? number(x.number(), 10) : std::string()));
        s.grid.emplace_back(key, std::move(v));
    }
    if (!s.goal.empty()) {
        const auto at = s.goal.rfind(">=");
        if (at != std::string::npos) {
            s.goal_target = s.goal.substr(0, at);
            s.goal_probability = parse_number(s.goal.substr(at + 2)).value_or(0.0);
        }
    }
    if (const Json* best = summary.find("best"); best && best->is_object()) {
        s.best_point = static_cast<int>(best->at("point").number());
        s.best_value = best->number_or_null(s.minimise + "_mean").value_or(0.0);
    }
    const CsvTable t = read_csv((fs::path(dir) / "sweep.csv").string());
    s.columns = t.header;
    s.rows = t.rows;
    if (fs::exists(fs::path(dir) / "sweep_targets.csv")) {
        const CsvTable names = read_csv((fs::path(dir) / "sweep_targets.csv").string());
        for (std::size_t r = 0; r < names.rows.size(); ++r) {
            s.target_names.push_back(names.rows[r][names.column("target")]);
            s.target_columns.push_back("p_" + names.rows[r][names.column("target_id")]);
        }
    } else {  // a sweep of an earlier version: its columns were p_<target name>
        for (const auto& col : t.header)
            if (col.rfind("p_", 0) == 0) {
                s.target_names.push_back(col.substr(2));
                s.target_columns.push_back(col);
            }
    }
    for (const auto& [key, values] : s.grid)
        if (!t.has_column(key)) throw std::runtime_error(t.file + ": no column for the grid key " + key);
    d.scenarios.push_back(read_scenario(dir, "scenario.resolved.yaml"));
}

}  // namespace

ReportData load_output_dir(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw std::runtime_error(dir + " is not a folder");
    const fs::path summary_path = fs::path(dir) / "summary.json";
    if (!fs::exists(summary_path, ec))
        throw std::runtime_error(dir + " holds no summary.json: it is not a folder written by wfsim run, compare, sweep, seek or sensitivity");
    ReportData d;
    d.dir = dir;
    struct stat st {};
    if (::stat(summary_path.c_str(), &st) == 0) d.results_time = static_cast<long>(st.st_mtime);
    const Json summary = read_json(summary_path.string());
    if (!summary.is_object()) throw std::runtime_error(summary_path.string() + " is not a JSON object");
    require_format_version(summary, summary_path.string());
    try {
        if (summary.find("lever")) {
            d.kind = ReportData::Kind::Seek;
            load_seek(dir, summary, d);  // models/report/seek_report.cpp
            d.scenarios.push_back(read_scenario(dir, "scenario.resolved.yaml"));
        } else if (summary.find("tornado") || summary.find("morris")) {
            d.kind = ReportData::Kind::Sensitivity;
            load_sensitivity(dir, summary, d);  // models/report/tornado.cpp
            d.scenarios.push_back(read_scenario(dir, "scenario.resolved.yaml"));
        } else if (summary.find("alternatives")) {
            d.kind = ReportData::Kind::Compare;
            load_compare(dir, summary, d);
        } else if (summary.find("grid")) {
            d.kind = ReportData::Kind::Sweep;
            load_sweep(dir, summary, d);
        } else {
            d.kind = ReportData::Kind::Run;
            load_run(dir, summary, d);
        }
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        if (what.find(dir) != std::string::npos) throw;
        throw std::runtime_error(summary_path.string() + ": " + what);
    }
    return d;
}

// ---- metrics: labels and units ----

Unit unit_of(const std::string& m) {
    if (m.rfind("spend_", 0) == 0 || m == "retention_clawback") return Unit::Money;
    if (m == "vacancy_rate" || m == "agency_rate" || m == "turnover_rate_12m" || m == "agency_spend_share" ||
        m == "permanent_share")
        return Unit::Share;
    if (m == "agency_spend_vs_start") return Unit::Ratio;
    if (m == "caseload_per_worker") return Unit::Cases;
    if (m == "starters" || m.rfind("leavers", 0) == 0 || m == "pipeline_unplaced") return Unit::Count;
    return Unit::Fte;
}

std::string metric_label(const std::string& m) {
    static const std::map<std::string, std::string> labels = {
        {"establishment_fte", "Funded posts"},
        {"permanent_fte", "Permanent staff in post"},
        {"agency_fte", "Agency workers"},
        {"agency_covered_fte", "Vacant posts covered by agency"},
        {"vacant_fte", "Vacant posts without cover"},
        {"vacancy_rate", "Vacancy rate"},
        {"agency_rate", "Agency rate"},
        {"starters", "Permanent starters"},
        {"leavers", "Permanent leavers"},
        {"leavers_other_employer", "Leavers to another employer"},
        {"leavers_agency", "Leavers to agency work"},
        {"leavers_out_of_profession", "Leavers out of the profession"},
        {"leavers_retirement", "Leavers retiring"},
        {"turnover_rate_12m", "Turnover over 12 months"},
        {"caseload_per_worker", "Caseload per worker"},
        {"absence_fte", "Sickness absence"},
        {"asye_fte", "Staff in their ASYE year"},
        {"pipeline_unplaced", "Pipeline completers without a post"},
        {"spend_permanent", "Permanent staff spend"},
        {"spend_agency", "Agency spend"},
        {"spend_recruitment", "Recruitment spend"},
        {"spend_retention", "Retention payments"},
        {"spend_training", "Training spend"},
        {"spend_total", "Total spend"},
        {"agency_spend_share", "Agency share of staffing spend"},
        {"retention_clawback", "Retention payments clawed back"},
        {"permanent_share", "Permanent share of workers"},
        {"agency_spend_vs_start", "Agency spend against the first month"},
        {"spend_permanent_real", "Permanent staff spend in real terms"},
        {"spend_agency_real", "Agency spend in real terms"},
        {"spend_recruitment_real", "Recruitment spend in real terms"},
        {"spend_retention_real", "Retention payments in real terms"},
        {"spend_training_real", "Training spend in real terms"},
        {"spend_total_real", "Total spend in real terms"},
    };
    auto it = labels.find(m);
    return it == labels.end() ? m : it->second;
}

std::string unit_label(const std::string& m) {
    switch (unit_of(m)) {
        case Unit::Money: return "\xC2\xA3 per month";
        case Unit::Share:
            if (m == "vacancy_rate") return "% of funded posts";
            if (m == "turnover_rate_12m") return "% of permanent FTE a year";
            if (m == "agency_spend_share") return "% of staffing spend";
            return "% of permanent and agency FTE";
        case Unit::Ratio: return "\xC3\x97 first month, per day";
        case Unit::Cases: return "cases per worker";
        case Unit::Count: return "FTE per month";
        case Unit::Fte: return "FTE";
    }
    return "";
}

std::string format_metric_value(const std::string& m, double v) {
    switch (unit_of(m)) {
        case Unit::Money: return money(v);
        case Unit::Share: return percent(v, 1);
        case Unit::Ratio: return number(v, 2) + "\xC3\x97";  // times sign
        case Unit::Cases: return number(v, 1) + " cases";
        case Unit::Count: return number(v, 1) + " FTE";
        case Unit::Fte: return number(v, 1) + " FTE";
    }
    return number(v);
}

std::string format_op(const std::string& op) {
    if (op == "<=") return "at most";
    if (op == ">=") return "at least";
    if (op == "<") return "below";
    if (op == ">") return "above";
    return op;
}

}  // namespace wfsim::report
