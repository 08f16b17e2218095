// Text forms of the values a scenario holds: ISO dates, durations with units,
// plain and percentage numbers, money. One convention each, documented in
// the README ("Units and conventions").
#pragma once
#include <optional>
#include <string>

namespace wfsim::params {

// A calendar day. Days are counted with the proleptic Gregorian calendar.
struct Date {
    int year = 1970, month = 1, day = 1;
    friend bool operator==(const Date&, const Date&) = default;
};

long days_from_civil(const Date& d);   // days since 1970-01-01
Date civil_from_days(long days);
Date add_months(const Date& d, int months);  // clamps the day to the month's end
std::string format_date(const Date& d);       // YYYY-MM-DD
bool is_leap_year(int y);
int days_in_month(int y, int m);

// Length conventions: a week is 7 days, a year 365.25 days and a month a
// twelfth of a year (30.4375 days).
inline constexpr double kDaysPerYear = 365.25;
inline constexpr double kDaysPerMonth = kDaysPerYear / 12.0;

struct Duration {
    double value = 0;
    enum class Unit { Days, Weeks, Months, Years } unit = Unit::Days;
    double days() const;
    // Whole calendar months, when the duration was written in months or years.
    std::optional<int> whole_months() const;
};

// Each parser returns std::nullopt and sets `why` to what is allowed.
std::optional<Date> parse_date(const std::string& s, std::string& why);
std::optional<Duration> parse_duration(const std::string& s, std::string& why);
// A finite decimal number; "15%" is read as 0.15 when percent is allowed.
std::optional<double> parse_number(const std::string& s, bool allow_percent, std::string& why);
// Pounds: 78000, 78,000, 78_000, £78,000, 1.5e6.
std::optional<double> parse_money(const std::string& s, std::string& why);

// Shortest text that reads back as the same double (for resolved output).
std::string format_number(double v);

}  // namespace wfsim::params
