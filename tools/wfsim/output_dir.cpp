#include "output_dir.h"

#include <signal.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "cli.h"
#include "engine/io/files.h"
#include "shard.h"

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

namespace {

std::set<std::string> marked_files(const std::string& dir) {
    std::set<std::string> ours;
    std::ifstream marker(fs::path(dir) / kMarker);
    for (std::string line; std::getline(marker, line);)
        if (!line.empty()) ours.insert(line);
    return ours;
}

// The process id after `tag` at the end of `name` ("summary.json.tmp-4242"), or -1.
long pid_after(const std::string& name, const std::string& tag, std::string& base) {
    const auto at = name.rfind(tag);
    if (at == std::string::npos || at + tag.size() == name.size() || name.size() - at - tag.size() > 9) return -1;
    for (std::size_t i = at + tag.size(); i < name.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(name[i]))) return -1;
    base = name.substr(0, at);
    return std::stol(name.substr(at + tag.size()));
}

// A file wfsim was writing when it was killed: "summary.json.tmp-4242" (an
// output written atomically), or "shard.wfsim.partial-4242" (a shard being
// filled as its replications ran) whose process is gone.
bool is_our_temporary(const std::string& name, const std::set<std::string>& ours) {
    std::string base;
    if (pid_after(name, ".tmp-", base) >= 0) return base == kMarker || ours.count(base) > 0;
    const long pid = pid_after(name, ".partial-", base);
    return pid > 0 && base == kShardFile && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

void prepare_output_dir(const std::string& dir, bool force) {
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw UsageError("wfsim: --out " + dir + " is a file, not a folder");
    if (fs::exists(dir, ec)) {
        const std::set<std::string> ours = marked_files(dir);
        std::vector<fs::path> leftovers;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            const std::string name = entry.path().filename().string();
            if (name == kMarker || ours.count(name)) continue;
            if (is_our_temporary(name, ours)) {
                leftovers.push_back(entry.path());
                continue;
            }
            if (force) continue;
            throw UsageError("wfsim: the output folder " + dir + " holds " + name +
                             ", which wfsim did not write; choose another --out or add --force");
        }
        // Half-written files of a run that was killed are never results: remove them.
        for (const auto& p : leftovers) fs::remove(p, ec);
    }
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create the output folder " + dir + ": " + ec.message());
}

void write_outputs(const std::string& dir, const std::map<std::string, std::string>& files) {
    // The marker names the files first, so that a run killed half-way through
    // leaves a folder the next run recognises as its own.
    std::set<std::string> names = marked_files(dir);
    for (const auto& kv : files) names.insert(kv.first);
    std::ostringstream marker;
    for (const auto& name : names) marker << name << "\n";
    io::write_file_atomic((fs::path(dir) / kMarker).string(), marker.str());
    for (const auto& [name, content] : files) io::write_file_atomic((fs::path(dir) / name).string(), content);
}

}  // namespace wfsim::cli
