// One CSV reader for every file wfsim reads (engine/io/csv.h): a file saved
// from Excel, with a byte-order mark and CRLF, or from an old Mac with CR,
// with quoted fields holding commas, reads the same as the plain file, in
// the staff list, the observed series of calibrate and the report's inputs.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "engine/io/csv.h"
#include "helpers.h"
#include "models/calibrate/calibrate.h"
#include "models/report/readers.h"

using namespace wfsim;

namespace {

std::vector<io::CsvRecord> records(const std::string& text) {
    io::CsvReader reader(text);
    std::vector<io::CsvRecord> out;
    io::CsvRecord r;
    while (reader.next(r)) out.push_back(r);
    return out;
}

// The same table written as Excel's "CSV UTF-8" (BOM, CRLF) and with lone CRs.
std::string excel(std::string plain) {
    std::string crlf;
    for (char c : plain) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return "\xEF\xBB\xBF" + crlf;
}
std::string old_mac(std::string plain) {
    for (char& c : plain)
        if (c == '\n') c = '\r';
    return plain;
}

}  // namespace

TEST_CASE("the CSV reader: byte-order mark, every line ending, quoted fields", "[csv]") {
    const std::string plain = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n\n2,\"two\nlines\",3\n";
    for (const std::string& text : {plain, excel(plain), old_mac(plain)}) {
        const auto r = records(text);
        REQUIRE(r.size() == 4);
        CHECK(r[0].fields == std::vector<std::string>{"a", "b", "c"});
        CHECK(r[1].fields == std::vector<std::string>{"1", "x, y", "say \"hi\""});
        CHECK(r[1].line == 2);
        CHECK(r[2].blank());
        CHECK(r[3].line == 4);
        CHECK(r[3].fields[1] == (text == old_mac(plain) ? "two\rlines" : text == plain ? "two\nlines" : "two\r\nlines"));
    }
    CHECK(records("a,b").size() == 1);     // no line break at the end
    CHECK(records("").empty());
    CHECK(records("5'6\",x\n")[0].fields[0] == "5'6\"");  // a quote inside an unquoted field is kept
    CHECK_THROWS_WITH(records("a\n\"open,b\n"), "line 2: a quoted field is never closed");
    CHECK(io::trimmed(" \t short  ") == "short");
}

TEST_CASE("an observed series saved from Excel reads as the plain file", "[csv][calibrate]") {
    test::TempDir dir;
    const std::string plain = "metric,month,value\nvacancy_rate,12,0.17\n\"agency_rate\",24, 0.15\n";
    const auto cal = test::calendar_of("name: x\nstart: 2017-10-01\nhorizon: 24 months\n"
                                       "grades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 10}}}\n");
    const auto want = model::read_observations(dir.write("plain.csv", plain), {}, cal);
    REQUIRE(want.size() == 2);
    for (const auto& [name, text] : {std::pair{"excel.csv", excel(plain)}, std::pair{"mac.csv", old_mac(plain)}}) {
        const auto got = model::read_observations(dir.write(name, text), {}, cal);
        REQUIRE(got.size() == 2);
        for (std::size_t i = 0; i < 2; ++i) {
            CHECK(got[i].metric == want[i].metric);
            CHECK(got[i].month == want[i].month);
            CHECK(got[i].value == want[i].value);
        }
    }
    // The DfE series, as Excel saves it.
    const std::string dfe = test::read_file(test::source_path("../shared/data/dfe_csww_england.csv"));
    const auto from_excel = model::read_observations(dir.write("dfe.csv", excel(dfe)), model::parse_years("2018-2019"), cal);
    CHECK(from_excel.size() == 6);
    // A long bad cell is cut in the message the command prints.
    const std::string scenario = dir.write("s.yaml", "name: x\nstart: 2017-10-01\nhorizon: 24 months\n"
                                                      "grades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 10}}}\n");
    const auto r = test::run_wfsim("calibrate " + scenario + " --observed " +
                                   dir.write("long.csv", "metric,month,value\n" + std::string(300, 'q') + ",1,2\n") +
                                   " --fit leaving.base_rate.sw --out " + (dir.path / "out").string());
    CHECK(r.exit_code == 2);
    INFO(r.err);
    CHECK(r.err.find("metric: '" + std::string(59, 'q') + "...(302 characters)") != std::string::npos);
    CHECK(r.err.find(std::string(61, 'q')) == std::string::npos);
}

TEST_CASE("the report reads its CSV files with the same reader", "[csv][report]") {
    const auto t = report::parse_csv(excel("month,metric\n0,\"a, b\"\n"), "x.csv");
    REQUIRE(t.rows.size() == 1);
    CHECK(t.header == std::vector<std::string>{"month", "metric"});
    CHECK(t.rows[0][1] == "a, b");
    CHECK_THROWS_WITH(report::parse_csv("a,b\n1\n", "x.csv"), "x.csv:2: the row has 1 fields; the header has 2");
}

TEST_CASE("a staff list saved from Excel or an old Mac gives the same first day", "[csv][staff_list]") {
    test::TempDir dir;
    const std::string plain = "grade,team,fte,start_date,age\nsw,a,1,2015-01-01,40\nsw,\"a\",0.5,2018-06-01,30\n";
    const std::string scenario = "name: listed\nstart: 2020-01-01\nhorizon: 2 months\n"
                                 "grades: {sw: {salary: 30000}}\nestablishment: {teams: {a: {sw: 10}}}\n"
                                 "leaving: {base_rate: {sw: 0}}\ninitial_staff: {staff_list: staff.csv}\n";
    for (const std::string& text : {plain, excel(plain), old_mac(plain)}) {
        dir.write("staff.csv", text);
        const std::string path = dir.write("s.yaml", scenario);
        CHECK(test::load_errors(path).empty());
        const auto r = test::simulate_file(path, 1, 1);
        CHECK(r[0].monthly[static_cast<std::size_t>(model::kPermanentFte)][1] == 1.5);
    }
}

TEST_CASE("YAML mistakes people make get a hint at the usual cause", "[csv][yaml][hardening]") {
    test::TempDir dir;
    const std::string head = "name: x\nstart: 2020-01-01\nestablishment: {teams: {a: {sw: 10}}}\n";
    auto errors = test::load_errors(dir.write("comma.yaml", head + "grades: {sw: {salary: 30,500}}\n"));
    REQUIRE(!errors.empty());
    CHECK(errors[0].find("unknown key '500' (a comma inside {...} ends the entry") != std::string::npos);
    errors = test::load_errors(dir.write("quoted.yaml", head + "grades: {sw: {salary: '30,500'}}\n"));
    CHECK(errors.empty());
    for (const std::string t : {"targets: [{name: t, metric: vacancy_rate, op: >=, value: 0.1, month: 3}]\n",
                                 "targets:\n  - name: t\n    metric: vacancy_rate\n    op: >=\n    value: 0.1\n    month: 3\n"}) {
        errors = test::load_errors(dir.write("op.yaml", head + "grades: {sw: {salary: 30000}}\n" + t));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].find("YAML syntax error") != std::string::npos);
        CHECK(errors[0].find("must be quoted, as in op: '>='") != std::string::npos);
    }
}
