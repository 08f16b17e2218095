// Every input the fuzzers found a problem with (fuzz/regressions/<target>/)
// goes through the same entry points as in fuzz/harness.h: each must load, or
// be refused with at least one message; never a crash, an exception, or an
// outcome that breaks the loader's promise. The seed corpora (fuzz/corpus/)
// are replayed too, so the harness itself stays in step with the loaders.
// Every accepted scenario input also goes through the fuzzer's round-trip
// check (ScenarioHarness::reload_resolved): its resolved form loads back as
// the same scenario.
// Under the sanitizer build (tools/test) memory errors fail these as well.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "fuzz/harness.h"
#include "helpers.h"

namespace fs = std::filesystem;
using wfsim::test::read_file;
using wfsim::test::source_path;

namespace {

std::vector<std::string> files_in(const std::string& relative) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(source_path(relative), ec))
        if (e.is_regular_file()) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string joined(const std::vector<std::string>& msgs) {
    std::string s;
    for (const auto& m : msgs) s += m + "\n";
    return s;
}

template <class Run>
void replay(const std::string& folder, Run run) {
    for (const auto& path : files_in(folder)) {
        const std::string input = read_file(path);
        INFO(path);
        wfsim::fuzz::Outcome o;
        REQUIRE_NOTHROW(o = run(reinterpret_cast<const std::uint8_t*>(input.data()), input.size()));
        INFO("accepted: " << o.accepted << "\nmessages:\n" << joined(o.messages));
        CHECK(o.sound);
        if (!o.accepted) CHECK_FALSE(o.messages.empty());
        for (const auto& m : o.messages) CHECK_FALSE(m.empty());
    }
}

}  // namespace

TEST_CASE("scenario inputs found by the fuzzer load or are refused cleanly", "[fuzz][regressions]") {
    const wfsim::fuzz::ScenarioHarness harness;
    replay("fuzz/regressions/scenario", [&](const std::uint8_t* d, std::size_t n) { return harness.run(d, n); });
}

TEST_CASE("staff-list inputs found by the fuzzer load or are refused cleanly", "[fuzz][regressions]") {
    replay("fuzz/regressions/staff_list", wfsim::fuzz::run_staff_list);
}

TEST_CASE("the fuzzers' seed corpora go through the harness cleanly", "[fuzz]") {
    const wfsim::fuzz::ScenarioHarness harness;
    const auto scenarios = files_in("fuzz/corpus/scenario");
    const auto staff = files_in("fuzz/corpus/staff_list");
    CHECK(scenarios.size() >= 10);
    CHECK(staff.size() >= 5);
    replay("fuzz/corpus/scenario", [&](const std::uint8_t* d, std::size_t n) { return harness.run(d, n); });
    replay("fuzz/corpus/staff_list", wfsim::fuzz::run_staff_list);
    // The seeds reach the paths they are there for: extends, --set, a staff list.
    for (const char* name : {"extends-mid.yaml", "set-overrides.yaml", "staff-list.yaml", "default.yaml"}) {
        const std::string input = read_file(source_path("fuzz/corpus/scenario/") + name);
        const auto o = harness.run(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
        INFO(name << "\n" << joined(o.messages));
        CHECK(o.accepted);
    }
}

TEST_CASE("every accepted regression and seed input's resolved form loads back as the same scenario",
          "[fuzz][regressions][roundtrip]") {
    const wfsim::fuzz::ScenarioHarness harness;
    int accepted = 0;
    for (const char* folder : {"fuzz/regressions/scenario", "fuzz/corpus/scenario"})
        for (const auto& path : files_in(folder)) {
            const std::string input = read_file(path);
            const auto* data = reinterpret_cast<const std::uint8_t*>(input.data());
            if (!harness.run(data, input.size()).accepted) continue;
            ++accepted;
            const auto o = harness.reload_resolved(data, input.size());
            INFO(path << "\n" << joined(o.messages));
            CHECK(o.accepted);
            CHECK(o.sound);
        }
    CHECK(accepted >= 10);
}

TEST_CASE("the fuzz input format: a document, then one --set per line after #--set", "[fuzz]") {
    std::string doc;
    std::vector<std::string> sets;
    wfsim::fuzz::split_scenario_input("name: x\n#--set\na.b=1\r\n\nc=2", doc, sets);
    CHECK(doc == "name: x\n");
    CHECK(sets == std::vector<std::string>{"a.b=1", "c=2"});
    wfsim::fuzz::split_scenario_input("#--set\nx=1\n", doc, sets);
    CHECK(doc.empty());
    CHECK(sets == std::vector<std::string>{"x=1"});
    wfsim::fuzz::split_scenario_input("name: x # --set\n", doc, sets);
    CHECK(doc == "name: x # --set\n");
    CHECK(sets.empty());
}
