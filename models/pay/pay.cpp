#include "models/pay/pay.h"

#include <algorithm>

#include "models/config.h"  // grade_flags

namespace wfsim::model {

params::Date first_april_after(const params::Date& d) {
    const bool on_or_after_april = d.month > 4 || (d.month == 4 && d.day >= 1);
    return params::Date{on_or_after_april ? d.year + 1 : d.year, 4, 1};
}

void PayLevels::reset(std::size_t grades) {
    salary_scale_.assign(grades, 1.0);
    salary_add_.assign(grades, 0.0);
    market_scale_.assign(grades, 1.0);
    market_add_.assign(grades, 0.0);
    agency_scale_ = 1;
}

void PayLevels::apply(const PayStep& s) {
    switch (s.what) {
        case PayStep::What::Salary:
            for (std::size_t g = 0; g < salary_scale_.size(); ++g) {
                if (!s.grades[g]) continue;
                // (scale x salary + add) x (1 + rise) + flat
                salary_scale_[g] *= 1 + s.rise;
                salary_add_[g] = salary_add_[g] * (1 + s.rise) + s.flat;
            }
            break;
        case PayStep::What::Market:
            for (std::size_t g = 0; g < market_scale_.size(); ++g) {
                if (!s.grades[g]) continue;
                market_scale_[g] *= 1 + s.rise;
                market_add_[g] = market_add_[g] * (1 + s.rise) + s.flat;
            }
            break;
        case PayStep::What::Agency: agency_scale_ *= 1 + s.rise; break;
    }
}

Grade PayLevels::grade(const Grade& scenario, std::size_t g) const {
    Grade now = scenario;
    now.salary = salary_scale_[g] * scenario.salary + salary_add_[g];
    now.market_salary = market_scale_[g] * scenario.market_salary + market_add_[g];
    return now;
}

namespace {

// A step read from one entry: at, rise, flat and grades as the entry has them.
PayStep step_of(const params::Params& e, PayStep::What what, double day, const Names& names) {
    PayStep s;
    s.day = day;
    s.what = what;
    s.grades = grade_flags(e, "grades", names, true);
    s.rise = e.has("rise") ? e.number("rise") : 0.0;
    s.flat = e.has("flat") ? e.money("flat") : 0.0;
    return s;
}

// Dated entries of `list`, then the yearly one (keys `yearly_key` and
// `from`) each year from `from`, by default the first 1 April after the
// start and after the last dated entry.
void read_kind(const params::Params& section, const std::string& list, const std::string& yearly_key,
               PayStep::What what, const params::Date& start, double horizon_days, const Names& names,
               std::vector<PayStep>& out) {
    auto day_of = [&](const params::Date& d) {
        return static_cast<double>(params::days_from_civil(d) - params::days_from_civil(start));
    };
    params::Date last = start;
    for (const auto& e : section.at(list).items()) {
        const params::Date at = e.date("at");
        if (params::days_from_civil(at) > params::days_from_civil(last)) last = at;
        const double day = day_of(at);
        if (day > 0 && day < horizon_days) out.push_back(step_of(e, what, day, names));
    }
    const params::Params yearly = what == PayStep::What::Salary ? section.at(yearly_key) : section;
    const bool has_yearly = what == PayStep::What::Salary ? (yearly.has("rise") || yearly.has("flat"))
                                                          : (section.has("growth") && section.number("growth") != 0);
    if (!has_yearly) return;
    const params::Params when = what == PayStep::What::Salary ? yearly : section;
    const params::Date from = when.has("from") ? when.date("from") : first_april_after(last);
    for (int k = 0;; ++k) {
        const double day = day_of(params::add_months(from, 12 * k));
        if (day >= horizon_days) break;
        if (day <= 0) continue;
        PayStep s = what == PayStep::What::Salary ? step_of(yearly, what, day, names) : PayStep{};
        if (what != PayStep::What::Salary) {
            s.day = day;
            s.what = what;
            s.grades = grade_flags(section, "grades", names, true);
            s.rise = section.number("growth");
        }
        out.push_back(std::move(s));
    }
}

}  // namespace

std::vector<PayStep> read_pay_steps(const params::Params& root, const params::Date& start, double horizon_days,
                                    const Names& names) {
    std::vector<PayStep> out;
    read_kind(root.at("pay_awards"), "awards", "yearly", PayStep::What::Salary, start, horizon_days, names, out);
    read_kind(root.at("market_pay"), "changes", "", PayStep::What::Market, start, horizon_days, names, out);
    read_kind(root.at("agency_rates"), "changes", "", PayStep::What::Agency, start, horizon_days, names, out);
    std::stable_sort(out.begin(), out.end(), [](const PayStep& a, const PayStep& b) {
        return a.day < b.day || (a.day == b.day && a.what < b.what);
    });
    return out;
}

}  // namespace wfsim::model
