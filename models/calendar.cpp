#include "models/calendar.h"

#include <cmath>

namespace wfsim::model {

namespace {

params::Date date_at(const params::Date& start, double day) {
    return params::civil_from_days(params::days_from_civil(start) + static_cast<long>(std::floor(day + 1e-9)));
}

}  // namespace

Calendar make_calendar(const params::Date& start, double horizon_days) {
    Calendar c;
    c.start = start;
    c.horizon_days = horizon_days;
    const double base = static_cast<double>(params::days_from_civil(start));
    for (int m = 1;; ++m) {
        const double d = static_cast<double>(params::days_from_civil(params::add_months(start, m))) - base;
        if (d >= horizon_days - 1e-9) {
            c.ends_.push_back(horizon_days);
            break;
        }
        c.ends_.push_back(d);
    }
    for (int y = start.year;; ++y) {
        const double d = static_cast<double>(params::days_from_civil(params::Date{y, 4, 1})) - base;
        if (d >= horizon_days) break;
        if (d > 0) c.fy_starts.push_back(d);
    }
    return c;
}

std::string Calendar::month_last_day(std::size_t m) const {
    if (m == 0) return params::format_date(start);
    return params::format_date(date_at(start, std::ceil(month_end(m) - 1e-9) - 1));
}

std::optional<int> financial_year_start(const std::string& text) {
    int a = 0, b = 0;
    char sep = 0, extra = 0;
    if (text.size() != 7 || std::sscanf(text.c_str(), "%4d%c%2d%c", &a, &sep, &b, &extra) != 3) return std::nullopt;
    if ((sep != '/' && sep != '-') || (a + 1) % 100 != b || a < 1000) return std::nullopt;
    return a;
}

std::string financial_year_label(int start_year) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d/%02d", start_year, (start_year + 1) % 100);
    return buf;
}

std::string Calendar::fy_label(std::size_t i) const {
    const params::Date d = date_at(start, i == 0 ? 0.0 : fy_starts[i - 1]);
    return financial_year_label(d.month >= 4 ? d.year : d.year - 1);
}

std::string Calendar::fy_from(std::size_t i) const {
    return params::format_date(date_at(start, i == 0 ? 0.0 : fy_starts[i - 1]));
}

std::string Calendar::fy_to(std::size_t i) const {
    const double end = i < fy_starts.size() ? fy_starts[i] : horizon_days;
    return params::format_date(date_at(start, std::ceil(end - 1e-9) - 1));
}

}  // namespace wfsim::model
