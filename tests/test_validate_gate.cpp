// validate is the single gate (issue 14, point 3): what would be accepted and
// then ignored, or fail later without a location, is refused at once with a
// located message and exit code 2.
#include <catch2/catch.hpp>

#include <algorithm>

#include "helpers.h"

using namespace wfsim;

namespace {

const std::string kBase = "name: gate\nstart: 2020-01-01\nhorizon: 3 months\n"
                          "grades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 10}}}\n";

}  // namespace

TEST_CASE("scenario text that would be ignored is refused with its place", "[hardening][validate][cli]") {
    test::TempDir d;
    const std::vector<std::tuple<std::string, std::string>> cases = {
        {kBase + "---\nname: other\n", "s.yaml:6:1: a second YAML document (after '---')"},
        {kBase + "---\n, x\n", "s.yaml:6:1: a second YAML document"},           // junk the parser makes nothing of
        {kBase + "...\nname: other\n", "s.yaml:6:1: a second YAML document"},   // content after the end marker
        {kBase + "--- # another\n[1, 2]\n", "s.yaml:6:1: a second YAML document"},
        {kBase + "description: !!binary aGVsbG8=\n", "s.yaml:6:14: a YAML tag (!!binary) is not read by wfsim"},
        {kBase + "seed: !!int 5\n", "s.yaml:6:7: a YAML tag (!!int) is not read by wfsim"},
        {kBase + "description: !mine text\n", "a YAML tag (!mine) is not read by wfsim"},
        {kBase + "pipelines: [~]\n", "s.yaml:6:13: an empty item in a list"},
        {kBase + "interventions:\n  -\n  - {at: 2020-02-01, name: x, pay_uplift: {sw: 0.05}}\n", "an empty item in a list"},
        {kBase + "interventions:\n  - {at: 2020-02-01, name: x, set: {extends: other.yaml}}\n",
         "interventions[0].set.extends: extends names a base file, read once before the run: it cannot change at a date"},
    };
    for (const auto& [text, message] : cases) {
        INFO(text);
        const std::string path = d.write("s.yaml", text);
        for (const std::string& command : {std::string("validate "), "run -q --out " + (d.path / "out").string() + " "}) {
            const auto r = test::run_wfsim(command + path);
            INFO(command << ": " << r.err);
            CHECK(r.exit_code == 2);
            CHECK(r.err.find(message) != std::string::npos);
        }
    }
    CHECK(test::run_wfsim("validate " + d.write("ok.yaml", "---\n" + kBase + "description: !!str 12\n")).exit_code == 0);
    CHECK(test::run_wfsim("validate " + d.write("end.yaml", "# head\n---\n" + kBase + "...\n# the end\n")).exit_code == 0);
    // Lines that end in CR alone (old Mac files) are lines too; the result is that of LF.
    std::string cr = kBase;
    std::replace(cr.begin(), cr.end(), '\n', '\r');
    const auto lf_run = test::run_wfsim("validate --print " + d.write("lf.yaml", kBase));
    const auto cr_run = test::run_wfsim("validate --print " + d.write("cr.yaml", cr));
    CHECK(cr_run.exit_code == 0);
    CHECK(cr_run.out.substr(cr_run.out.find('\n')) == lf_run.out.substr(lf_run.out.find('\n')));
}

TEST_CASE("command-line values that would mean 'not given' are refused", "[hardening][validate][cli]") {
    test::TempDir d;
    const std::string s = d.write("s.yaml", kBase), out = " --out " + (d.path / "o").string();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"validate " + s + " --set extends=other.yaml", "extends is read from the scenario file only"},
        {"run " + s + " --months 0" + out, "wfsim run: --months 0: give 1 to 1200 months"},
        {"compare " + s + " " + s + " --months 0" + out, "wfsim compare: --months 0"},
        {"sweep " + s + " --grid leaving.base_rate.sw=0.1,0.2 --months 0" + out, "wfsim sweep: --months 0"},
        {"expected " + s + " --months 0" + out, "wfsim expected: --months 0"},
        {"run " + s + " --out ''", "wfsim run: --out is empty"},
        {"compare " + s + " " + s + " --out ''", "wfsim compare: --out is empty"},
        {"run " + s + " --reps 4294967297" + out, "wfsim run: --reps 4294967297 is outside 1 to 100000000"},
        {"run " + s + " --threads 10000" + out, "wfsim run: --threads 10000 is outside 0 to 4096 (0 uses all cores)"},
        {"compare " + s + " " + s + " --reps 1" + out, "wfsim compare: --reps 1 is outside 2 to 100000000"},
        {"sweep " + s + " --grid leaving.base_rate.sw=0.1 --threads -1" + out, "wfsim sweep: --threads -1 is outside 0 to 4096"},
    };
    test::check_refused(cases);
    CHECK(!std::filesystem::exists(d.path / "o"));
}

TEST_CASE("a scenario that would need memory out of proportion is refused before any work", "[hardening][validate][cli]") {
    test::TempDir d;
    std::string many = "name: many\nstart: 2020-01-01\nhorizon: 3 months\ngrades: {sw: {salary: 30000}}\n"
                       "establishment: {teams: {a: {sw: 10}}}\ninterventions:\n";
    for (int i = 0; i < 5001; ++i) many += "  - {at: 2020-02-01, name: i" + std::to_string(i) + ", pay_uplift: {sw: 0.001}}\n";
    const std::string head = "name: big\nstart: 2020-01-01\nhorizon: 3 months\ngrades: {sw: {salary: 30000}}\n";
    const std::vector<std::tuple<std::string, std::string>> cases = {
        {head + "establishment: {teams: {a: {sw: 1e9}}}\n", "establishment.teams.a.sw: 1e9 is not an FTE (0 to 2,000,000)"},
        {head + "establishment: {teams: {a: {sw: 2147483648}}}\n", "is not an FTE (0 to 2,000,000)"},
        {head + "establishment: {teams: {a: {sw: 1e300}}}\n", "is not an FTE (0 to 2,000,000)"},
        {head + "establishment: {teams: {a: {sw: 1500000}, b: {sw: 1600000}}}\n",
         "establishment.teams: the posts add up to 3.1e+06 FTE with the dated additions; wfsim takes at most 3,000,000"},
        {head + "establishment:\n  teams: {a: {sw: 1000000}}\n  changes: [{at: 2020-02-01, team: a, sw: +1900000},"
                " {at: 2020-03-01, team: a, sw: +1900000}]\n",
         "the posts add up to 4.8e+06 FTE"},
        {many, "interventions: 5001 interventions; wfsim takes at most 5000"},
    };
    for (const auto& [text, message] : cases) {
        const std::string path = d.write("s.yaml", text);
        const auto r = test::run_wfsim("validate " + path);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(message) != std::string::npos);
    }
}

TEST_CASE("messages stay one readable line, and staff lists with any line endings are read", "[hardening][validate][cli]") {
    test::TempDir d;
    const std::string head = "name: long\nstart: 2020-01-01\nhorizon: 3 months\ngrades: {sw: {salary: 30000}}\n"
                             "establishment: {teams: {a: {sw: 10}}}\n";
    // Values of 100,000 characters, in a scenario and in a staff list, are echoed cut short.
    auto r = test::run_wfsim("validate " + d.write("s.yaml", head + "seed: " + std::string(100000, '7') + "\n"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.size() < 400);
    d.write("wide.csv", "grade,team,fte,start_date,age\n" + std::string(100000, 'g') + ",a,1,2015-01-01,40\n");
    r = test::run_wfsim("validate " + d.write("w.yaml", head + "initial_staff: {staff_list: wide.csv}\n"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.size() < 400);
    CHECK(r.err.find("...(100002 characters)") != std::string::npos);  // the quoted field
    // CR-only, CRLF and LF line endings give the same staff list.
    for (const std::string eol : {"\n", "\r\n", "\r"}) {
        INFO("line ending " << (eol == "\r" ? "CR" : eol == "\n" ? "LF" : "CRLF"));
        d.write("staff.csv", "grade,team,fte,start_date,age" + eol + "sw,a,1,2015-01-01,40" + eol + "sw,a,1,2016-01-01,35" + eol);
        const auto v = test::run_wfsim("validate " + d.write("l.yaml", head + "initial_staff: {staff_list: staff.csv}\n"));
        INFO(v.err);
        CHECK(v.exit_code == 0);
    }
}

TEST_CASE("file paths in messages are not cut", "[hardening][validate][cli]") {
    test::TempDir d;
    const std::string folder = std::string(120, 'f');
    std::filesystem::create_directories(d.path / folder);
    const std::string path = d.write(folder + "/alt.yaml", "extends: missing_base_scenario_file.yaml\nname: x\n");
    const auto r = test::run_wfsim("validate " + path);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find((d.path / folder / "missing_base_scenario_file.yaml").string()) != std::string::npos);
}

TEST_CASE("a file's errors all come in one pass, those between keys with those of single keys", "[hardening][validate][cli]") {
    // Each text holds a wrong value and errors that only a comparison of keys
    // finds; every one is reported at once, each at its place, and nothing
    // is said twice or about the wrong value's stand-in.
    test::TempDir d;
    const std::string head = "name: pass\nstart: 2020-01-01\nhorizon: 12 months\ngrades: {sw: {salary: 30000}}\n"
                             "establishment: {teams: {a: {sw: 10}}}\n";
    const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
        {head + "leaving: {base_rate: {sw: lots}}\ninitial_staff: {vacancies: {sw: 20}}\n"
                "interventions:\n  - {at: 2019-01-01, pay_uplift: {sw: 0.1}}\n"
                "targets:\n  - {name: t, metric: vacancy_rate, op: '<', value: 0.1, month: 6, by: 2020-09-01}\n",
         {"s.yaml:6:27: leaving.base_rate.sw: lots is not a number",
          "s.yaml:7:33: initial_staff.vacancies.sw: 20 FTE vacant is more than the 10 FTE of posts",
          "s.yaml:9:10: interventions[0].at: 2019-01-01 is before the scenario's start",
          "s.yaml:11:5: targets[0]: give exactly one of"}},
        {head + "recruitment: {method: campain}\ninitial_staff: {vacancies: {sw: 12}, appointed: {sw: 13}}\n",
         {"s.yaml:6:23: recruitment.method: campain is not one of",
          "s.yaml:7:33: initial_staff.vacancies.sw: 12 FTE vacant is more than the 10 FTE of posts",
          "initial_staff.appointed.sw: 13 FTE appointed is more than the 12 FTE vacant"}},
        {head + "interventions:\n  - {at: 2020-05-01, set: {agency.fill_probability: 2}}\n  - {at: 2019-12-31, name: early}\n"
                "  - {at: soon}\n",
         {"s.yaml:7:53: interventions[0].set.agency.fill_probability: 2 is not a probability",
          "s.yaml:8:10: interventions[1].at: 2019-12-31 is before the scenario's start",
          "s.yaml:9:10: interventions[2].at: soon is not a date"}},
        {"name: pass\nstart: 2020-01-01\nhorizon: 12 months\ngrades: {sw: {salary: 30000}}\n"
         "establishment: {teams: {a: {sw: 10, swx: 2}}}\ninitial_staff: {vacancies: {sw: 11}}\n",
         {"establishment.teams.a.swx: 'swx' is not a grade of this scenario",
          "initial_staff.vacancies.sw: 11 FTE vacant is more than the 10 FTE of posts"}},
    };
    for (const auto& [text, messages] : cases) {
        INFO(text);
        const auto r = test::run_wfsim("validate " + d.write("s.yaml", text));
        INFO(r.err);
        CHECK(r.exit_code == 2);
        for (const auto& m : messages) CHECK(r.err.find(m) != std::string::npos);
        CHECK(static_cast<std::size_t>(std::count(r.err.begin(), r.err.end(), '\n')) == messages.size());
    }
}

TEST_CASE("a staff list that says one thing twice is refused where it does", "[hardening][validate][cli]") {
    test::TempDir d;
    const std::string scenario = d.write("s.yaml", kBase + "initial_staff: {staff_list: staff.csv}\n");
    // The start is 2020-01-01: born 1990-01-01 is 30 then.
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"grade,team,fte,start_date,age,age\nsw,a,1,2015-01-01,40,41\n",
         "staff.csv:1:6: age: the column appears twice (columns 5 and 6); keep one"},
        {"grade,grade,team,fte,start_date,age\nsw,sw,a,1,2015-01-01,40\n", "staff.csv:1:2: grade: the column appears twice"},
        {"grade,team,fte,start_date,age,date_of_birth\nsw,a,1,2015-01-01,40,1990-01-01\n",
         "staff.csv:2:5: age: age 40 disagrees with date_of_birth 1990-01-01 (30 on the scenario's start)"},
        {"grade,team,fte,start_date,date_of_birth,age\nsw,a,1,2015-01-01,1990-01-01,31\n",
         "staff.csv:2:6: age: age 31 disagrees with date_of_birth 1990-01-01"},
    };
    for (const auto& [csv, message] : refused) {
        INFO(csv);
        d.write("staff.csv", csv);
        const auto r = test::run_wfsim("validate " + scenario);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(message) != std::string::npos);
    }
    // Both columns that agree (within the year a list may be drawn up before the start) are accepted.
    d.write("staff.csv", "grade,team,fte,start_date,age,date_of_birth\nsw,a,1,2015-01-01,30,1990-01-01\n"
                         "sw,a,1,2015-01-01,29,1990-01-01\nsw,a,1,2015-01-01,,1990-01-01\n");
    const auto r = test::run_wfsim("validate " + scenario);
    INFO(r.err);
    CHECK(r.exit_code == 0);
}
