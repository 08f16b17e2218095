#include "models/costs/group_ledger.h"

#include <algorithm>

namespace wfsim::model {

void GroupLedger::init(const std::vector<double>& month_ends, const std::vector<double>& fy_starts, std::size_t groups,
                       const std::vector<double>& deflators) {
    groups_ = groups;
    rate_.assign(groups * kComponents, 0.0);
    bins_.clear();
    months_.clear();
    years_.clear();
    months_real_.clear();
    bin_ = 0;
    t_ = 0;
    if (groups == 0) return;
    // The bins of the Ledger (models/costs/ledger.cpp): cut at every month end and 1 April.
    std::vector<double> cuts(month_ends);
    cuts.insert(cuts.end(), fy_starts.begin(), fy_starts.end());
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::size_t month = 0;
    double lo = 0;
    for (double end : cuts) {
        if (end <= lo) continue;
        while (month < month_ends.size() && month_ends[month] <= lo) ++month;
        const auto fy = static_cast<std::size_t>(std::upper_bound(fy_starts.begin(), fy_starts.end(), lo) - fy_starts.begin());
        bins_.push_back(Bin{end, month, fy});
        lo = end;
    }
    months_.assign(month_ends.size(), std::vector<double>(groups * kComponents, 0.0));
    years_.assign(fy_starts.size() + 1, std::vector<double>(groups * kComponents, 0.0));
    months_real_ = months_;
    inverse_deflator_.assign(fy_starts.size() + 1, 1.0);
    for (std::size_t y = 0; y < deflators.size() && y < inverse_deflator_.size(); ++y) inverse_deflator_[y] = 1.0 / deflators[y];
}

void GroupLedger::integrate_to(double t) {
    while (t > t_ && bin_ < bins_.size()) {
        const Bin& b = bins_[bin_];
        const double upto = std::min(t, b.end);
        const double dt = upto - t_;
        std::vector<double>& month = months_[b.month];
        std::vector<double>& year = years_[b.fy];
        std::vector<double>& real = months_real_[b.month];
        const double inverse = inverse_deflator_[b.fy];
        for (std::size_t i = 0; i < rate_.size(); ++i) {
            const double amount = rate_[i] * dt;
            month[i] += amount;
            year[i] += amount;
            real[i] += amount * inverse;
        }
        t_ = upto;
        if (upto >= b.end) ++bin_;
    }
    if (t > t_) t_ = t;
}

}  // namespace wfsim::model

namespace wfsim::model {

void GroupLedger::lump(std::size_t group, Component c, double amount) {
    if (bins_.empty()) return;
    const Bin& b = bins_[std::min(bin_, bins_.size() - 1)];
    months_[b.month][group * kComponents + c] += amount;
    years_[b.fy][group * kComponents + c] += amount;
    months_real_[b.month][group * kComponents + c] += amount * inverse_deflator_[b.fy];
}

}  // namespace wfsim::model
