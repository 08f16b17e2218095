// report.html: one self-contained page. The Content-Security-Policy forbids
// scripts and every fetch, so the page cannot reach a network even if a
// scenario's text were to slip through unescaped (it does not: every text
// passes through html()).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "engine/params/units.h"
#include "models/calendar.h"
#include "models/report/assumptions.h"
#include "models/report/charts.h"
#include "models/report/report.h"
#include "models/report/text.h"

namespace wfsim::report {

namespace {

const char* const kCss = R"css(
:root { --ink: #1a1a1a; --muted: #555; --rule: #d4d4d4; --accent: #08519c; --target: #b2182b; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: var(--ink); background: #fff;
       max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; font-size: 14px; line-height: 1.45; }
header.report { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 8px; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: 12px; color: var(--accent); margin: 0; font-weight: bold; }
h1 { font-size: 27px; margin: 4px 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 20px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 16px; margin: 22px 0 8px; }
p.meta, p.note, .muted { color: var(--muted); }
p.note { font-size: 12px; margin: 6px 0 0; }
nav.toc { font-size: 13px; margin: 10px 0; }
nav.toc a { color: var(--accent); margin-right: 14px; text-decoration: none; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 18px; }
figure.chart { margin: 0; border: 1px solid var(--rule); border-radius: 4px; padding: 10px 12px; background: #fff;
               break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: bold; margin-bottom: 4px; }
svg.plot { width: 100%; height: auto; display: block; }
svg.heat { max-width: 760px; }
.legend { display: flex; flex-wrap: wrap; gap: 3px 14px; font-size: 12px; color: var(--muted); margin-top: 4px; }
.key { display: inline-flex; align-items: baseline; max-width: 100%; overflow-wrap: anywhere; }
.swatch { display: inline-block; flex: none; width: 18px; height: 11px; margin-right: 5px; vertical-align: middle; }
p.axis-title { font-size: 12px; color: var(--muted); margin: 0 0 2px; overflow-wrap: anywhere; }
details > summary { min-height: 24px; padding: 3px 0; }
details.figures { margin-top: 6px; font-size: 12px; }
details.figures summary { color: var(--accent); cursor: pointer; }
details.figures table.data { font-size: 12px; margin: 6px 0; }
.swatch.line { height: 0; border-top: 3px solid; }
.swatch.dashed { height: 0; border-top: 2px dashed; }
.swatch.dotted { height: 0; border-top: 2px dotted; }
.swatch.outlined { border: 3px solid #111; background: #fff; }
table.data { border-collapse: collapse; margin: 10px 0 16px; font-size: 13px; max-width: 100%; }
table.data td, table.data th { overflow-wrap: anywhere; }
table.data tbody.group th.group { background: #f7f7f7; font-weight: bold; }
table.data th, table.data td { padding: 4px 9px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
table.data thead th { border-bottom: 2px solid #999; background: #f3f6fa; }
table.data caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
table.data tr.total th, table.data tr.total td { border-top: 2px solid #999; }
table.compact td, table.compact th { padding: 3px 7px; }
.num { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap, .prob-cell { white-space: nowrap; }
table.data thead th.num { white-space: normal; }
.scroll { overflow-x: auto; }
tr.best td { background: #eef6ea; font-weight: bold; }
table.wide { width: 100%; }
.tables { display: flex; flex-wrap: wrap; gap: 0 32px; align-items: flex-start; }
ul.assumptions { padding-left: 20px; }
ul.assumptions li { margin-bottom: 6px; }
.prob { display: inline-block; width: 90px; height: 10px; background: #e6e6e6; vertical-align: middle; margin-right: 6px; position: relative; }
.prob .fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--accent); }
.prob .ci { position: absolute; top: -3px; bottom: -3px; border-left: 2px solid #111; border-right: 2px solid #111; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 12px; font-weight: bold; background: #eee; }
.badge.good { background: #d9f0d3; color: #1b5e20; }
.badge.bad { background: #fde0dd; color: #8b1a1a; }
.tlabel { color: var(--target); font-weight: bold; white-space: nowrap; }
.callout { border-left: 4px solid var(--accent); background: #f3f6fa; padding: 8px 12px; margin: 12px 0; }
.placeholder { border: 2px dashed #d95f02; color: #8a3c00; padding: 8px 12px; margin: 10px 0; background: #fff8f1; }
pre.scenario { font-size: 11px; background: #f7f7f7; border: 1px solid var(--rule); padding: 10px; overflow-x: auto; white-space: pre-wrap; }
footer { margin-top: 40px; border-top: 1px solid var(--rule); padding-top: 8px; font-size: 12px; color: var(--muted); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc { display: none; }
  .charts { display: block; }
  figure.chart { width: 84%; margin: 0 auto 10px; padding: 6px 8px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  body > section + section, body > section ~ section { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tbody.group { break-inside: avoid; page-break-inside: avoid; }
  .num { white-space: normal; }
  .legend { font-size: 9pt; }
  h3 { break-after: avoid; page-break-after: avoid; }
  table.data tr { break-inside: avoid; page-break-inside: avoid; }
  section.appendix { break-before: page; page-break-before: always; }
  details > summary { list-style: none; }
  details.figures { display: none; }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
  #points-table { font-size: 8pt; }
}
)css";

// Colours for series (base first), chosen to print distinctly.
// Nine (a base and eight alternatives) that stay apart in colour and in print, all 3:1 on white.
const char* const kSeriesColours[] = {"#08519c", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#5b8c13", "#a6761d",
                                      "#666666", "#222222", "#17808f"};
const char* series_colour(std::size_t i) { return kSeriesColours[i % (sizeof kSeriesColours / sizeof *kSeriesColours)]; }

const std::vector<std::string> kComponents = {"spend_permanent", "spend_agency", "spend_recruitment", "spend_retention",
                                              "spend_training"};
const char* const kComponentColours[] = {"#2171b5", "#cb181d", "#6a51a3", "#238b45", "#d94801"};

const char* const kBaseEvents = "the base's dated changes, numbered as in its table";

const std::vector<std::string> kWorkforceMetrics = {"vacant_fte", "vacancy_rate", "agency_fte", "agency_rate", "permanent_fte"};

// What names an alternative in a legend or a column: what its name adds to the
// base's, after the words they share ("Cambridgeshire 2015 + recognition
// scheme" beside "Cambridgeshire 2015 (status quo)" is "+ recognition scheme");
// the whole name when they share no word or it adds nothing.
std::string short_name(const std::string& base, const std::string& alt) {
    std::size_t common = 0, word = 0;
    while (common < base.size() && common < alt.size() && base[common] == alt[common]) {
        ++common;
        if (alt[common - 1] == ' ') word = common;
    }
    if (common == alt.size() || common == base.size()) word = common == alt.size() ? 0 : common;
    if (word == 0 || word >= alt.size()) return alt;
    std::string rest = alt.substr(word);
    while (!rest.empty() && (rest[0] == ' ' || rest[0] == '-' || rest[0] == ':' || rest[0] == ',')) rest.erase(0, 1);
    if (rest.size() < 3) return alt;
    return rest;
}

std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

bool is_flow(const std::string& metric) {
    const Unit u = unit_of(metric);
    return u == Unit::Money || u == Unit::Count;
}

// ---- targets: where each is judged ----

struct TargetPlace {
    std::optional<std::size_t> month;  // judged in this month, numbered as trajectory.csv (0: the start date)
    std::optional<std::string> year;   // judged over this financial year
    std::string words;                 // "month 24 (the month ending 31 May 2017)"
};

TargetPlace place_of(const Target& t, const std::vector<std::string>& dates) {
    TargetPlace p;
    const std::string& w = t.when;
    if (w.rfind("month ", 0) == 0) {
        const auto n = parse_number(w.substr(6));
        if (n && *n == 0 && !dates.empty()) {
            p.month = 0;
            p.words = w + " (the start date, " + long_date(dates[0]) + ")";
        } else if (n && *n >= 1 && *n < static_cast<double>(dates.size())) {
            p.month = static_cast<std::size_t>(*n);
            p.words = w + " (the month ending " + long_date(dates[*p.month]) + ")";
        } else {
            p.words = w;
        }
    } else if (iso_to_days(w)) {
        // The month containing the date: the first month m >= 1 whose last day is on or after it.
        const long day = *iso_to_days(w);
        for (std::size_t m = 1; m < dates.size(); ++m)
            if (iso_to_days(dates[m]).value_or(0) >= day) {
                p.month = m;
                break;
            }
        p.words = "by " + long_date(w) + (p.month ? " (the month ending " + long_date(dates[*p.month]) + ")" : "");
    } else if (w.size() == 7 && w[4] == '/') {
        p.year = w;
        const auto fy_end = iso_to_days(std::to_string(std::atoi(w.substr(0, 4).c_str()) + 1) + "-03-31");
        if (!is_flow(t.metric) && fy_end) {
            for (std::size_t m = 1; m < dates.size(); ++m)
                if (iso_to_days(dates[m]).value_or(0) <= *fy_end) p.month = m;
            p.words = "at the end of financial year " + w;
        } else {
            p.words = "over financial year " + w + " (summed over the year)";
        }
    } else {
        p.words = w;
    }
    return p;
}

std::string condition_words(const Target& t) {
    return metric_label(t.metric) + " " + format_op(t.op) + " " + format_metric_value(t.metric, t.value);
}

std::string probability_cell(const Target& t) {
    if (!t.judged) {
        std::string why = t.note;
        const std::string tail = ": not judged";
        if (why.size() > tail.size() && why.compare(why.size() - tail.size(), tail.size(), tail) == 0) why.resize(why.size() - tail.size());
        if (why == "not judged") why.clear();
        return "<span class=\"badge\">not judged</span><br><span class=\"muted\">" + html(why) + "</span>";
    }
    std::ostringstream o;
    o << "<span class=\"prob\" title=\"" << html(percent(t.probability, 0)) << "\"><span class=\"fill\" style=\"width:"
      << std::clamp(t.probability, 0.0, 1.0) * 100 << "%\"></span><span class=\"ci\" style=\"left:"
      << std::clamp(t.low, 0.0, 1.0) * 100 << "%;width:" << std::clamp(t.high - t.low, 0.0, 1.0) * 100
      << "%\"></span></span><strong>" << html(percent(t.probability, 0)) << "</strong><br><span class=\"muted\">95% interval "
      << html(percent(t.low, 0) + " to " + percent(t.high, 0)) << "</span>";
    return o.str();
}

std::string month_words(double month, const std::vector<std::string>& dates) {
    const auto m = static_cast<std::size_t>(std::max(0.0, std::floor(month)));
    const std::string date = m < dates.size() ? (m == 0 ? "the start date, " + long_date(dates[0]) : month_year(dates[m])) : "";
    return "month " + std::to_string(m) + (date.empty() ? "" : " (" + date + ")");
}

// "First met" and "met from then on" are different answers: a target met at
// the start and then lost was first met at once, but never kept.
std::string first_met_cell(const Target& t, const std::vector<std::string>& dates) {
    if (!t.has_first_month) return "<span class=\"muted\">-</span>";
    if (t.share_ever_met <= 0) return "never met in the horizon";
    return html("median " + month_words(t.first_p50, dates) + "; met at some point in " + percent(t.share_ever_met, 0) +
                " of replications");
}

std::string kept_cell(const Target& t, const std::vector<std::string>& dates) {
    if (!t.has_first_month || !t.has_kept) return "<span class=\"muted\">-</span>";
    if (t.share_kept <= 0) return "in no replication";
    return html("median " + month_words(t.kept_p50, dates) + "; in " + percent(t.share_kept, 0) + " of replications");
}

// ---- common pieces ----

std::string page_open(const std::string& title) {
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"wfsim report\">\n<title>"
      << html(title) << "</title>\n<style>" << kCss << "</style>\n</head>\n<body>\n";
    return o.str();
}

std::string nav(const std::vector<std::pair<std::string, std::string>>& links) {
    std::ostringstream o;
    o << "<nav class=\"toc\" aria-label=\"Contents\">";
    for (const auto& [id, text] : links) o << "<a href=\"#" << html(id) << "\">" << html(text) << "</a>";
    o << "</nav>\n";
    return o.str();
}

std::string scenario_description(const ScenarioFile& s) { return scalar_at(s.root, "description"); }

std::string assumptions_section(const ScenarioFile& s, const std::string& intro, const std::string& period = "") {
    std::ostringstream o;
    if (!intro.empty()) o << "<p>" << intro << "</p>\n";
    if (!s.problem.empty()) o << "<p class=\"placeholder\">" << html(s.problem) << "</p>\n";
    else o << assumptions_html(s.root, period);
    return o.str();
}

std::string appendix(const ReportData& d) {
    std::ostringstream o;
    o << "<section class=\"appendix\" id=\"reading\"><h2>How to read this report</h2>\n<ul>\n"
         "<li>Each replication is one possible future of the same scenario; their spread shows how sure the results are.</li>\n"
         "<li>In a <strong>fan chart</strong> the dark line is the median month by month, the darker band holds the middle 50% "
         "of replications and the lighter band 90% of them (5th to 95th percentile).</li>\n"
         "<li>A <strong>target</strong> is drawn as a red dashed line at its value, with a diamond where it is judged; its "
         "probability is the share of replications that meet it, with a 95% interval for that share.</li>\n"
         "<li>A <strong>paired difference</strong> compares replication <em>i</em> of an alternative with replication <em>i</em> "
         "of the base, both on the same random numbers, so that what they share cancels; its 95% interval is for the mean "
         "difference (how sure the average is), and the middle 80% of paired outcomes is the range of the replications' "
         "own differences (how differently one future can turn out).</li>\n"
         "<li><strong>First met</strong> is the first month a target's condition holds; <strong>met from then on</strong> "
         "the first month after which it holds in every month to the one it is judged in.</li>\n"
         "<li>Money is in pounds at the prices the scenario states; spend per month is the spend accrued in that month.</li>\n"
         "<li><strong>Months</strong> are numbered as in the output files: month 0 is the start date (staff, posts and rates "
         "as the service starts; flows and spend have none), month <em>m</em> the last day of the <em>m</em>-th month. "
         "Targets, the first month met and break-even use the same numbers.</li>\n"
         "</ul>\n";
    o << "<h2 id=\"scenario-files\">The scenario as simulated</h2>\n";
    for (const auto& s : d.scenarios) {
        o << "<details><summary>" << html(s.file) << (s.problem.empty() ? "" : " (could not be read)") << "</summary>\n";
        if (s.problem.empty()) o << "<pre class=\"scenario\">" << html(s.text) << "</pre>\n";
        else o << "<p>" << html(s.problem) << "</p>\n";
        o << "</details>\n";
    }
    o << "</section>\n";
    return o.str();
}

std::string footer(const ReportData& d, const std::vector<std::string>& files) {
    std::ostringstream o;
    o << "<footer>Made by <code>wfsim report</code> only from the files ";
    for (std::size_t i = 0; i < files.size(); ++i) o << (i ? ", " : "") << "<code>" << html(files[i]) << "</code>";
    o << " in the output folder. The page is self-contained: it loads nothing and runs no scripts.";
    (void)d;
    o << "</footer>\n</body>\n</html>\n";
    return o.str();
}

std::vector<EventMarker> event_markers(const ScenarioFile& s) {
    std::vector<EventMarker> out;
    if (!s.problem.empty()) return out;
    const auto changes = dated_changes(s.root);
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const auto day = iso_to_days(changes[i].date);
        if (day) out.push_back({static_cast<int>(i + 1), *day, changes[i].name + " (" + long_date(changes[i].date) + ")"});
    }
    return out;
}

std::string charts_div(const std::vector<std::string>& figures) {
    std::string out = "<div class=\"charts\">\n";
    for (const auto& f : figures) out += f;
    return out + "</div>\n";
}

std::string fy_period(const std::string& from, const std::string& to) {
    const bool whole = from.size() == 10 && to.size() == 10 && from.substr(5) == "04-01" && to.substr(5) == "03-31";
    return whole ? "" : month_year(from) + " to " + month_year(to);
}

// The budget by financial year, from the scenario's `budget: {2016-17: ...}`,
// keyed as the results name years ("2016/17").
std::map<std::string, double> budget_by_year(const ScenarioFile& scen) {
    std::map<std::string, double> out;
    if (!scen.root || !scen.root["budget"] || !scen.root["budget"].IsMap()) return out;
    for (const auto& kv : scen.root["budget"]) {
        const std::optional<int> start = model::financial_year_start(kv.first.Scalar());
        if (!start) continue;
        const std::string year = model::financial_year_label(*start);
        std::string why;
        if (kv.second.IsScalar())
            if (auto v = params::parse_money(kv.second.Scalar(), why)) out[year] = *v;
    }
    return out;
}

// ============================== run ==============================

std::string render_run(const ReportData& d) {
    const RunReport& r = d.run;
    const ScenarioFile& scen = d.scenarios.front();
    const TimeAxis time = time_axis(r.start, r.trajectory.dates);
    const auto events = event_markers(scen);
    const auto& dates = r.trajectory.dates;

    std::ostringstream o;
    o << page_open("wfsim report: " + r.scenario);
    o << "<header class=\"report\"><p class=\"kicker\">wfsim report &middot; simulation</p><h1 id=\"title\">" << html(r.scenario)
      << "</h1>\n";
    if (!scenario_description(scen).empty()) o << "<p class=\"desc\">" << html(scenario_description(scen)) << "</p>\n";
    o << "<p class=\"meta\">" << html("Simulated from " + long_date(r.start) + " to " + long_date(r.end) + " (" +
                                       number(r.horizon_months, 0) + " months); " + thousands(r.replications) +
                                       (r.replications == 1 ? " replication" : " replications") + ", seed " +
                                       std::to_string(static_cast<long long>(r.seed)) + ", wfsim " + r.engine_version + ".")
      << "</p></header>\n";
    o << nav({{"glance", "At a glance"}, {"assumptions", "Assumptions"}, {"targets", "Targets"}, {"workforce", "Workforce"},
              {"spend", "Monthly spend"}, {"financial-years", "Financial years"}, {"reading", "Reading the report"}});
    if (r.replications == 1)
        o << "<p class=\"callout\">This run has one replication, so the bands show no uncertainty. Run with "
             "<code>--reps 1000</code> to see how sure the results are.</p>\n";

    // At a glance.
    auto find_stats = [](const std::vector<std::pair<std::string, Stats>>& v, const std::string& k) -> const Stats* {
        for (const auto& [name, s] : v)
            if (name == k) return &s;
        return nullptr;
    };
    o << "<section id=\"glance\"><h2>At a glance</h2>\n<table class=\"data\" id=\"glance-table\"><thead><tr><th>Measure</th>"
         "<th class=\"num\">Median</th><th class=\"num\">90% of replications</th><th class=\"num\">Mean</th></tr></thead><tbody>\n";
    auto glance_row = [&](const std::string& label, const std::string& metric, const Stats* s) {
        if (!s) return;
        o << "<tr><th scope=\"row\">" << html(label) << "</th><td class=\"num\">" << html(format_metric_value(metric, s->p50))
          << "</td><td class=\"num\">" << html(format_metric_value(metric, s->p05) + " to " + format_metric_value(metric, s->p95))
          << "</td><td class=\"num\">" << html(format_metric_value(metric, s->mean)) << "</td></tr>\n";
    };
    const std::string over = " over the " + number(r.horizon_months, 0) + " months";
    glance_row("Total spend" + over, "spend_total", find_stats(r.totals, "spend_total"));
    glance_row("Agency spend" + over, "spend_agency", find_stats(r.totals, "spend_agency"));
    glance_row("Permanent staff spend" + over, "spend_permanent", find_stats(r.totals, "spend_permanent"));
    const std::string at_end = " at the end (" + (dates.empty() ? std::string() : month_year(dates.back())) + ")";
    glance_row("Vacancy rate" + at_end, "vacancy_rate", find_stats(r.final_month, "vacancy_rate"));
    glance_row("Agency rate" + at_end, "agency_rate", find_stats(r.final_month, "agency_rate"));
    glance_row("Permanent staff" + at_end, "permanent_fte", find_stats(r.final_month, "permanent_fte"));
    glance_row("Vacant posts without cover" + at_end, "vacant_fte", find_stats(r.final_month, "vacant_fte"));
    glance_row("Agency workers" + at_end, "agency_fte", find_stats(r.final_month, "agency_fte"));
    glance_row("Permanent starters" + over, "starters", find_stats(r.totals, "starters"));
    glance_row("Permanent leavers" + over, "leavers", find_stats(r.totals, "leavers"));
    o << "</tbody></table></section>\n";

    // Assumptions.
    o << "<section id=\"assumptions\"><h2>Key assumptions</h2>\n"
      << assumptions_section(scen, "What the scenario assumes, from <code>" + html(scen.file) + "</code>.",
                             "from " + long_date(r.start) + " to " + long_date(r.end) + " (" + number(r.horizon_months, 0) +
                                 " months); seed " + std::to_string(static_cast<long long>(r.seed)) + ".")
      << "</section>\n";

    // Targets: labels, places and markers.
    std::map<std::string, std::vector<TargetMarker>> time_markers;  // metric -> markers on its monthly chart
    std::map<std::string, std::vector<TargetMarker>> year_markers;  // spend metric -> markers on its yearly chart
    std::vector<std::string> fy_years;
    for (const auto& row : r.financial_years)
        if (std::find(fy_years.begin(), fy_years.end(), row.year) == fy_years.end()) fy_years.push_back(row.year);
    std::vector<TargetPlace> places;
    for (std::size_t i = 0; i < r.targets.size(); ++i) {
        const Target& t = r.targets[i];
        places.push_back(place_of(t, dates));
        const TargetPlace& p = places.back();
        TargetMarker m;
        m.label = "T" + std::to_string(i + 1);
        m.text = t.name + ": " + condition_words(t) + ", " + p.words;
        m.value = t.value;
        if (p.year && is_flow(t.metric)) {
            const auto it = std::find(fy_years.begin(), fy_years.end(), *p.year);
            if (it != fy_years.end()) {
                m.category = static_cast<int>(it - fy_years.begin());
                year_markers[t.metric].push_back(m);
            }
        } else if (p.month && *p.month < time.month_end.size()) {
            m.day = time.month_end[*p.month];
            time_markers[t.metric].push_back(m);
        }
    }

    o << "<section id=\"targets\"><h2>Targets</h2>\n";
    if (r.targets.empty()) {
        o << "<p>The scenario sets no targets.</p>\n";
    } else {
        o << "<table class=\"data wide\" id=\"targets-table\"><thead><tr><th></th><th>Target</th><th>Condition and when</th>"
             "<th>Probability it is met</th><th class=\"num\">Value when judged<br>median (10th&ndash;90th percentile)</th>"
             "<th>First met</th><th>Met from then on</th></tr></thead><tbody>\n";
        for (std::size_t i = 0; i < r.targets.size(); ++i) {
            const Target& t = r.targets[i];
            o << "<tr class=\"target\" data-target=\"T" << i + 1 << "\"><td class=\"tlabel\">T" << i + 1 << "</td><td>"
              << html(t.name) << "</td><td>" << html(condition_words(t)) << ", " << html(places[i].words) << "</td><td class=\"prob-cell\">"
              << probability_cell(t) << "</td><td class=\"num\">"
              << (t.has_value_judged ? html(format_metric_value(t.metric, t.judged_p50) + " (" +
                                            format_metric_value(t.metric, t.judged_p10) + " to " +
                                            format_metric_value(t.metric, t.judged_p90) + ")")
                                     : std::string("-"))
              << "</td><td>" << first_met_cell(t, dates) << "</td><td>" << kept_cell(t, dates) << "</td></tr>\n";
        }
        o << "</tbody></table>\n<p class=\"note\"><strong>First met</strong> is the first month in which the condition "
             "holds; <strong>met from then on</strong> the first month after which it holds in every month to the one it is "
             "judged in. A target met at the start and then lost is first met at once but never kept.</p>\n";
        // Charts for target metrics that have no chart of their own below.
        std::set<std::string> shown(kWorkforceMetrics.begin(), kWorkforceMetrics.end());
        shown.insert(kComponents.begin(), kComponents.end());
        shown.insert("spend_total");
        std::vector<std::string> figures;
        std::set<std::string> done;
        for (const auto& t : r.targets) {
            if (shown.count(t.metric) || done.count(t.metric) || !time_markers.count(t.metric)) continue;
            done.insert(t.metric);
            const auto* s = r.trajectory.find(t.metric);
            if (!s) continue;
            TimeChart c = fan_chart("chart-" + t.metric, t.metric, time, *s);
            c.targets = time_markers[t.metric];
            c.events = events;
            figures.push_back(time_chart_html(c));
        }
        if (!figures.empty()) o << "<h3>Targets on measures not charted below</h3>\n" << charts_div(figures);
        o << "<p class=\"note\">Targets over a financial year are marked on the financial-year charts; the others on the "
             "monthly chart of their measure.</p>\n";
    }
    o << "</section>\n";

    // Workforce fan charts.
    {
        std::vector<std::string> figures;
        for (const auto& metric : kWorkforceMetrics) {
            const auto* s = r.trajectory.find(metric);
            if (!s) continue;
            TimeChart c = fan_chart("chart-" + metric, metric, time, *s);
            c.targets = time_markers[metric];
            c.events = events;
            if (metric == "vacant_fte") c.title = "Vacancies: posts without cover";
            if (metric == "vacancy_rate") c.title = "Vacancies: vacancy rate (posts without a permanent worker)";
            if (metric == "agency_fte") c.title = "Agency workers (covering vacancies and absence)";
            if (metric == "agency_rate") c.title = "Agency rate: agency / (permanent + agency)";
            figures.push_back(time_chart_html(c));
        }
        o << "<section id=\"workforce\"><h2>Vacancies, agency and permanent staff</h2>\n" << charts_div(figures) << "</section>\n";
    }

    // Monthly spend: the mean by component, stacked, then a fan chart of each.
    {
        std::vector<std::string> figures;
        TimeChart stacked;
        stacked.id = "chart-spend-stacked";
        stacked.kind = "stacked";
        stacked.metric = "spend_total";
        stacked.title = "Monthly spend by component (mean, stacked)";
        stacked.y_label = "Spend (\xC2\xA3 per month)";
        stacked.time = time;
        stacked.events = events;
        stacked.include_zero = true;
        std::vector<double> below(dates.size(), 0.0);
        for (std::size_t k = 0; k < kComponents.size(); ++k) {
            const auto* s = r.trajectory.find(kComponents[k]);
            if (!s) continue;
            Band b;
            b.colour = kComponentColours[k];
            b.legend = metric_label(kComponents[k]);
            b.opacity = 0.85;
            for (std::size_t m = 0; m < dates.size() && m < s->size(); ++m) {
                b.low.push_back(below[m]);
                below[m] += (*s)[m].mean;
                b.high.push_back(below[m]);
            }
            stacked.bands.push_back(b);
        }
        stacked.note = "The means of the components add up to the mean total; medians would not.";
        figures.push_back(time_chart_html(stacked));
        std::vector<std::string> metrics = {"spend_total"};
        metrics.insert(metrics.end(), kComponents.begin(), kComponents.end());
        std::string none;
        for (const auto& metric : metrics) {
            const auto* s = r.trajectory.find(metric);
            if (!s) continue;
            const bool all_zero = std::all_of(s->begin(), s->end(),
                                              [](const Stats& x) { return !x.has_value() || (x.p95 == 0 && x.p05 == 0); });
            if (all_zero && time_markers[metric].empty()) {
                none += (none.empty() ? "" : ", ") + metric_label(metric);
                continue;
            }
            TimeChart c = fan_chart("chart-" + metric, metric, time, *s);
            c.title = metric_label(metric) + " per month";
            c.y_label = metric_label(metric) + " (\xC2\xA3 per month)";
            c.targets = time_markers[metric];
            c.events = events;
            figures.push_back(time_chart_html(c));
        }
        o << "<section id=\"spend\"><h2>Monthly spend by component</h2>\n<p class=\"month-length\">Spend is accrued day by "
             "day, so a month's spend follows its length: a 31-day month costs about 11% more than a 28-day February at the "
             "same staffing, and the monthly lines zigzag for that reason alone. Divide by the days in the month for spend "
             "per day; the financial-year totals below are free of it.</p>\n"
          << charts_div(figures);
        if (!none.empty()) o << "<p class=\"note\">No spend in any replication: " << html(none) << ".</p>\n";
        o << "</section>\n";
    }

    // Financial years.
    {
        const auto budget = budget_by_year(scen);
        std::vector<std::string> figures;
        std::vector<std::string> metrics = {"spend_total"};
        metrics.insert(metrics.end(), kComponents.begin(), kComponents.end());
        for (const auto& metric : metrics) {
            BarChart c;
            c.id = "chart-fy-" + metric;
            c.metric = metric;
            c.title = metric_label(metric) + " by financial year";
            c.y_label = metric_label(metric) + " (\xC2\xA3 per year)";
            BarSeries s;
            s.name = "median, with 90% of replications (5th to 95th percentile)";
            s.colour = metric == "spend_total" ? "#4292c6" : kComponentColours[std::find(kComponents.begin(), kComponents.end(), metric) - kComponents.begin()];
            bool any = false;
            for (const auto& year : fy_years)
                for (const auto& row : r.financial_years)
                    if (row.year == year && row.metric == metric) {
                        c.categories.push_back(year);
                        c.category_notes.push_back(fy_period(row.from, row.to));
                        s.value.push_back(row.stats.p50);
                        s.low.push_back(row.stats.p05);
                        s.high.push_back(row.stats.p95);
                        auto b = budget.find(metric == "spend_total" ? year : "");
                        c.budget.push_back(b == budget.end() ? std::nullopt : std::optional<double>(b->second));
                        any = any || row.stats.p95 != 0;
                    }
            if (c.categories.empty() || (!any && year_markers[metric].empty() && metric != "spend_total")) continue;
            c.series.push_back(s);
            c.targets = year_markers[metric];
            if (metric == "spend_total")
                c.note = budget.empty() ? "A part year (cut by the start or end of the simulation) covers only the months "
                                          "named under it."
                                        : "The orange line is the budget.";
            figures.push_back(bar_chart_html(c));
        }
        // Real terms beside cash, when the scenario gives a deflator (prices):
        // the total at the base year's prices, the budget staying with cash.
        if (scen.root && scen.root["prices"] && scen.root["prices"].IsMap()) {
            BarChart c;
            c.id = "chart-fy-spend_total_real";
            c.metric = "spend_total_real";
            const std::string base = scen.root["prices"]["base_year"] ? scen.root["prices"]["base_year"].as<std::string>()
                                                                       : std::string("the first year's");
            c.title = "Total spend by financial year in real terms, at " + base + " prices";
            c.y_label = "Total spend in real terms (\xC2\xA3 per year)";
            BarSeries s;
            s.name = "median, with 90% of replications (5th to 95th percentile)";
            s.colour = "#6baed6";
            for (const auto& year : fy_years)
                for (const auto& row : r.financial_years)
                    if (row.year == year && row.metric == "spend_total_real") {
                        c.categories.push_back(year);
                        c.category_notes.push_back(fy_period(row.from, row.to));
                        s.value.push_back(row.stats.p50);
                        s.low.push_back(row.stats.p05);
                        s.high.push_back(row.stats.p95);
                        c.budget.push_back(std::nullopt);
                    }
            if (!c.categories.empty()) {
                c.series.push_back(s);
                c.note = "Cash divided by each year's deflator from the scenario's prices; the budget is compared with "
                         "cash, in the chart of total spend.";
                figures.push_back(bar_chart_html(c));
            }
        }
        o << "<section id=\"financial-years\"><h2>Spend by financial year, against the budget</h2>\n";
        if (!budget.empty()) {
            o << "<ul class=\"budget-sentences\" id=\"budget-sentences\">\n";
            for (const auto& year : fy_years) {
                const auto b = budget.find(year);
                if (b == budget.end()) continue;
                const FinancialYearRow* total = nullptr;
                for (const auto& row : r.financial_years)
                    if (row.year == year && row.metric == "spend_total") total = &row;
                if (!total) continue;
                const std::string period = fy_period(total->from, total->to);
                std::string words = "In " + year + (period.empty() ? "" : " (" + period + ")") + " total spend is " +
                                    money(total->stats.p50) + " (median; 90% of replications between " +
                                    money(total->stats.p05) + " and " + money(total->stats.p95) + ") against a budget of " +
                                    money(b->second) + ": ";
                const double gap = total->stats.p50 - b->second;
                words += gap > 0 ? money(gap) + " over in the median future" : money(-gap) + " under in the median future";
                const BudgetYear* p = nullptr;
                for (const auto& by : r.budget)
                    if (by.year == year) p = &by;
                if (p)
                    words += ", and a " + percent(p->p_overspend, 0) + " chance of overspending (95% interval " +
                             percent(p->low, 0) + " to " + percent(p->high, 0) + ").";
                else
                    words += " (summary.json gives no chance of overspending: run the scenario again to have it).";
                o << "<li>" << html(words) << "</li>\n";
            }
            o << "</ul>\n";
        }
        if (budget.empty())
            o << "<p class=\"placeholder\" id=\"budget-placeholder\"><strong>Budget:</strong> the scenario does not state a budget, "
                 "so none is drawn. When it does, the budget for each year appears here as an orange line on the total "
                 "spend chart and as a column of the table, against the intervals of spend.</p>\n";
        o << charts_div(figures);
        o << "<table class=\"data\" id=\"fy-table\"><caption>Spend by financial year and component</caption><thead><tr>"
             "<th>Financial year</th><th>Component</th><th class=\"num\">Mean</th><th class=\"num\">Median</th>"
             "<th class=\"num\">50% of replications</th><th class=\"num\">90% of replications</th><th class=\"num\">Budget</th>"
             "</tr></thead><tbody>\n";
        for (const auto& year : fy_years)
            for (const auto& metric : metrics)
                for (const auto& row : r.financial_years) {
                    if (row.year != year || row.metric != metric) continue;
                    const bool total = metric == "spend_total";
                    const std::string period = fy_period(row.from, row.to);
                    o << "<tr" << (total ? " class=\"total\"" : "") << "><th scope=\"row\">" << html(year)
                      << (period.empty() ? "" : " <span class=\"muted\">(" + html(period) + ")</span>") << "</th><td>"
                      << (total ? "<strong>" : "") << html(metric_label(metric)) << (total ? "</strong>" : "")
                      << "</td><td class=\"num\">" << html(money(row.stats.mean)) << "</td><td class=\"num\">"
                      << html(money(row.stats.p50)) << "</td><td class=\"num\">"
                      << html(money(row.stats.p25) + " to " + money(row.stats.p75)) << "</td><td class=\"num\">"
                      << html(money(row.stats.p05) + " to " + money(row.stats.p95)) << "</td><td class=\"num\">";
                    const auto b = budget.find(year);
                    o << (total && b != budget.end() ? html(money(b->second)) : std::string("<span class=\"muted\">not set</span>"))
                      << "</td></tr>\n";
                }
        o << "</tbody></table></section>\n";
    }

    o << appendix(d);
    o << footer(d, {"trajectory.csv", "financial_years.csv", "summary.json", scen.file});
    return o.str();
}

// ============================== compare ==============================

std::string saving_words(const Interval& diff) {
    if (diff.high < 0) return "saves " + money(-diff.mean);
    if (diff.low > 0) return "costs " + money(diff.mean) + " more";
    return "no clear difference";
}

std::string range_words(const Interval& iv) {
    return iv.has_range ? html(signed_money(iv.p10) + " to " + signed_money(iv.p90)) : std::string("<span class=\"muted\">-</span>");
}

std::string render_compare(const ReportData& d) {
    const CompareReport& c = d.compare;
    const TimeAxis time = time_axis(c.start, c.dates);
    const ScenarioFile& base_scen = d.scenarios.front();
    const auto events = event_markers(base_scen);
    const auto& dates = c.dates;
    std::vector<std::string> names = {c.base}, label;  // label: what names an alternative in legends
    for (const auto& a : c.alternatives) names.push_back(a.name), label.push_back(short_name(c.base, a.name));

    std::ostringstream o;
    o << page_open("wfsim report: " + c.base + " compared");
    o << "<header class=\"report\"><p class=\"kicker\">wfsim report &middot; comparison on common random numbers</p>"
         "<h1 id=\"title\">"
      << html(c.base) << "</h1>\n<p class=\"desc\">Compared with: ";
    for (std::size_t i = 0; i < c.alternatives.size(); ++i) o << (i ? ", " : "") << "<strong>" << html(c.alternatives[i].name) << "</strong>";
    o << ".</p>\n<p class=\"meta\">"
      << html("From " + long_date(c.start) + " for " + number(c.horizon_months, 0) + " months; " + thousands(c.replications) +
              " paired replications, seed " + std::to_string(static_cast<long long>(c.seed)) + ", wfsim " + c.engine_version +
              ". Replication i of every scenario sees the same random numbers, so the differences are paired.")
      << "</p></header>\n";
    o << nav({{"savings", "Savings"}, {"assumptions", "Assumptions"}, {"targets", "Targets"}, {"differences", "Differences"},
              {"reading", "Reading the report"}});

    // Savings: the interval of the mean beside the middle 80% of paired outcomes, each said in words.
    o << "<section id=\"savings\"><h2>Savings against the base</h2>\n<p>Differences are <strong>alternative &minus; base</strong>: "
         "a negative difference is a saving.</p>\n<ul class=\"reading\"><li>The <strong>95% interval of the mean</strong> says how "
         "sure the average difference is: with more replications it narrows towards one figure.</li>\n<li>The <strong>middle "
         "80% of paired outcomes</strong> says how different one future can turn out: in 8 of 10 replications the "
         "alternative's difference from the base, on the same random numbers, fell in this range. It does not narrow with "
         "more replications.</li></ul>\n"
         "<table class=\"data\" id=\"savings-table\"><thead><tr><th>Alternative</th><th class=\"num\">Mean difference in total "
         "spend over the horizon, with its 95% interval</th><th class=\"num\">Middle 80% of paired outcomes</th>"
         "<th>Chance the alternative costs less</th><th>Break-even</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < c.alternatives.size(); ++i) {
        const auto& a = c.alternatives[i];
        o << "<tr><th scope=\"row\">" << html(a.name) << "</th><td class=\"num\"><strong>" << html(signed_money(a.spend_total.mean))
          << "</strong><br><span class=\"muted\">" << html(signed_money(a.spend_total.low) + " to " + signed_money(a.spend_total.high))
          << "</span><br>" << html(saving_words(a.spend_total)) << "</td><td class=\"num\">"
          << (a.spend_total.has_range ? html(signed_money(a.spend_total.p10) + " to " + signed_money(a.spend_total.p90))
                                      : std::string("<span class=\"muted\">not in the file</span>"))
          << "</td><td>" << html(percent(a.p_costs_less, 0))
          << " <span class=\"muted\">(" << html(percent(a.p_low, 0) + " to " + percent(a.p_high, 0)) << ")</span></td><td>";
        if (a.break_even_month)
            o << html("from " + (a.break_even_date.empty() ? "month " + std::to_string(*a.break_even_month)
                                                            : month_year(a.break_even_date)) +
                      " (month " + std::to_string(*a.break_even_month) + ")");
        else
            o << "never within the horizon";
        o << "</td></tr>\n";
    }
    o << "</tbody></table>\n";
    for (const auto& a : c.alternatives) {
        const Interval& iv = a.spend_total;
        const std::string average = std::fabs(iv.mean) < 0.5 ? "makes no difference to total spend"
                                    : iv.mean < 0            ? "saves " + money(-iv.mean)
                                                             : "costs " + money(iv.mean) + " more";
        std::string words = a.name + ": on average it " + average + " over the horizon (95% interval of the mean " +
                            signed_money(iv.low) + " to " + signed_money(iv.high) + ")";
        if (iv.has_range)
            words += "; in 8 of 10 futures the difference lies between " + signed_money(iv.p10) + " and " + signed_money(iv.p90);
        words += "; it costs less than the base in " + percent(a.p_costs_less, 0) + " of replications.";
        o << "<p class=\"saving-sentence\">" << html(words) << "</p>\n";
    }
    o << "<p class=\"note\">Break-even is the first month from which the mean cumulative difference in "
         "total spend stays at or below zero.</p>\n";
    if (!c.budget_by_scenario.empty()) {
        // Years as the scenarios give them, in order.
        std::vector<std::string> years;
        for (const auto& [name, list] : c.budget_by_scenario)
            for (const auto& y : list)
                if (std::find(years.begin(), years.end(), y.year) == years.end()) years.push_back(y.year);
        std::sort(years.begin(), years.end());
        o << "<h3 id=\"budget\">Against the budget</h3>\n<p>The chance that total spend (cash) exceeds the scenario's "
             "budget in each financial year, with a 95% interval for that chance:</p>\n<table class=\"data compact\" "
             "id=\"budget-table\"><thead><tr><th>Scenario</th>";
        for (const auto& y : years) o << "<th class=\"num\">" << html(y) << "</th>";
        o << "</tr></thead><tbody>\n";
        for (const auto& [name, list] : c.budget_by_scenario) {
            o << "<tr><th scope=\"row\">" << html(name) << "</th>";
            for (const auto& y : years) {
                const BudgetYear* b = nullptr;
                for (const auto& x : list)
                    if (x.year == y) b = &x;
                o << "<td class=\"num\">"
                  << (b ? html(percent(b->p_overspend, 0) + " against " + money(b->budget)) + "<br><span class=\"muted\">" +
                              html(percent(b->low, 0) + " to " + percent(b->high, 0)) + "</span>"
                        : std::string("<span class=\"muted\">no budget</span>"))
                  << "</td>";
            }
            o << "</tr>\n";
        }
        o << "</tbody></table>\n";
    }
    for (const auto& a : c.alternatives) {
        o << "<table class=\"data compact savings-detail\"><caption>" << html(a.name) << ": difference by component and by year"
          << "</caption><thead><tr><th>Part</th><th class=\"num\">Mean difference</th><th class=\"num\">95% interval of the mean</th>"
             "<th class=\"num\">Middle 80% of paired outcomes</th><th>In words</th></tr></thead><tbody>\n";
        for (const auto& [metric, iv] : a.by_component)
            o << "<tr><th scope=\"row\">" << html(metric_label(metric)) << "</th><td class=\"num\">" << html(signed_money(iv.mean))
              << "</td><td class=\"num\">" << html(signed_money(iv.low) + " to " + signed_money(iv.high)) << "</td><td class=\"num\">"
              << range_words(iv) << "</td><td>" << html(saving_words(iv)) << "</td></tr>\n";
        bool first = true;
        for (const auto& [year, iv] : a.by_financial_year) {
            o << "<tr" << (first ? " class=\"total\"" : "") << "><th scope=\"row\">Total spend in " << html(year)
              << "</th><td class=\"num\">" << html(signed_money(iv.mean)) << "</td><td class=\"num\">"
              << html(signed_money(iv.low) + " to " + signed_money(iv.high)) << "</td><td class=\"num\">" << range_words(iv)
              << "</td><td>" << html(saving_words(iv)) << "</td></tr>\n";
            first = false;
        }
        o << "</tbody></table>\n";
    }
    {
        std::vector<std::string> figures;
        BarChart b;
        b.id = "chart-fy-difference";
        b.metric = "spend_total";
        b.title = "Difference in total spend by financial year (alternative \xE2\x88\x92 base)";
        b.y_label = "Difference (\xC2\xA3 per year)";
        for (std::size_t i = 0; i < c.alternatives.size(); ++i) {
            BarSeries s;
            s.name = label[i];
            s.colour = series_colour(i + 1);
            for (const auto& [year, iv] : c.alternatives[i].by_financial_year) {
                if (i == 0) b.categories.push_back(year);
                s.value.push_back(iv.mean);
                s.low.push_back(iv.low);
                s.high.push_back(iv.high);
            }
            b.series.push_back(s);
        }
        b.note = "Each bar is an alternative's mean difference; its whiskers the 95% interval of that mean.";
        if (!b.categories.empty()) figures.push_back(bar_chart_html(b));
        TimeChart cum;
        cum.id = "chart-cumulative-difference";
        cum.kind = "difference";
        cum.metric = "spend_total";
        cum.title = "Cumulative difference in total spend (alternative \xE2\x88\x92 base, mean)";
        cum.y_label = "Cumulative difference (\xC2\xA3)";
        cum.time = time;
        cum.include_zero = true;
        cum.events = events;
        cum.events_legend = kBaseEvents;
        for (std::size_t i = 0; i < c.alternatives.size(); ++i) {
            const auto it = c.alternatives[i].monthly.find("spend_total");
            if (it == c.alternatives[i].monthly.end()) continue;
            Line l;
            l.colour = series_colour(i + 1);
            l.legend = label[i];
            double sum = 0;
            // Nothing is spent at month 0, the start date: the sum starts there at zero.
            for (const auto& m : it->second) l.y.push_back(sum += std::isfinite(m.difference.mean) ? m.difference.mean : 0.0);
            cum.lines.push_back(l);
        }
        if (c.alternatives.size() == 1 && c.alternatives[0].break_even_month &&
            static_cast<std::size_t>(*c.alternatives[0].break_even_month) < time.month_end.size()) {
            cum.mark_day = time.month_end[static_cast<std::size_t>(*c.alternatives[0].break_even_month)];
            cum.mark_text = "break-even";
        }
        cum.note = "Below zero the alternative has spent less so far.";
        if (!cum.lines.empty()) figures.push_back(time_chart_html(cum));
        o << charts_div(figures) << "</section>\n";
    }

    // Assumptions: the base in full, each alternative by what differs.
    o << "<section id=\"assumptions\"><h2>Key assumptions</h2>\n<h3>The base: " << html(c.base) << "</h3>\n"
      << assumptions_section(base_scen, "");
    for (std::size_t i = 0; i < c.alternatives.size(); ++i) {
        const ScenarioFile& alt = d.scenarios.size() > i + 1 ? d.scenarios[i + 1] : base_scen;
        o << "<h3>" << html(c.alternatives[i].name) << ": what differs from the base</h3>\n";
        if (!alt.problem.empty() || !base_scen.problem.empty()) {
            o << "<p class=\"placeholder\">" << html(alt.problem.empty() ? base_scen.problem : alt.problem) << "</p>\n";
            continue;
        }
        const auto diffs = scenario_differences(base_scen.root, alt.root);
        o << "<table class=\"data compact differences\"><thead><tr><th>Key</th><th>Base</th><th>" << html(c.alternatives[i].name)
          << "</th></tr></thead><tbody>\n";
        const std::size_t limit = 80;
        for (std::size_t k = 0; k < diffs.size() && k < limit; ++k)
            o << "<tr><td><code>" << html(diffs[k].key) << "</code></td><td>" << html(diffs[k].base) << "</td><td>"
              << html(diffs[k].alternative) << "</td></tr>\n";
        if (diffs.empty()) o << "<tr><td colspan=\"3\">Nothing: the scenarios are the same.</td></tr>\n";
        if (diffs.size() > limit)
            o << "<tr><td colspan=\"3\">" << diffs.size() - limit << " more; see " << html(alt.file) << " in the appendix.</td></tr>\n";
        o << "</tbody></table>\n";
        const auto changes = dated_changes(alt.root);
        if (dated_changes(base_scen.root).size() != changes.size() || !diffs.empty()) {
            o << "<table class=\"data compact\"><caption>" << html(c.alternatives[i].name)
              << ": interventions and dated changes</caption><thead><tr><th>Date</th><th>Change</th><th>What it does</th></tr>"
                 "</thead><tbody>\n";
            for (const auto& ch : changes)
                o << "<tr><td class=\"nowrap\">" << html(long_date(ch.date)) << "</td><td>" << html(ch.name) << "</td><td>"
                  << html(ch.what) << "</td></tr>\n";
            if (changes.empty()) o << "<tr><td colspan=\"3\">None.</td></tr>\n";
            o << "</tbody></table>\n";
        }
    }
    o << "</section>\n";

    // Targets: one row per target, one column per scenario.
    std::map<std::string, std::vector<TargetMarker>> markers;  // metric -> markers on the levels chart
    o << "<section id=\"targets\"><h2>Targets</h2>\n";
    const std::vector<Target>* base_targets = c.targets_by_scenario.empty() ? nullptr : &c.targets_by_scenario.front().second;
    if (!base_targets || base_targets->empty()) {
        o << "<p>The scenarios set no targets.</p>\n";
    } else {
        // One group of rows per target, one row per scenario: as long as it needs, never wider than the page.
        o << "<table class=\"data wide\" id=\"targets-table\"><thead><tr><th>Scenario</th><th>Probability it is met</th>"
             "<th>First met</th><th>Met from then on</th></tr></thead>\n";
        for (std::size_t i = 0; i < base_targets->size(); ++i) {
            const Target& t = (*base_targets)[i];
            const TargetPlace p = place_of(t, dates);
            o << "<tbody class=\"group\"><tr class=\"target\" data-target=\"T" << i + 1 << "\"><th class=\"group\" colspan=\"4\" "
                 "scope=\"rowgroup\"><span class=\"tlabel\">T" << i + 1 << "</span> " << html(t.name) << " <span class=\"muted\">("
              << html(condition_words(t) + ", " + p.words) << ")</span></th></tr>\n";
            for (std::size_t k = 0; k < c.targets_by_scenario.size(); ++k) {
                const auto& [name, list] = c.targets_by_scenario[k];
                const Target* match = nullptr;
                for (const auto& x : list)
                    if (x.name == t.name) match = &x;
                o << "<tr><th scope=\"row\">" << html(name) << (k == 0 ? " <span class=\"muted\">(base)</span>" : "")
                  << "</th><td class=\"prob-cell\">"
                  << (match ? probability_cell(*match) : std::string("<span class=\"muted\">not set</span>")) << "</td><td>"
                  << (match ? first_met_cell(*match, dates) : std::string()) << "</td><td>"
                  << (match ? kept_cell(*match, dates) : std::string()) << "</td></tr>\n";
            }
            o << "</tbody>\n";
            if (p.month && !p.year && *p.month < time.month_end.size())
                markers[t.metric].push_back({"T" + std::to_string(i + 1), t.name + ": " + condition_words(t) + ", " + p.words,
                                             t.value, time.month_end[*p.month], -1});
        }
        o << "</table>\n<p class=\"note\">Targets judged in a month are marked on the chart of their measure under "
             "&ldquo;Differences&rdquo; (left-hand charts, the means of each scenario).</p>\n";
    }
    o << "</section>\n";

    // Paired differences, each beside the levels of the base and alternatives.
    {
        std::vector<std::string> metrics = kWorkforceMetrics;
        for (const char* m : {"spend_total", "spend_agency", "spend_permanent"}) metrics.push_back(m);
        for (const auto& [metric, list] : markers)
            if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) metrics.push_back(metric);
        std::vector<std::string> figures;
        for (const auto& metric : metrics) {
            if (c.alternatives.empty() || !c.alternatives[0].monthly.count(metric)) continue;
            TimeChart level;
            level.id = "chart-level-" + metric;
            level.kind = "lines";
            level.metric = metric;
            level.title = metric_label(metric) + ": each scenario (mean)";
            level.y_label = metric_label(metric) + " (" + unit_label(metric) + ")";
            level.time = time;
            level.events = events;
            level.events_legend = kBaseEvents;
            level.targets = markers[metric];
            Line base;
            base.colour = series_colour(0);
            base.legend = c.base + " (base)";
            for (const auto& m : c.alternatives[0].monthly.at(metric)) base.y.push_back(m.base_mean);
            level.lines.push_back(base);
            TimeChart diff;
            diff.id = "chart-diff-" + metric;
            diff.kind = "difference";
            diff.metric = metric;
            diff.title = metric_label(metric) + ": paired difference (alternative \xE2\x88\x92 base)";
            diff.y_label = "Difference (" + unit_label(metric) + ")";
            diff.time = time;
            diff.include_zero = true;
            diff.events = events;
            diff.events_legend = kBaseEvents;
            for (std::size_t i = 0; i < c.alternatives.size(); ++i) {
                const auto it = c.alternatives[i].monthly.find(metric);
                if (it == c.alternatives[i].monthly.end()) continue;
                Line alt, mean;
                Band band;
                alt.colour = mean.colour = band.colour = series_colour(i + 1);
                alt.legend = label[i];
                alt.dashed = true;
                mean.legend = label[i];
                band.legend = "";  // one key for every band, below
                band.opacity = 0.25;
                for (const auto& m : it->second) {
                    alt.y.push_back(m.alternative_mean);
                    mean.y.push_back(m.difference.mean);
                    band.low.push_back(m.difference.low);
                    band.high.push_back(m.difference.high);
                }
                level.lines.push_back(alt);
                diff.bands.push_back(band);
                diff.lines.push_back(mean);
            }
            diff.keys.push_back({"#888888", "shaded: the 95% interval of each mean difference", "box", 0.35});
            figures.push_back(time_chart_html(level));
            figures.push_back(time_chart_html(diff));
        }
        o << "<section id=\"differences\"><h2>Paired differences, month by month</h2>\n<p>Left: the mean of each scenario. "
             "Right: the mean paired difference with its 95% interval; where the band does not cross zero the difference "
             "is clear.</p>\n"
          << charts_div(figures) << "</section>\n";
    }

    o << appendix(d);
    std::vector<std::string> files = {"comparison.csv", "summary.json"};
    for (const auto& s : d.scenarios) files.push_back(s.file);
    o << footer(d, files);
    return o.str();
}

// ============================== sweep ==============================

std::string render_sweep(const ReportData& d) {
    const SweepReport& s = d.sweep;
    const ScenarioFile& scen = d.scenarios.front();
    std::ostringstream o;
    o << page_open("wfsim report: " + s.scenario + " sweep");
    o << "<header class=\"report\"><p class=\"kicker\">wfsim report &middot; sweep over a grid</p><h1 id=\"title\">"
      << html(s.scenario) << "</h1>\n<p class=\"desc\">" << html(thousands(static_cast<double>(s.rows.size()))) << " points: ";
    for (std::size_t k = 0; k < s.grid.size(); ++k) {
        o << (k ? "; " : "") << "<code>" << html(s.grid[k].first) << "</code> = ";
        for (std::size_t v = 0; v < s.grid[k].second.size(); ++v) o << (v ? ", " : "") << html(s.grid[k].second[v]);
    }
    o << ".</p>\n<p class=\"meta\">"
      << html(thousands(s.replications_per_point) + " replications per point on common random numbers, seed " +
              std::to_string(static_cast<long long>(s.seed)) + ", wfsim " + s.engine_version + ".")
      << "</p></header>\n";
    o << nav({{"result", "Result"}, {"heatmaps", "Heat maps"}, {"points", "All points"}, {"assumptions", "Assumptions"},
              {"reading", "Reading the report"}});

    // The point nearest the goal when none meets it: the highest probability of
    // meeting the goal's target, the lower objective among equals.
    std::optional<std::size_t> nearest;
    if (!s.goal.empty() && !s.best_point) {
        const std::string column = s.target_column(s.goal_target);
        for (std::size_t i = 0; i < s.rows.size(); ++i) {
            const auto p = s.value(i, column);
            if (!p) continue;
            if (!nearest) {
                nearest = i;
                continue;
            }
            const double q = s.value(*nearest, column).value_or(-1);
            const double cost = s.value(i, s.minimise + "_mean").value_or(0), best = s.value(*nearest, s.minimise + "_mean").value_or(0);
            if (*p > q || (*p == q && cost < best)) nearest = i;
        }
    }

    // The result.
    o << "<section id=\"result\"><h2>Result</h2>\n";
    if (s.goal.empty()) {
        o << "<p>The sweep had no goal (<code>--goal</code>), so no point is singled out.</p>\n";
    } else {
        o << "<p>Goal: the probability of meeting the target <strong>" << html(s.goal_target) << "</strong> is at least "
          << html(percent(s.goal_probability, 0)) << ".</p>\n";
        std::size_t meeting = 0;
        for (std::size_t i = 0; i < s.rows.size(); ++i) meeting += s.meets_goal(i) ? 1 : 0;
        if (s.best_point && static_cast<std::size_t>(*s.best_point) < s.rows.size()) {
            const auto row = static_cast<std::size_t>(*s.best_point);
            o << "<p class=\"callout\" id=\"best\"><strong>Cheapest point that meets the goal</strong> (lowest mean "
              << html(lower_first(metric_label(s.minimise))) << ", " << html(money(s.best_value)) << "): ";
            for (std::size_t k = 0; k < s.grid.size(); ++k)
                o << (k ? ", " : "") << "<code>" << html(s.grid[k].first) << "</code> = " << html(s.text(row, s.grid[k].first));
            o << ". " << meeting << " of " << s.rows.size() << " points meet the goal.</p>\n";
        } else {
            o << "<p class=\"callout\" id=\"best\"><strong>No grid point meets the goal.</strong>";
            if (nearest) {
                const auto row = *nearest;
                o << " The nearest is point " << html(s.text(row, "point")) << ": ";
                for (std::size_t k = 0; k < s.grid.size(); ++k)
                    o << (k ? ", " : "") << "<code>" << html(s.grid[k].first) << "</code> = " << html(s.text(row, s.grid[k].first));
                const auto p = s.value(row, s.target_column(s.goal_target));
                o << html(", where the target is met in " + (p ? percent(*p, 0) : std::string("-")) + " of replications against the " +
                          percent(s.goal_probability, 0) + " asked");
                if (const auto v = s.value(row, s.minimise + "_mean"))
                    o << html(" (mean " + lower_first(metric_label(s.minimise)) + " " + money(*v) + ")");
                o << ".";
            }
            o << "</p>\n";
        }
    }
    o << "</section>\n";

    // Heat maps over the first two grid keys, one per combination of any others.
    o << "<section id=\"heatmaps\"><h2>Heat maps over the grid</h2>\n";
    {
        const auto& xkey = s.grid.at(0);
        const bool two = s.grid.size() >= 2;
        const std::vector<std::string> yvalues = two ? s.grid[1].second : std::vector<std::string>{""};
        // Combinations of the remaining keys, as they appear in the rows.
        std::vector<std::vector<std::string>> others;
        for (std::size_t i = 0; i < s.rows.size(); ++i) {
            std::vector<std::string> rest;
            for (std::size_t k = 2; k < s.grid.size(); ++k) rest.push_back(s.text(i, s.grid[k].first));
            if (std::find(others.begin(), others.end(), rest) == others.end()) others.push_back(rest);
        }
        struct Measure {
            std::string column, metric, title;
            bool low_is_good;
        };
        std::vector<Measure> measures;
        if (!s.goal_target.empty())
            measures.push_back({s.target_column(s.goal_target), "probability",
                                "Probability of meeting \xE2\x80\x9C" + s.goal_target + "\xE2\x80\x9D (the goal metric)", false});
        const std::string objective = s.minimise + "_mean";
        const bool has_objective = std::find(s.columns.begin(), s.columns.end(), objective) != s.columns.end();
        measures.push_back({has_objective ? objective : "spend_total_mean", has_objective ? s.minimise : "spend_total",
                            metric_label(has_objective ? s.minimise : "spend_total") + " over the horizon (mean)", true});
        std::vector<std::string> figures;
        for (std::size_t mi = 0; mi < measures.size(); ++mi) {
            const Measure& me = measures[mi];
            // One colour scale for every panel of a measure, so that panels compare.
            std::optional<std::pair<double, double>> scale;
            for (std::size_t i = 0; i < s.rows.size(); ++i)
                if (const auto v = s.value(i, me.column))
                    scale = scale ? std::make_pair(std::min(scale->first, *v), std::max(scale->second, *v)) : std::make_pair(*v, *v);
            for (std::size_t oi = 0; oi < others.size(); ++oi) {
                HeatMap h;
                h.scale = scale;
                h.has_goal = !s.goal.empty();
                h.id = "heatmap-" + std::to_string(mi) + "-" + std::to_string(oi);
                h.metric = me.metric;
                h.low_is_good = me.low_is_good;
                h.title = me.title;
                for (std::size_t k = 2; k < s.grid.size(); ++k)
                    h.title += (k == 2 ? ", for " : ", ") + s.grid[k].first + " = " + others[oi][k - 2];
                h.x_label = xkey.first;
                h.y_label = two ? s.grid[1].first : "";
                h.x_values = xkey.second;
                h.y_values = yvalues;
                h.cells.assign(yvalues.size(), std::vector<std::optional<double>>(xkey.second.size()));
                h.meets.assign(yvalues.size(), std::vector<bool>(xkey.second.size(), false));
                for (std::size_t i = 0; i < s.rows.size(); ++i) {
                    std::vector<std::string> rest;
                    for (std::size_t k = 2; k < s.grid.size(); ++k) rest.push_back(s.text(i, s.grid[k].first));
                    if (rest != others[oi]) continue;
                    const auto xi = std::find(xkey.second.begin(), xkey.second.end(), s.text(i, xkey.first)) - xkey.second.begin();
                    const auto yi = two ? std::find(yvalues.begin(), yvalues.end(), s.text(i, s.grid[1].first)) - yvalues.begin() : 0;
                    if (static_cast<std::size_t>(xi) >= xkey.second.size() || static_cast<std::size_t>(yi) >= yvalues.size()) continue;
                    h.cells[static_cast<std::size_t>(yi)][static_cast<std::size_t>(xi)] = s.value(i, me.column);
                    h.meets[static_cast<std::size_t>(yi)][static_cast<std::size_t>(xi)] = s.meets_goal(i);
                    if (s.best_point && static_cast<std::size_t>(*s.best_point) == i)
                        h.best = std::make_pair(static_cast<std::size_t>(yi), static_cast<std::size_t>(xi));
                    if (nearest && *nearest == i)
                        h.nearest = std::make_pair(static_cast<std::size_t>(yi), static_cast<std::size_t>(xi));
                }
                h.note = s.goal.empty() ? "No goal was given, so no point is marked."
                         : nearest ? "No point meets the goal; a dashed outline and \xE2\x98\x86 mark the one that comes nearest."
                                   : "A thick outline marks the points that meet the goal; \xE2\x98\x85 the cheapest of them.";
                figures.push_back(heat_map_html(h));
            }
        }
        o << charts_div(figures) << "</section>\n";
    }

    // Every point.
    o << "<section id=\"points\"><h2>All points</h2>\n<div class=\"scroll\"><table class=\"data compact\" id=\"points-table\"><thead><tr><th class=\"num\">"
         "Point</th>";
    for (const auto& [key, values] : s.grid) {
        std::string breakable;  // break long keys after their dots
        for (char ch : html(key)) breakable += ch == '.' ? std::string(".<wbr>") : std::string(1, ch);
        o << "<th><code>" << breakable << "</code></th>";
    }
    o << "<th class=\"num\">Total spend: mean and 95% interval</th><th class=\"num\">Agency spend</th>"
         "<th class=\"num\">Final vacancy rate</th><th class=\"num\">Final agency rate</th>";
    for (const auto& t : s.target_names) o << "<th class=\"num\">P(" << html(t) << ")</th>";
    if (!s.goal.empty()) o << "<th>Meets the goal</th>";
    o << "</tr></thead><tbody>\n";
    auto val = [&](std::size_t i, const std::string& col, const std::string& metric) {
        const auto v = s.value(i, col);
        return v ? html(metric == "probability" ? percent(*v, 0) : format_metric_value(metric, *v)) : std::string("-");
    };
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
        const bool best = s.best_point && static_cast<std::size_t>(*s.best_point) == i;
        o << "<tr" << (best ? " class=\"best\"" : "") << "><td class=\"num\">" << html(s.text(i, "point")) << "</td>";
        for (const auto& [key, values] : s.grid) o << "<td>" << html(s.text(i, key)) << "</td>";
        o << "<td class=\"num\">" << val(i, "spend_total_mean", "spend_total") << "<br><span class=\"muted\">"
          << val(i, "spend_total_ci95_low", "spend_total") << " to " << val(i, "spend_total_ci95_high", "spend_total")
          << "</span></td><td class=\"num\">"
          << val(i, "spend_agency_mean", "spend_agency") << "</td><td class=\"num\">" << val(i, "vacancy_rate_mean", "vacancy_rate")
          << "</td><td class=\"num\">" << val(i, "agency_rate_mean", "agency_rate") << "</td>";
        for (const auto& t : s.target_names) o << "<td class=\"num\">" << val(i, s.target_column(t), "probability") << "</td>";
        if (!s.goal.empty())
            o << "<td>" << (s.meets_goal(i) ? "<span class=\"badge good\">yes</span>" : "<span class=\"badge bad\">no</span>")
              << (best ? " \xE2\x98\x85 cheapest" : "") << "</td>";
        o << "</tr>\n";
    }
    o << "</tbody></table></div></section>\n";

    o << "<section id=\"assumptions\"><h2>Key assumptions</h2>\n";
    if (scen.problem.empty()) {
        o << "<p>The grid replaces these values of the scenario:</p><ul>\n";
        for (const auto& [key, values] : s.grid) {
            std::string list;
            for (const auto& v : values) list += (list.empty() ? "" : ", ") + v;
            o << "<li><code>" << html(key) << "</code>: " << html(list) << "</li>\n";
        }
        o << "</ul>\n<p>The assumptions below are the scenario as simulated at point 0 (the first value of each grid key); "
             "the other points differ from it only in the grid keys.</p>\n";
        const auto defs = target_definitions(scen.root);
        if (!defs.empty()) {
            o << "<table class=\"data compact\" id=\"targets-table\"><caption>Targets</caption><thead><tr><th>Target</th><th>Condition"
                 "</th><th>When</th></tr></thead><tbody>\n";
            for (const auto& t : defs) {
                const auto v = parse_number(t.value);
                o << "<tr><td>" << html(t.name) << "</td><td>"
                  << html(metric_label(t.metric) + " " + format_op(t.op) + " " + (v ? format_metric_value(t.metric, *v) : t.value))
                  << "</td><td>" << html(iso_to_days(t.when) ? "by " + long_date(t.when) : t.when) << "</td></tr>\n";
            }
            o << "</tbody></table>\n";
        }
    }
    o << assumptions_section(scen, "") << "</section>\n";

    o << appendix(d);
    o << footer(d, {"sweep.csv", "summary.json", scen.file});
    return o.str();
}

}  // namespace

std::string render_html(const ReportData& d) {
    if (d.scenarios.empty()) throw std::runtime_error("no scenario file in the report data");
    switch (d.kind) {
        case ReportData::Kind::Run: return render_run(d);
        case ReportData::Kind::Compare: return render_compare(d);
        case ReportData::Kind::Sweep:
            if (d.sweep.grid.empty()) throw std::runtime_error("summary.json: the sweep has no grid");
            return render_sweep(d);
        case ReportData::Kind::Sensitivity:  // models/report/tornado.cpp
            return page_open("wfsim report: " + d.title() + " sensitivity") + sensitivity_body(d) + appendix(d) +
                   footer(d, {d.sensitivity.table_file, "summary.json", d.scenarios.front().file});
        case ReportData::Kind::Seek:  // models/report/seek_report.cpp
            return page_open("wfsim report: " + d.title() + " seek") + seek_body(d) + appendix(d) +
                   footer(d, {"seek.csv", "summary.json", d.scenarios.front().file});
    }
    return "";
}

}  // namespace wfsim::report
