#include "models/report/report.h"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "engine/io/files.h"
#include "models/report/readers.h"

namespace wfsim::report {

namespace fs = std::filesystem;

namespace {

// The folder's list of files wfsim wrote (see tools/wfsim/output_dir.cpp):
// the report's files join it, so a later run into the folder replaces them
// without --force.
void add_to_marker(const std::string& dir, const std::vector<std::string>& names) {
    const fs::path marker = fs::path(dir) / ".wfsim-output";
    std::error_code ec;
    if (!fs::exists(marker, ec)) return;
    std::string text = read_text_file(marker.string());
    std::string added;
    for (const auto& name : names) {
        bool listed = false;
        std::size_t from = 0;
        while (from < text.size()) {
            const auto nl = text.find('\n', from);
            if (text.substr(from, nl == std::string::npos ? std::string::npos : nl - from) == name) listed = true;
            if (nl == std::string::npos) break;
            from = nl + 1;
        }
        if (!listed) added += name + "\n";
    }
    if (added.empty()) return;
    if (!text.empty() && text.back() != '\n') text += '\n';
    io::write_file_atomic(marker.string(), text + added);
}

}  // namespace

void write_report(const std::string& dir) {
    const ReportData data = load_output_dir(dir);
    const std::string page = render_html(data);
    // Listed first, so that even a report cut short (its temporary file left
    // behind) is known to be wfsim's.
    add_to_marker(dir, {"report.html", "report.xlsx"});

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
