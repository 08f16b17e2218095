// scenario.resolved.yaml is exactly what was simulated (issue 14, point 5):
// for every scenario in scenarios/, the resolved file written with the
// results validates and gives byte-identical results when run again, from
// its own folder; a staff list is named by an absolute path with its SHA-256,
// and a list that has changed since is refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "engine/io/sha256.h"
#include "helpers.h"

using namespace wfsim;
namespace fs = std::filesystem;

TEST_CASE("every reference scenario's resolved file loads back and gives the same results", "[hardening][roundtrip][cli]") {
    test::TempDir d;
    std::vector<std::string> scenarios;
    for (const auto& e : fs::recursive_directory_iterator(test::source_path("scenarios")))
        if (e.path().extension() == ".yaml") scenarios.push_back(e.path().string());
    std::sort(scenarios.begin(), scenarios.end());
    REQUIRE(scenarios.size() >= 28);
    int n = 0;
    for (const auto& scenario : scenarios) {
        INFO(scenario);
        const fs::path first = d.path / ("a" + std::to_string(n)), again = d.path / ("b" + std::to_string(n));
        ++n;
        auto r = test::run_wfsim("run " + scenario + " --reps 2 --months 3 -q --out " + first.string());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        r = test::run_wfsim("run " + (first / "scenario.resolved.yaml").string() + " --reps 2 --months 3 -q --out " +
                            again.string());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        for (const char* file : {"trajectory.csv", "financial_years.csv", "summary.json", "scenario.resolved.yaml"})
            CHECK(test::read_file((first / file).string()) == test::read_file((again / file).string()));
    }
}

TEST_CASE("a resolved scenario refuses a staff list that has changed since", "[hardening][roundtrip][cli]") {
    test::TempDir d;
    fs::copy(test::source_path("scenarios/examples/staff-list.csv"), d.path / "staff.csv");
    const std::string scenario = d.write("s.yaml", "extends: " + test::source_path("scenarios/examples/staff-list.yaml") +
                                                       "\ninitial_staff: {staff_list: staff.csv}\n");
    const fs::path out = d.path / "out";
    REQUIRE(test::run_wfsim("run " + scenario + " --months 2 -q --out " + out.string()).exit_code == 0);
    const std::string resolved = test::read_file((out / "scenario.resolved.yaml").string());
    CHECK(resolved.find("staff_list: " + (d.path / "staff.csv").string()) != std::string::npos);
    CHECK(resolved.find("staff_list_sha256: ") != std::string::npos);
    std::ofstream(d.path / "staff.csv", std::ios::app) << "E9999,sw,access,1.0,2015-01-05,1980-01-03\n";
    const auto r = test::run_wfsim("validate " + (out / "scenario.resolved.yaml").string());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("has changed since these results were simulated") != std::string::npos);
}

TEST_CASE("SHA-256 of the FIPS 180-4 test texts", "[hardening][roundtrip]") {
    CHECK(io::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(io::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(io::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(io::sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
