// Text for reports: HTML escaping, clean UTF-8, and numbers, money and dates
// written the way a reader expects them (£1.2m, £34,720, 7%, 1 April 2016).
#pragma once
#include <optional>
#include <string>

namespace wfsim::report {

// Valid UTF-8 with no control characters but tab and line breaks: invalid
// bytes become U+FFFD. Every text from a scenario passes through it.
std::string clean_text(const std::string& s);
// clean_text, then & < > " ' escaped: safe in element content and quoted attributes.
std::string html(const std::string& s);

// Money in pounds: under a million in whole pounds ("£34,720", "-£1,500"),
// from a million in millions with two decimals ("£1.20m", "£60.95m").
std::string money(double v);
// Money for axis ticks, given the tick step: "£500k", "£1.5m", "£250".
std::string money_tick(double v, double step);
// A whole number with thousands separators: "1,234".
std::string thousands(double v);
// A number with at most `decimals` decimals, trailing zeros trimmed: 0.30 -> "0.3".
std::string number(double v, int decimals = 2);
// A share as a percentage: 0.071 -> "7.1%" (decimals after the point, trimmed).
std::string percent(double share, int decimals = 1);
// A signed version of each: "+£1,500", "-3.2%", "+2.5".
std::string signed_money(double v);

// Dates are ISO text "YYYY-MM-DD". Days since 1970-01-01 (proleptic Gregorian).
std::optional<long> iso_to_days(const std::string& iso);
std::string days_to_iso(long days);
// "1 April 2016", "Apr 2016".
std::string long_date(const std::string& iso);
std::string month_year(const std::string& iso);

// Appends code point `cp` as UTF-8.
void append_utf8(std::string& out, long cp);
// Decimals needed to show multiples of `step` exactly (0 to 4).
int decimals_for(double step);

// Parses a number the way scenarios write them: "78,000", "£78_000", "15%" (0.15), "1.1e6".
std::optional<double> parse_number(const std::string& text);

}  // namespace wfsim::report
