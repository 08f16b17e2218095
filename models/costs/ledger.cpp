#include "models/costs/ledger.h"

#include <algorithm>

namespace wfsim::model {

void Ledger::init(const std::vector<double>& month_ends, const std::vector<double>& fy_starts,
                  const std::vector<double>& deflators) {
    bins_.clear();
    std::vector<double> cuts(month_ends);
    cuts.insert(cuts.end(), fy_starts.begin(), fy_starts.end());
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::size_t month = 0, fy = 0;
    double lo = 0;
    for (double end : cuts) {
        if (end <= lo) continue;
        while (month < month_ends.size() && month_ends[month] <= lo) ++month;
        fy = static_cast<std::size_t>(std::upper_bound(fy_starts.begin(), fy_starts.end(), lo) - fy_starts.begin());
        bins_.push_back(Bin{end, month, fy});
        lo = end;
    }
    months_.assign(month_ends.size(), Amounts{});
    months_real_.assign(month_ends.size(), Amounts{});
    inverse_deflator_.assign(fy_starts.size() + 1, 1.0);
    for (std::size_t y = 0; y < deflators.size() && y < inverse_deflator_.size(); ++y) inverse_deflator_[y] = 1.0 / deflators[y];
    fys_.assign(fy_starts.size() + 1, Amounts{});
    bin_ = 0;
    t_ = 0;
    rate_ = Amounts{};
}

void Ledger::integrate_to(double t) {
    while (t > t_ && bin_ < bins_.size()) {
        const Bin& b = bins_[bin_];
        const double upto = std::min(t, b.end);
        const double dt = upto - t_;
        for (int c = 0; c < kComponents; ++c) {
            const double amount = rate_[c] * dt;
            months_[b.month][c] += amount;
            fys_[b.fy][c] += amount;
            months_real_[b.month][c] += amount * inverse_deflator_[b.fy];
        }
        t_ = upto;
        if (upto >= b.end) ++bin_;
    }
    if (t > t_) t_ = t;
}

void Ledger::lump(Component c, double amount) {
    if (bins_.empty()) return;
    const Bin& b = bins_[std::min(bin_, bins_.size() - 1)];
    months_[b.month][c] += amount;
    fys_[b.fy][c] += amount;
    months_real_[b.month][c] += amount * inverse_deflator_[b.fy];
}

}  // namespace wfsim::model
