// SIGKILL at any moment never leaves a truncated or mixed result file (issue
// 9, item 5; SIGINT and SIGTERM are in test_batch.cpp). A run cannot clean up
// after SIGKILL, so this relies on each file being written under a temporary
// name and renamed. The same seed gives byte-identical files, so after every
// kill each result file present must be byte-for-byte a complete run's file,
// whichever run wrote it; a temporary file may be left behind, under its
// temporary name only.
//
// The kill moments are a fixed list of fractions of one uninterrupted run's
// duration (measured first, not asserted on), finer near the end, where the
// files are written. Nothing asserted depends on when the kill lands.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <regex>

#include "helpers.h"

namespace fs = std::filesystem;
using wfsim::test::read_file;
using wfsim::test::TempDir;

namespace {

// The files a run writes whose bytes depend only on the scenario and seed
// (timing.json holds the run time, so it is only checked for completeness).
const char* const kExact[] = {"trajectory.csv", "financial_years.csv", "summary.json", "scenario.resolved.yaml",
                              ".wfsim-output"};

std::vector<std::string> run_args(const std::string& scenario, const std::string& out) {
    return {WFSIM_BINARY, "run", scenario, "-q", "--reps", "8", "--threads", "2", "--seed", "11", "--force", "--out", out};
}

pid_t spawn(const std::vector<std::string>& args) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        // File descriptors, not stdio: the test's buffered output must not be
        // flushed a second time by the child.
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

// timing.json: complete JSON of one object, nothing cut off.
bool complete_timing(const std::string& text) {
    return text.size() > 2 && text.front() == '{' && text.substr(text.size() - 2) == "}\n" &&
           std::count(text.begin(), text.end(), '{') == std::count(text.begin(), text.end(), '}');
}

// Every file in `dir` is a complete result file identical to the reference,
// or a temporary file named after one. Returns how many temporary files.
int check_folder(const std::string& dir, const std::map<std::string, std::string>& reference) {
    static const std::regex temporary(R"((.+)\.tmp-\d+)");
    int temps = 0;
    if (!fs::exists(dir)) return 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        INFO(dir << "/" << name);
        std::smatch m;
        if (std::regex_match(name, m, temporary)) {
            CHECK((reference.count(m[1]) || m[1] == "timing.json"));
            ++temps;
            continue;
        }
        const std::string text = read_file(e.path().string());
        if (name == "timing.json") {
            CHECK(complete_timing(text));
            continue;
        }
        REQUIRE(reference.count(name) == 1);
        CHECK(text.size() == reference.at(name).size());
        CHECK(text == reference.at(name));
    }
    return temps;
}

}  // namespace

TEST_CASE("SIGKILL at any moment leaves only complete result files, identical to a full run's", "[signals][kill]") {
    TempDir d;
    const std::string scenario = wfsim::test::source_path("scenarios/default.yaml");
    const std::string ref_dir = (d.path / "reference").string();
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(WEXITSTATUS(wait_for(spawn(run_args(scenario, ref_dir)))) == 0);
    const double full_us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
    std::map<std::string, std::string> reference;
    for (const char* name : kExact) {
        reference[name] = read_file(ref_dir + "/" + name);
        REQUIRE_FALSE(reference[name].empty());
    }
    REQUIRE(complete_timing(read_file(ref_dir + "/timing.json")));

    // Kill moments: fractions of a full run, denser towards its end.
    std::vector<double> fractions;
    for (int i = 0; i <= 10; ++i) fractions.push_back(0.08 * i);  // 0 to 0.8
    for (int i = 1; i <= 24; ++i) fractions.push_back(0.8 + 0.01 * i);  // 0.81 to 1.04
    fractions.push_back(1.2);
    fractions.push_back(1.5);

    const std::string out = (d.path / "out").string();
    int killed = 0, finished = 0, temps_seen = 0;
    for (double f : fractions) {
        INFO("kill at " << f << " of a full run (" << full_us * f / 1000 << " ms)");
        const pid_t pid = spawn(run_args(scenario, out));
        REQUIRE(pid > 0);
        ::usleep(static_cast<useconds_t>(full_us * f));
        ::kill(pid, SIGKILL);
        const int status = wait_for(pid);
        if (WIFSIGNALED(status)) ++killed;
        else {
            ++finished;
            CHECK(WEXITSTATUS(status) == 0);
        }
        temps_seen += check_folder(out, reference);
    }
    // One last uninterrupted run into the same folder completes the set.
    REQUIRE(WEXITSTATUS(wait_for(spawn(run_args(scenario, out)))) == 0);
    check_folder(out, reference);
    for (const char* name : kExact) CHECK(read_file(out + "/" + name) == reference[name]);
    // For the record (not asserted: they depend on the machine's speed).
    WARN("runs killed: " << killed << ", finished before the kill: " << finished
                         << ", temporary files seen after kills: " << temps_seen);
}

TEST_CASE("after a SIGKILL, running again into the same folder needs no --force", "[signals][kill]") {
    // A kill can leave the temporary file of a file being written (nothing
    // can remove it). wfsim wrote it, so the next run may clear it; today the
    // next run refuses ("holds summary.json.tmp-4242, which wfsim did not
    // write") unless --force.
    TempDir d;
    const std::string scenario = d.write("s.yaml", wfsim::test::minimal_scenario());
    const std::string out = (d.path / "o").string();
    REQUIRE(wfsim::test::run_wfsim("run " + scenario + " -q --out " + out).exit_code == 0);
    d.write("o/summary.json.tmp-4242", "{\n  \"scenario\": \"min");
    auto r = wfsim::test::run_wfsim("run " + scenario + " -q --out " + out);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    // A file of the user's that merely looks like one is still protected.
    d.write("o/budget.xlsx.tmp-1", "precious");
    r = wfsim::test::run_wfsim("run " + scenario + " -q --out " + out);
    CHECK(r.exit_code == 2);
    CHECK(read_file((d.path / "o" / "budget.xlsx.tmp-1").string()) == "precious");
}

TEST_CASE("a shard killed while it ran does not block the next run of that shard", "[signals][kill][distributed]") {
    // A shard's file is filled as its replications run, under
    // shard.wfsim.partial-PID; after a SIGKILL it stays. The next shard run
    // into the folder removes it when that process is gone, and leaves it
    // (refusing the folder) while the process still runs.
    TempDir d;
    const std::string scenario = d.write("s.yaml", wfsim::test::minimal_scenario());
    const std::string out = (d.path / "o").string();
    const pid_t gone = fork();
    if (gone == 0) _exit(0);
    REQUIRE(gone > 0);
    waitpid(gone, nullptr, 0);
    d.write("o/shard.wfsim.partial-" + std::to_string(gone), "wfsim-shard 1\n(cut short)");
    auto r = wfsim::test::run_wfsim("run " + scenario + " -q --reps 4 --shard 1/2 --out " + out);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(!fs::exists(d.path / "o" / ("shard.wfsim.partial-" + std::to_string(gone))));
    CHECK(fs::exists(d.path / "o" / "shard.wfsim"));
    d.write("o/shard.wfsim.partial-" + std::to_string(getpid()), "a shard still being written");
    r = wfsim::test::run_wfsim("run " + scenario + " -q --reps 4 --shard 1/2 --out " + out);
    CHECK(r.exit_code == 2);
    CHECK(fs::exists(d.path / "o" / ("shard.wfsim.partial-" + std::to_string(getpid()))));
}
