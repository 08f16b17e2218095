// report.xlsx for finance teams: one sheet each for trajectories, financial
// years and targets (and, for a comparison, the differences and savings; for
// a sweep, the points). Numbers are stored as numbers with a format (money,
// percentages, FTE), dates as dates.
#include <xlsxwriter.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <optional>
#include <stdexcept>

#include "models/report/assumptions.h"
#include "models/report/report.h"
#include "models/report/text.h"

namespace wfsim::report {

namespace {

constexpr lxw_row_t kMaxRow = 1048575;

// A thin, checked wrapper: the first failure is remembered and reported at close.
class Book {
public:
    explicit Book(const std::string& path, long created) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_FALSE;
        options.use_zip64 = LXW_FALSE;
        wb_ = workbook_new_opt(path.c_str(), &options);
        if (!wb_) throw std::runtime_error("cannot create " + path);
        props_.title = const_cast<char*>("wfsim report");
        props_.comments = const_cast<char*>("Made by wfsim report from the files of a run");
        props_.created = static_cast<time_t>(created);  // the results' time: the same files give the same workbook
        workbook_set_properties(wb_, &props_);

        header_ = workbook_add_format(wb_);
        format_set_bold(header_);
        format_set_text_wrap(header_);
        format_set_bg_color(header_, 0xDCE6F1);
        format_set_bottom(header_, LXW_BORDER_THIN);
        title_ = workbook_add_format(wb_);
        format_set_bold(title_);
        format_set_font_size(title_, 14);
        bold_ = workbook_add_format(wb_);
        format_set_bold(bold_);
        wrap_ = workbook_add_format(wb_);
        format_set_text_wrap(wrap_);
        date_ = number_format("d mmm yyyy");
        money_ = number_format("\xC2\xA3#,##0;-\xC2\xA3#,##0");
        percent_ = number_format("0.0%");
        fte_ = number_format("#,##0.0");
        count_ = number_format("#,##0");
        ratio_ = number_format("0.000");
        // The About sheet's values sit left, as its text does.
        left_count_ = number_format("0");
        format_set_align(left_count_, LXW_ALIGN_LEFT);
        left_date_ = number_format("d mmmm yyyy");
        format_set_align(left_date_, LXW_ALIGN_LEFT);
    }
    ~Book() {
        if (wb_) workbook_close(wb_);  // only after a failure; close() clears wb_
    }
    Book(const Book&) = delete;
    Book& operator=(const Book&) = delete;

    lxw_worksheet* sheet(const char* name) {
        lxw_worksheet* ws = workbook_add_worksheet(wb_, name);
        if (!ws) throw std::runtime_error(std::string("cannot add the sheet ") + name);
        worksheet_set_paper(ws, 9);  // A4
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        return ws;
    }

    void text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f = nullptr) {
        if (r > kMaxRow) return;
        std::string t = clean_text(s);
        if (t.size() > 32000) {
            t.resize(32000);
            while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();
            if (!t.empty() && static_cast<unsigned char>(t.back()) >= 0xC0) t.pop_back();
        }
        if (t.empty()) return;
        check(worksheet_write_string(ws, r, c, t.c_str(), f));
    }
    void num(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, double v, lxw_format* f = nullptr) {
        if (r > kMaxRow || !std::isfinite(v)) return;
        check(worksheet_write_number(ws, r, c, v, f));
    }
    void date(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& iso, lxw_format* f = nullptr) {
        if (r > kMaxRow) return;
        if (!iso_to_days(iso)) {
            text(ws, r, c, iso);
            return;
        }
        lxw_datetime dt{std::atoi(iso.substr(0, 4).c_str()), std::atoi(iso.substr(5, 2).c_str()),
                        std::atoi(iso.substr(8, 2).c_str()), 0, 0, 0.0};
        check(worksheet_write_datetime(ws, r, c, &dt, f ? f : date_));
    }
    void boolean(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, bool v) {
        if (r > kMaxRow) return;
        check(worksheet_write_boolean(ws, r, c, v ? 1 : 0, nullptr));
    }
    // A header row, frozen, with a filter over `rows` data rows, and column widths.
    void table_header(lxw_worksheet* ws, lxw_row_t row, const std::vector<std::string>& names, const std::vector<double>& widths,
                      lxw_row_t rows) {
        for (std::size_t c = 0; c < names.size(); ++c) {
            text(ws, row, static_cast<lxw_col_t>(c), names[c], header_);
            check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                       c < widths.size() ? widths[c] : 12, nullptr));
        }
        worksheet_freeze_panes(ws, row + 1, 0);
        if (!names.empty())
            check(worksheet_autofilter(ws, row, 0, std::min<lxw_row_t>(row + std::max<lxw_row_t>(rows, 1), kMaxRow),
                                       static_cast<lxw_col_t>(names.size() - 1)));
        check(worksheet_repeat_rows(ws, row, row));
    }

    lxw_format* format_for(const std::string& metric) {
        switch (unit_of(metric)) {
            case Unit::Money: return money_;
            case Unit::Share: return percent_;
            case Unit::Ratio: return ratio_;
            default: return fte_;
        }
    }

    void close(const std::string& path) {
        check(LXW_NO_ERROR);
        const lxw_error e = workbook_close(wb_);
        wb_ = nullptr;
        if (first_error_ != LXW_NO_ERROR) throw std::runtime_error("cannot write " + path + ": " + lxw_strerror(first_error_));
        if (e != LXW_NO_ERROR) throw std::runtime_error("cannot write " + path + ": " + lxw_strerror(e));
    }

    lxw_format *header_, *title_, *bold_, *wrap_, *date_, *money_, *percent_, *fte_, *count_, *ratio_, *left_count_,
        *left_date_;

private:
    lxw_workbook* wb_ = nullptr;
    lxw_doc_properties props_{};
    lxw_error first_error_ = LXW_NO_ERROR;

    lxw_format* number_format(const char* f) {
        lxw_format* fmt = workbook_add_format(wb_);
        format_set_num_format(fmt, f);
        return fmt;
    }
    void check(lxw_error e) {
        if (e != LXW_NO_ERROR && first_error_ == LXW_NO_ERROR) first_error_ = e;
    }
};

lxw_row_t rows_of(std::size_t n) { return static_cast<lxw_row_t>(std::min<std::size_t>(n, kMaxRow)); }

const char* const kMonthNumbering =
    "Month 0 is the start date (staff, posts and rates as the service starts; flows and spend have no value there); "
    "month m is the last day of the m-th month. Targets, first month met and break-even use the same numbers.";

// A fact of the About sheet, stored as what it is, so that Excel can use it:
// a date as a date, a count as a number, anything else as text.
struct Fact {
    std::string name, text, iso;
    std::optional<double> count;
    Fact(std::string n, std::string t) : name(std::move(n)), text(std::move(t)) {}
    static Fact on(std::string n, std::string iso) {
        Fact f(std::move(n), "");
        f.iso = std::move(iso);
        return f;
    }
    static Fact number(std::string n, double v) {
        Fact f(std::move(n), "");
        f.count = v;
        return f;
    }
};

void about_sheet(Book& b, const ReportData& d, const std::vector<Fact>& facts,
                 const std::vector<std::pair<std::string, std::string>>& sheets) {
    lxw_worksheet* ws = b.sheet("About");
    worksheet_set_column(ws, 0, 0, 28, nullptr);
    worksheet_set_column(ws, 1, 1, 90, b.wrap_);
    b.text(ws, 0, 0, "wfsim report: " + d.title(), b.title_);
    lxw_row_t r = 2;
    for (const Fact& f : facts) {
        b.text(ws, r, 0, f.name, b.bold_);
        if (f.count) b.num(ws, r, 1, *f.count, b.left_count_);
        else if (!f.iso.empty()) b.date(ws, r, 1, f.iso, b.left_date_);
        else b.text(ws, r, 1, f.text);
        ++r;
    }
    ++r;
    b.text(ws, r++, 0, "Sheets", b.bold_);
    for (const auto& [k, v] : sheets) {
        b.text(ws, r, 0, k);
        b.text(ws, r++, 1, v);
    }
    ++r;
    b.text(ws, r, 0, "Units", b.bold_);
    b.text(ws, r++, 1, "Money in pounds; shares as percentages (stored as fractions); FTE; dates as dates. Statistics are "
                       "over replications: mean, standard deviation and percentiles (p05 = 5th percentile).");
    b.text(ws, r, 0, "Months", b.bold_);
    b.text(ws, r++, 1, kMonthNumbering);
    const auto changes = d.scenarios.empty() || !d.scenarios.front().problem.empty()
                             ? std::vector<Intervention>{}
                             : dated_changes(d.scenarios.front().root);
    if (!changes.empty()) {
        ++r;
        b.text(ws, r, 0, "Interventions and dated changes", b.bold_);
        for (const auto& c : changes) {
            b.date(ws, ++r, 0, c.date);
            b.text(ws, r, 1, c.name + ": " + c.what);
        }
    }
}

void scenario_sheet(Book& b, const ReportData& d) {
    lxw_worksheet* ws = b.sheet("Scenario");
    std::size_t lines = 0;
    for (const auto& s : d.scenarios) lines += s.problem.empty() ? static_cast<std::size_t>(std::count(s.text.begin(), s.text.end(), '\n')) + 1 : 1;
    b.table_header(ws, 0, {"File", "Line", "Text"}, {26, 6, 110}, rows_of(lines));
    lxw_row_t r = 1;
    for (const auto& s : d.scenarios) {
        if (!s.problem.empty()) {
            b.text(ws, r, 0, s.file);
            b.text(ws, r++, 2, s.problem);
            continue;
        }
        std::size_t from = 0, line = 1;
        while (from <= s.text.size() && r <= kMaxRow) {
            const auto nl = s.text.find('\n', from);
            const std::string text = s.text.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
            if (!(nl == std::string::npos && text.empty())) {
                b.text(ws, r, 0, s.file);
                b.num(ws, r, 1, static_cast<double>(line));
                b.text(ws, r++, 2, text);
            }
            if (nl == std::string::npos) break;
            from = nl + 1;
            ++line;
        }
    }
}

const std::vector<std::string> kStatNames = {"mean", "sd", "p05", "p10", "p25", "p50", "p75", "p90", "p95"};

void stats_cells(Book& b, lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Stats& s, lxw_format* f) {
    const double v[] = {s.mean, s.sd, s.p05, s.p10, s.p25, s.p50, s.p75, s.p90, s.p95};
    for (int k = 0; k < 9; ++k) b.num(ws, r, static_cast<lxw_col_t>(c + k), v[k], f);
}

// The month a target is judged in, as a date, when it is judged at a month.
// dates[m] is month m's (0: the start date), as in trajectory.csv.
std::string judged_date(const Target& t, const std::vector<std::string>& dates) {
    if (t.when.rfind("month ", 0) == 0) {
        const auto n = parse_number(t.when.substr(6));
        if (n && *n >= 0 && *n < static_cast<double>(dates.size())) return dates[static_cast<std::size_t>(*n)];
        return "";
    }
    // `by`: the month containing the date, the first m >= 1 ending on or after it.
    if (const auto day = iso_to_days(t.when))
        for (std::size_t m = 1; m < dates.size(); ++m)
            if (iso_to_days(dates[m]).value_or(0) >= *day) return dates[m];
    return "";
}

void targets_sheet(Book& b, const std::vector<std::pair<std::string, std::vector<Target>>>& by_scenario,
                   const std::vector<std::string>& dates) {
    lxw_worksheet* ws = b.sheet("Targets");
    std::size_t n = 0;
    for (const auto& [s, list] : by_scenario) n += list.size();
    b.table_header(ws, 0,
                   {"Scenario", "Target", "Metric", "Condition", "Value", "When", "Judged on", "Judged",
                    "Probability met", "95% interval low", "95% interval high", "Value judged: mean", "p10", "p50", "p90",
                    "Share ever met", "First month met: median (0 = start date)", "First met: median month's date", "Note"},
                   {30, 40, 22, 10, 12, 14, 14, 8, 12, 12, 12, 14, 12, 12, 12, 12, 14, 14, 30}, rows_of(n));
    lxw_row_t r = 1;
    for (const auto& [scenario, list] : by_scenario)
        for (const Target& t : list) {
            lxw_format* f = b.format_for(t.metric);
            b.text(ws, r, 0, scenario);
            b.text(ws, r, 1, t.name);
            b.text(ws, r, 2, t.metric);
            b.text(ws, r, 3, t.op);
            b.num(ws, r, 4, t.value, f);
            b.text(ws, r, 5, t.when);
            if (const std::string d = judged_date(t, dates); !d.empty()) b.date(ws, r, 6, d);
            b.boolean(ws, r, 7, t.judged);
            if (t.judged) {
                b.num(ws, r, 8, t.probability, b.percent_);
                b.num(ws, r, 9, t.low, b.percent_);
                b.num(ws, r, 10, t.high, b.percent_);
            }
            if (t.has_value_judged) {
                b.num(ws, r, 11, t.judged_mean, f);
                b.num(ws, r, 12, t.judged_p10, f);
                b.num(ws, r, 13, t.judged_p50, f);
                b.num(ws, r, 14, t.judged_p90, f);
            }
            if (t.has_first_month) {
                b.num(ws, r, 15, t.share_ever_met, b.percent_);
                if (t.share_ever_met > 0) {
                    const double m = std::round(t.first_p50);
                    b.num(ws, r, 16, m, b.count_);
                    if (m >= 0 && m < static_cast<double>(dates.size())) b.date(ws, r, 17, dates[static_cast<std::size_t>(m)]);
                }
            }
            b.text(ws, r, 18, t.note);
            ++r;
        }
}

void write_run(Book& b, const ReportData& d) {
    const RunReport& r = d.run;
    about_sheet(b, d,
                {{"Scenario", r.scenario},
                 {"Kind", "simulation (wfsim run)"},
                 Fact::on("From", r.start),
                 Fact::on("To", r.end),
                 Fact::number("Months", r.horizon_months),
                 Fact::number("Replications", r.replications),
                 Fact::number("Seed", r.seed),
                 {"wfsim version", r.engine_version},
                 {"Description", d.scenarios.front().problem.empty() ? scalar_at(d.scenarios.front().root, "description") : ""}},
                {{"Trajectories", "one row per month and measure: statistics over replications (trajectory.csv)"},
                 {"Financial years", "spend by UK financial year (April to March) and component (financial_years.csv)"},
                 {"Targets", "each target's probability of being met, with its 95% interval"},
                 {"Totals", "totals over the horizon and values in the final month (summary.json)"},
                 {"Scenario", "the scenario as simulated"}});

    lxw_worksheet* ws = b.sheet("Trajectories");
    const auto& traj = r.trajectory;
    std::vector<std::string> head = {"Month (0 = start date)", "Date", "Metric", "Measure", "Unit"};
    head.insert(head.end(), kStatNames.begin(), kStatNames.end());
    b.table_header(ws, 0, head, {10, 13, 24, 34, 22, 13, 12, 13, 13, 13, 13, 13, 13, 13},
                   rows_of(traj.dates.size() * traj.metric_order.size()));
    lxw_row_t row = 1;
    for (std::size_t m = 0; m < traj.dates.size(); ++m)
        for (const auto& metric : traj.metric_order) {
            b.num(ws, row, 0, static_cast<double>(m));
            b.date(ws, row, 1, traj.dates[m]);
            b.text(ws, row, 2, metric);
            b.text(ws, row, 3, metric_label(metric));
            b.text(ws, row, 4, unit_label(metric));
            stats_cells(b, ws, row, 5, traj.metrics.at(metric)[m], b.format_for(metric));
            ++row;
        }

    ws = b.sheet("Financial years");
    head = {"Financial year", "From", "To", "Metric", "Component", "Budget"};
    head.insert(head.end(), kStatNames.begin(), kStatNames.end());
    b.table_header(ws, 0, head, {12, 13, 13, 18, 26, 12, 14, 12, 14, 14, 14, 14, 14, 14, 14}, rows_of(r.financial_years.size()));
    row = 1;
    for (const auto& y : r.financial_years) {
        b.text(ws, row, 0, y.year);
        b.date(ws, row, 1, y.from);
        b.date(ws, row, 2, y.to);
        b.text(ws, row, 3, y.metric);
        b.text(ws, row, 4, metric_label(y.metric));
        // Column 5 is left for the budget: the scenario states none yet.
        stats_cells(b, ws, row, 6, y.stats, b.money_);
        ++row;
    }

    targets_sheet(b, {{r.scenario, r.targets}}, traj.dates);

    ws = b.sheet("Totals");
    head = {"Part", "Metric", "Measure"};
    head.insert(head.end(), kStatNames.begin(), kStatNames.end());
    b.table_header(ws, 0, head, {22, 24, 34, 14, 12, 14, 14, 14, 14, 14, 14, 14}, rows_of(r.totals.size() + r.final_month.size()));
    row = 1;
    for (const auto& [part, list] : {std::make_pair(std::string("total over the horizon"), &r.totals),
                                     std::make_pair(std::string("final month"), &r.final_month)})
        for (const auto& [metric, s] : *list) {
            b.text(ws, row, 0, part);
            b.text(ws, row, 1, metric);
            b.text(ws, row, 2, metric_label(metric));
            stats_cells(b, ws, row, 3, s, b.format_for(metric));
            ++row;
        }
    scenario_sheet(b, d);
}

void write_compare(Book& b, const ReportData& d) {
    const CompareReport& c = d.compare;
    std::string alts;
    for (const auto& a : c.alternatives) alts += (alts.empty() ? "" : "; ") + a.name;
    about_sheet(b, d,
                {{"Base scenario", c.base},
                 {"Alternatives", alts},
                 {"Kind", "comparison on common random numbers (wfsim compare)"},
                 Fact::on("From", c.start),
                 Fact::number("Months", c.horizon_months),
                 Fact::number("Paired replications", c.replications),
                 Fact::number("Seed", c.seed),
                 {"wfsim version", c.engine_version},
                 {"Sign", "differences are alternative minus base: negative is a saving"}},
                {{"Trajectories", "the mean of each scenario, month by month"},
                 {"Financial years", "difference in total spend by financial year, per alternative"},
                 {"Spend by scenario", "each scenario's own total spend by financial year and over the horizon, with its middle 80%"},
                 {"Differences", "paired differences month by month, with sd and 95% interval (comparison.csv)"},
                 {"Savings", "difference in spend over the horizon, in total and by component; chance of costing less; break-even"},
                 {"Targets", "each scenario's targets with their probabilities"},
                 {"Scenario", "the scenarios as simulated"}});

    lxw_worksheet* ws = b.sheet("Trajectories");
    b.table_header(ws, 0, {"Month (0 = start date)", "Date", "Metric", "Measure", "Scenario", "Role", "Mean"},
                   {10, 13, 24, 34, 34, 12, 14}, rows_of(c.dates.size() * c.metric_order.size() * (c.alternatives.size() + 1)));
    lxw_row_t row = 1;
    for (std::size_t m = 0; m < c.dates.size(); ++m)
        for (const auto& metric : c.metric_order)
            for (std::size_t k = 0; k <= c.alternatives.size(); ++k) {
                const Alternative& a = c.alternatives[k == 0 ? 0 : k - 1];
                const auto it = a.monthly.find(metric);
                if (it == a.monthly.end() || m >= it->second.size()) continue;
                b.num(ws, row, 0, static_cast<double>(m));
                b.date(ws, row, 1, c.dates[m]);
                b.text(ws, row, 2, metric);
                b.text(ws, row, 3, metric_label(metric));
                b.text(ws, row, 4, k == 0 ? c.base : a.name);
                b.text(ws, row, 5, k == 0 ? "base" : "alternative");
                b.num(ws, row, 6, k == 0 ? it->second[m].base_mean : it->second[m].alternative_mean, b.format_for(metric));
                ++row;
            }

    ws = b.sheet("Financial years");
    std::size_t n = 0;
    for (const auto& a : c.alternatives) n += a.by_financial_year.size();
    b.table_header(ws, 0, {"Alternative", "Financial year", "Difference in total spend: mean", "sd", "95% interval low",
                           "95% interval high"},
                   {34, 12, 18, 14, 16, 16}, rows_of(n));
    row = 1;
    for (const auto& a : c.alternatives)
        for (const auto& [year, iv] : a.by_financial_year) {
            b.text(ws, row, 0, a.name);
            b.text(ws, row, 1, year);
            b.num(ws, row, 2, iv.mean, b.money_);
            b.num(ws, row, 3, iv.sd, b.money_);
            b.num(ws, row, 4, iv.low, b.money_);
            b.num(ws, row, 5, iv.high, b.money_);
            ++row;
        }

    // What each option costs, not only what it saves: a budget holder's first question.
    ws = b.sheet("Spend by scenario");
    n = 0;
    for (const auto& sp : c.spend_by_scenario) n += 1 + sp.by_financial_year.size();
    b.table_header(ws, 0, {"Scenario", "Role", "Financial year", "Total spend: mean", "10th percentile", "Median", "90th percentile"},
                   {40, 12, 16, 18, 16, 16, 16}, rows_of(n));
    row = 1;
    for (std::size_t k = 0; k < c.spend_by_scenario.size(); ++k) {
        const ScenarioSpend& sp = c.spend_by_scenario[k];
        std::vector<std::pair<std::string, Stats>> lines = sp.by_financial_year;
        lines.emplace_back("whole horizon", sp.total);
        for (const auto& [year, st] : lines) {
            b.text(ws, row, 0, sp.scenario);
            b.text(ws, row, 1, k == 0 ? "base" : "alternative");
            b.text(ws, row, 2, year);
            b.num(ws, row, 3, st.mean, b.money_);
            b.num(ws, row, 4, st.p10, b.money_);
            b.num(ws, row, 5, st.p50, b.money_);
            b.num(ws, row, 6, st.p90, b.money_);
            ++row;
        }
    }

    ws = b.sheet("Differences");
    n = 0;
    for (const auto& a : c.alternatives)
        for (const auto& [metric, series] : a.monthly) n += series.size();
    b.table_header(ws, 0, {"Month (0 = start date)", "Date", "Metric", "Measure", "Alternative", "Base mean", "Alternative mean",
                           "Difference: mean", "Difference: sd", "95% interval low", "95% interval high"},
                   {10, 13, 24, 34, 30, 14, 14, 14, 14, 14, 14}, rows_of(n));
    row = 1;
    for (std::size_t m = 0; m < c.dates.size(); ++m)
        for (const auto& metric : c.metric_order)
            for (const auto& a : c.alternatives) {
                const auto it = a.monthly.find(metric);
                if (it == a.monthly.end() || m >= it->second.size()) continue;
                const auto& x = it->second[m];
                lxw_format* f = b.format_for(metric);
                b.num(ws, row, 0, static_cast<double>(m));
                b.date(ws, row, 1, c.dates[m]);
                b.text(ws, row, 2, metric);
                b.text(ws, row, 3, metric_label(metric));
                b.text(ws, row, 4, a.name);
                b.num(ws, row, 5, x.base_mean, f);
                b.num(ws, row, 6, x.alternative_mean, f);
                b.num(ws, row, 7, x.difference.mean, f);
                b.num(ws, row, 8, x.difference.sd, f);
                b.num(ws, row, 9, x.difference.low, f);
                b.num(ws, row, 10, x.difference.high, f);
                ++row;
            }

    ws = b.sheet("Savings");
    n = 0;
    for (const auto& a : c.alternatives) n += 1 + a.by_component.size();
    b.table_header(ws, 0, {"Alternative", "Part", "Difference over the horizon: mean", "sd", "95% interval low", "95% interval high",
                           "Chance the alternative costs less", "Chance: 95% low", "Chance: 95% high",
                           "Break-even month (1 = first month)", "Break-even: month ending", "Breaks even within the horizon"},
                   {34, 26, 18, 14, 16, 16, 14, 12, 12, 14, 14, 14}, rows_of(n));
    row = 1;
    for (const auto& a : c.alternatives) {
        std::vector<std::pair<std::string, Interval>> parts = {{"spend_total", a.spend_total}};
        parts.insert(parts.end(), a.by_component.begin(), a.by_component.end());
        for (std::size_t k = 0; k < parts.size(); ++k) {
            b.text(ws, row, 0, a.name);
            b.text(ws, row, 1, metric_label(parts[k].first));
            b.num(ws, row, 2, parts[k].second.mean, b.money_);
            b.num(ws, row, 3, parts[k].second.sd, b.money_);
            b.num(ws, row, 4, parts[k].second.low, b.money_);
            b.num(ws, row, 5, parts[k].second.high, b.money_);
            if (k == 0) {
                b.num(ws, row, 6, a.p_costs_less, b.percent_);
                b.num(ws, row, 7, a.p_low, b.percent_);
                b.num(ws, row, 8, a.p_high, b.percent_);
                // One type per column: the month and its date are left empty
                // when it never breaks even, which the last column says.
                if (a.break_even_month) {
                    b.num(ws, row, 9, *a.break_even_month, b.count_);
                    b.date(ws, row, 10, a.break_even_date);
                }
                b.boolean(ws, row, 11, a.break_even_month.has_value());
            }
            ++row;
        }
    }

    targets_sheet(b, c.targets_by_scenario, c.dates);
    scenario_sheet(b, d);
}

// A column of sweep.csv as the Sweep sheet heads it: "Total spend: 95% low"
// for spend_total_ci95_low, the target's name for p_target_1; the metric
// whose unit formats it ("probability" for a target's, "" for a grid key).
struct SweepColumn {
    std::string header, metric;
};

SweepColumn sweep_column(const SweepReport& s, const std::string& col) {
    if (col == "point") return {"Point", ""};
    if (col == "meets_goal") return {"Meets the goal", ""};
    if (col == "replications") return {"Replications", ""};
    if (col == "precision_reached") return {"Precision reached", ""};
    for (std::size_t t = 0; t < s.target_columns.size() && t < s.target_names.size(); ++t)
        if (s.target_columns[t] == col) return {"Probability: " + s.target_names[t], "probability"};
    for (const auto& [suffix, words] : {std::pair<std::string, std::string>{"_mean", "mean"},
                                        {"_ci95_low", "95% interval low"},
                                        {"_ci95_high", "95% interval high"}})
        if (col.size() > suffix.size() && col.compare(col.size() - suffix.size(), suffix.size(), suffix) == 0) {
            const std::string metric = col.substr(0, col.size() - suffix.size());
            return {metric_label(metric) + ": " + words, metric};
        }
    for (const auto& [key, values] : s.grid)
        if (key == col) return {key, ""};  // a scenario key, as the user typed it in --grid
    return {col, ""};
}

void write_sweep(Book& b, const ReportData& d) {
    const SweepReport& s = d.sweep;
    std::string grid;
    for (const auto& [key, values] : s.grid) {
        std::string list;
        for (const auto& v : values) list += (list.empty() ? "" : ", ") + v;
        grid += (grid.empty() ? "" : "; ") + key + " = " + list;
    }
    about_sheet(b, d,
                {{"Scenario", s.scenario},
                 {"Kind", "sweep over a grid on common random numbers (wfsim sweep)"},
                 {"Grid", grid},
                 {"Goal", s.goal.empty() ? "none" : s.goal},
                 {"Minimised", s.minimise},
                 s.best_point ? Fact::number("Best point", static_cast<double>(*s.best_point)) : Fact("Best point", "none meets the goal"),
                 Fact::number("Replications per point", s.replications_per_point),
                 Fact::number("Seed", s.seed),
                 {"wfsim version", s.engine_version}},
                {{"Sweep", "one row per grid point (sweep.csv)"},
                 {"Targets", "each point's probability of meeting each target"},
                 {"Scenario", "the scenario the grid starts from"}});

    // sweep.csv's names are for programs; the sheet's headers are for people,
    // and each column keeps one unit with its format.
    lxw_worksheet* ws = b.sheet("Sweep");
    std::vector<std::string> headers;
    std::vector<lxw_format*> formats;
    std::vector<double> widths;
    for (const auto& col : s.columns) {
        const SweepColumn c = sweep_column(s, col);
        headers.push_back(c.header);
        formats.push_back(c.metric == "probability" ? b.percent_ : c.metric.empty() ? nullptr : b.format_for(c.metric));
        widths.push_back(std::clamp(static_cast<double>(c.header.size()) * 0.55, 10.0, 30.0));
    }
    b.table_header(ws, 0, headers, widths, rows_of(s.rows.size()));
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
        const auto row = static_cast<lxw_row_t>(i + 1);
        for (std::size_t c = 0; c < s.columns.size(); ++c) {
            const std::string& col = s.columns[c];
            const std::string& v = s.rows[i][c];
            const auto col_index = static_cast<lxw_col_t>(c);
            if ((col == "meets_goal" || col == "precision_reached") && (v == "true" || v == "false")) {
                b.boolean(ws, row, col_index, v == "true");
                continue;
            }
            const auto x = parse_number(v);
            if (!x || v.find('%') != std::string::npos) {
                b.text(ws, row, col_index, v);
                continue;
            }
            b.num(ws, row, col_index, *x, formats[c]);
        }
    }

    ws = b.sheet("Targets");
    std::vector<std::string> head = {"Point"};
    for (const auto& [key, values] : s.grid) head.push_back(key);
    for (const char* h : {"Target", "Metric", "Condition", "Value", "When", "Probability met", "Goal target"}) head.push_back(h);
    b.table_header(ws, 0, head, {}, rows_of(s.rows.size() * s.target_names.size()));
    const auto defs = d.scenarios.front().problem.empty() ? target_definitions(d.scenarios.front().root)
                                                          : std::vector<TargetDefinition>{};
    lxw_row_t row = 1;
    for (std::size_t i = 0; i < s.rows.size(); ++i)
        for (const auto& t : s.target_names) {
            lxw_col_t c = 0;
            b.num(ws, row, c++, s.value(i, "point").value_or(static_cast<double>(i)));
            for (const auto& [key, values] : s.grid) {
                const std::string v = s.text(i, key);
                if (const auto x = parse_number(v); x && v.find('%') == std::string::npos) b.num(ws, row, c++, *x);
                else b.text(ws, row, c++, v);
            }
            b.text(ws, row, c++, t);
            const TargetDefinition* def = nullptr;
            for (const auto& x : defs)
                if (x.name == t) def = &x;
            if (def) {
                b.text(ws, row, c, def->metric);
                b.text(ws, row, c + 1, def->op);
                if (const auto v = parse_number(def->value)) b.num(ws, row, c + 2, *v, b.format_for(def->metric));
                b.text(ws, row, c + 3, def->when);
            }
            c += 4;
            if (const auto p = s.value(i, s.target_column(t))) b.num(ws, row, c, *p, b.percent_);
            b.boolean(ws, row, c + 1, t == s.goal_target);
            ++row;
        }
    scenario_sheet(b, d);
}

}  // namespace

void write_xlsx(const ReportData& d, const std::string& path) {
    if (d.kind == ReportData::Kind::Sensitivity) return write_sensitivity_xlsx(d, path);  // models/report/tornado.cpp
    if (d.kind == ReportData::Kind::Seek) return write_seek_xlsx(d, path);                // models/report/seek_report.cpp
    Book b(path, d.results_time);
    switch (d.kind) {
        case ReportData::Kind::Run: write_run(b, d); break;
        case ReportData::Kind::Compare: write_compare(b, d); break;
        case ReportData::Kind::Sweep: write_sweep(b, d); break;
        case ReportData::Kind::Sensitivity:
        case ReportData::Kind::Seek: break;
    }
    b.close(path);
}

}  // namespace wfsim::report
