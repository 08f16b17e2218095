// The reporting calendar of a run: month ends (calendar months from the
// start date, the last cut at the horizon) and UK financial years (1 April
// to 31 March) as day offsets from the start.
//
// Months are numbered one way everywhere (README, "How months are numbered"):
// month 0 is the state on the start date, month m (1..months()) the end of the
// m-th calendar month, the last being the horizon.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "engine/params/units.h"

namespace wfsim::model {

// A UK financial year as people write it: "2016/17" or "2016-17" (April 2016
// to March 2017), both accepted wherever a scenario names one (a budget, a
// target). Returns the calendar year it starts in; nullopt for anything else.
std::optional<int> financial_year_start(const std::string& text);
// The way results name a financial year: "2016/17".
std::string financial_year_label(int start_year);

struct Calendar {
    params::Date start;
    double horizon_days = 0;
    std::vector<double> fy_starts;   // 1 April strictly inside (0, horizon)

    // The number of months M; months 0..M are reported.
    std::size_t months() const { return ends_.size() - 1; }
    // The day (from the start) on which month m ends: 0 for month 0, the
    // horizon for month M. Spend and flows of month m >= 1 accrue over
    // [month_end(m - 1), month_end(m)).
    double month_end(std::size_t m) const { return ends_.at(m); }
    // The days on which months 1..M end, ascending (the ledger's cuts).
    std::vector<double> ends_of_months() const { return {ends_.begin() + 1, ends_.end()}; }
    // YYYY-MM-DD of month m: the start date for month 0, else the month's
    // last simulated day.
    std::string month_last_day(std::size_t m) const;
    std::size_t financial_years() const { return fy_starts.size() + 1; }
    std::string fy_label(std::size_t i) const;    // "2015/16"
    std::string fy_from(std::size_t i) const;     // first simulated day of the year
    std::string fy_to(std::size_t i) const;       // last simulated day

private:
    friend Calendar make_calendar(const params::Date& start, double horizon_days);
    std::vector<double> ends_{0.0};  // [m]: month_end(m); ends_[0] = 0
};

Calendar make_calendar(const params::Date& start, double horizon_days);

}  // namespace wfsim::model
