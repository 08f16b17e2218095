// The reporting calendar of a run: month ends (calendar months from the
// start date, the last cut at the horizon) and UK financial years (1 April
// to 31 March) as day offsets from the start.
#pragma once
#include <string>
#include <vector>

#include "engine/params/units.h"

namespace wfsim::model {

struct Calendar {
    params::Date start;
    double horizon_days = 0;
    std::vector<double> month_ends;  // ascending; the last is the horizon
    std::vector<double> fy_starts;   // 1 April strictly inside (0, horizon)

    std::string month_last_day(std::size_t m) const;  // YYYY-MM-DD of the month's last simulated day
    std::size_t financial_years() const { return fy_starts.size() + 1; }
    std::string fy_label(std::size_t i) const;    // "2015/16"
    std::string fy_from(std::size_t i) const;     // first simulated day of the year
    std::string fy_to(std::size_t i) const;       // last simulated day
};

Calendar make_calendar(const params::Date& start, double horizon_days);

}  // namespace wfsim::model
