// Spend of each grade and each team (issue 19, item 3), for the components
// that belong to posts: permanent pay (a post's holder) and agency (a vacant
// post's cover, and cover of absence and other leave, which is in proportion
// to each team and grade's permanent FTE). Like the Ledger, each group's rate
// changes only at events and is integrated into bins cut at month ends and at
// 1 April, so both months and financial years are exact.
#pragma once
#include <cstddef>
#include <vector>

namespace wfsim::model {

class GroupLedger {
public:
    enum Part { kPay = 0, kAgencyCover = 1, kParts = 2 };
    // month_ends: ascending days (the last is the horizon); fy_starts: days of
    // 1 April strictly inside the horizon; groups: 0 turns it off.
    void init(const std::vector<double>& month_ends, const std::vector<double>& fy_starts, std::size_t groups);
    bool on() const { return groups_ > 0; }
    void advance(double t) {
        if (t > t_) integrate_to(t);
    }
    void set_rate(std::size_t group, Part part, double pounds_per_day) { rate_[group * kParts + part] = pounds_per_day; }
    // Spend over month m (1..M), and over financial year y, of a group's part.
    double month(std::size_t m, std::size_t group, Part part) const { return months_[m - 1][group * kParts + part]; }
    double year(std::size_t y, std::size_t group, Part part) const { return years_[y][group * kParts + part]; }
    std::size_t years() const { return years_.size(); }

private:
    void integrate_to(double t);
    struct Bin { double end; std::size_t month, fy; };
    std::vector<Bin> bins_;
    std::size_t groups_ = 0, bin_ = 0;
    double t_ = 0;
    std::vector<double> rate_;
    std::vector<std::vector<double>> months_, years_;
};

}  // namespace wfsim::model
