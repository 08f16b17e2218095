// Spend of each grade and each team (issue 19, item 3), for the components
// that belong to posts: permanent pay (a post's holder) and agency (a vacant
// post's cover, and cover of absence and other leave, which is in proportion
// to each team and grade's permanent FTE). Like the Ledger, each group's rate
// changes only at events and is integrated into month bins.
#pragma once
#include <cstddef>
#include <vector>

namespace wfsim::model {

class GroupLedger {
public:
    enum Part { kPay = 0, kAgencyCover = 1, kParts = 2 };
    // month_ends: ascending days (the last is the horizon); groups: 0 turns it off.
    void init(const std::vector<double>& month_ends, std::size_t groups);
    bool on() const { return groups_ > 0; }
    void advance(double t) {
        if (t > t_) integrate_to(t);
    }
    void set_rate(std::size_t group, Part part, double pounds_per_day) { rate_[group * kParts + part] = pounds_per_day; }
    // Spend over month m (1..M) of a group's part.
    double month(std::size_t m, std::size_t group, Part part) const { return months_[m - 1][group * kParts + part]; }

private:
    void integrate_to(double t);
    std::size_t groups_ = 0, month_ = 0;
    double t_ = 0;
    std::vector<double> ends_, rate_;
    std::vector<std::vector<double>> months_;
};

}  // namespace wfsim::model
