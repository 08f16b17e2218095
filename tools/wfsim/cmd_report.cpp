// wfsim report: an HTML page and an Excel workbook made only from the files a
// run, compare, sweep or sensitivity left in its output folder.
#include <iostream>

#include "cli.h"
#include "models/output/format_version.h"
#include "models/report/report.h"
#include "output_dir.h"

namespace wfsim::cli {

int cmd_report(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::vector<std::string> dirs;
    options.add_options()("dir", po::value(&dirs)->required(),
                          "output folders of wfsim run, compare, sweep or sensitivity; each gets report.html and report.xlsx");
    po::positional_options_description pos;
    pos.add("dir", -1);
    po::variables_map vm;
    if (!parse_args("report", "FOLDER...", args, options, pos, vm)) return kSuccess;

    int status = kSuccess;
    for (const auto& dir : dirs) {
        // A folder that cannot be read as wfsim's is a bad command line (exit 2);
        // a report that cannot be written is a failure of the run (exit 1).
        std::shared_ptr<const report::ReportData> data;
        try {
            data = std::make_shared<const report::ReportData>(report::load_output_dir(dir));
        } catch (const std::exception& e) {
            std::cerr << "wfsim report: " << e.what() << "\n";
            status = kBadInput;
            continue;
        }
        try {
            add_outputs(dir, report_files(data));
            std::cout << "wfsim report: " << dir << "/report.html and " << dir << "/report.xlsx\n";
        } catch (const UsageError& e) {
            std::cerr << e.what() << "\n";
            status = kBadInput;
        } catch (const std::exception& e) {
            std::cerr << "wfsim report: " << e.what() << "\n";
            if (status == kSuccess) status = kRunFailure;
        }
    }
    return status;
}

}  // namespace wfsim::cli
