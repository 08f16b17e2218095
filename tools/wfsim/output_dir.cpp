#include "output_dir.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli.h"
#include "engine/io/files.h"

namespace wfsim::cli {

namespace fs = std::filesystem;

namespace {
const char* const kMarker = ".wfsim-output";  // names the files wfsim wrote here
}

std::string default_output_dir(const std::string& name) {
    std::string slug;
    for (unsigned char c : name) {
        if (std::isalnum(c)) slug += static_cast<char>(std::tolower(c));
        else if (!slug.empty() && slug.back() != '-') slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    if (slug.empty()) slug = "scenario";
    if (slug.size() > 80) slug.resize(80);
    return "results/" + slug;
}

void prepare_output_dir(const std::string& dir, bool force) {
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw UsageError("wfsim: --out " + dir + " is a file, not a folder");
    if (fs::exists(dir, ec) && !force) {
        std::set<std::string> ours;
        std::ifstream marker(fs::path(dir) / kMarker);
        for (std::string line; std::getline(marker, line);) ours.insert(line);
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            const std::string name = entry.path().filename().string();
            if (name == kMarker || ours.count(name)) continue;
            throw UsageError("wfsim: the output folder " + dir + " holds " + name +
                             ", which wfsim did not write; choose another --out or add --force");
        }
    }
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create the output folder " + dir + ": " + ec.message());
}

void write_outputs(const std::string& dir, const std::map<std::string, std::string>& files) {
    std::ostringstream marker;
    for (const auto& [name, content] : files) {
        io::write_file_atomic((fs::path(dir) / name).string(), content);
        marker << name << "\n";
    }
    io::write_file_atomic((fs::path(dir) / kMarker).string(), marker.str());
}

}  // namespace wfsim::cli
