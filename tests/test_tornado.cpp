// The tornado chart of wfsim sensitivity --report (models/report/tornado.cpp):
// on a model whose spend is known in closed form as a function of each
// grade's leaving rate, the bars come in the order of the known swings, with
// the known values, and render in headless Chromium with a bar per
// assumption; every text is escaped; the workbook has its sheets.
#include <catch2/catch.hpp>


#include <cmath>
#include <filesystem>
#include <regex>

#include <nlohmann/json.hpp>

#include "browser_helpers.h"
#include "helpers.h"

namespace fs = std::filesystem;
using wfsim::test::read_file;
using wfsim::test::run_wfsim;
using wfsim::test::TempDir;
using wfsim::test::count;
using wfsim::test::dump_dom;
using wfsim::test::quoted;
using wfsim::test::shell;

namespace {

// The data-key attributes of the tornado bars of the chart of `outcome`, in document order.
std::vector<std::string> bar_keys(const std::string& dom, const std::string& outcome) {
    const std::size_t from = dom.find("data-outcome=\"" + outcome + "\"");
    if (from == std::string::npos) return {};
    const std::size_t to = dom.find("</figure>", from);
    const std::string chart = dom.substr(from, to - from);
    std::vector<std::string> keys;
    const std::regex bar("class=\"tornado-bar\" data-key=\"([^\"]*)\" data-rank=\"([0-9]+)\"");
    for (std::sregex_iterator it(chart.begin(), chart.end(), bar), end; it != end; ++it) {
        CHECK(std::stoul((*it)[2]) == keys.size() + 1);
        keys.push_back((*it)[1]);
    }
    return keys;
}

double pay(double r) { return 300000 * (1 - std::exp(-r)) / r; }

// One number in summary.json's tornado: outcome's bar of `key`, its `field` (at_low, at_high).
double tornado_value(const std::string& summary, const std::string& outcome, const std::string& key, const std::string& field) {
    const auto json = nlohmann::ordered_json::parse(summary);
    for (const auto& bar : json["tornado"][outcome]["by_swing"])
        if (bar["key"] == key) return bar[field].get<double>();
    FAIL("no bar of " << key << " for " << outcome << " in summary.json");
    return 0;
}

}  // namespace

TEST_CASE("tornado: bars in the order of the closed-form swings, with their values, rendered in Chromium",
          "[sensitivity][report][browser][known]") {
    TempDir tmp;
    const std::string file = tmp.write("two.yaml", wfsim::test::two_grades_scenario());
    const std::string dir = (tmp.path / "s").string();
    // The social workers' rate over a wide range, the seniors' over a narrow one, and a salary
    // whose effect on spend is linear: 10 x (1 - exp(-0.2)) / 0.2 FTE-years x 2,000 pounds.
    auto r = run_wfsim("sensitivity " + file + " -q --reps 400 --report --vary leaving.base_rate.sm=0.1,0.2,"
                       "grades.sm.salary=29000,31000,leaving.base_rate.sw=0.05,0.4 --out " + quoted(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string summary = read_file(dir + "/summary.json");
    INFO(summary);
    // Known values: spend at each end within 1% of the closed form.
    CHECK(tornado_value(summary, "spend_total", "leaving.base_rate.sw", "at_low") == Approx(pay(0.05) + pay(0.2)).epsilon(0.01));
    CHECK(tornado_value(summary, "spend_total", "leaving.base_rate.sw", "at_high") == Approx(pay(0.4) + pay(0.2)).epsilon(0.01));
    CHECK(tornado_value(summary, "spend_total", "leaving.base_rate.sm", "at_low") == Approx(pay(0.1) + pay(0.2)).epsilon(0.01));
    CHECK(tornado_value(summary, "spend_total", "grades.sm.salary", "at_high") -
              tornado_value(summary, "spend_total", "grades.sm.salary", "at_low") ==
          Approx(2000 * pay(0.2) / 30000).epsilon(0.02));

    const std::string dom = dump_dom(tmp, dir + "/report.html");
    CHECK(count(dom, "data-chart=\"tornado\"") == 3);  // the target's probability, total and agency spend
    // Swings: sw 300,000 x (0.975 - 0.824) = 45,400; sm 300,000 x (0.952 - 0.906) = 13,600; salary 10 x 0.906 x 2,000 = 18,100.
    CHECK(bar_keys(dom, "spend_total") == std::vector<std::string>{"leaving.base_rate.sw", "grades.sm.salary", "leaving.base_rate.sm"});
    // The probability of 18 of 20 in post does not move with pay (no pay elasticity): the salary is last.
    const auto p = bar_keys(dom, "p_eighteen in post");
    REQUIRE(p.size() == 3);
    CHECK(p[0] == "leaving.base_rate.sw");
    CHECK(p[2] == "grades.sm.salary");
    CHECK(count(dom, "class=\"tornado-bar\"") == 9);
    CHECK(count(dom, "class=\"low-end\"") == 9);
    CHECK(count(dom, "class=\"high-end\"") == 9);
    CHECK(dom.find("Total spend over the horizon (mean) hangs most on leaving.base_rate.sw") != std::string::npos);
    CHECK(dom.find("<script") == std::string::npos);
    CHECK(dom.find("id=\"table\"") != std::string::npos);

    // wfsim report on the folder makes the same page.
    const std::string page = read_file(dir + "/report.html");
    r = run_wfsim("report " + quoted(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(read_file(dir + "/report.html") == page);
    if (shell("command -v unzip >/dev/null 2>&1") == 0) {
        const std::string out = (tmp.path / "wb.xml").string();
        REQUIRE(shell("unzip -p " + quoted(dir + "/report.xlsx") + " xl/workbook.xml >" + quoted(out)) == 0);
        const std::string workbook = read_file(out);
        CHECK(workbook.find("name=\"Tornado\"") != std::string::npos);
        CHECK(workbook.find("name=\"Table\"") != std::string::npos);
    }
}

TEST_CASE("tornado: every text is escaped, a script in a target's name shows as text", "[sensitivity][report][browser]") {
    TempDir tmp;
    const std::string file = tmp.write("two.yaml", wfsim::test::two_grades_scenario("<script>alert(1)</script> & \\\"quotes\\\""));
    const std::string dir = (tmp.path / "s").string();
    const auto r = run_wfsim("sensitivity " + file + " -q --reps 20 --report --vary leaving.base_rate.sw --out " + quoted(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string html = read_file(dir + "/report.html");
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp;") != std::string::npos);
    const std::string dom = dump_dom(tmp, dir + "/report.html");
    CHECK(dom.find("<script") == std::string::npos);
    CHECK(count(dom, "data-chart=\"tornado\"") == 3);
}

TEST_CASE("sensitivity --report after --method morris: a bar of mu* per assumption, largest first", "[sensitivity][report][morris]") {
    TempDir tmp;
    const std::string file = tmp.write("two.yaml", wfsim::test::two_grades_scenario());
    const std::string dir = (tmp.path / "m").string();
    const auto r = run_wfsim("sensitivity " + file + " -q --method morris --trajectories 3 --reps 50 --report --vary "
                             "leaving.base_rate.sm=0.1,0.2,leaving.base_rate.sw=0.05,0.4 --out " + quoted(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string html = read_file(dir + "/report.html");
    CHECK(count(html, "data-chart=\"morris\"") == 3);
    const std::size_t chart = html.find("data-outcome=\"spend_total\"");
    REQUIRE(chart != std::string::npos);
    CHECK(html.find("data-key=\"leaving.base_rate.sw\" data-rank=\"1\"", chart) < html.find("data-key=\"leaving.base_rate.sm\" data-rank=\"2\"", chart));
    CHECK(html.find("morris.csv") != std::string::npos);
}
