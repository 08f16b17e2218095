// Spend accrued in continuous time: each component has a rate (pounds per
// day) that changes only at events, integrated into bins cut at month ends
// and at the start of each financial year (1 April); lump sums (an advert, a
// bonus, a clawback) land in the bin of the day they happen. Each amount is
// also added in real terms, divided by its financial year's deflator, so a
// month cut by 1 April is deflated part by part.
#pragma once
#include <array>
#include <vector>

namespace wfsim::model {

enum Component { kPermanent = 0, kAgency, kRecruitment, kRetention, kTraining, kComponents };
inline const char* const kComponentNames[kComponents] = {"spend_permanent", "spend_agency", "spend_recruitment",
                                                        "spend_retention", "spend_training"};

using Amounts = std::array<double, kComponents>;

class Ledger {
public:
    // month_ends: ascending days (the last is the horizon); fy_starts: days of
    // 1 April strictly inside the horizon.
    // deflators: one per financial year (models/costs/prices.h); empty means all 1.
    void init(const std::vector<double>& month_ends, const std::vector<double>& fy_starts,
              const std::vector<double>& deflators = {});
    // Integrates the current rates up to t. Inline for the common case of
    // several events at one moment, where there is nothing to integrate.
    void advance(double t) {
        if (t > t_) integrate_to(t);
    }
    void set_rate(Component c, double pounds_per_day) { rate_[c] = pounds_per_day; }
    double rate(Component c) const { return rate_[c]; }
    void lump(Component c, double amount);  // at the current time

    const std::vector<Amounts>& months() const { return months_; }
    const std::vector<Amounts>& financial_years() const { return fys_; }
    const std::vector<Amounts>& months_real() const { return months_real_; }

private:
    void integrate_to(double t);
    struct Bin { double end; std::size_t month, fy; };
    std::vector<Bin> bins_;
    std::size_t bin_ = 0;
    double t_ = 0;
    Amounts rate_{};
    std::vector<Amounts> months_, fys_, months_real_;
    std::vector<double> inverse_deflator_;  // per financial year
};

}  // namespace wfsim::model
