// wfsim report: the HTML page rendered in a real browser (headless Chromium),
// escaping of every scenario text, the Excel workbook's sheets, numbers and
// dates, and the small readers and formatters the report is built with.
#include <catch2/catch.hpp>


#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "browser_helpers.h"
#include "helpers.h"
#include "models/report/charts.h"
#include "models/report/readers.h"
#include "models/report/report.h"
#include "models/report/text.h"

namespace fs = std::filesystem;
using wfsim::test::read_file;
using wfsim::test::run_wfsim;
using wfsim::test::source_path;
using wfsim::test::TempDir;
using wfsim::test::chromium;
using wfsim::test::count;
using wfsim::test::dump_dom;
using wfsim::test::quoted;
using wfsim::test::require_chromium;
using wfsim::test::shell;

namespace {

// The PNG's width and height from its IHDR chunk (0 when it is not a PNG).
std::pair<unsigned, unsigned> png_size(const std::string& png) {
    if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || png.compare(12, 4, "IHDR") != 0) return {0, 0};
    auto be32 = [&](std::size_t at) {
        unsigned v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
        return v;
    };
    return {be32(16), be32(20)};
}

std::string screenshot(const TempDir& tmp, const std::string& html_path, const std::string& name) {
    const std::string png = (tmp.path / name).string();
    const int rc = chromium(tmp, "--window-size=1200,2400 --screenshot=" + quoted(png) + " " +
                                     quoted("file://" + fs::absolute(html_path).string()),
                            (tmp.path / "shot.out").string());
    INFO(read_file((tmp.path / "chromium.err").string()));
    REQUIRE(rc == 0);
    return read_file(png);
}


std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// A member of the xlsx (a zip), through unzip.
std::string xlsx_part(const TempDir& tmp, const std::string& xlsx, const std::string& part) {
    if (shell("command -v unzip >/dev/null 2>&1") != 0)
        FAIL("unzip is not installed: run tools/install-deps unzip (or tools/install-deps --test) to check the workbook");
    const std::string out = (tmp.path / "part.xml").string();
    REQUIRE(shell("unzip -p " + quoted(xlsx) + " " + quoted(part) + " >" + quoted(out) + " 2>/dev/null") == 0);
    return read_file(out);
}

// The attribute `name` of the XML element starting at `at`.
std::string attribute(const std::string& xml, std::size_t at, const std::string& name) {
    const std::size_t end = xml.find('>', at);
    const std::size_t a = xml.find(" " + name + "=\"", at);
    if (a == std::string::npos || a > end) return "";
    const std::size_t from = a + name.size() + 3;
    return xml.substr(from, xml.find('"', from) - from);
}

// The number format of a cell's style: cellXfs[style] -> numFmtId -> formatCode.
std::string format_code(const std::string& styles, const std::string& style) {
    const std::size_t xfs = styles.find("<cellXfs");
    REQUIRE(xfs != std::string::npos);
    std::size_t at = xfs;
    for (int i = 0; i <= std::stoi(style.empty() ? "0" : style); ++i) {
        at = styles.find("<xf ", at + 1);
        REQUIRE(at != std::string::npos);
    }
    const std::string id = attribute(styles, at, "numFmtId");
    const std::size_t fmt = styles.find("<numFmt numFmtId=\"" + id + "\"");
    return fmt == std::string::npos ? "builtin " + id : attribute(styles, fmt, "formatCode");
}

// The <c> element of a cell in a sheet's XML.
std::string cell(const std::string& sheet, const std::string& ref) {
    const std::size_t at = sheet.find("<c r=\"" + ref + "\"");
    if (at == std::string::npos) return "";
    const std::size_t self_closed = sheet.find("/>", at), end = sheet.find("</c>", at);
    return sheet.substr(at, std::min(self_closed == std::string::npos ? end : self_closed + 2, end + 4) - at);
}

std::string cell_value(const std::string& c) {
    const std::size_t v = c.find("<v>");
    return v == std::string::npos ? "" : c.substr(v + 3, c.find("</v>", v) - v - 3);
}

// What the scripts injected into a copy of a report found, one problem a line
// ("" when none): `layout` from tests/browser/measure-layout.js, `access`
// from axe-core (tests/browser/run-axe.js) when asked.
struct Findings {
    std::string layout, access;
};

// The text of <pre id="ID"> in a dumped DOM, after its first line (which
// says what was checked) and up to its END line.
std::string findings(const std::string& dom, const std::string& id) {
    const std::string open = "<pre id=\"" + id + "\">";
    const std::size_t at = dom.rfind(open);
    REQUIRE(at != std::string::npos);  // the script ran
    std::string found = dom.substr(at + open.size(), dom.find("</pre>", at) - at - open.size());
    INFO(id << ": " << found);
    REQUIRE(found.find("END\n") != std::string::npos);  // and finished
    REQUIRE((found.rfind("checked ", 0) == 0 || found.rfind("measured ", 0) == 0));  // not "axe failed"
    found = found.substr(found.find('\n') + 1);
    return found.substr(0, found.find("END\n"));
}

// A copy of report.html with the measuring scripts injected (and the page's
// Content-Security-Policy, which forbids scripts, taken out): the report
// runs no script of its own, so the test brings them. With `print`, the
// print style applies on screen, so that a window as wide as A4's printable
// width (186 mm, 703 px) lays the page out as printed.
Findings inspect(const TempDir& tmp, const std::string& html_path, int width, bool print, bool axe) {
    std::string page = read_file(html_path);
    const std::size_t csp = page.find("<meta http-equiv=\"Content-Security-Policy\"");
    REQUIRE(csp != std::string::npos);
    page.erase(csp, page.find('>', csp) + 1 - csp);
    if (print) {
        const std::size_t media = page.find("@media print {");
        REQUIRE(media != std::string::npos);
        page.replace(media, 14, "@media all {");
    }
    std::string scripts = "<script>" + read_file(source_path("tests/browser/measure-layout.js")) + "</script>\n";
    if (axe) {
        const std::string axe_js = source_path("tests/browser/node_modules/axe-core/axe.min.js");
        if (!fs::exists(axe_js))
            FAIL("axe-core is not installed under tests/browser/node_modules: run tools/install-deps --test "
                 "(it runs npm ci in tests/browser) to check the report's accessibility");
        scripts += "<script>" + read_file(axe_js) + "</script>\n<script>" +
                   read_file(source_path("tests/browser/run-axe.js")) + "</script>\n";
    }
    const std::size_t body = page.rfind("</body>");
    REQUIRE(body != std::string::npos);
    page.insert(body, scripts);
    static int copies = 0;
    const std::string copy = (tmp.path / ("inspected-" + std::to_string(copies++) + ".html")).string();
    std::ofstream(copy, std::ios::binary) << page;
    const std::string out = (tmp.path / "inspected.dom").string();
    // Virtual time lets axe's asynchronous run finish before the DOM is dumped.
    const int rc = chromium(tmp, "--window-size=" + std::to_string(width) + ",900 --virtual-time-budget=20000 --dump-dom " +
                                     quoted("file://" + copy), out);
    INFO(read_file((tmp.path / "chromium.err").string()));
    REQUIRE(rc == 0);
    const std::string dom = read_file(out);
    Findings f;
    f.layout = findings(dom, "layout-findings");
    if (axe) f.access = findings(dom, "axe-findings");
    return f;
}

// The text of the page printed to A4 by Chromium, through pdftotext, with
// every run of white space as one space.
std::string printed_text(const TempDir& tmp, const std::string& html_path, std::size_t& pages) {
    if (shell("command -v pdftotext >/dev/null 2>&1") != 0)
        FAIL("pdftotext is not installed: run tools/install-deps poppler-utils (or tools/install-deps --test)");
    const std::string pdf = (tmp.path / "printed.pdf").string(), txt = (tmp.path / "printed.txt").string();
    const int rc = chromium(tmp, "--no-pdf-header-footer --print-to-pdf=" + quoted(pdf) + " " +
                                     quoted("file://" + fs::absolute(html_path).string()),
                            (tmp.path / "print.out").string());
    INFO(read_file((tmp.path / "chromium.err").string()));
    REQUIRE(rc == 0);
    REQUIRE(shell("pdftotext -raw " + quoted(pdf) + " " + quoted(txt)) == 0);
    const std::string raw = read_file(txt);
    pages = count(raw, "\f");
    std::string text;
    for (char c : raw) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
        if (space && (text.empty() || text.back() == ' ')) continue;
        text += space ? ' ' : c;
    }
    return text;
}

// Every layout check on one report: at 1024 px on screen (wider windows keep
// the page at most 1120 px wide) and at A4's width in print; and WCAG 2.2 AA
// by axe-core on screen.
void check_layout(const TempDir& tmp, const std::string& html_path, bool axe = true) {
    const Findings screen = inspect(tmp, html_path, 1024, false, axe);
    INFO("on screen, 1024 px");
    CHECK(screen.layout == "");
    CHECK(screen.access == "");
    INFO("printed, at A4's width (703 px)");
    CHECK(inspect(tmp, html_path, 703, true, false).layout == "");
}

}  // namespace

TEST_CASE("report after run: the charts render in headless Chromium", "[report][browser]") {
    require_chromium();
    TempDir tmp;
    const std::string dir = (tmp.path / "run").string();
    auto r = run_wfsim("run " + source_path("scenarios/default.yaml") + " --reps 20 --out " + quoted(dir));
    REQUIRE(r.exit_code == 0);
    r = run_wfsim("report " + quoted(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string html_path = dir + "/report.html";
    const std::string page = read_file(html_path);
    REQUIRE(!page.empty());
    REQUIRE(fs::exists(dir + "/report.xlsx"));

    // Self-contained: nothing to fetch, no scripts.
    CHECK(lower(page).find("<script") == std::string::npos);
    CHECK(page.find("http://") == std::string::npos);
    CHECK(page.find("https://") == std::string::npos);
    CHECK(page.find(" src=") == std::string::npos);
    CHECK(page.find("<link") == std::string::npos);
    CHECK(page.find("@media print") != std::string::npos);

    const std::string dom = dump_dom(tmp, html_path);
    // The fan charts the issue asks for, with their bands and medians.
    for (const char* id : {"chart-vacant_fte", "chart-vacancy_rate", "chart-agency_fte", "chart-agency_rate",
                           "chart-permanent_fte", "chart-spend-stacked", "chart-spend_total", "chart-spend_permanent",
                           "chart-spend_agency", "chart-fy-spend_total", "chart-fy-spend_agency"}) {
        INFO(id);
        CHECK(dom.find("id=\"" + std::string(id) + "\"") != std::string::npos);
    }
    CHECK(count(dom, "data-chart=\"fan\"") >= 9);
    CHECK(count(dom, "class=\"band\"") >= 18);  // the 50% and 90% bands of each fan chart
    CHECK(count(dom, "<svg") >= 15);
    // Each of the default scenario's four targets has a row and a marker on a chart.
    for (int t = 1; t <= 4; ++t) {
        const std::string label = "data-target=\"T" + std::to_string(t) + "\"";
        INFO(label);
        CHECK(count(dom, label) >= 2);  // its table row and its chart marker
    }
    CHECK(count(dom, "class=\"target-marker\"") >= 4);
    CHECK(dom.find("id=\"budget-placeholder\"") != std::string::npos);
    // First met and met from then on, apart; the note on month length.
    CHECK(dom.find("<th>First met</th><th>Met from then on</th>") != std::string::npos);
    CHECK(nlohmann::ordered_json::parse(read_file(dir + "/summary.json"))["targets"][0]["met_from_then_on"].contains("share"));
    CHECK(dom.find("a 31-day month costs about 11% more than a 28-day February") != std::string::npos);
    // Every chart has its figures as a table.
    CHECK(count(dom, "<details class=\"figures\">") == count(dom, "<figure class=\"chart\""));
    CHECK(dom.find("event-marker") != std::string::npos);              // interventions with dates
    CHECK(dom.find("Re-evaluation of roles (pay uplift)") != std::string::npos);
    CHECK(dom.find("1 April 2016") != std::string::npos);
    CHECK(dom.find("\xC2\xA3" "78,000 a year per FTE") != std::string::npos);  // agency cost, in pounds
    CHECK(std::regex_search(dom, std::regex("Jul 2015|Jan 2016")));               // a time axis with dates
    CHECK(std::regex_search(dom, std::regex("\xC2\xA3[0-9.]+m")));               // money as £1.2m

    // The screenshot is a page of charts, not a blank one.
    TempDir blank_dir;
    const std::string blank = blank_dir.write("blank.html", "<!DOCTYPE html><html><body></body></html>");
    const std::string shot = screenshot(tmp, html_path, "report.png");
    const std::string empty = screenshot(tmp, blank, "blank.png");
    CHECK(png_size(shot) == std::make_pair(1200u, 2400u));
    CHECK(png_size(empty) == std::make_pair(1200u, 2400u));
    INFO("report PNG " << shot.size() << " bytes, blank PNG " << empty.size() << " bytes");
    CHECK(shot.size() > 20 * empty.size());
    CHECK(shot.size() > 100000);

    // The report's files join the folder's list, so a new run into it needs no --force.
    r = run_wfsim("run " + source_path("scenarios/default.yaml") + " --reps 2 --out " + quoted(dir));
    CHECK(r.exit_code == 0);
}

TEST_CASE("report after compare: savings with intervals, break-even and paired difference charts", "[report][browser]") {
    require_chromium();
    TempDir tmp;
    const std::string alt = tmp.write("cheaper.yaml", "extends: " + source_path("scenarios/default.yaml") +
                                                          "\nname: Cheaper agency\nagency: {cost_per_year: 60000}\n");
    const std::string dir = (tmp.path / "cmp").string();
    auto r = run_wfsim("compare " + source_path("scenarios/default.yaml") + " " + quoted(alt) + " --reps 20 --out " +
                       quoted(dir));
    REQUIRE(r.exit_code == 0);
    r = run_wfsim("report " + quoted(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);

    const std::string dom = dump_dom(tmp, dir + "/report.html");
    for (const char* id : {"savings-table", "chart-fy-difference", "chart-cumulative-difference", "chart-diff-vacant_fte",
                           "chart-diff-vacancy_rate", "chart-diff-agency_fte", "chart-diff-agency_rate",
                           "chart-diff-permanent_fte", "chart-diff-spend_total", "chart-level-spend_total", "targets-table"}) {
        INFO(id);
        CHECK(dom.find("id=\"" + std::string(id) + "\"") != std::string::npos);
    }
    CHECK(count(dom, "data-chart=\"difference\"") >= 8);
    // Cheaper agency costs less from the first month: a saving, and a break-even drawn on the chart.
    const auto summary = nlohmann::ordered_json::parse(read_file(dir + "/summary.json"));
    REQUIRE(summary["alternatives"][0]["break_even_month"] == 1);
    CHECK(dom.find("saves \xC2\xA3") != std::string::npos);
    CHECK(dom.find("class=\"mark\"") != std::string::npos);
    CHECK(dom.find("(month 1)") != std::string::npos);
    CHECK(dom.find("agency.cost_per_year") != std::string::npos);  // what differs from the base
    CHECK(count(dom, "class=\"target-marker\"") >= 3);
    // Every saving with the interval of the mean and the middle 80% of paired outcomes, each said in words.
    const auto& saving = summary["alternatives"][0]["spend_total_difference"];
    CHECK(saving["mean"].is_number());
    CHECK(saving["p10"].get<double>() <= saving["mean"].get<double>());
    CHECK(saving["p90"].get<double>() >= saving["mean"].get<double>());
    CHECK(dom.find("Middle 80% of paired outcomes") != std::string::npos);
    CHECK(dom.find("95% interval of the mean") != std::string::npos);
    CHECK(dom.find("in 8 of 10 futures the difference lies between") != std::string::npos);
    CHECK(dom.find("with more replications it narrows") != std::string::npos);
    CHECK(dom.find("Met from then on") != std::string::npos);

    const std::string workbook = xlsx_part(tmp, dir + "/report.xlsx", "xl/workbook.xml");
    for (const char* sheet : {"Trajectories", "Financial years", "Differences", "Savings", "Targets"}) {
        INFO(sheet);
        CHECK(workbook.find("name=\"" + std::string(sheet) + "\"") != std::string::npos);
    }
}

TEST_CASE("report after sweep: a heat map of the goal that marks the points meeting it", "[report][browser]") {
    require_chromium();
    TempDir tmp;
    const std::string dir = (tmp.path / "sweep").string();
    auto r = run_wfsim("sweep " + source_path("scenarios/default.yaml") +
                       " --grid agency.cost_per_year=60000,78000 --grid leaving.pay_elasticity=-1.5,-0.5"
                       " --goal \"agency spend down to 30% of today's>=0.2\" --reps 20 --out " +
                       quoted(dir));
    REQUIRE(r.exit_code == 0);
    r = run_wfsim("report " + quoted(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string csv = read_file(dir + "/sweep.csv");
    const std::size_t meeting = count(csv, ",true\n");
    REQUIRE(meeting > 0);  // the goal is set so that some points meet it
    REQUIRE(meeting < 4);  // and some do not

    const std::string dom = dump_dom(tmp, dir + "/report.html");
    CHECK(count(dom, "data-chart=\"heatmap\"") == 2);  // the goal's probability and the total spend
    CHECK(count(dom, "class=\"cell") == 8);
    CHECK(count(dom, "class=\"cell meets-goal") == 2 * meeting);
    CHECK(count(dom, " best\"") == 2);
    CHECK(dom.find("agency.cost_per_year") != std::string::npos);
    CHECK(dom.find("leaving.pay_elasticity") != std::string::npos);
    CHECK(dom.find("id=\"best\"") != std::string::npos);

    const std::string workbook = xlsx_part(tmp, dir + "/report.xlsx", "xl/workbook.xml");
    CHECK(workbook.find("name=\"Sweep\"") != std::string::npos);
    CHECK(workbook.find("name=\"Targets\"") != std::string::npos);
}

TEST_CASE("every text from a scenario is escaped: a script in a name shows as text", "[report][browser]") {
    require_chromium();
    TempDir tmp;
    const std::string scenario = tmp.write(
        "evil.yaml",
        "name: \"<script>alert(1)</script>\"\n"
        "description: \"<img src=x onerror=alert(2)> & 'quotes' \\\"double\\\"\"\n"
        "start: 2016-04-01\nhorizon: 12 months\n"
        "grades:\n  sw: {salary: 30000}\n"
        "establishment:\n  teams:\n    north: {sw: 10}\n"
        "interventions:\n  - {at: 2016-09-01, name: \"</title><script>alert(3)</script>\", pay_uplift: {sw: 0.05}}\n"
        "targets:\n  - {name: \"<b onmouseover=alert(4)>bold</b>\", metric: vacancy_rate, op: \"<=\", value: 0.1, month: 6}\n");
    const std::string dir = (tmp.path / "evil").string();
    auto r = run_wfsim("run " + quoted(scenario) + " --reps 3 --out " + quoted(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    r = run_wfsim("report " + quoted(dir));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);

    const std::string page = read_file(dir + "/report.html");
    CHECK(lower(page).find("<script") == std::string::npos);
    CHECK(lower(page).find("<img") == std::string::npos);
    CHECK(lower(page).find("<b onmouseover") == std::string::npos);
    CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(page.find("&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;") != std::string::npos);

    // In the browser: no script element, no image, and the name is the heading's text.
    const std::string dom = dump_dom(tmp, dir + "/report.html");
    CHECK(lower(dom).find("<script") == std::string::npos);
    CHECK(lower(dom).find("<img") == std::string::npos);
    CHECK(dom.find("<h1 id=\"title\">&lt;script&gt;alert(1)&lt;/script&gt;</h1>") != std::string::npos);
    CHECK(dom.find("<title>wfsim report: &lt;script&gt;alert(1)&lt;/script&gt;</title>") != std::string::npos);

    // The workbook holds the same texts as plain strings.
    const std::string strings = xlsx_part(tmp, dir + "/report.xlsx", "xl/sharedStrings.xml");
    CHECK(strings.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("report.html prints: Chromium makes an A4 PDF of several pages", "[report][browser]") {
    require_chromium();
    TempDir tmp;
    const std::string dir = (tmp.path / "run").string();
    REQUIRE(run_wfsim("run " + source_path("scenarios/default.yaml") + " --reps 5 --out " + quoted(dir)).exit_code == 0);
    wfsim::report::write_report(dir);
    const std::string pdf = (tmp.path / "report.pdf").string();
    const int rc = chromium(tmp, "--no-pdf-header-footer --print-to-pdf=" + quoted(pdf) + " " +
                                     quoted("file://" + fs::absolute(dir + "/report.html").string()),
                            (tmp.path / "print.out").string());
    INFO(read_file((tmp.path / "chromium.err").string()));
    REQUIRE(rc == 0);
    const std::string text = read_file(pdf);
    REQUIRE(text.rfind("%PDF-", 0) == 0);
    const std::size_t pages = count(text, "/Type /Page\n") + count(text, "/Type /Page ") + count(text, "/Type /Page>");
    INFO(pages << " pages");
    CHECK(pages >= 4);
    // A4 is 595 x 842 points.
    CHECK(std::regex_search(text, std::regex("/MediaBox \\[0 0 59[45]\\.?[0-9]* 84[12]\\.?[0-9]*\\]")));
}

TEST_CASE("report.xlsx: one sheet each, numbers stored as numbers and dates as dates", "[report][xlsx]") {
    TempDir tmp;
    const std::string dir = (tmp.path / "run").string();
    REQUIRE(run_wfsim("run " + source_path("scenarios/default.yaml") + " --reps 5 --out " + quoted(dir)).exit_code == 0);
    wfsim::report::write_report(dir);
    const std::string xlsx = dir + "/report.xlsx";

    const std::string workbook = xlsx_part(tmp, xlsx, "xl/workbook.xml");
    const std::vector<std::string> sheets = {"About", "Trajectories", "Financial years", "Targets", "Totals", "Scenario"};
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        INFO(sheets[i]);
        CHECK(workbook.find("<sheet name=\"" + sheets[i] + "\" sheetId=\"" + std::to_string(i + 1) + "\"") != std::string::npos);
    }
    const std::string styles = xlsx_part(tmp, xlsx, "xl/styles.xml");

    // Trajectories (sheet2): row 2 is month 0 of establishment_fte: 456 FTE on the start date, 1 June 2015.
    const std::string traj = xlsx_part(tmp, xlsx, "xl/worksheets/sheet2.xml");
    const std::string date = cell(traj, "B2"), value = cell(traj, "F2");
    CHECK(date.find(" t=\"") == std::string::npos);  // a number, not a string
    CHECK(cell_value(date) == "42156");              // 2015-06-01 as an Excel date serial
    CHECK(format_code(styles, attribute(date, 0, "s")) == "d mmm yyyy");
    CHECK(value.find(" t=\"") == std::string::npos);
    CHECK(cell_value(value) == "456");

    // Financial years (sheet3): row 2 is 2015/16's permanent spend, a number in pounds from 1 June 2015.
    const std::string fy = xlsx_part(tmp, xlsx, "xl/worksheets/sheet3.xml");
    CHECK(cell_value(cell(fy, "B2")) == "42156");  // 2015-06-01
    const std::string mean = cell(fy, "G2");
    CHECK(mean.find(" t=\"") == std::string::npos);
    CHECK(std::stod(cell_value(mean)) > 1e6);
    CHECK(format_code(styles, attribute(mean, 0, "s")).find("\xC2\xA3#,##0") == 0);

    // Targets (sheet4): probabilities as percentages, and the target not judged over a year has a judged date.
    const std::string targets = xlsx_part(tmp, xlsx, "xl/worksheets/sheet4.xml");
    const std::string p = cell(targets, "I2");
    CHECK(p.find(" t=\"") == std::string::npos);
    const double prob = std::stod(cell_value(p));
    CHECK(prob >= 0);
    CHECK(prob <= 1);
    CHECK(format_code(styles, attribute(p, 0, "s")) == "0.0%");
    CHECK(cell_value(cell(targets, "G2")) == "42886");  // month 24 ends 31 May 2017

    // About (sheet1): the facts that are dates and counts are stored as such.
    const std::string about = xlsx_part(tmp, xlsx, "xl/worksheets/sheet1.xml");
    CHECK(cell(about, "B5").find(" t=\"") == std::string::npos);  // From
    CHECK(cell_value(cell(about, "B5")) == "42156");              // 1 June 2015
    CHECK(cell(about, "B8").find(" t=\"") == std::string::npos);  // Replications
    CHECK(cell_value(cell(about, "B8")) == "5");

    // The same files give the same workbook and page, byte for byte.
    const std::string first_xlsx = read_file(xlsx), first_html = read_file(dir + "/report.html");
    wfsim::report::write_report(dir);
    CHECK(read_file(xlsx) == first_xlsx);
    CHECK(read_file(dir + "/report.html") == first_html);
}

TEST_CASE("report.xlsx of a compare and a sweep: spend by scenario, one type per column, headers in words", "[report][xlsx]") {
    TempDir tmp;
    const std::string base = source_path("scenarios/default.yaml");
    const std::string alt = tmp.write("cheap.yaml", "extends: " + base + "\nname: cheaper agency\nagency: {cost_per_year: 60000}\n");
    const std::string dir = (tmp.path / "cmp").string();
    REQUIRE(run_wfsim("compare " + base + " " + alt + " --reps 5 --months 14 -q --report --out " + quoted(dir)).exit_code == 0);
    const std::string xlsx = dir + "/report.xlsx";
    const std::string workbook = xlsx_part(tmp, xlsx, "xl/workbook.xml");
    CHECK(workbook.find("<sheet name=\"Spend by scenario\" sheetId=\"4\"") != std::string::npos);
    CHECK(workbook.find("<sheet name=\"Savings\" sheetId=\"6\"") != std::string::npos);
    const std::string strings = xlsx_part(tmp, xlsx, "xl/sharedStrings.xml");
    // Spend by scenario (sheet4): both scenarios, 2015/16 and 2016/17 and the whole horizon, in pounds.
    const std::string spend = xlsx_part(tmp, xlsx, "xl/worksheets/sheet4.xml");
    for (const char* c : {"D2", "D4", "D5", "D7"}) {
        INFO(c);
        CHECK(cell(spend, c).find(" t=\"") == std::string::npos);
        CHECK(std::stod(cell_value(cell(spend, c))) > 1e6);
    }
    CHECK(strings.find("whole horizon") != std::string::npos);
    // Savings (sheet6): cheaper from the first month, so break-even is month 1, and a TRUE beside it.
    const std::string savings = xlsx_part(tmp, xlsx, "xl/worksheets/sheet6.xml");
    CHECK(cell(savings, "J2").find(" t=\"") == std::string::npos);
    CHECK(cell_value(cell(savings, "J2")) == "1");
    CHECK(cell(savings, "L2").find(" t=\"b\"") != std::string::npos);
    CHECK(cell_value(cell(savings, "L2")) == "1");
    CHECK(strings.find("never within the horizon") == std::string::npos);

    const std::string sweep = (tmp.path / "sweep").string();
    REQUIRE(run_wfsim("sweep " + base + " --grid agency.cost_per_year=60000,78000 --reps 3 --months 6 -q --report --out " +
                      quoted(sweep))
                .exit_code == 0);
    const std::string sweep_strings = xlsx_part(tmp, sweep + "/report.xlsx", "xl/sharedStrings.xml");
    CHECK(sweep_strings.find("Total spend: 95% interval low") != std::string::npos);
    CHECK(sweep_strings.find("Probability: agency share of staffing spend at most 30%") != std::string::npos);
    CHECK(sweep_strings.find("spend_total_ci95_low") == std::string::npos);
}

TEST_CASE("report: a folder that is not a run's output is refused with a message and exit 2", "[report]") {
    TempDir tmp;
    auto r = run_wfsim("report " + quoted((tmp.path / "missing").string()));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("is not a folder") != std::string::npos);

    fs::create_directories(tmp.path / "empty");
    r = run_wfsim("report " + quoted((tmp.path / "empty").string()));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("holds no summary.json") != std::string::npos);

    // A damaged file is named, with where it is wrong; nothing is written.
    const std::string dir = (tmp.path / "run").string();
    REQUIRE(run_wfsim("run " + wfsim::test::source_path("scenarios/default.yaml") + " --reps 2 --months 6 --out " + quoted(dir))
                .exit_code == 0);
    std::ofstream(dir + "/trajectory.csv", std::ios::app) << "0,2015-06-30,vacant_fte,1,2,3\n";
    r = run_wfsim("report " + quoted(dir));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("trajectory.csv") != std::string::npos);
    CHECK(r.err.find("fields") != std::string::npos);
    CHECK(!fs::exists(dir + "/report.html"));
    CHECK(!fs::exists(dir + "/report.xlsx"));
    CHECK_THROWS_AS(wfsim::report::write_report(dir), std::runtime_error);

    // A file cut at a line break is refused too, rather than drawn with zeros.
    REQUIRE(run_wfsim("run " + wfsim::test::source_path("scenarios/default.yaml") + " --reps 2 --months 6 --force --out " +
                      quoted(dir))
                .exit_code == 0);
    const std::string full = read_file(dir + "/trajectory.csv");
    std::size_t cut = 0;  // at the line break nearest the middle
    cut = full.find('\n', full.size() / 2) + 1;
    std::ofstream(dir + "/trajectory.csv", std::ios::binary | std::ios::trunc) << full.substr(0, cut);
    r = run_wfsim("report " + quoted(dir));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("the file is incomplete") != std::string::npos);

    r = run_wfsim("report");
    CHECK(r.exit_code == 2);
    r = run_wfsim("report --help");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("usage: wfsim report") != std::string::npos);
}

TEST_CASE("report text: money, percentages, dates and escaping", "[report][units]") {
    using namespace wfsim::report;
    CHECK(money(34720) == "\xC2\xA3" "34,720");
    CHECK(money(1.2e6) == "\xC2\xA3" "1.20m");
    CHECK(money(60953869.38) == "\xC2\xA3" "60.95m");
    CHECK(money(-1500) == "\xE2\x88\x92\xC2\xA3" "1,500");
    CHECK(money(0.4) == "\xC2\xA3" "0");
    CHECK(signed_money(430812.7) == "+\xC2\xA3" "430,813");
    CHECK(money_tick(1.5e6, 5e5) == "\xC2\xA3" "1.5m");
    CHECK(money_tick(250000, 50000) == "\xC2\xA3" "250k");
    CHECK(money_tick(750, 250) == "\xC2\xA3" "750");
    CHECK(money_tick(0, 5e5) == "\xC2\xA3" "0");
    CHECK(percent(0.071) == "7.1%");
    CHECK(percent(0.3, 0) == "30%");
    CHECK(number(0.30) == "0.3");
    CHECK(thousands(1234567.4) == "1,234,567");
    CHECK(long_date("2016-04-01") == "1 April 2016");
    CHECK(month_year("2017-05-31") == "May 2017");
    CHECK(iso_to_days("1970-01-01") == 0L);
    CHECK(iso_to_days("2016-02-29").has_value());
    CHECK(!iso_to_days("2015-02-29").has_value());
    CHECK(!iso_to_days("2015-13-01").has_value());
    for (const char* d : {"2015-06-30", "2000-02-29", "1999-12-31", "2100-03-01"}) CHECK(days_to_iso(*iso_to_days(d)) == d);
    CHECK(parse_number("78,000") == 78000.0);
    CHECK(parse_number("\xC2\xA3" "78_000") == 78000.0);
    CHECK(parse_number("15%") == Approx(0.15));
    CHECK(parse_number("1.1e6") == 1.1e6);
    CHECK(!parse_number("3 weeks").has_value());
    CHECK(!parse_number("nan").has_value());
    CHECK(html("<a href=\"x\">Tom & Jerry's</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    CHECK(clean_text(std::string("ok\x01\xff", 4)) == "ok\xEF\xBF\xBD");  // control dropped, bad byte replaced
    CHECK(clean_text("\xC3\xA9t\xC3\xA9") == "\xC3\xA9t\xC3\xA9");            // valid UTF-8 kept
}

TEST_CASE("report readers: CSV quoting and JSON with escapes, order and errors", "[report][units]") {
    using namespace wfsim::report;
    const CsvTable t = parse_csv("a,b,\"c, d\"\r\n1,\"say \"\"hi\"\"\",x\n\n2,,\"line\nbreak\"\n", "t.csv");
    REQUIRE(t.header == std::vector<std::string>{"a", "b", "c, d"});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0][1] == "say \"hi\"");
    CHECK(t.rows[1][2] == "line\nbreak");
    CHECK(t.number(1, 0) == 2);
    CHECK_THROWS_WITH(t.number(0, 2), Catch::Contains("t.csv: row 2, column c, d"));
    CHECK_THROWS_WITH(parse_csv("a,b\n1\n", "u.csv"), Catch::Contains("u.csv:2: the row has 1 fields"));
    CHECK_THROWS_WITH(parse_csv("a\n\"open\n", "v.csv"), Catch::Contains("never closed"));

    const Json j = Json::parse(R"({"z": 1, "a": [true, null, -2.5e3], "s": "\u00a3\ud83d\ude00 \"q\"\n", "o": {}})", "j.json");
    REQUIRE(j.object().size() == 4);
    CHECK(j.object()[0].first == "z");  // the file's order is kept
    CHECK(j.at("a").array()[2].number() == -2500);
    CHECK(j.at("a").array()[1].is_null());
    CHECK(j.at("s").string() == "\xC2\xA3\xF0\x9F\x98\x80 \"q\"\n");
    CHECK(!j.number_or_null("missing").has_value());
    CHECK_THROWS_WITH(Json::parse("{\"a\": }", "k.json"), Catch::Contains("k.json:1:7"));
    CHECK_THROWS_AS(Json::parse("[1,]", "k.json"), std::runtime_error);
    CHECK_THROWS_AS(Json::parse("{\"a\": 1} x", "k.json"), std::runtime_error);
    CHECK_THROWS_AS(Json::parse(std::string(1000, '['), "deep.json"), std::runtime_error);  // depth is limited
}

TEST_CASE("report layout: six Cambridgeshire scenarios, the default run and 8 alternatives with 10 targets fit screen and A4",
          "[report][browser]") {
    require_chromium();
    TempDir tmp;
    const std::string cambs = source_path("scenarios/cambridgeshire") + "/";
    const std::vector<std::string> proposals = {"marketing", "recognition", "reevaluation", "workforce-development", "all-four"};

    SECTION("the Cambridgeshire comparison of six scenarios") {
        std::string files = quoted(cambs + "cambridgeshire-2015.yaml");
        for (const auto& p : proposals) files += " " + quoted(cambs + p + ".yaml");
        const std::string dir = (tmp.path / "cambs").string();
        auto r = run_wfsim("compare " + files + " --reps 8 -q --report --out " + quoted(dir));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        check_layout(tmp, dir + "/report.html");
        std::size_t pages = 0;
        const std::string text = printed_text(tmp, dir + "/report.html", pages);
        for (const char* name : {"Cambridgeshire 2015 (status quo)", "Cambridgeshire 2015 + recruitment marketing",
                                 "Cambridgeshire 2015 + recognition scheme", "Cambridgeshire 2015 + re-evaluation of roles",
                                 "Cambridgeshire 2015 + workforce development (ASYE programme)",
                                 "Cambridgeshire 2015 + all four proposals"}) {
            INFO(name);
            CHECK(text.find(name) != std::string::npos);
        }
        // Each scenario's chance of overspending its budget, each year.
        const auto summary = nlohmann::ordered_json::parse(read_file(dir + "/summary.json"));
        REQUIRE(summary["targets_by_scenario"].size() == 6);
        for (const auto& s : summary["targets_by_scenario"]) {
            INFO(s["scenario"]);
            REQUIRE(s.contains("budget"));
            CHECK(s["budget"][0]["financial_year"] == "2015/16");
            CHECK(s["budget"][0]["budget"] == 13200000);
            CHECK(s["budget"][0]["p_overspend"].is_number());
        }
        // Legends name each alternative by what differs from the base, once.
        const std::string page = read_file(dir + "/report.html");
        const std::size_t budget = page.find("id=\"budget-table\"");
        REQUIRE(budget != std::string::npos);
        CHECK(count(page.substr(budget, page.find("</table>", budget) - budget), "<tr><th scope=\"row\">") == 6);
        const std::size_t legend = page.find("<div class=\"legend\">", page.find("id=\"chart-diff-vacancy_rate\""));
        const std::string keys = page.substr(legend, page.find("</div>", legend) - legend);
        CHECK(keys.find("Cambridgeshire 2015") == std::string::npos);
        CHECK(keys.find("+ recognition scheme") != std::string::npos);
        // One key per alternative (five), one for every band, and one for the dated changes if the base has any.
        CHECK(count(keys, "class=\"key\"") == 6 + count(keys, "swatch dotted"));
    }
    SECTION("the default run") {
        const std::string dir = (tmp.path / "run").string();
        auto r = run_wfsim("run " + source_path("scenarios/default.yaml") + " --reps 8 -q --report --out " + quoted(dir));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        check_layout(tmp, dir + "/report.html");
    }
    SECTION("a run of 15 years: sixteen financial years on the bar charts") {
        const std::string dir = (tmp.path / "long").string();
        auto r = run_wfsim("run " + source_path("scenarios/default.yaml") + " --reps 3 --months 180 -q --report --out " +
                           quoted(dir));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        check_layout(tmp, dir + "/report.html", false);  // the default run's page is checked by axe above
    }
    SECTION("a comparison of 8 alternatives with 10 targets") {
        std::string base = "extends: " + source_path("scenarios/default.yaml") +
                           "\nname: Synthetic county 2015 (the base case, with a long name)\ntargets:\n";
        for (int k = 1; k <= 10; ++k) {
            const std::string n = std::to_string(k), month = std::to_string(2 * k + 2);
            switch (k % 5) {
                case 0: base += "  - {name: target " + n + " vacancy rate at most 6% by month " + month +
                                ", metric: vacancy_rate, op: \"<=\", value: 0.06, month: " + month + "}\n"; break;
                case 1: base += "  - {name: target " + n + " agency rate at most 5%, metric: agency_rate, op: \"<=\", value: 0.05, "
                                "month: " + month + "}\n"; break;
                case 2: base += "  - {name: target " + n + " permanent staff at least " + std::to_string(430 + k) +
                                " FTE, metric: permanent_fte, op: \">=\", value: " + std::to_string(430 + k) + ", month: " + month +
                                "}\n"; break;
                case 3: base += "  - {name: target " + n + " agency spend in 2016/17 at most 2m pounds, metric: spend_agency, "
                                "op: \"<=\", value: 2.0e6, financial_year: 2016/17}\n"; break;
                default: base += "  - {name: target " + n + " vacant posts at most 20 FTE, metric: vacant_fte, op: \"<=\", "
                                 "value: 20, month: " + month + "}\n"; break;
            }
        }
        const std::string base_file = tmp.write("base.yaml", base);
        std::string files = quoted(base_file);
        std::vector<std::string> names;
        for (int i = 1; i <= 8; ++i) {
            const std::string cost = std::to_string(60000 + 3000 * i);
            names.push_back("Synthetic county 2015 + alternative " + std::to_string(i) + ": agency at " + cost +
                            " pounds a year, with a description as long as people write them");
            files += " " + quoted(tmp.write("alt" + std::to_string(i) + ".yaml", "extends: " + base_file + "\nname: \"" +
                                                                                   names.back() + "\"\nagency: {cost_per_year: " +
                                                                                   cost + "}\n"));
        }
        const std::string dir = (tmp.path / "eight").string();
        auto r = run_wfsim("compare " + files + " --reps 6 --months 24 -q --report --out " + quoted(dir));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const std::string page = read_file(dir + "/report.html");
        CHECK(count(page, "<tbody class=\"group\">") == 10);  // a group of rows per target
        check_layout(tmp, dir + "/report.html");
        std::size_t pages = 0;
        const std::string text = printed_text(tmp, dir + "/report.html", pages);
        for (const auto& name : names) {
            INFO(name);
            CHECK(text.find(name) != std::string::npos);
        }
    }
}

TEST_CASE("report: spend against the budget as a sentence, with the chance of overspending each year", "[report]") {
    TempDir tmp;
    const std::string dir = (tmp.path / "run").string();
    auto r = run_wfsim("run " + source_path("scenarios/cambridgeshire/cambridgeshire-2015.yaml") + " --reps 5 -q --out " +
                       quoted(dir));
    REQUIRE(r.exit_code == 0);
    const auto budget = nlohmann::ordered_json::parse(read_file(dir + "/summary.json"))["budget"];
    // The scenario's budget: 13.2m for 2015/16 and 16.4m for 2016/17.
    REQUIRE(budget.size() >= 2);
    CHECK(budget[0]["financial_year"] == "2015/16");
    CHECK(budget[0]["budget"] == 13200000);
    CHECK(budget[0]["p_overspend"].is_number());
    CHECK(budget[1]["financial_year"] == "2016/17");
    CHECK(budget[1]["budget"] == 16400000);
    wfsim::report::write_report(dir);
    const std::string page = read_file(dir + "/report.html");
    CHECK(page.find("id=\"budget-sentences\"") != std::string::npos);
    CHECK(std::regex_search(page, std::regex("In 2016/17 total spend is \xC2\xA3[0-9.]+m \\(median; 90% of replications between "
                                             "\xC2\xA3[0-9.]+m and \xC2\xA3[0-9.]+m\\) against a budget of \xC2\xA3" "16.40m: "
                                             "\xC2\xA3[0-9.,m]+ (over|under) in the median future, and a [0-9]+% chance of "
                                             "overspending \\(95% interval [0-9]+% to [0-9]+%\\)\\.")));
    // A run without a budget has none.
    const std::string plain = (tmp.path / "plain").string();
    REQUIRE(run_wfsim("run " + source_path("scenarios/default.yaml") + " --reps 2 -q --out " + quoted(plain)).exit_code == 0);
    CHECK(read_file(plain + "/summary.json").find("\"budget\"") == std::string::npos);
}

TEST_CASE("report after sweep: a small spread is not stretched over every colour, and with no point meeting the goal the nearest is named",
          "[report]") {
    TempDir tmp;
    const std::string dir = (tmp.path / "sweep").string();
    auto r = run_wfsim("sweep " + source_path("scenarios/default.yaml") +
                       " --grid agency.cost_per_year=60000,78000 --grid leaving.pay_elasticity=-1.5,-0.5"
                       " --goal \"agency spend down to 30% of today's>=0.999\" --reps 6 -q --out " + quoted(dir));
    REQUIRE(r.exit_code == 0);
    REQUIRE(read_file(dir + "/sweep.csv").find(",true\n") == std::string::npos);  // no point meets it
    wfsim::report::write_report(dir);
    const std::string page = read_file(dir + "/report.html");
    CHECK(page.find("<strong>No grid point meets the goal.</strong> The nearest is point ") != std::string::npos);
    CHECK(count(page, "class=\"cell nearest\"") == 2);  // on both heat maps
    CHECK(page.find("a dashed outline and \xE2\x98\x86 mark the one that comes nearest") != std::string::npos);
    // Total spend differs by a few per cent between points: the scale spans 20% of the mean, and says so.
    CHECK(std::regex_search(page, std::regex("The colours run from \xC2\xA3[0-9.]+m \\(lightest\\) to \xC2\xA3[0-9.]+m "
                                             "\\(darkest\\); the points lie between \xC2\xA3[0-9.]+m and \xC2\xA3[0-9.]+m, a "
                                             "spread of [0-9.]+% of their mean \\(the scale spans at least 20% of the mean")));
    CHECK(page.find("The colours run from 0% (lightest) to 100% (darkest)") != std::string::npos);
}

TEST_CASE("chart labels stay apart: targets crowded on one day with numbered changes, and on one year's bar", "[report][browser]") {
    require_chromium();
    using namespace wfsim::report;
    TempDir tmp;
    // The page's style from a real report, around charts drawn here to crowd their labels.
    const std::string dir = (tmp.path / "run").string();
    REQUIRE(run_wfsim("run " + source_path("scenarios/default.yaml") + " --reps 2 --months 12 -q --report --out " + quoted(dir))
                .exit_code == 0);
    const std::string real = read_file(dir + "/report.html");
    std::string page = real.substr(0, real.find("<body>") + 6) + "<div class=\"charts\">\n";

    std::vector<std::string> dates;
    for (int m = 0; m <= 24; ++m) dates.push_back(days_to_iso(*iso_to_days("2016-04-30") + 30 * m));
    dates[0] = "2016-04-01";
    const TimeAxis axis = time_axis("2016-04-01", dates);
    std::vector<Stats> s(dates.size());
    for (std::size_t m = 0; m < s.size(); ++m) {
        const double v = 0.1 + 0.004 * static_cast<double>(m);
        s[m] = {v, 0.01, v - 0.03, v - 0.02, v - 0.01, v, v + 0.01, v + 0.02, v + 0.03};
    }
    TimeChart c = fan_chart("crowded", "vacancy_rate", axis, s);
    for (int k = 0; k < 6; ++k)  // six targets judged in the same month, at nearly the same value, at the top
        c.targets.push_back({"T" + std::to_string(k + 1), "target " + std::to_string(k + 1), 0.2 + 0.001 * k,
                             axis.month_end[12 + (k % 2)], -1});
    c.targets.push_back({"T7", "at the far right", 0.19, axis.month_end.back(), -1});
    for (int k = 0; k < 7; ++k)  // dated changes on the same days as the targets, and a day apart
        c.events.push_back({k + 1, axis.month_end[12] + (k < 3 ? 0 : k - 2), "change " + std::to_string(k + 1)});
    page += time_chart_html(c);

    BarChart b;
    b.id = "crowded-bars";
    b.metric = "spend_agency";
    b.title = "Agency spend by financial year";
    b.y_label = "Agency spend (\xC2\xA3 per year)";
    for (int y = 0; y < 12; ++y) {
        b.categories.push_back(std::to_string(2016 + y) + "/" + std::to_string(17 + y));
        b.category_notes.push_back(y == 0 ? "Apr 2016 to Mar 2017" : y == 11 ? "Apr 2027 to May 2027" : "");
    }
    BarSeries ser;
    ser.name = "median";
    ser.colour = "#4292c6";
    for (int y = 0; y < 12; ++y) ser.value.push_back(2.0e6 - 1e5 * y);
    b.series.push_back(ser);
    for (int k = 0; k < 4; ++k) b.targets.push_back({"T" + std::to_string(k + 1), "yearly", 1.9e6 + 1e4 * k, 0, 3});
    page += bar_chart_html(b);

    HeatMap h;
    h.id = "crowded-heat";
    h.title = "Total spend";
    h.metric = "spend_total";
    h.x_label = "recruitment.advertising_cost_per_campaign";
    h.y_label = "retention.bonus.amount_per_worker_per_year";
    h.x_values = {"1000", "2500", "5000", "10000", "25000", "50000", "100000", "250000"};
    h.y_values = {"0", "1000 pounds a year", "2500 pounds a year"};
    h.cells.assign(3, std::vector<std::optional<double>>(8));
    h.meets.assign(3, std::vector<bool>(8, false));
    for (std::size_t y = 0; y < 3; ++y)
        for (std::size_t x = 0; x < 8; ++x) h.cells[y][x] = 60.95e6 + 1e4 * static_cast<double>(x + 8 * y);
    h.nearest = std::make_pair(std::size_t{1}, std::size_t{7});
    page += heat_map_html(h);
    page += "</div>\n</body>\n</html>\n";
    const std::string path = tmp.write("crowded.html", page);

    for (const auto& [width, print] : {std::pair{1024, false}, std::pair{703, true}}) {
        INFO((print ? "printed, A4 width " : "on screen, ") << width << " px");
        CHECK(inspect(tmp, path, width, print, false).layout == "");
    }
    // The heat map's scale spans 20% of the mean, not the cells' 0.4% spread.
    CHECK(page.find("a spread of 0.4% of their mean (the scale spans at least 20% of the mean") != std::string::npos);
}
