#include "models/report/seek_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "models/report/charts.h"
#include "models/report/data.h"
#include "models/report/readers.h"
#include "models/report/text.h"
#include "models/report/tornado.h"

namespace wfsim::report {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFont = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"";

std::string f1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::size_t column(const SeekReport& s, const std::string& name) {
    for (std::size_t c = 0; c < s.table_header.size(); ++c)
        if (s.table_header[c] == name) return c;
    throw std::runtime_error("seek.csv has no column " + name);
}

double cell_number(const SeekReport& s, std::size_t row, std::size_t col) {
    const auto v = parse_number(s.table_rows[row][col]);
    if (!v) throw std::runtime_error("seek.csv: row " + std::to_string(row + 2) + ": not a number: " + s.table_rows[row][col]);
    return *v;
}

}  // namespace

void load_seek(const std::string& dir, const Json& summary, ReportData& d) {
    SeekReport& s = d.seek;
    s.scenario = summary.at("scenario").string();
    s.engine_version = summary.string_or("engine_version", "");
    s.seed = summary.at("seed").number();
    s.replications_per_value = summary.at("replications_per_value").number();
    s.lever = summary.at("lever").string();
    const auto& range = summary.at("range").array();
    if (range.size() != 2) throw std::runtime_error("range is not [LOW, HIGH]");
    s.range_low = range[0].number();
    s.range_high = range[1].number();
    s.goal = summary.at("goal").string();
    s.goal_target = summary.string_or("goal_target", "");
    s.goal_op = summary.string_or("goal_op", "");
    if (const auto p = summary.number_or_null("goal_probability")) s.goal_probability = *p;
    s.outcome = summary.at("outcome").string();
    s.sought = summary.string_or("sought", "smallest");
    s.found = s.outcome == "found";
    if (const auto a = summary.number_or_null("answer")) s.has_answer = true, s.answer = *a;
    if (const Json* b = summary.find("bracket"); b && b->is_array() && b->array().size() == 2)
        s.bracket_low = b->array()[0].number(), s.bracket_high = b->array()[1].number();
    if (const Json* t = summary.find("tolerance_reached")) s.tolerance_reached = t->boolean();
    if (const Json* i = summary.find("interval"); i && i->is_object()) {
        s.sure_low = i->at("low").number();
        s.sure_high = i->at("high").number();
        s.low_is_end = i->at("low_is_range_end").boolean();
        s.high_is_end = i->at("high_is_range_end").boolean();
    }
    s.minimise = summary.string_or("minimise", "");
    if (const Json* c = summary.find("cheapest"); c && c->is_object()) s.has_cheapest = true, s.cheapest = c->at("value").number();
    const CsvTable t = read_csv((fs::path(dir) / "seek.csv").string());
    s.table_header = t.header;
    s.table_rows = t.rows;
    for (const char* c : {"probability", "probability_ci95_low", "probability_ci95_high", "meets_goal"}) column(s, c);
    if (t.header.size() < 2) throw std::runtime_error("seek.csv has no lever column");
}

std::string seek_svg(const SeekReport& s) {
    const double w = 720, h = 340, ml = 64, mr = 20, mt = 16, mb = 50;
    const double pw = w - ml - mr, ph = h - mt - mb;
    const std::size_t value_col = 1, p_col = column(s, "probability"), lo_col = column(s, "probability_ci95_low"),
                      hi_col = column(s, "probability_ci95_high"), meets_col = column(s, "meets_goal");
    double step = 1;
    const std::vector<double> ticks = nice_ticks(s.range_low, s.range_high, 6, step);
    const double x0 = std::min(ticks.front(), s.range_low), x1 = std::max(ticks.back(), s.range_high);
    auto X = [&](double v) { return ml + (v - x0) / (x1 - x0 > 0 ? x1 - x0 : 1) * pw; };
    auto Y = [&](double p) { return mt + ph - std::clamp(p, 0.0, 1.0) * ph; };
    const std::string title = "Probability of meeting '" + s.goal_target + "' by value of " + s.lever;
    std::ostringstream o;
    o << "<figure class=\"chart\" id=\"seek-chart\" data-chart=\"seek\">\n<figcaption>" << html(title) << "</figcaption>\n"
      << "<svg class=\"plot\" viewBox=\"0 0 " << f1(w) << " " << f1(h) << "\" role=\"img\" aria-label=\"" << html(title) << "\" "
      << kFont << " font-size=\"11\">\n<title>" << html(title) << "</title>\n";
    // The interval the Wilson intervals leave for the answer, shaded.
    if (s.found)
        o << "<rect class=\"answer-interval\" x=\"" << f1(X(s.sure_low)) << "\" y=\"" << f1(mt) << "\" width=\""
          << f1(std::max(X(s.sure_high) - X(s.sure_low), 1.0)) << "\" height=\"" << f1(ph) << "\" fill=\"#fde0c5\"><title>"
          << html("the answer lies between " + number(s.sure_low, 6) + " and " + number(s.sure_high, 6)) << "</title></rect>\n";
    for (double p : {0.0, 0.25, 0.5, 0.75, 1.0})
        o << "<line x1=\"" << f1(ml) << "\" x2=\"" << f1(w - mr) << "\" y1=\"" << f1(Y(p)) << "\" y2=\"" << f1(Y(p))
          << "\" stroke=\"#e3e3e3\"/>\n<text x=\"" << f1(ml - 6) << "\" y=\"" << f1(Y(p) + 4) << "\" text-anchor=\"end\" fill=\"#333\">"
          << html(percent(p, 0)) << "</text>\n";
    for (double t : ticks)
        if (t >= x0 && t <= x1)
            o << "<text x=\"" << f1(X(t)) << "\" y=\"" << f1(mt + ph + 16) << "\" text-anchor=\"middle\" fill=\"#333\">"
              << html(number(t, decimals_for(step))) << "</text>\n";
    o << "<text x=\"" << f1(ml + pw / 2) << "\" y=\"" << f1(h - 8) << "\" text-anchor=\"middle\" fill=\"#222\">" << html(s.lever)
      << "</text>\n";
    o << "<g class=\"goal-line\"><line x1=\"" << f1(ml) << "\" x2=\"" << f1(w - mr) << "\" y1=\"" << f1(Y(s.goal_probability))
      << "\" y2=\"" << f1(Y(s.goal_probability)) << "\" stroke=\"#b2182b\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/><title>"
      << html("goal: " + s.goal) << "</title></g>\n";
    if (s.has_answer)
        o << "<g class=\"answer\"><line x1=\"" << f1(X(s.answer)) << "\" x2=\"" << f1(X(s.answer)) << "\" y1=\"" << f1(mt) << "\" y2=\""
          << f1(mt + ph) << "\" stroke=\"#111\" stroke-width=\"1.5\"/><title>" << html("answer: " + number(s.answer, 6)) << "</title></g>\n";
    for (std::size_t i = 0; i < s.table_rows.size(); ++i) {
        const double v = cell_number(s, i, value_col), p = cell_number(s, i, p_col), lo = cell_number(s, i, lo_col),
                     hi = cell_number(s, i, hi_col);
        const bool meets = s.table_rows[i][meets_col] == "true";
        o << "<g class=\"evaluation" << (meets ? " meets-goal" : "") << "\" data-value=\"" << html(s.table_rows[i][value_col])
          << "\"><title>" << html(s.lever + " = " + s.table_rows[i][value_col] + ": " + percent(p, 1) + " (95% interval " +
                                  percent(lo, 1) + " to " + percent(hi, 1) + ")" + (meets ? ", meets the goal" : ""))
          << "</title><line x1=\"" << f1(X(v)) << "\" x2=\"" << f1(X(v)) << "\" y1=\"" << f1(Y(lo)) << "\" y2=\"" << f1(Y(hi))
          << "\" stroke=\"#333\"/><circle cx=\"" << f1(X(v)) << "\" cy=\"" << f1(Y(p)) << "\" r=\"4\" fill=\""
          << (meets ? "#1b7837" : "#fff") << "\" stroke=\"#1b7837\" stroke-width=\"1.5\"/></g>\n";
    }
    o << "</svg>\n<div class=\"legend\"><span class=\"key\"><span class=\"swatch dashed\" style=\"border-color:#b2182b\"></span>"
      << html("goal: probability " + s.goal_op + " " + percent(s.goal_probability, 1)) << "</span><span class=\"key\">"
      << html("\xE2\x97\x8F meets the goal, \xE2\x97\x8B does not (with its 95% interval)") << "</span>";
    if (s.found)
        o << "<span class=\"key\"><span class=\"swatch box\" style=\"background:#fde0c5\"></span>"
          << html("where the intervals leave the answer") << "</span>";
    o << "</div>\n</figure>\n";
    return o.str();
}

std::string seek_body(const ReportData& d) {
    const SeekReport& s = d.seek;
    std::ostringstream o;
    o << "<header class=\"report\"><p class=\"kicker\">wfsim report &middot; goal-seek on a lever</p><h1 id=\"title\">" << html(s.scenario)
      << "</h1>\n<p class=\"desc\">" << html("The " + s.sought + " value of " + s.lever + " between " + number(s.range_low, 6) + " and " +
                                             number(s.range_high, 6) + " at which the goal " + s.goal + " holds.")
      << "</p>\n<p class=\"meta\">"
      << html(thousands(static_cast<double>(s.table_rows.size())) + " values run, " + thousands(s.replications_per_value) +
              " replications each at most, on common random numbers, seed " + std::to_string(static_cast<long long>(s.seed)) +
              ", wfsim " + s.engine_version + ".")
      << "</p></header>\n<nav class=\"toc\" aria-label=\"Contents\"><a href=\"#result\">Result</a><a href=\"#chart\">Chart</a>"
         "<a href=\"#table\">Values run</a><a href=\"#reading\">Reading the report</a></nav>\n";
    o << "<section id=\"result\"><h2>Result</h2>\n<p class=\"callout\" id=\"answer\">";
    if (s.outcome == "met_at_neither_end") o << html("The goal is met at neither end of the range: widen it.");
    else if (s.outcome == "met_at_both_ends")
        o << html("The goal is met at both ends of the range: the " + s.sought + " value meeting it lies beyond " +
                  number(s.answer, 6) + ".");
    else {
        o << "<strong>" << html(s.lever + " = " + number(s.answer, 6)) << "</strong>"
          << html(" (bisection ended between " + number(s.bracket_low, 6) + " and " + number(s.bracket_high, 6) +
                  (s.tolerance_reached ? "" : ", at the evaluation limit") + "). The 95% intervals of the probability leave it between " +
                  number(s.sure_low, 6) + " and " + number(s.sure_high, 6) +
                  (s.low_is_end || s.high_is_end ? " (an end of the range: it may lie beyond)" : "") + "; more replications narrow that.");
    }
    if (s.has_cheapest) o << html(" Cheapest value run that meets it (by mean " + s.minimise + "): " + number(s.cheapest, 6) + ".");
    o << "</p>\n</section>\n<section id=\"chart\"><h2>The probability at each value run</h2>\n" << seek_svg(s) << "</section>\n";
    o << "<section id=\"table\"><h2>Values run (seek.csv)</h2>\n" << plain_table_html(s.table_header, s.table_rows, "data compact")
      << "</section>\n";
    return o.str();
}

void write_seek_xlsx(const ReportData& d, const std::string& path) {
    const SeekReport& s = d.seek;
    write_plain_xlsx(path, d.results_time, "wfsim report: " + s.scenario + " seek",
                     {{"Kind", "goal-seek on a lever by bisection on common random numbers (wfsim seek)"},
                      {"Lever", s.lever},
                      {"Goal", s.goal},
                      {"Outcome", s.outcome},
                      {"Answer", s.has_answer ? number(s.answer, 6) : "none"},
                      {"Seed", std::to_string(static_cast<long long>(s.seed))},
                      {"wfsim", s.engine_version},
                      {"Evaluations", "each lever value run, in the order run (seek.csv)"}},
                     {{"Evaluations", s.table_header, s.table_rows}});
}

}  // namespace wfsim::report
