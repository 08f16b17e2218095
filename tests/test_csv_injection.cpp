// Text that a spreadsheet would run as a formula never reaches a CSV cell as
// it is (issue 14, point 7): the finance team open these files in Excel.
#include <catch2/catch.hpp>

#include "engine/io/files.h"
#include "helpers.h"

using namespace wfsim;

TEST_CASE("a text cell a spreadsheet would run gets a ' in front, numbers and plain text stay", "[csv][hardening]") {
    const std::vector<std::pair<std::string, std::string>> cells = {
        {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
        {"+SUM(A1:A9)", "'+SUM(A1:A9)"},
        {"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
        {"@SUM(1)", "'@SUM(1)"},
        {"\tlabel", "'\tlabel"},
        {"\rlabel", "\"'\rlabel\""},
        {"-1.5", "-1.5"},
        {"+5", "+5"},
        {"-2e3", "-2e3"},
        {"-", "'-"},
        {"social workers", "social workers"},
        {"a, b", "\"a, b\""},
        {"", ""},
    };
    for (const auto& [text, cell] : cells) {
        INFO(text);
        CHECK(io::csv_field(text) == cell);
    }
}

TEST_CASE("scenario names are written safely into comparison.csv (grade and team names cannot start a formula)",
          "[csv][hardening][cli]") {
    test::TempDir d;
    const std::string base = d.write("base.yaml", "name: \"=1+2\"\nstart: 2020-01-01\nhorizon: 3 months\n"
                                                  "grades: {sw: {salary: 30000}}\n"
                                                  "establishment: {teams: {north: {sw: 10}}}\n");
    const std::string alt = d.write("alt.yaml", "extends: base.yaml\nname: \"+alt\"\n");
    const std::string out = (d.path / "cmp").string();
    auto r = test::run_wfsim("compare " + base + " " + alt + " --reps 2 -q --out " + out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string csv = test::read_file(out + "/comparison.csv");
    CHECK(csv.find(",'+alt,") != std::string::npos);
    CHECK(csv.find(",+alt,") == std::string::npos);
    r = test::run_wfsim("report " + out);  // the report still pairs the rows with summary.json's names
    INFO(r.err);
    CHECK(r.exit_code == 0);
}
