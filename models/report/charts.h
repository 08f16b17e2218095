// Charts as inline SVG: time charts (fan charts of percentiles, lines with
// intervals), bar charts with intervals by financial year, and heat maps.
// Every text is escaped here; the result is a <figure> ready for the page.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "models/report/data.h"

namespace wfsim::report {

// Days since 1970 of the first simulated day and of each month's last day.
struct TimeAxis {
    long start_day = 0;
    std::vector<long> month_end;
};
TimeAxis time_axis(const std::string& start_iso, const std::vector<std::string>& month_end_dates);

// A target drawn on a chart: a dashed line at its value and a marker where it is judged.
struct TargetMarker {
    std::string label;  // "T2" (not escaped)
    std::string text;   // "agency spend down to 30%: at most 0.3" (not escaped)
    double value = 0;
    long day = 0;           // time charts: the day it is judged
    int category = -1;      // bar charts: the category it is judged in
};

// A dated change drawn as a numbered vertical line.
struct EventMarker {
    int number = 0;
    long day = 0;
    std::string text;  // not escaped
};

struct Band {
    std::vector<double> low, high;
    std::string colour, legend;
    double opacity = 1;
};

struct Line {
    std::vector<double> y;
    std::string colour, legend;
    bool dashed = false;
    double width = 2;
};

// A legend entry of its own (the legend lists bands and lines with a text, then these).
struct LegendKey {
    std::string colour, legend;
    std::string kind = "box";  // box, line, dashed, dotted
    double opacity = 1;
};

struct TimeChart {
    std::string id, title, metric, y_label, note;
    TimeAxis time;
    std::vector<Band> bands;
    std::vector<Line> lines;  // a band or line with an empty legend is left out of the legend
    std::vector<LegendKey> keys;
    std::vector<TargetMarker> targets;
    std::vector<EventMarker> events;
    std::string events_legend = "numbered dated changes (table above)";
    std::optional<long> mark_day;  // e.g. break-even
    std::string mark_text;
    bool include_zero = false;
    std::string kind = "time";  // data-chart attribute: fan, difference, lines
};
std::string time_chart_html(const TimeChart& c);

// A fan chart: the 90% and 50% bands and the median of one metric.
TimeChart fan_chart(const std::string& id, const std::string& metric, const TimeAxis& time, const std::vector<Stats>& s);

struct BarSeries {
    std::string name, colour;
    std::vector<double> value, low, high;  // one per category; low/high empty for no interval
};

struct BarChart {
    std::string id, title, metric, y_label, note;
    std::vector<std::string> categories, category_notes;
    std::vector<BarSeries> series;
    std::vector<std::optional<double>> budget;  // one per category; drawn as a line when given
    std::vector<TargetMarker> targets;
    bool include_zero = true;
};
std::string bar_chart_html(const BarChart& c);

struct HeatMap {
    std::string id, title, note, x_label, y_label, metric;
    std::vector<std::string> x_values, y_values;
    std::vector<std::vector<std::optional<double>>> cells;  // [y][x]
    std::vector<std::vector<bool>> meets;                   // [y][x]: marked as meeting the goal
    std::optional<std::pair<std::size_t, std::size_t>> best;  // (y, x)
    bool low_is_good = false;  // colour: darker is better
    std::optional<std::pair<double, double>> scale;  // the colour scale's ends; default: the cells' range
    bool has_goal = true;  // the legend explains the marks
    std::string meets_text = "meets the goal";
    // When no cell meets the goal: the one that comes nearest, marked and named (y, x).
    std::optional<std::pair<std::size_t, std::size_t>> nearest;
    // The colour scale spans at least this share of the mean of the cells'
    // absolute values (money: a small spread is not stretched over every colour).
    double min_span_share = 0.2;
};
std::string heat_map_html(const HeatMap& h);

// The width in pixels of a text in DejaVu Sans (bold or not) at `size` pixels,
// from the font's advance widths with a 10% margin; a character beyond ASCII
// counts as 1 em. Used to keep labels apart and inside their charts.
double text_width(const std::string& utf8, double size, bool bold = false);

// Tick values covering [lo, hi] at a round step (about `count` of them).
std::vector<double> nice_ticks(double lo, double hi, int count, double& step);
// A tick label in the metric's unit ("£1.5m", "20%", "350").
std::string tick_label(const std::string& metric, double v, double step);

}  // namespace wfsim::report
