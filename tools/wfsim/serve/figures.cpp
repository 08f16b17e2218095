// The figures of a comparison for the page: summary.json as `wfsim compare`
// writes it (model::comparison_json), the answer in words as the terminal
// gives it (model::compare_answer), and fan charts drawn by the report's
// own chart code (models/report/charts.h).
#include <cmath>

#include "models/output/answer.h"
#include "models/output/outputs.h"
#include "models/report/charts.h"
#include "models/report/readers.h"
#include "models/simulation.h"
#include "runner.h"
#include "tools/wfsim/batch_runner.h"

namespace wfsim::serve {

namespace {

struct Series {
    std::vector<std::string> dates;                     // month 0..M
    std::map<std::string, std::vector<report::Stats>> by_metric;
};

// trajectory.csv as `wfsim run` writes it, read as the report reads it.
Series trajectory(const model::BatchResults& results, const params::Tree& tree, std::uint64_t seed) {
    std::vector<std::string> warnings;
    const model::BatchInfo info = cli::run_info(tree, seed, 0, warnings, model::Breakdown::none());
    const report::CsvTable t = report::parse_csv(model::trajectory_csv(info, results), "trajectory.csv");
    const std::size_t cm = t.column("month"), cd = t.column("date"), cmet = t.column("metric"), cg = t.column("grade"),
                      ct = t.column("team");
    const char* names[] = {"mean", "sd", "p05", "p10", "p25", "p50", "p75", "p90", "p95"};
    std::size_t col[9];
    for (int k = 0; k < 9; ++k) col[k] = t.column(names[k]);
    Series s;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto& row = t.rows[i];
        if (!row[cg].empty() || !row[ct].empty()) continue;
        const auto m = static_cast<std::size_t>(std::stoul(row[cm]));
        if (s.dates.size() <= m) s.dates.resize(m + 1);
        s.dates[m] = row[cd];
        auto& v = s.by_metric[row[cmet]];
        if (v.size() <= m) v.resize(m + 1);
        double x[9];
        for (int k = 0; k < 9; ++k) x[k] = row[col[k]].empty() ? std::nan("") : t.number(i, col[k]);
        v[m] = {x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8]};
    }
    return s;
}

std::string answer_words(const std::vector<model::ScenarioRun>& runs) {
    std::string text = model::compare_answer(runs, "");
    // The terminal's last line says where the files are; the page has none.
    const std::size_t last = text.rfind("Results in ");
    if (last != std::string::npos) text.erase(last);
    return text;
}

}  // namespace

json comparison_figures(const std::vector<model::ScenarioRun>& runs, const std::vector<const params::Tree*>& trees,
                        std::uint64_t seed) {
    const model::Calendar& cal = runs[0].results.calendar();
    json out;
    out["summary"] = json::parse(model::comparison_json(cal, seed, runs));
    out["words"] = answer_words(runs);
    const Series base = trajectory(runs[0].results, *trees[0], seed);
    const Series variant = trajectory(runs[1].results, *trees[1], seed);
    out["dates"] = variant.dates;  // month 0 (the start date) to M (each month's last day)
    const report::TimeAxis time = report::time_axis(variant.dates.front(), variant.dates);
    const std::vector<std::pair<std::string, std::string>> charts = {
        {"vacant_fte", "Vacancies: posts without cover"},
        {"agency_rate", "Agency share: agency / (permanent + agency)"},
        {"permanent_share", "Permanent share"},
        {"spend_total", "Monthly spend"}};
    out["charts"] = json::object();
    const auto& targets = runs[1].results.targets();
    for (const auto& [metric, title] : charts) {
        const auto v = variant.by_metric.find(metric);
        const auto b = base.by_metric.find(metric);
        if (v == variant.by_metric.end()) continue;
        report::TimeChart c = report::fan_chart("serve-" + metric, metric, time, v->second);
        c.title = title + " (" + runs[1].name + ", with " + runs[0].name + " dashed)";
        if (b != base.by_metric.end()) {
            report::Line line;
            for (const auto& st : b->second) line.y.push_back(st.p50);
            line.colour = "#444444";
            line.legend = runs[0].name + " (median)";
            line.dashed = true;
            c.lines.push_back(std::move(line));
        }
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const model::Target& t = targets[i];
            if (t.over_year || t.beyond_horizon || model::kMetricNames[t.metric] != metric) continue;
            if (t.month >= time.month_end.size()) continue;
            report::TargetMarker m;
            m.label = "T" + std::to_string(i + 1);
            m.text = t.name;
            m.value = t.value;
            m.day = time.month_end[t.month];
            c.targets.push_back(m);
        }
        out["charts"][metric] = report::time_chart_html(c);
    }
    return out;
}

}  // namespace wfsim::serve
