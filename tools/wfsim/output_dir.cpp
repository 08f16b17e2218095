#include "output_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "cli.h"
#include "engine/io/files.h"
#include "models/report/report.h"
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

namespace {

// The folder as the swap sees it: absolute, through every symbolic link
// (and ".." after one, as the kernel reads it).
fs::path resolved(const std::string& dir) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(dir, ec), ec);
    if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
    return p;
}

// Folders the swap must not move: the working directory or one holding it
// (it would move under the process and the user's shell), and a mount point
// (the kernel refuses to exchange it; a file cannot be renamed across it).
bool cannot_swap(const fs::path& dir) {
    std::error_code ec;
    const fs::path here = fs::weakly_canonical(fs::current_path(ec), ec);
    auto d = dir.begin();
    auto h = here.begin();
    for (; d != dir.end() && h != here.end() && *d == *h; ++d, ++h) {}
    if (d == dir.end()) return true;  // the working directory is the folder or inside it
    struct stat folder {}, parent {};
    return ::stat(dir.c_str(), &folder) == 0 && ::stat(dir.parent_path().c_str(), &parent) == 0 &&
           folder.st_dev != parent.st_dev;
}

// ".<name>.wfsim-<what>" beside the folder.
fs::path beside(const fs::path& dir, const std::string& what) {
    return dir.parent_path() / ("." + dir.filename().string() + ".wfsim-" + what);
}

int g_lock = -1;                 // the folder's lock, held until the process ends
bool g_in_place = false;         // --force with the user's own files: write in place
std::string g_locked_dir;

// Deterministic fault injection for the tests: WFSIM_FAULT_AT=k stops the
// process (as a kill would) at the k-th step of writing the outputs, and
// WFSIM_FAULT_AT=fail:k makes that step fail (as a full disk would).
void fault_point() {
    static int step = 0;
    static const char* spec = std::getenv("WFSIM_FAULT_AT");
    if (!spec) return;
    ++step;
    const bool fail = std::strncmp(spec, "fail:", 5) == 0;
    if (std::atoi(fail ? spec + 5 : spec) != step) return;
    if (fail) throw std::runtime_error("cannot write the outputs: injected failure at step " + std::to_string(step));
    ::_exit(137);
}

// False when nothing can be written beside the folder (its parent is
// read-only to us): then there is no lock and no swap, and the files are
// written in place.
bool lock_folder(const fs::path& dir) {
    if (g_lock >= 0 && g_locked_dir == dir.string()) return true;
    const fs::path lock = beside(dir, "lock");
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) return false;
    if (fd < 0) throw std::runtime_error("cannot lock the output folder " + dir.string() + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char buf[32] = {};
        const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
        ::close(fd);
        const std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("?");
        throw UsageError("wfsim: the output folder " + dir.string() + " is being written by another wfsim (process " +
                         pid.substr(0, pid.find('\n')) + "); wait for it to finish or choose another --out");
    }
    const std::string me = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, me.data(), me.size(), 0) < 0) { /* the lock holds without the pid */ }
    if (g_lock >= 0) ::close(g_lock);
    g_lock = fd;
    g_locked_dir = dir.string();
    return true;
}

// A staging folder of a process that is gone: a killed run's, before or after its swap.
void remove_dead_staging(const fs::path& dir) {
    std::error_code ec;
    const std::string prefix = "." + dir.filename().string() + ".wfsim-staging-";
    for (const auto& entry : fs::directory_iterator(dir.parent_path(), ec)) {
        const std::string name = entry.path().filename().string();
        std::string base;
        const long pid = name.rfind(prefix, 0) == 0 ? pid_after(name, "-staging-", base) : -1;
        if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)) fs::remove_all(entry.path(), ec);
    }
}

void fsync_path(const fs::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

void prepare_output_dir(const std::string& out, bool force) {
    std::error_code ec;
    if (fs::exists(out, ec) && !fs::is_directory(out, ec))
        throw UsageError("wfsim: --out " + out + " is a file, not a folder");
    const fs::path dir = resolved(out);
    if (!dir.has_parent_path() || dir == dir.root_path())
        throw UsageError("wfsim: --out " + out + " cannot be swapped as a whole; give a folder inside another");
    fs::create_directories(dir.parent_path(), ec);
    if (ec) throw std::runtime_error("cannot create the output folder " + out + ": " + ec.message());
    g_in_place = !lock_folder(dir) || cannot_swap(dir);
    remove_dead_staging(dir);
    if (fs::exists(dir, ec)) {
        const std::set<std::string> ours = marked_files(dir.string());
        std::vector<fs::path> leftovers;
        fs::directory_iterator entries(dir, ec);
        if (ec) throw std::runtime_error("cannot read the output folder " + out + ": " + ec.message());
        for (const auto& entry : entries) {
            const std::string name = entry.path().filename().string();
            if (name == kMarker || ours.count(name)) continue;
            if (is_our_temporary(name, ours)) {
                leftovers.push_back(entry.path());
                continue;
            }
            if (!force)
                throw UsageError("wfsim: the output folder " + out + " holds " + name +
                                 ", which wfsim did not write; choose another --out or add --force");
            g_in_place = true;  // the user's own file stays where it is
        }
        // Half-written files of a run that was killed are never results: remove them.
        for (const auto& p : leftovers) fs::remove(p, ec);
    }
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create the output folder " + out + ": " + ec.message());
}

namespace {

// Writes the marker that names `names`.
void write_marker(const fs::path& folder, const std::set<std::string>& names) {
    std::ostringstream marker;
    for (const auto& name : names) marker << name << "\n";
    io::write_file_atomic((folder / kMarker).string(), marker.str());
}

// Added files written straight into the folder, each atomically; the marker
// then names them with what it named before.
void add_in_place(const fs::path& dir, const Addition& add) {
    std::set<std::string> names = marked_files(dir.string());
    for (const auto& n : add(dir.string())) names.insert(n);
    write_marker(dir, names);
}

// --force beside the user's files: each file atomically, in place; the
// marker first names them all, so that a run killed half-way through leaves
// a folder the next run recognises as its own.
void write_in_place(const fs::path& dir, const std::map<std::string, std::string>& files,
                    const std::map<std::string, std::string>& moved) {
    std::set<std::string> names = marked_files(dir.string());
    for (const auto& kv : files) names.insert(kv.first);
    for (const auto& kv : moved) names.insert(kv.first);
    write_marker(dir, names);
    for (const auto& [name, content] : files) io::write_file_atomic((dir / name).string(), content);
    for (const auto& [name, from] : moved)
        if (std::rename(from.c_str(), (dir / name).c_str()) != 0)
            throw std::runtime_error("cannot write " + (dir / name).string() + ": " + std::strerror(errno));
}

// Swaps the filled staging folder in for the output folder, then puts back
// what was added to the folder while this process ran, and removes the rest
// of the old contents.
void swap_in(const fs::path& staging, const fs::path& dir, const std::string& out) {
    std::error_code ec;
    try {
        // The folder keeps its permissions and group (a private or a shared team folder).
        struct stat old {};
        if (::stat(dir.c_str(), &old) == 0) {
            if (::chown(staging.c_str(), static_cast<uid_t>(-1), old.st_gid) != 0) { /* kept as created */ }
            ::chmod(staging.c_str(), old.st_mode & 07777);
        }
        fsync_path(staging);
        fault_point();
        // The swap: one rename exchanges the two folders.
        if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
            const int err = errno;
            if (err == EINVAL || err == ENOSYS || err == ENOTSUP || err == EBUSY || err == EXDEV) {
                // A file system that cannot exchange folders: each file in place instead.
                std::map<std::string, std::string> staged;
                for (const auto& e : fs::directory_iterator(staging))
                    if (e.path().filename() != kMarker) staged[e.path().filename().string()] = e.path().string();
                write_in_place(dir, {}, staged);
            } else if (err != ENOENT) {
                throw std::runtime_error("cannot replace the output folder " + out + ": " + std::strerror(err));
            } else if (std::rename(staging.c_str(), dir.c_str()) != 0) {  // no folder to exchange with
                throw std::runtime_error("cannot create the output folder " + out + ": " + std::strerror(errno));
            }
        }
        fsync_path(dir.parent_path());
        fault_point();
    } catch (...) {
        fs::remove_all(staging, ec);  // the output folder is as it was
        throw;
    }
    // What the folder held before is in the staging folder now. Files that
    // are not an earlier run's (put there while this one ran) go back.
    const std::set<std::string> earlier = marked_files(staging.string());
    for (const auto& entry : fs::directory_iterator(staging, ec)) {
        const std::string name = entry.path().filename().string();
        if (name == kMarker || earlier.count(name) || is_our_temporary(name, earlier) || fs::exists(dir / name)) continue;
        std::rename(entry.path().c_str(), (dir / name).c_str());
    }
    fs::remove_all(staging, ec);
}

fs::path new_staging(const fs::path& dir, const std::string& out) {
    const fs::path staging = beside(dir, "staging-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(staging, ec);
    if (!fs::create_directory(staging, ec) || ec)
        throw std::runtime_error("cannot write the outputs beside " + out + ": " + ec.message());
    return staging;
}

}  // namespace

void write_outputs(const std::string& out, const std::map<std::string, std::string>& files,
                   const std::map<std::string, std::string>& moved, const Addition& add) {
    const fs::path dir = resolved(out);
    if (g_in_place) {
        write_in_place(dir, files, moved);
        if (add) add_in_place(dir, add);
        return;
    }
    // Everything goes into a staging folder beside the output folder first.
    const fs::path staging = new_staging(dir, out);
    std::error_code ec;
    try {
        std::set<std::string> names;
        for (const auto& [name, content] : files) {
            io::write_file_atomic((staging / name).string(), content);
            names.insert(name);
            fault_point();
        }
        for (const auto& [name, from] : moved) {
            if (std::rename(from.c_str(), (staging / name).c_str()) != 0)
                throw std::runtime_error("cannot write " + (dir / name).string() + ": " + std::strerror(errno));
            names.insert(name);
            fault_point();
        }
        if (add)
            for (const auto& n : add(staging.string())) {
                names.insert(n);
                fault_point();
            }
        write_marker(staging, names);
    } catch (...) {
        fs::remove_all(staging, ec);  // the output folder is as it was
        throw;
    }
    swap_in(staging, dir, out);
}

void add_outputs(const std::string& out, const Addition& add) {
    const fs::path dir = resolved(out);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw UsageError("wfsim: " + out + " is not a folder");
    bool in_place = !lock_folder(dir) || cannot_swap(dir);
    remove_dead_staging(dir);
    fs::path staging;
    if (!in_place) {
        staging = new_staging(dir, out);
        // The copy: a hard link to each file. A folder inside, or a file
        // system without hard links, and the files are added in place.
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (!entry.is_regular_file(ec) || entry.is_symlink(ec) ||
                ::link(entry.path().c_str(), (staging / entry.path().filename()).c_str()) != 0) {
                in_place = true;
                break;
            }
        }
        if (ec) in_place = true;
        if (in_place) fs::remove_all(staging, ec);
    }
    if (in_place) return add_in_place(dir, add);
    std::set<std::string> names = marked_files(dir.string());
    try {
        // Written files replace their links by renaming (never through them),
        // so the folder's own files are untouched until the swap.
        for (const auto& n : add(staging.string())) {
            names.insert(n);
            fault_point();
        }
        write_marker(staging, names);
    } catch (...) {
        fs::remove_all(staging, ec);
        throw;
    }
    swap_in(staging, dir, out);
}

Addition report_files(std::shared_ptr<const report::ReportData> data) {
    return [data](const std::string& folder) {
        if (data) report::write_report_files(*data, folder);
        else report::write_report(folder);
        return std::vector<std::string>{"report.html", "report.xlsx"};
    };
}

}  // namespace wfsim::cli
