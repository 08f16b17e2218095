// Dates, durations, numbers and money as a scenario writes them.
#include <catch2/catch.hpp>

#include "engine/params/units.h"

using namespace wfsim::params;

TEST_CASE("ISO dates are read strictly and leap years respected", "[units]") {
    std::string why;
    REQUIRE(parse_date("2016-04-01", why) == Date{2016, 4, 1});
    REQUIRE(parse_date("2016-02-29", why).has_value());
    REQUIRE_FALSE(parse_date("2015-02-29", why).has_value());
    CHECK(why.find("28 days") != std::string::npos);
    REQUIRE_FALSE(parse_date("2016-4-1", why).has_value());
    REQUIRE_FALSE(parse_date("01/04/2016", why).has_value());
    REQUIRE_FALSE(parse_date("2016-13-01", why).has_value());
}

TEST_CASE("day counts round-trip through the civil calendar", "[units]") {
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(days_from_civil({2016, 3, 1}) - days_from_civil({2016, 2, 28}) == 2);
    for (long d = -100000; d <= 100000; d += 97) CHECK(days_from_civil(civil_from_days(d)) == d);
    CHECK(add_months({2016, 1, 31}, 1) == Date{2016, 2, 29});
    CHECK(add_months({2015, 6, 1}, 36) == Date{2018, 6, 1});
    CHECK(add_months({2015, 6, 1}, -7) == Date{2014, 11, 1});
}

TEST_CASE("durations need a unit and convert with the documented lengths", "[units]") {
    std::string why;
    CHECK(parse_duration("90 days", why)->days() == Approx(90));
    CHECK(parse_duration("6 weeks", why)->days() == Approx(42));
    CHECK(parse_duration("4 months", why)->days() == Approx(4 * 365.25 / 12));
    CHECK(parse_duration("2 years", why)->days() == Approx(730.5));
    CHECK(parse_duration("1 month", why)->whole_months() == 1);
    CHECK(parse_duration("1.5 years", why)->whole_months() == 18);
    REQUIRE_FALSE(parse_duration("4", why).has_value());
    CHECK(why.find("'4 months'") != std::string::npos);
    REQUIRE_FALSE(parse_duration("4 fortnights", why).has_value());
    REQUIRE_FALSE(parse_duration("-1 days", why).has_value());
}

TEST_CASE("numbers, percentages and money", "[units]") {
    std::string why;
    CHECK(*parse_number("0.8", true, why) == 0.8);
    CHECK(*parse_number("80%", true, why) == Approx(0.8));
    CHECK(*parse_number("+5", false, why) == 5);
    REQUIRE_FALSE(parse_number("80%", false, why).has_value());
    REQUIRE_FALSE(parse_number(".nan", true, why).has_value());
    CHECK(why.find("NaN") != std::string::npos);
    REQUIRE_FALSE(parse_number(".inf", true, why).has_value());
    REQUIRE_FALSE(parse_number("1e999", true, why).has_value());
    CHECK(*parse_money("78,000", why) == 78000);
    CHECK(*parse_money("\xC2\xA3" "1,100,000", why) == 1100000);
    CHECK(*parse_money("78_000", why) == 78000);
    CHECK(*parse_money("1.1e6", why) == 1100000);
    REQUIRE_FALSE(parse_money("78,00", why).has_value());
    REQUIRE_FALSE(parse_money("lots", why).has_value());
}
