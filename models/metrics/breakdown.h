// Metrics by grade and by team as well as in total (issue 13). Papers give
// figures by grade ("33 of the 46 vacancies are social worker posts") and
// teams are where pressure is felt, so the staffing metrics are reported for
// each grade and each team too, with spend in cash and real terms (issue
// 19); the spend ratios stay in total.
//
// A replication's series are every metric in total (series index = metric),
// then, metric by metric in their order, one series per grade and then one
// per team for each metric that has them.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/names.h"

namespace wfsim::model {

enum class Dimension { Grade, Team };

// Whether a metric is reported by grades or by teams (caseload only by team).
bool has_breakdown(int metric, Dimension d);

// Which breakdowns a run reports. Only `run` needs them: a compare or sweep
// reports totals, and leaves them out to keep its rows small.
struct Breakdown {
    bool by_grade = true, by_team = true;
    static Breakdown none() { return {false, false}; }
    std::string text() const;  // "grade,team", "grade", "team" or "none"
    static std::optional<Breakdown> parse(const std::string& text);
    bool operator==(const Breakdown&) const = default;
};

class SeriesLayout {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    SeriesLayout() : SeriesLayout(0, 0) {}
    SeriesLayout(std::size_t grades, std::size_t teams);
    SeriesLayout(const Names& names, const Breakdown& b)
        : SeriesLayout(b.by_grade ? names.grades.size() : 0, b.by_team ? names.teams.size() : 0) {}

    std::size_t grades() const { return grades_; }
    std::size_t teams() const { return teams_; }
    std::size_t count() const { return count_; }  // totals and groups
    // The series of `metric` for grade or team i, or npos when it has none.
    std::size_t index(int metric, Dimension d, std::size_t i) const;
    // After the metrics' series, the spend by financial year of each group
    // for financial_years.csv: one series per grade (then team) and per
    // spend metric (spend_permanent ... spend_total), whose entry y is
    // financial year y's spend (not a month's); npos when not reported.
    std::size_t year_series(int metric, Dimension d, std::size_t i) const;

private:
    static constexpr std::size_t kYearSeries = 6;  // spend_permanent ... spend_total
    std::size_t grades_, teams_, count_, years_at_ = 0;
    std::vector<std::size_t> first_grade_, first_team_;  // per metric, or npos
};

}  // namespace wfsim::model
