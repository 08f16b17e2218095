#include "models/costs/prices.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <stdexcept>

#include "engine/params/params.h"
#include "engine/params/units.h"

namespace wfsim::model {

std::string scenario_year(const std::string& fy_label) {
    std::string s = fy_label;
    for (char& c : s)
        if (c == '/') c = '-';
    return s;
}

namespace {

int first_year(const std::string& scenario_fy) { return std::atoi(scenario_fy.substr(0, 4).c_str()); }

}  // namespace

std::vector<double> deflators(const params::Tree& scenario, const Calendar& cal) {
    const std::size_t years = cal.financial_years();
    std::vector<double> out(years, 1.0);
    const params::Params prices = params::Params(&scenario, "").at("prices");
    if (!prices.has("inflation") && !prices.has("index")) return out;
    const std::string base = prices.has("base_year") ? prices.str("base_year") : scenario_year(cal.fy_label(0));
    if (prices.has("inflation")) {
        const double r = prices.number("inflation");
        for (std::size_t y = 0; y < years; ++y)
            out[y] = std::pow(1 + r, first_year(scenario_year(cal.fy_label(y))) - first_year(base));
        return out;
    }
    const params::Params index = prices.at("index");
    auto level = [&](const std::string& year) {
        if (!index.has(year))
            throw std::runtime_error("prices.index has no value for " + year +
                                     ", a financial year of the run; give every year from " +
                                     scenario_year(cal.fy_label(0)) + " to " + scenario_year(cal.fy_label(years - 1)));
        return index.number(year);
    };
    const double at_base = level(base);
    for (std::size_t y = 0; y < years; ++y) out[y] = level(scenario_year(cal.fy_label(y))) / at_base;
    return out;
}

std::vector<double> budgets(const params::Tree& scenario, const Calendar& cal) {
    std::vector<double> out(cal.financial_years(), std::numeric_limits<double>::quiet_NaN());
    const params::Tree* budget = scenario.find("budget");
    if (!budget || !budget->is_map()) return out;
    for (const auto& [year, value] : budget->map) {
        const std::optional<int> start = financial_year_start(year);
        std::string why;
        const std::optional<double> money = value.is_scalar() ? params::parse_money(value.scalar, why) : std::nullopt;
        if (!start || !money) continue;  // validate has said so
        for (std::size_t y = 0; y < out.size(); ++y)
            if (financial_year_start(cal.fy_label(y)) == start) out[y] = *money;
    }
    return out;
}

}  // namespace wfsim::model
