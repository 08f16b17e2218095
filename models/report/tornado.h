// The report of a wfsim sensitivity folder: a tornado chart per answer (each
// target's probability, total spend, agency spend), a bar per assumption from
// the answer at its low end to the answer at its high end around the base
// value, widest swing first; the assumption the answer hangs on, in words;
// and the table of sensitivity.csv. After --method morris: the mean absolute
// elementary effect (mu*) of each assumption per answer, and morris.csv.
// Read only from the folder's summary.json and CSV file; every text escaped;
// the SVG is self-contained (no script, nothing fetched).
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace wfsim::report {

struct ReportData;
class Json;

struct TornadoBar {
    std::string key;
    double low_value = 0, high_value = 0;  // the assumption's ends
    double at_low = 0, at_high = 0;        // the answer at each end
    double swing() const { return at_high - at_low; }
};

struct TornadoAnswer {
    std::string outcome;  // p_<target name>, spend_total, spend_agency
    double base = 0;      // the answer with every assumption at its base value
    std::vector<TornadoBar> bars;  // widest swing first, as summary.json lists them
};

struct MorrisRow {
    std::string key;
    double mu = 0, mu_star = 0, sigma = 0, mu_star_se = 0;
};

struct MorrisAnswer {
    std::string outcome;
    std::vector<MorrisRow> rows;  // largest mu* first
};

struct SensitivityParameter {
    std::string key, source;
    double base = 0, low = 0, high = 0;
};

struct SensitivityReport {
    std::string scenario, engine_version, method = "oat";  // oat or morris
    double seed = 0, replications_per_run = 0, runs = 0;
    double trajectories = 0, levels = 0;  // morris
    std::vector<SensitivityParameter> parameters;
    std::vector<TornadoAnswer> tornado;  // oat
    std::vector<MorrisAnswer> morris;    // morris
    std::string table_file;              // sensitivity.csv or morris.csv
    std::vector<std::string> table_header;
    std::vector<std::vector<std::string>> table_rows;
};

// "Probability of meeting 'nine in post'", "Total spend", "Agency spend".
std::string outcome_label(const std::string& outcome);
// The answer's value as a reader reads it: 71.3% or £1.20m.
std::string outcome_value(const std::string& outcome, double v);

// The chart of one answer: <figure class="chart" data-chart="tornado"> with a
// <g class="tornado-bar" data-key=... data-rank=...> per assumption, in the order given.
std::string tornado_svg(const TornadoAnswer& answer, const std::string& id);
// The same kind of chart for a Morris answer: a bar from 0 to mu* per assumption.
std::string morris_svg(const MorrisAnswer& answer, const std::string& id);
// In words: which assumptions the answer hangs on ("" never).
std::string tornado_words(const TornadoAnswer& answer);

// Reads a sensitivity folder (summary.json already read) into d.sensitivity
// and d.scenarios; throws std::runtime_error naming what is missing.
void load_sensitivity(const std::string& dir, const Json& summary, ReportData& d);
// The page between page_open and the appendix: header, result, charts, table.
std::string sensitivity_body(const ReportData& d);
// report.xlsx of a sensitivity folder: About, Tornado (or Morris) and the table.
void write_sensitivity_xlsx(const ReportData& d, const std::string& path);

// A plain workbook (for seek): an About sheet of facts, then sheets of
// tables whose cells are written as numbers where they are numbers.
struct PlainSheet {
    std::string name;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};
void write_plain_xlsx(const std::string& path, long created, const std::string& title,
                      const std::vector<std::pair<std::string, std::string>>& facts, const std::vector<PlainSheet>& sheets);
// A CSV file's rows as an HTML table in a scrolling box (every cell escaped).
std::string plain_table_html(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                             const std::string& table_class);

}  // namespace wfsim::report
