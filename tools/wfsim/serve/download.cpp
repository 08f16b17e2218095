#include "download.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "models/report/report.h"

namespace wfsim::serve {

namespace fs = std::filesystem;

namespace {

// A folder made by mkdtemp (mode 0700), removed with everything in it when
// this goes out of scope, whatever happened in between.
class PrivateFolder {
public:
    PrivateFolder() {
        std::string templ = (fs::temp_directory_path() / "wfsim-serve-report-XXXXXX").string();
        if (!::mkdtemp(templ.data()))
            throw std::runtime_error("cannot make a temporary folder for the report: " + std::string(std::strerror(errno)));
        path_ = templ;
    }
    ~PrivateFolder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    PrivateFolder(const PrivateFolder&) = delete;
    PrivateFolder& operator=(const PrivateFolder&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string read_whole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("the report did not write " + path.filename().string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

ReportFiles build_report(const std::map<std::string, std::string>& compare_files) {
    PrivateFolder folder;
    for (const auto& [name, text] : compare_files) {
        // The names are compare's own (comparison.csv, ...), never a request's.
        std::ofstream out(folder.path() / name, std::ios::binary);
        out << text;
        if (!out.flush()) throw std::runtime_error("cannot write " + name + " for the report");
    }
    report::write_report(folder.path().string());
    return {read_whole(folder.path() / "report.html"), read_whole(folder.path() / "report.xlsx")};
}

}  // namespace wfsim::serve
