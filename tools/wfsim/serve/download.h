// wfsim serve: "download report", the HTML report and xlsx workbook of a
// finished comparison on the page, made by the report's own code
// (models/report/report.h) from the files `wfsim compare` would write for
// it, in a private temporary folder that is removed afterwards. Nothing of
// it is named by the request: the folder is made here, under the system's
// temporary directory, readable only by this user.
#pragma once
#include <map>
#include <string>

namespace wfsim::serve {

struct ReportFiles {
    std::string html;  // report.html
    std::string xlsx;  // report.xlsx
};

// Writes `compare_files` (file name -> contents, as cli::compare_files gives
// them) into a fresh private folder, runs the report on it and returns the
// two files. Throws std::runtime_error saying what failed.
ReportFiles build_report(const std::map<std::string, std::string>& compare_files);

}  // namespace wfsim::serve
