// Reports people read, made only from the files a run left in its folder:
// DIR/report.html (one self-contained page: inline SVG, no scripts, nothing
// fetched, prints on A4) and DIR/report.xlsx (one sheet each for
// trajectories, financial years, targets and, for comparisons, differences;
// for sensitivity and seek, models/report/tornado.h and seek_report.h).
#pragma once
#include <string>

#include "models/report/data.h"

namespace wfsim::report {

// Reads DIR (after wfsim run, compare, sweep, seek or sensitivity) and writes DIR/report.html and
// DIR/report.xlsx, each under a temporary name and then renamed. Throws
// std::runtime_error saying what is wrong when DIR is not a wfsim output folder
// or a file cannot be written. (The commands make the two files part of the
// folder's one change: tools/wfsim/output_dir.h.)
void write_report(const std::string& dir);
// The same from data already read, into the folder `into`.
void write_report_files(const ReportData& data, const std::string& into);

// The pieces, for tests and other callers.
std::string render_html(const ReportData& data);
void write_xlsx(const ReportData& data, const std::string& path);  // throws std::runtime_error

}  // namespace wfsim::report

namespace wfsim {
using report::write_report;
}  // namespace wfsim
