#include "units.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace wfsim::params {

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap_year(y)) ? 29 : d[m - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
long days_from_civil(const Date& dt) {
    long y = dt.year - (dt.month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = (dt.month + 9) % 12;
    const long doy = (153 * mp + 2) / 5 + dt.day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = yoe + era * 400;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

Date add_months(const Date& d, int months) {
    long total = static_cast<long>(d.year) * 12 + (d.month - 1) + months;
    int y = static_cast<int>(total >= 0 ? total / 12 : (total - 11) / 12);
    int m = static_cast<int>(total - static_cast<long>(y) * 12) + 1;
    int day = d.day;
    if (day > days_in_month(y, m)) day = days_in_month(y, m);
    return Date{y, m, day};
}

std::string format_date(const Date& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::optional<Date> parse_date(const std::string& s, std::string& why) {
    why = "is not a date; write it as YYYY-MM-DD, e.g. 2016-04-01";
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    Date d{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
    if (d.year < 1900 || d.year > 2200) {
        why = "is outside the years 1900 to 2200";
        return std::nullopt;
    }
    if (d.month < 1 || d.month > 12) {
        why = "has no month " + std::to_string(d.month) + " (months are 01 to 12)";
        return std::nullopt;
    }
    if (d.day < 1 || d.day > days_in_month(d.year, d.month)) {
        why = "is not a day of the calendar (" + std::to_string(d.year) + "-" + (d.month < 10 ? "0" : "") +
              std::to_string(d.month) + " has " + std::to_string(days_in_month(d.year, d.month)) + " days)";
        return std::nullopt;
    }
    return d;
}

double Duration::days() const {
    switch (unit) {
        case Unit::Days: return value;
        case Unit::Weeks: return value * 7.0;
        case Unit::Months: return value * kDaysPerMonth;
        case Unit::Years: return value * kDaysPerYear;
    }
    return value;
}

std::optional<int> Duration::whole_months() const {
    double m = unit == Unit::Months ? value : unit == Unit::Years ? value * 12 : -1;
    if (m < 0 || std::floor(m) != m) return std::nullopt;
    return static_cast<int>(m);
}

namespace {

std::string trim(const std::string& s) {
    std::size_t a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return "";
    std::size_t b = s.find_last_not_of(" \t");
    return s.substr(a, b - a + 1);
}

std::optional<double> strict_double(const std::string& s) {
    if (s.empty()) return std::nullopt;
    std::size_t start = (s[0] == '+') ? 1 : 0;
    if (start == s.size()) return std::nullopt;
    double v = 0;
    const char* first = s.data() + start;
    const char* last = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || ptr != last) return std::nullopt;
    return v;
}

}  // namespace

std::optional<Duration> parse_duration(const std::string& text, std::string& why) {
    why = "is not a duration; write a number and a unit: '90 days', '6 weeks', '4 months' or '2 years'";
    std::string s = trim(text);
    std::size_t split = s.find_first_of(" \t");
    if (split == std::string::npos) {
        if (strict_double(s)) why = "needs a unit: '" + s + " days', '" + s + " weeks', '" + s + " months' or '" + s + " years'";
        return std::nullopt;
    }
    auto v = strict_double(s.substr(0, split));
    std::string unit = trim(s.substr(split));
    if (!v) return std::nullopt;
    if (!std::isfinite(*v)) return std::nullopt;
    if (*v < 0) {
        why = "is negative; a duration is 0 or more";
        return std::nullopt;
    }
    Duration d;
    d.value = *v;
    if (unit == "day" || unit == "days") d.unit = Duration::Unit::Days;
    else if (unit == "week" || unit == "weeks") d.unit = Duration::Unit::Weeks;
    else if (unit == "month" || unit == "months") d.unit = Duration::Unit::Months;
    else if (unit == "year" || unit == "years") d.unit = Duration::Unit::Years;
    else {
        why = "has unit '" + unit + "'; the units are days, weeks, months and years";
        return std::nullopt;
    }
    if (d.days() > 200 * kDaysPerYear) {
        why = "is longer than 200 years";
        return std::nullopt;
    }
    return d;
}

std::optional<double> parse_number(const std::string& text, bool allow_percent, std::string& why) {
    std::string s = trim(text);
    why = "is not a number";
    bool percent = false;
    if (!s.empty() && s.back() == '%') {
        if (!allow_percent) {
            why = "is a percentage where a plain number is needed";
            return std::nullopt;
        }
        percent = true;
        s = trim(s.substr(0, s.size() - 1));
    }
    // YAML spellings of special values, which a simulation cannot use.
    if (s == ".nan" || s == ".NaN" || s == ".NAN" || s == "nan" || s == "NaN") {
        why = "is not a number (NaN); give a finite value";
        return std::nullopt;
    }
    if (s == ".inf" || s == "+.inf" || s == "-.inf" || s == ".Inf" || s == "-.Inf" || s == "inf" || s == "-inf") {
        why = "is infinite; give a finite value";
        return std::nullopt;
    }
    auto v = strict_double(s);
    if (!v) return std::nullopt;
    if (!std::isfinite(*v)) {
        why = "is too large to be a finite number";
        return std::nullopt;
    }
    return percent ? *v / 100.0 : *v;
}

std::optional<double> parse_money(const std::string& text, std::string& why) {
    std::string s = trim(text);
    const std::string pound = "\xC2\xA3";
    if (s.compare(0, pound.size(), pound) == 0) s = s.substr(pound.size());
    // Accept digit grouping with commas (every group of three) or underscores.
    std::string plain;
    std::size_t dot = s.find_first_of(".eE");
    std::size_t int_end = dot == std::string::npos ? s.size() : dot;
    bool has_comma = s.find(',') != std::string::npos;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '_') continue;
        if (c == ',') {
            // A comma must be followed by exactly three digits before the next separator.
            bool ok = i < int_end && i + 3 <= int_end && (i + 4 > int_end || s[i + 4] == ',' || i + 4 == int_end);
            for (std::size_t k = 1; ok && k <= 3; ++k) ok = std::isdigit(static_cast<unsigned char>(s[i + k]));
            if (!ok || i == 0) {
                why = "is not an amount in pounds; write 78000, 78,000 or 1.5e6";
                return std::nullopt;
            }
            continue;
        }
        plain += c;
    }
    (void)has_comma;
    auto v = parse_number(plain, false, why);
    if (!v) {
        why = "is not an amount in pounds; write 78000, 78,000 or 1.5e6";
        return std::nullopt;
    }
    return v;
}

std::string format_number(double v) {
    char buf[64];
    for (int prec = 6; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

}  // namespace wfsim::params
