#include "models/costs/group_ledger.h"

#include <algorithm>

namespace wfsim::model {

void GroupLedger::init(const std::vector<double>& month_ends, std::size_t groups) {
    groups_ = groups;
    ends_ = month_ends;
    rate_.assign(groups * kParts, 0.0);
    months_.assign(groups > 0 ? month_ends.size() : 0, std::vector<double>(groups * kParts, 0.0));
    month_ = 0;
    t_ = 0;
}

void GroupLedger::integrate_to(double t) {
    while (t > t_ && month_ < ends_.size()) {
        const double upto = std::min(t, ends_[month_]);
        const double dt = upto - t_;
        std::vector<double>& bin = months_[month_];
        for (std::size_t i = 0; i < rate_.size(); ++i) bin[i] += rate_[i] * dt;
        t_ = upto;
        if (upto >= ends_[month_]) ++month_;
    }
    if (t > t_) t_ = t;
}

}  // namespace wfsim::model
