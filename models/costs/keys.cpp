// Prices: the deflator that turns cash spend into real terms (issue 19).
#include <algorithm>
#include <cstdio>

#include "models/check_helpers.h"
#include "models/costs/prices.h"
#include "models/schema.h"
#include "models/simulation.h"  // calendar_for

namespace wfsim::model {

using params::Kind;

namespace {

bool is_financial_year(const std::string& year) {
    int a = 0, b = 0;
    char c = 0;
    return std::sscanf(year.c_str(), "%4d-%2d%c", &a, &b, &c) == 2 && (a + 1) % 100 == b && year.size() == 7;
}

}  // namespace

void declare_price_keys(params::Schema& s) {
    s.add_heading("Prices",
                  "With `prices`, every spend metric is also reported in real terms (`spend_total_real` and each "
                  "component's `_real`, in trajectory.csv, financial_years.csv and summary.json): cash divided by the "
                  "deflator of the financial year the money is spent in, the year's price level against "
                  "`base_year`'s. Give a yearly index (`index: {2015-16: 100, 2016-17: 101.9}`: any scale, every "
                  "financial year of the run and the base year) or a constant `inflation` rate. Without `prices` the "
                  "real figures equal the cash ones. A `budget` is compared with cash.");
    s.key("prices.base_year", Kind::String)
        .doc("the financial year whose prices real terms are at, written 2015-16; (off) means the run's first");
    s.key("prices.inflation", Kind::Rate).unit("per year").doc("a constant rise in prices each financial year; (off) means none");
    s.key("prices.index.<year>", Kind::Number)
        .range(1e-9, 1e12)
        .doc("a price index (a deflator such as the GDP deflator) for each financial year, written 2016-17: 101.9");

    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* prices = node_at(root, "prices");
        if (!prices || !prices->is_map()) return;
        const params::Tree* index = prices->find("index");
        const params::Tree* inflation = prices->find("inflation");
        if (index && inflation)
            diags.error(inflation->loc, "prices.inflation",
                        "give prices.index or prices.inflation, not both (the index already says how prices move)");
        const params::Tree* base = prices->find("base_year");
        if (base && base->is_scalar() && !is_financial_year(base->scalar))
            diags.error(base->loc, "prices.base_year",
                        "'" + base->scalar + "' is not a financial year; write it as 2016-17 (April 2016 to March 2017)");
        if (index && index->is_map())
            for (std::size_t i = 0; i < index->map.size(); ++i)
                if (!is_financial_year(index->map[i].first))
                    diags.error(index->key_locs[i], "prices.index." + index->map[i].first,
                                "'" + index->map[i].first + "' is not a financial year; write it as 2016-17");
        if (!index && !inflation) {
            if (base) diags.error(base->loc, "prices.base_year", "a base year needs prices.index or prices.inflation");
            return;
        }
        if (!index || !index->is_map()) return;
        // Every financial year of the run, and the base year, need a value.
        Calendar cal;
        try {
            cal = calendar_for(root, 0);
        } catch (const std::exception&) {
            return;  // start or horizon is wrong: reported by their own checks
        }
        std::vector<std::string> needed;
        for (std::size_t y = 0; y < cal.financial_years(); ++y) needed.push_back(scenario_year(cal.fy_label(y)));
        if (base && base->is_scalar() && is_financial_year(base->scalar) &&
            std::find(needed.begin(), needed.end(), base->scalar) == needed.end())
            needed.push_back(base->scalar);
        for (const auto& year : needed)
            if (!index->find(year))
                diags.error(index->loc, "prices.index",
                            "has no value for " + year + "; give every financial year of the run (" + needed.front() +
                                " to " + scenario_year(cal.fy_label(cal.financial_years() - 1)) + ") and the base year");
    });
}

}  // namespace wfsim::model
