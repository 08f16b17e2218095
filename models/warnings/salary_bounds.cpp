// A grade's salary below the legal minimum wage for a full-time post, or
// above 500,000 pounds.
//
// Why: `grades.<grade>.salary` is pounds per year per FTE. A salary of 30
// (thousands meant, or a monthly or hourly figure) is accepted by the schema
// and makes the pay gap, leaving, recruitment and every cost absurd without
// any error; so does an extra digit or a team's pay bill put in one salary.
// The floor is the UK adult minimum (the National Minimum Wage, from April
// 2016 the National Living Wage: the top adult rate), at 37 hours a week for
// 52.14 weeks, at the highest rate in force between the scenario's start and
// the end of its horizon (a salary that is legal on the start date but not at
// a later uprating is still a trap: the scenario's pay does not rise with
// it). Only grades' pay is checked: trainees and apprentices (pipelines'
// salary) may lawfully be paid less. The market comparator
// (`market_salary`) is checked the same way.
#include <iterator>

#include "models/check_helpers.h"
#include "models/simulation.h"
#include "models/warnings/warnings.h"

namespace wfsim::model {

namespace {

// The adult hourly minimum from each date, in pounds. National Minimum Wage
// (workers aged 22 and over to 2010, 21 and over to 2015), then the National
// Living Wage (25 and over, 23 and over from 2021, 21 and over from 2024).
// Source: GOV.UK, "National Minimum Wage and National Living Wage rates"
// (https://www.gov.uk/national-minimum-wage-rates, previous rates) and the
// Low Pay Commission's reports. Rates rose each October to 2015 and each April
// from 2016. Before 1 April 1999 there was no minimum: the first rate is used.
struct Rate {
    params::Date from;
    double per_hour;
};
const Rate kMinimumWage[] = {
    {{1999, 4, 1}, 3.60},   {{2000, 10, 1}, 3.70},  {{2001, 10, 1}, 4.10},  {{2002, 10, 1}, 4.20},
    {{2003, 10, 1}, 4.50},  {{2004, 10, 1}, 4.85},  {{2005, 10, 1}, 5.05},  {{2006, 10, 1}, 5.35},
    {{2007, 10, 1}, 5.52},  {{2008, 10, 1}, 5.73},  {{2009, 10, 1}, 5.80},  {{2010, 10, 1}, 5.93},
    {{2011, 10, 1}, 6.08},  {{2012, 10, 1}, 6.19},  {{2013, 10, 1}, 6.31},  {{2014, 10, 1}, 6.50},
    {{2015, 10, 1}, 6.70},  {{2016, 4, 1}, 7.20},   {{2017, 4, 1}, 7.50},   {{2018, 4, 1}, 7.83},
    {{2019, 4, 1}, 8.21},   {{2020, 4, 1}, 8.72},   {{2021, 4, 1}, 8.91},   {{2022, 4, 1}, 9.50},
    {{2023, 4, 1}, 10.42},  {{2024, 4, 1}, 11.44},  {{2025, 4, 1}, 12.21},  {{2026, 4, 1}, 12.71},
};
constexpr double kHoursPerWeek = 37, kWeeksPerYear = 52.14;
constexpr double kHighestSalary = 500000;

// The highest rate in force on any day from `first` to `last` (days from
// 1970); after the table the latest rate is used.
const Rate& highest_rate(long first, long last) {
    const Rate* best = &kMinimumWage[0];
    for (std::size_t i = 0; i < std::size(kMinimumWage); ++i) {
        const long from = params::days_from_civil(kMinimumWage[i].from);
        const long until = i + 1 < std::size(kMinimumWage) ? params::days_from_civil(kMinimumWage[i + 1].from) : last + 1;
        if (from <= last && until > first && kMinimumWage[i].per_hour >= best->per_hour) best = &kMinimumWage[i];
    }
    return *best;
}

}  // namespace

void warn_salary_bounds(params::Schema& s) {
    s.add_warning_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* grades = node_at(root, "grades");
        params::Date start;
        if (!grades || !grades->is_map() || !date_at(root, "start", start)) return;
        const long first = params::days_from_civil(start);
        const long last = first + static_cast<long>(calendar_for(root, 0).horizon_days) - 1;
        const Rate& rate = highest_rate(first, last);
        const double floor = rate.per_hour * kHoursPerWeek * kWeeksPerYear;
        for (const auto& [grade, decl] : grades->map)
            for (const char* key : {"salary", "market_salary"}) {
                const params::Tree* node = decl.find(key);
                const auto pay = number_of(node);
                if (!pay) continue;
                const std::string path = "grades." + grade + "." + key;
                if (*pay < floor)
                    diags.warning(node->loc, path,
                                  pounds(*pay) + " pounds a year per FTE is below the legal minimum for a full-time "
                                  "post: the minimum wage of " + params::format_number(rate.per_hour) +
                                  " pounds an hour from " + params::format_date(rate.from) + " is " + pounds(floor) +
                                  " pounds a year (37 hours a week, 52.14 weeks); a salary is pounds per year per FTE");
                else if (*pay > kHighestSalary)
                    diags.warning(node->loc, path,
                                  pounds(*pay) + " pounds a year per FTE is above 500,000; a salary is pounds per year "
                                  "for one full-time post, not a team's or a grade's pay bill");
            }
    });
}

}  // namespace wfsim::model
