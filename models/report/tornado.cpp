#include "models/report/tornado.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "models/report/charts.h"
#include "models/report/data.h"
#include "models/report/readers.h"
#include "models/report/text.h"

namespace wfsim::report {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFont = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"";
constexpr const char* kLowColour = "#2166ac";   // the answer at the assumption's low end
constexpr const char* kHighColour = "#d6604d";  // at its high end

std::string f1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

bool is_probability(const std::string& outcome) { return outcome.rfind("p_", 0) == 0; }
// The metric whose unit the answer is in, for tick labels.
std::string unit_metric(const std::string& outcome) { return is_probability(outcome) ? "probability" : outcome; }

// A horizontal bar chart: one row per bar from `from` to `to` (split at
// `base` into the low end's part and the high end's), a line at `base`.
struct Row {
    std::string key, low_text, high_text, title_low, title_high;
    double from = 0, to = 0;  // the low end's answer, the high end's (Morris: 0 and mu*)
    bool split = true;        // tornado: two coloured halves around the base
};

std::string bar_chart(const std::string& id, const std::string& kind, const std::string& outcome, const std::string& title,
                      const std::vector<Row>& rows, double base, const std::string& base_text, const std::string& axis_label,
                      const std::string& legend_html, const std::string& note) {
    const double w = 760, label_w = 270, mr = 24, mt = 28, row_h = 28, bar_h = 16, mb = 48;
    const double h = mt + row_h * static_cast<double>(std::max<std::size_t>(rows.size(), 1)) + mb;
    double lo = base, hi = base;
    for (const auto& r : rows) {
        for (double v : {r.from, r.to})
            if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
    if (hi - lo < 1e-12) {
        const double pad = std::fabs(hi) > 0 ? std::fabs(hi) * 0.05 : (is_probability(outcome) ? 0.05 : 1.0);
        lo -= pad;
        hi += pad;
    }
    double step = 1;
    const std::vector<double> ticks = nice_ticks(lo, hi, 5, step);
    const double x0 = ticks.front(), x1 = ticks.back();
    const double pl = label_w, pw = w - label_w - mr;
    auto X = [&](double v) { return pl + (v - x0) / (x1 - x0) * pw; };

    std::ostringstream o;
    o << "<figure class=\"chart\" id=\"" << html(id) << "\" data-chart=\"" << html(kind) << "\" data-outcome=\"" << html(outcome)
      << "\">\n<figcaption>" << html(title) << "</figcaption>\n";
    o << "<svg class=\"plot tornado\" viewBox=\"0 0 " << f1(w) << " " << f1(h) << "\" role=\"img\" aria-label=\"" << html(title)
      << "\" " << kFont << " font-size=\"11\">\n<title>" << html(title) << "</title>\n<g class=\"x-axis\">\n";
    const double plot_bottom = mt + row_h * static_cast<double>(std::max<std::size_t>(rows.size(), 1));
    for (double t : ticks) {
        o << "<line x1=\"" << f1(X(t)) << "\" x2=\"" << f1(X(t)) << "\" y1=\"" << f1(mt - 4) << "\" y2=\"" << f1(plot_bottom)
          << "\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n<text x=\"" << f1(X(t)) << "\" y=\"" << f1(plot_bottom + 15)
          << "\" text-anchor=\"middle\" fill=\"#333\">" << html(tick_label(unit_metric(outcome), t, step)) << "</text>\n";
    }
    o << "<text x=\"" << f1(pl + pw / 2) << "\" y=\"" << f1(plot_bottom + 36) << "\" text-anchor=\"middle\" fill=\"#222\">"
      << html(axis_label) << "</text>\n</g>\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        const double y = mt + row_h * static_cast<double>(i) + (row_h - bar_h) / 2;
        o << "<g class=\"tornado-bar\" data-key=\"" << html(r.key) << "\" data-rank=\"" << (i + 1) << "\">\n<text x=\""
          << f1(pl - 8) << "\" y=\"" << f1(y + bar_h - 4) << "\" text-anchor=\"end\" fill=\"#222\">" << html(r.key) << "</text>\n";
        auto rect = [&](const char* cls, double a, double b, const char* colour, const std::string& tip) {
            const double xa = X(std::min(a, b)), xb = X(std::max(a, b));
            o << "<rect class=\"" << cls << "\" x=\"" << f1(xa) << "\" y=\"" << f1(y) << "\" width=\"" << f1(std::max(xb - xa, 1.0))
              << "\" height=\"" << f1(bar_h) << "\" fill=\"" << colour << "\"><title>" << html(tip) << "</title></rect>\n";
        };
        if (r.split) {
            rect("low-end", base, r.from, kLowColour, r.title_low);
            rect("high-end", base, r.to, kHighColour, r.title_high);
        } else {
            rect("effect", r.from, r.to, kLowColour, r.title_low);
        }
        // The answers at the ends, beside the bar's outer ends.
        const double left = std::min(r.from, r.to), right = std::max(r.from, r.to);
        const std::string& left_text = r.from <= r.to ? r.low_text : r.high_text;
        const std::string& right_text = r.from <= r.to ? r.high_text : r.low_text;
        if (r.split && !left_text.empty())
            o << "<text class=\"end-value\" x=\"" << f1(X(left) - 3) << "\" y=\"" << f1(y + bar_h - 4)
              << "\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">" << html(left_text) << "</text>\n";
        if (!right_text.empty())
            o << "<text class=\"end-value\" x=\"" << f1(X(right) + 3) << "\" y=\"" << f1(y + bar_h - 4)
              << "\" font-size=\"10\" fill=\"#555\">" << html(right_text) << "</text>\n";
        o << "</g>\n";
    }
    o << "<g class=\"base\"><line x1=\"" << f1(X(base)) << "\" x2=\"" << f1(X(base)) << "\" y1=\"" << f1(mt - 8) << "\" y2=\""
      << f1(plot_bottom) << "\" stroke=\"#111\" stroke-width=\"1.5\"/>\n<text x=\"" << f1(X(base)) << "\" y=\"" << f1(mt - 12)
      << "\" text-anchor=\"middle\" fill=\"#111\">" << html(base_text) << "</text></g>\n";
    o << "</svg>\n<div class=\"legend\">" << legend_html << "</div>\n";
    if (!note.empty()) o << "<p class=\"note\">" << html(note) << "</p>\n";
    o << "</figure>\n";
    return o.str();
}

std::string swatch(const char* colour, const std::string& text) {
    return std::string("<span class=\"key\"><span class=\"swatch box\" style=\"background:") + colour + "\"></span>" + html(text) +
           "</span>";
}

double number_at(const Json& j, const std::string& key) {
    const Json& v = j.at(key);
    return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.number();
}

const SensitivityParameter* parameter(const SensitivityReport& s, const std::string& key) {
    for (const auto& p : s.parameters)
        if (p.key == key) return &p;
    return nullptr;
}

}  // namespace

std::string outcome_label(const std::string& outcome) {
    if (is_probability(outcome)) return "Probability of meeting '" + outcome.substr(2) + "'";
    return metric_label(outcome) + " over the horizon (mean)";
}

std::string outcome_value(const std::string& outcome, double v) {
    if (!std::isfinite(v)) return "n/a";
    return is_probability(outcome) ? percent(v, 1) : money(v);
}

std::string tornado_svg(const TornadoAnswer& a, const std::string& id) {
    std::vector<Row> rows;
    for (const auto& b : a.bars) {
        Row r;
        r.key = b.key;
        r.from = b.at_low;
        r.to = b.at_high;
        r.low_text = outcome_value(a.outcome, b.at_low);
        r.high_text = outcome_value(a.outcome, b.at_high);
        r.title_low = b.key + " at its low end, " + number(b.low_value, 6) + ": " + r.low_text;
        r.title_high = b.key + " at its high end, " + number(b.high_value, 6) + ": " + r.high_text;
        rows.push_back(r);
    }
    return bar_chart(id, "tornado", a.outcome, outcome_label(a.outcome), rows, a.base, "base " + outcome_value(a.outcome, a.base),
                     outcome_label(a.outcome),
                     swatch(kLowColour, "assumption at its low end") + swatch(kHighColour, "assumption at its high end") +
                         "<span class=\"key\">| the base: every assumption at its base value</span>",
                     "Widest swing first; each assumption varied on its own, the others at their base values, on common random numbers.");
}

std::string morris_svg(const MorrisAnswer& a, const std::string& id) {
    std::vector<Row> rows;
    for (const auto& m : a.rows) {
        Row r;
        r.key = m.key;
        r.from = 0;
        r.to = m.mu_star;
        r.split = false;
        r.high_text = is_probability(a.outcome) ? number(m.mu_star * 100, 2) + " points" : money(m.mu_star);
        r.title_low = m.key + ": mu* " + r.high_text + ", mu " + (is_probability(a.outcome) ? number(m.mu * 100, 2) + " points" : money(m.mu)) +
                      ", sigma " + (is_probability(a.outcome) ? number(m.sigma * 100, 2) + " points" : money(m.sigma));
        rows.push_back(r);
    }
    std::string what = is_probability(a.outcome) ? std::string("the probability") : metric_label(a.outcome);
    if (!is_probability(a.outcome) && !what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    const std::string label = "mu*: mean absolute change in " + what + " over an assumption's range";
    return bar_chart(id, "morris", a.outcome, outcome_label(a.outcome), rows, 0, "0", label,
                     swatch(kLowColour, "mu* (mean absolute elementary effect)"),
                     "Largest mu* first. A large sigma beside mu* means the effect depends on the other assumptions or is not linear.");
}

std::string tornado_words(const TornadoAnswer& a) {
    std::ostringstream o;
    const std::string what = outcome_label(a.outcome);
    if (a.bars.empty() || a.bars.front().swing() == 0) {
        o << what << " does not move with any assumption varied (" << outcome_value(a.outcome, a.base) << ").";
        return o.str();
    }
    const TornadoBar& b = a.bars.front();
    o << what << " hangs most on " << b.key << ": " << outcome_value(a.outcome, b.at_low) << " at its low end ("
      << number(b.low_value, 6) << ") and " << outcome_value(a.outcome, b.at_high) << " at its high end (" << number(b.high_value, 6)
      << "), against " << outcome_value(a.outcome, a.base) << " at the base.";
    std::vector<std::string> next;
    for (std::size_t i = 1; i < a.bars.size() && next.size() < 2; ++i)
        if (a.bars[i].swing() != 0)
            next.push_back(a.bars[i].key + " (" + outcome_value(a.outcome, a.bars[i].at_low) + " to " +
                           outcome_value(a.outcome, a.bars[i].at_high) + ")");
    if (!next.empty()) {
        o << " Next: ";
        for (std::size_t i = 0; i < next.size(); ++i) o << (i ? "; " : "") << next[i];
        o << ".";
    }
    return o.str();
}

void load_sensitivity(const std::string& dir, const Json& summary, ReportData& d) {
    SensitivityReport& s = d.sensitivity;
    s.scenario = summary.at("scenario").string();
    s.engine_version = summary.string_or("engine_version", "");
    s.method = summary.string_or("method", "oat");
    s.seed = summary.at("seed").number();
    s.replications_per_run = summary.at("replications_per_run").number();
    if (const auto runs = summary.number_or_null("runs")) s.runs = *runs;
    for (const auto& p : summary.at("parameters").array())
        s.parameters.push_back({p.at("key").string(), p.string_or("source", ""), number_at(p, "base"), number_at(p, "low"),
                                number_at(p, "high")});
    if (s.method == "morris") {
        const Json& m = summary.at("morris");
        s.trajectories = m.at("trajectories").number();
        s.levels = m.at("levels").number();
        for (const auto& [outcome, rows] : m.at("by_mu_star").object()) {
            MorrisAnswer a;
            a.outcome = outcome;
            for (const auto& r : rows.array())
                a.rows.push_back({r.at("key").string(), number_at(r, "mu"), number_at(r, "mu_star"), number_at(r, "sigma"),
                                  number_at(r, "mu_star_se")});
            s.morris.push_back(a);
        }
        s.table_file = "morris.csv";
    } else {
        for (const auto& [outcome, t] : summary.at("tornado").object()) {
            TornadoAnswer a;
            a.outcome = outcome;
            a.base = number_at(t, "base");
            for (const auto& b : t.at("by_swing").array()) {
                TornadoBar bar;
                bar.key = b.at("key").string();
                bar.at_low = number_at(b, "at_low");
                bar.at_high = number_at(b, "at_high");
                if (const SensitivityParameter* p = parameter(s, bar.key)) bar.low_value = p->low, bar.high_value = p->high;
                a.bars.push_back(bar);
            }
            s.tornado.push_back(a);
        }
        s.table_file = "sensitivity.csv";
        if (s.runs == 0) s.runs = static_cast<double>(1 + 2 * s.parameters.size());  // a folder from before "runs" was written
    }
    const CsvTable table = read_csv((fs::path(dir) / s.table_file).string());
    s.table_header = table.header;
    s.table_rows = table.rows;
}

std::string sensitivity_body(const ReportData& d) {
    const SensitivityReport& s = d.sensitivity;
    const bool morris = s.method == "morris";
    std::ostringstream o;
    o << "<header class=\"report\"><p class=\"kicker\">wfsim report &middot; "
      << (morris ? "sensitivity: Morris screening" : "sensitivity: one assumption at a time") << "</p><h1 id=\"title\">"
      << html(s.scenario) << "</h1>\n<p class=\"desc\">" << s.parameters.size() << " assumptions, "
      << html(thousands(s.runs)) << " runs of " << html(thousands(s.replications_per_run)) << " replications";
    if (morris)
      o << " (" << html(number(s.trajectories, 0)) << " trajectories of " << (s.parameters.size() + 1) << " points on a "
        << html(number(s.levels, 0)) << "-level grid)";
    o << ", every run on the same common random numbers.</p>\n<p class=\"meta\">"
      << html("Seed " + std::to_string(static_cast<long long>(s.seed)) + ", wfsim " + s.engine_version + ".") << "</p></header>\n";
    o << "<nav class=\"toc\" aria-label=\"Contents\"><a href=\"#result\">Result</a><a href=\"#charts\">"
      << (morris ? "Screening" : "Tornado charts") << "</a><a href=\"#assumptions-varied\">Assumptions varied</a><a href=\"#table\">Table</a>"
      << "<a href=\"#reading\">Reading the report</a></nav>\n";

    o << "<section id=\"result\"><h2>Which assumption the answer hangs on</h2>\n<ul class=\"hangs-on\">\n";
    if (morris) {
        for (const auto& a : s.morris) {
            o << "<li>";
            if (a.rows.empty() || !(a.rows.front().mu_star > 0)) o << html(outcome_label(a.outcome) + " does not move with any assumption screened.");
            else
                o << html(outcome_label(a.outcome) + " depends most on " + a.rows.front().key + " (mu* " +
                          (is_probability(a.outcome) ? number(a.rows.front().mu_star * 100, 2) + " percentage points" : money(a.rows.front().mu_star)) +
                          " over its range" + (a.rows.size() > 1 ? ", then " + a.rows[1].key : std::string()) + ").");
            o << "</li>\n";
        }
    } else {
        for (const auto& a : s.tornado) o << "<li>" << html(tornado_words(a)) << "</li>\n";
    }
    o << "</ul>\n</section>\n<section id=\"charts\"><h2>" << (morris ? "Screening by mu*" : "Tornado charts") << "</h2>\n<div class=\"tornadoes\" style=\"display:grid;gap:18px\">\n";
    std::size_t n = 0;
    if (morris)
        for (const auto& a : s.morris) o << morris_svg(a, "morris-" + std::to_string(++n));
    else
        for (const auto& a : s.tornado) o << tornado_svg(a, "tornado-" + std::to_string(++n));
    o << "</div>\n</section>\n";

    o << "<section id=\"assumptions-varied\"><h2>Assumptions varied</h2>\n<table class=\"data compact\"><thead><tr><th>Key</th>"
         "<th>Range from</th><th class=\"num\">Base</th><th class=\"num\">Low</th><th class=\"num\">High</th></tr></thead><tbody>\n";
    for (const auto& p : s.parameters) {
        const std::string from = p.source == "uncertain_p10_p90"      ? "10th to 90th percentile of its distribution"
                                 : p.source == "plus_minus_20_percent" ? "plus and minus 20%"
                                 : p.source == "given"                 ? "given with --vary"
                                                                       : p.source;
        o << "<tr><td><code>" << html(p.key) << "</code></td><td>" << html(from) << "</td><td class=\"num\">" << html(number(p.base, 6))
          << "</td><td class=\"num\">" << html(number(p.low, 6)) << "</td><td class=\"num\">" << html(number(p.high, 6)) << "</td></tr>\n";
    }
    o << "</tbody></table>\n</section>\n";

    o << "<section id=\"table\"><h2>The table (" << html(s.table_file) << ")</h2>\n"
      << plain_table_html(s.table_header, s.table_rows, "data compact wide") << "</section>\n";
    return o.str();
}

// A sheet of a CSV file's rows under a bold, frozen header: a cell that is
// a number is written as one, anything else as text.
void plain_sheet(lxw_workbook* wb, const PlainSheet& sheet, lxw_format* bold) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    for (std::size_t c = 0; c < sheet.header.size(); ++c)
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), clean_text(sheet.header[c]).c_str(), bold);
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t i = 0; i < sheet.rows.size() && i < 1048575; ++i)
        for (std::size_t c = 0; c < sheet.rows[i].size(); ++c) {
            const std::string& cell = sheet.rows[i][c];
            const auto r = static_cast<lxw_row_t>(i + 1);
            const auto col = static_cast<lxw_col_t>(c);
            char* end = nullptr;
            const double v = std::strtod(cell.c_str(), &end);
            if (!cell.empty() && end && *end == '\0' && std::isfinite(v)) worksheet_write_number(ws, r, col, v, nullptr);
            else if (!cell.empty()) worksheet_write_string(ws, r, col, clean_text(cell).c_str(), nullptr);
        }
}

std::string plain_table_html(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                             const std::string& table_class) {
    std::ostringstream o;
    o << "<div class=\"scroll\"><table class=\"" << html(table_class) << "\"><thead><tr>";
    for (const auto& h : header) o << "<th>" << html(h) << "</th>";
    o << "</tr></thead><tbody>\n";
    for (const auto& row : rows) {
        o << "<tr>";
        for (const auto& c : row) o << "<td>" << html(c) << "</td>";
        o << "</tr>\n";
    }
    o << "</tbody></table></div>\n";
    return o.str();
}

// A workbook whose properties carry the results' time, so that the same
// files give the same workbook byte for byte.
static lxw_workbook* new_workbook(const std::string& path, long created, const char* comments) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.use_zip64 = LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    if (!wb) throw std::runtime_error("cannot create " + path);
    lxw_doc_properties props{};
    props.title = const_cast<char*>("wfsim report");
    props.comments = const_cast<char*>(comments);
    props.created = static_cast<time_t>(created);
    workbook_set_properties(wb, &props);
    return wb;
}

void write_sensitivity_xlsx(const ReportData& d, const std::string& path) {
    const SensitivityReport& s = d.sensitivity;
    lxw_workbook* wb = new_workbook(path, d.results_time, "Made by wfsim report from the files of a sensitivity analysis");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* pct = workbook_add_format(wb);
    format_set_num_format(pct, "0.0%");
    lxw_format* money_fmt = workbook_add_format(wb);
    format_set_num_format(money_fmt, "\\£#,##0");
    auto text = [&](lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& t, lxw_format* f = nullptr) {
        worksheet_write_string(ws, r, c, clean_text(t).c_str(), f);
    };
    auto num = [&](lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, double v, lxw_format* f = nullptr) {
        if (std::isfinite(v)) worksheet_write_number(ws, r, c, v, f);
    };
    const bool morris = s.method == "morris";
    lxw_worksheet* about = workbook_add_worksheet(wb, "About");
    worksheet_set_column(about, 0, 0, 28, nullptr);
    worksheet_set_column(about, 1, 1, 90, nullptr);
    text(about, 0, 0, "wfsim report: " + s.scenario + " sensitivity", bold);
    const std::vector<std::pair<std::string, std::string>> facts = {
        {"Kind", morris ? "Morris elementary-effects screening (wfsim sensitivity --method morris)"
                        : "one assumption at a time on common random numbers (wfsim sensitivity)"},
        {"Seed", std::to_string(static_cast<long long>(s.seed))},
        {"Replications per run", thousands(s.replications_per_run)},
        {"Runs", thousands(s.runs)},
        {"wfsim", s.engine_version},
        {morris ? "Morris" : "Tornado", morris ? "mu, mu* and sigma of each assumption for each answer, largest mu* first"
                                               : "each answer at each assumption's low and high end, widest swing first"},
        {"Table", "the rows of " + s.table_file}};
    lxw_row_t r = 2;
    for (const auto& [k, v] : facts) {
        text(about, r, 0, k, bold);
        text(about, r++, 1, v);
    }
    lxw_worksheet* ws = workbook_add_worksheet(wb, morris ? "Morris" : "Tornado");
    const std::vector<std::string> head = morris ? std::vector<std::string>{"Answer", "Rank", "Parameter", "mu", "mu_star", "sigma", "mu_star_se"}
                                                 : std::vector<std::string>{"Answer", "Rank", "Parameter", "Low value", "High value",
                                                                            "Base answer", "Answer at low", "Answer at high", "Swing"};
    for (std::size_t c = 0; c < head.size(); ++c) {
        text(ws, 0, static_cast<lxw_col_t>(c), head[c], bold);
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 0 || c == 2 ? 36 : 14, nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    r = 1;
    if (morris) {
        for (const auto& a : s.morris)
            for (std::size_t i = 0; i < a.rows.size(); ++i, ++r) {
                lxw_format* f = is_probability(a.outcome) ? nullptr : money_fmt;
                text(ws, r, 0, outcome_label(a.outcome));
                num(ws, r, 1, static_cast<double>(i + 1));
                text(ws, r, 2, a.rows[i].key);
                num(ws, r, 3, a.rows[i].mu, f);
                num(ws, r, 4, a.rows[i].mu_star, f);
                num(ws, r, 5, a.rows[i].sigma, f);
                num(ws, r, 6, a.rows[i].mu_star_se, f);
            }
    } else {
        for (const auto& a : s.tornado)
            for (std::size_t i = 0; i < a.bars.size(); ++i, ++r) {
                lxw_format* f = is_probability(a.outcome) ? pct : money_fmt;
                text(ws, r, 0, outcome_label(a.outcome));
                num(ws, r, 1, static_cast<double>(i + 1));
                text(ws, r, 2, a.bars[i].key);
                num(ws, r, 3, a.bars[i].low_value);
                num(ws, r, 4, a.bars[i].high_value);
                num(ws, r, 5, a.base, f);
                num(ws, r, 6, a.bars[i].at_low, f);
                num(ws, r, 7, a.bars[i].at_high, f);
                num(ws, r, 8, a.bars[i].swing(), f);
            }
    }
    plain_sheet(wb, PlainSheet{"Table", s.table_header, s.table_rows}, bold);
    const lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) throw std::runtime_error("cannot write " + path + ": " + lxw_strerror(e));
}

void write_plain_xlsx(const std::string& path, long created, const std::string& title,
                      const std::vector<std::pair<std::string, std::string>>& facts, const std::vector<PlainSheet>& sheets) {
    lxw_workbook* wb = new_workbook(path, created, "Made by wfsim report from the files of a run");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_worksheet* about = workbook_add_worksheet(wb, "About");
    worksheet_set_column(about, 0, 0, 28, nullptr);
    worksheet_set_column(about, 1, 1, 90, nullptr);
    worksheet_write_string(about, 0, 0, clean_text(title).c_str(), bold);
    lxw_row_t r = 2;
    for (const auto& [k, v] : facts) {
        worksheet_write_string(about, r, 0, clean_text(k).c_str(), bold);
        worksheet_write_string(about, r++, 1, clean_text(v).c_str(), nullptr);
    }
    for (const auto& sheet : sheets) plain_sheet(wb, sheet, bold);
    const lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) throw std::runtime_error("cannot write " + path + ": " + lxw_strerror(e));
}

}  // namespace wfsim::report
