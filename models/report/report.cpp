#include "models/report/report.h"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "engine/io/files.h"
#include "models/report/readers.h"

namespace wfsim::report {

namespace fs = std::filesystem;

void write_report(const std::string& dir) { write_report_files(load_output_dir(dir), dir); }

void write_report_files(const ReportData& data, const std::string& dir) {
    const std::string page = render_html(data);

    const fs::path xlsx = fs::path(dir) / "report.xlsx";
    // The same temporary name as io::write_file_atomic uses: the file name, .tmp-, the process id.
    const fs::path tmp = fs::path(dir) / ("report.xlsx.tmp-" + std::to_string(::getpid()));
    try {
        write_xlsx(data, tmp.string());
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
    try {
        io::write_file_atomic((fs::path(dir) / "report.html").string(), page);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
    std::error_code ec;
    fs::rename(tmp, xlsx, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw std::runtime_error("cannot write " + xlsx.string() + ": " + ec.message());
    }
}

}  // namespace wfsim::report
