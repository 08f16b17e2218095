// Special files given as inputs (issue 14, point 2): a named pipe would block
// a reader for ever and a device never ends, so each input is refused by
// type, at once, with a message that says what it is.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "helpers.h"

using namespace wfsim;

namespace {

const char* const kScenario = "name: s\nstart: 2020-01-01\nhorizon: 3 months\n"
                              "grades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 10}}}\n";

}  // namespace

TEST_CASE("named pipes, devices and folders given as inputs are refused by what they are", "[hardening][files][cli]") {
    test::TempDir d;
    const std::string fifo = (d.path / "pipe").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string folder = (d.path / "folder").string();
    REQUIRE(::mkdir(folder.c_str(), 0700) == 0);
    d.write("base.yaml", kScenario);
    const std::string via_extends = d.write("ext.yaml", "extends: pipe\n");
    const std::string via_list = d.write("list.yaml", std::string(kScenario) + "initial_staff: {staff_list: pipe}\n");
    // A folder whose shard file is a pipe, and a run folder whose trajectory.csv is a device.
    const std::string shard_dir = (d.path / "shard").string();
    REQUIRE(::mkdir(shard_dir.c_str(), 0700) == 0);
    REQUIRE(::mkfifo((shard_dir + "/shard.wfsim").c_str(), 0600) == 0);
    const std::string run_dir = (d.path / "run").string();
    REQUIRE(test::run_wfsim("run " + d.write("r.yaml", kScenario) + " -q --out " + run_dir).exit_code == 0);
    std::filesystem::remove(run_dir + "/trajectory.csv");
    std::filesystem::create_symlink("/dev/zero", run_dir + "/trajectory.csv");

    const std::vector<std::tuple<std::string, int, std::string>> cases = {
        {"validate " + fifo, 2, "is a pipe (FIFO), not a scenario file"},
        {"run " + fifo, 2, "is a pipe (FIFO), not a scenario file"},
        {"validate " + folder, 2, "is a folder, not a scenario file"},
        {"validate /dev/zero", 2, "is a character device, not a scenario file"},
        {"validate " + via_extends, 2, "is a pipe (FIFO), not a scenario file"},
        {"validate " + via_list, 2, "is a pipe (FIFO), not a staff list CSV file"},
        {"merge " + shard_dir + " --out " + (d.path / "m").string(), 2, "is a pipe (FIFO), not a shard file"},
        {"report " + run_dir, 2, "is a character device, not a file wfsim wrote"},
        {"calibrate " + d.write("c.yaml", kScenario) + " --observed " + fifo + " --fit leaving.base_rate.sw", 2,
         "is a pipe (FIFO), not a CSV file of observations"},
    };
    for (const auto& [args, code, message] : cases) {
        INFO(args);
        const auto r = test::run_wfsim(args, "", 60);
        INFO(r.err);
        CHECK(r.exit_code == code);
        CHECK(r.err.find(message) != std::string::npos);
    }
}
