// Spend of each grade and each team (issue 19, item 3), by component. Like
// the Ledger, each group's rate changes only at events and is integrated into
// bins cut at month ends and at 1 April, so months and financial years are
// exact; lump sums land in the bin of the day they happen. Which group a
// pound belongs to is decided where it is spent (models/metrics/by_group.cpp).
#pragma once
#include <cstddef>
#include <vector>

#include "models/costs/ledger.h"

namespace wfsim::model {

class GroupLedger {
public:
    // month_ends: ascending days (the last is the horizon); fy_starts: days of
    // 1 April strictly inside the horizon; groups: 0 turns it off.
    // deflators: one per financial year (models/costs/prices.h); empty means all 1.
    void init(const std::vector<double>& month_ends, const std::vector<double>& fy_starts, std::size_t groups,
              const std::vector<double>& deflators = {});
    bool on() const { return groups_ > 0; }
    void advance(double t) {
        if (t > t_) integrate_to(t);
    }
    void set_rate(std::size_t group, Component c, double pounds_per_day) { rate_[group * kComponents + c] = pounds_per_day; }
    void lump(std::size_t group, Component c, double amount);  // at the current time
    // Spend over month m (1..M), and over financial year y, of a group's component.
    double month(std::size_t m, std::size_t group, Component c) const { return months_[m - 1][group * kComponents + c]; }
    double year(std::size_t y, std::size_t group, Component c) const { return years_[y][group * kComponents + c]; }
    // The same month in real terms (each part divided by its year's deflator).
    double month_real(std::size_t m, std::size_t group, Component c) const { return months_real_[m - 1][group * kComponents + c]; }
    std::size_t years() const { return years_.size(); }

private:
    void integrate_to(double t);
    struct Bin { double end; std::size_t month, fy; };
    std::vector<Bin> bins_;
    std::size_t groups_ = 0, bin_ = 0;
    double t_ = 0;
    std::vector<double> rate_, inverse_deflator_;
    std::vector<std::vector<double>> months_, years_, months_real_;
};

}  // namespace wfsim::model
