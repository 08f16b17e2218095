// The report of a wfsim seek folder: the goal target's probability at each
// lever value run, with its 95% interval, against the goal; the answer, the
// bracket bisection ended on and the interval the Wilson intervals leave;
// the table of seek.csv. Read only from summary.json and seek.csv; every
// text escaped; the SVG is self-contained.
#pragma once
#include <string>
#include <vector>

namespace wfsim::report {

struct ReportData;
class Json;

struct SeekReport {
    std::string scenario, engine_version, lever, goal, goal_target, goal_op, outcome, sought, minimise;
    double seed = 0, replications_per_value = 0, goal_probability = 0, range_low = 0, range_high = 0;
    bool has_answer = false, found = false, low_is_end = false, high_is_end = false, tolerance_reached = false;
    double answer = 0, bracket_low = 0, bracket_high = 0, sure_low = 0, sure_high = 0;
    bool has_cheapest = false;
    double cheapest = 0;
    std::vector<std::string> table_header;  // seek.csv
    std::vector<std::vector<std::string>> table_rows;
};

// Reads a seek folder (summary.json already read) into d.seek; throws std::runtime_error.
void load_seek(const std::string& dir, const Json& summary, ReportData& d);
// The page between page_open and the appendix.
std::string seek_body(const ReportData& d);
// The chart: <figure class="chart" data-chart="seek"> with a <g class="evaluation"> per value run.
std::string seek_svg(const SeekReport& s);
// report.xlsx of a seek folder: About and Evaluations.
void write_seek_xlsx(const ReportData& d, const std::string& path);

}  // namespace wfsim::report
