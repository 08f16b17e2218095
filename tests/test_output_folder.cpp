// An output folder changes as one thing (issue 14, point 1): stopped or
// failing at any step of writing its files, a run leaves the folder exactly
// as it was or with the complete new set, never a mixture; the next run
// cleans up after it; a second process is refused at once.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <map>

#include "helpers.h"

using namespace wfsim;
namespace fs = std::filesystem;

namespace {

const char* const kScenario = "name: folder\nstart: 2020-01-01\nhorizon: 6 months\n"
                              "grades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 20}}}\n"
                              "leaving: {base_rate: {sw: 0.3}}\n";

// The folder's files (timing.json aside: it holds the run time).
std::map<std::string, std::string> contents(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name != "timing.json") files[name] = test::read_file(e.path().string());
    }
    return files;
}

std::size_t leftovers_beside(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir.parent_path()))
        if (e.path().filename().string().find(".wfsim-staging-") != std::string::npos) ++n;
    return n;
}

}  // namespace

TEST_CASE("a run stopped or failing at any step leaves its folder old or new, never mixed", "[hardening][output][cli]") {
    test::TempDir d;
    const std::string scenario = d.write("s.yaml", kScenario);
    auto run = [&](const fs::path& out, std::uint64_t seed, const std::string& env = "") {
        return test::run_wfsim("run " + scenario + " --reps 3 -q --seed " + std::to_string(seed) + " --out " + out.string(), env);
    };
    REQUIRE(run(d.path / "old", 5).exit_code == 0);
    REQUIRE(run(d.path / "new", 6).exit_code == 0);
    const auto before = contents(d.path / "old"), after = contents(d.path / "new");
    REQUIRE(before != after);
    // Steps: five files, the marker, the swap.
    for (int step = 1; step <= 7; ++step)
        for (const std::string mode : {"", "fail:"}) {
            INFO("step " << mode << step);
            const fs::path out = d.path / ("try-" + mode.substr(0, 4) + std::to_string(step));
            fs::copy(d.path / "old", out, fs::copy_options::recursive);
            const auto r = run(out, 6, "WFSIM_FAULT_AT=" + mode + std::to_string(step));
            INFO(r.err);
            CHECK(r.exit_code == (mode.empty() ? 137 : 1));
            const auto now = contents(out);
            const bool swapped = step == 7;  // stopped (or failing) after the swap: the new set is in place
            CHECK(now == (swapped ? after : before));
            // The next run into the folder removes what the stopped one left, and writes the whole set.
            REQUIRE(run(out, 6).exit_code == 0);
            CHECK(contents(out) == after);
            CHECK(leftovers_beside(out) == 0);
        }
}

TEST_CASE("a second process given a folder that is being written refuses at once, naming the first",
          "[hardening][output][cli]") {
    test::TempDir d;
    const std::string scenario = d.write("s.yaml", kScenario);
    const fs::path out = d.path / "busy";
    // This test process holds the folder's lock, as a running wfsim would.
    const std::string lock = (d.path / ".busy.wfsim-lock").string();
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    const std::string pid = std::to_string(::getpid()) + "\n";
    REQUIRE(::write(fd, pid.data(), pid.size()) == static_cast<ssize_t>(pid.size()));
    const auto r = test::run_wfsim("run " + scenario + " -q --out " + out.string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("is being written by another wfsim (process " + std::to_string(::getpid()) + ")") != std::string::npos);
    CHECK(!fs::exists(out));
    ::close(fd);  // released: the folder is free again
    CHECK(test::run_wfsim("run " + scenario + " -q --out " + out.string()).exit_code == 0);
}

TEST_CASE("with --force beside a user's own files, wfsim writes its files in place and keeps theirs",
          "[hardening][output][cli]") {
    test::TempDir d;
    const std::string scenario = d.write("s.yaml", kScenario);
    const fs::path out = d.path / "mine";
    fs::create_directories(out);
    d.write("mine/notes.txt", "my notes\n");
    CHECK(test::run_wfsim("run " + scenario + " -q --out " + out.string()).exit_code == 2);
    REQUIRE(test::run_wfsim("run " + scenario + " -q --force --out " + out.string()).exit_code == 0);
    CHECK(test::read_file((out / "notes.txt").string()) == "my notes\n");
    CHECK(fs::exists(out / "summary.json"));
}

TEST_CASE("the swap keeps the folder's permissions, leaves the working directory alone and follows links as the "
          "kernel does",
          "[hardening][output][cli]") {
    test::TempDir d;
    const std::string scenario = d.write("s.yaml", kScenario);
    // A private folder stays private.
    const fs::path priv = d.path / "private";
    fs::create_directories(priv);
    fs::permissions(priv, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
    REQUIRE(test::run_wfsim("run " + scenario + " -q --out " + priv.string()).exit_code == 0);
    CHECK((fs::status(priv).permissions() & fs::perms::all) ==
          (fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec));
    // --out . from inside the folder, with --report: the folder is not moved from under the process.
    const fs::path here = d.path / "here";
    fs::create_directories(here);
    const std::string cmd = "cd " + here.string() + " && " + std::string(WFSIM_BINARY) + " run " + scenario +
                            " -q --out . --report >/dev/null 2>&1";
    CHECK(std::system(cmd.c_str()) == 0);
    CHECK(fs::exists(here / "summary.json"));
    CHECK(fs::exists(here / "report.html"));
    // A link followed by "..": the results go where the kernel takes the path, and are checked there.
    fs::create_directories(d.path / "deep" / "a");
    fs::create_directories(d.path / "deep" / "o");
    d.write("deep/o/keep.txt", "mine\n");
    fs::create_symlink(d.path / "deep" / "a", d.path / "la");
    const auto r = test::run_wfsim("run " + scenario + " -q --out " + (d.path / "la" / ".." / "o").string());
    CHECK(r.exit_code == 2);  // deep/o holds keep.txt, which wfsim did not write
    CHECK(r.err.find("keep.txt") != std::string::npos);
}

TEST_CASE("a report, and a run with --report, change the folder as one thing too", "[hardening][output][cli][report]") {
    test::TempDir d;
    const std::string scenario = d.write("s.yaml", kScenario);
    const fs::path base = d.path / "base";
    REQUIRE(test::run_wfsim("run " + scenario + " --reps 2 -q --out " + base.string()).exit_code == 0);
    const auto before = contents(base);
    // wfsim report: the two files, the marker, the swap. Stopped or failing at
    // any step, the folder is as it was; at the last, it has both files.
    for (int step = 1; step <= 4; ++step)
        for (const std::string mode : {"", "fail:"}) {
            INFO("report, step " << mode << step);
            const fs::path out = d.path / ("rep-" + mode.substr(0, 4) + std::to_string(step));
            fs::copy(base, out, fs::copy_options::recursive);
            const auto r = test::run_wfsim("report " + out.string(), "WFSIM_FAULT_AT=" + mode + std::to_string(step));
            INFO(r.err);
            CHECK(r.exit_code == (mode.empty() ? 137 : 1));
            auto now = contents(out);
            if (step == 4) {  // after the swap
                CHECK(now.count("report.html") == 1);
                CHECK(now.count("report.xlsx") == 1);
                now.erase("report.html");
                now.erase("report.xlsx");
                now.erase(".wfsim-output");
                auto old = before;
                old.erase(".wfsim-output");
                CHECK(now == old);
            } else {
                CHECK(now == before);
            }
            // The next report cleans up and completes the folder.
            REQUIRE(test::run_wfsim("report " + out.string()).exit_code == 0);
            CHECK(fs::exists(out / "report.html"));
            CHECK(leftovers_beside(out) == 0);
            // The marker names the report's files: a later run replaces them without --force.
            CHECK(test::run_wfsim("run " + scenario + " --reps 2 -q --out " + out.string()).exit_code == 0);
            CHECK(!fs::exists(out / "report.html"));
        }
    // run --report: the report is part of the run's one swap (five files, the two report files, the marker, the swap).
    const fs::path with = d.path / "with-report";
    fs::copy(base, with, fs::copy_options::recursive);
    auto r = test::run_wfsim("run " + scenario + " --reps 2 -q --seed 9 --report --out " + with.string(), "WFSIM_FAULT_AT=7");
    CHECK(r.exit_code == 137);
    CHECK(contents(with) == before);
    r = test::run_wfsim("run " + scenario + " --reps 2 -q --seed 9 --report --out " + with.string());
    CHECK(r.exit_code == 0);
    CHECK(fs::exists(with / "report.html"));
    CHECK(fs::exists(with / "report.xlsx"));
    CHECK(leftovers_beside(with) == 0);
    // A user's own file in the folder stays through a report.
    d.write("base/notes.txt", "mine\n");
    REQUIRE(test::run_wfsim("report " + base.string()).exit_code == 0);
    CHECK(test::read_file((base / "notes.txt").string()) == "mine\n");
}
