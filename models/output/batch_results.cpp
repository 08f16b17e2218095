#include "models/output/batch_results.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace wfsim::model {

namespace {

// Row layout: monthly values month by month, months 0..M (so that the
// outputs, which go month by month, read the columns in order), then the
// horizon totals, then financial years, then two columns per target.
std::size_t width_for(const Calendar& cal, std::size_t targets) {
    return (cal.months() + 1) * kMetrics + kMetrics + cal.financial_years() * (kComponents + 1) + 2 * targets;
}

}  // namespace

BatchResults::BatchResults(const Calendar& cal, std::vector<Target> targets, std::size_t memory_budget)
    : months_(cal.months() + 1),
      years_(cal.financial_years()),
      cal_(cal),
      targets_(std::move(targets)),
      store_(width_for(cal, targets_.size()), memory_budget) {
    totals_at_ = months_ * kMetrics;
    years_at_ = totals_at_ + kMetrics;
    targets_at_ = years_at_ + years_ * (kComponents + 1);
    row_.assign(store_.width(), 0.0);
}

void BatchResults::add(const ReplicationResult& r) {
    const bool fits = r.monthly.size() == kMetrics && r.financial_years.size() == years_ &&
                      std::all_of(r.monthly.begin(), r.monthly.end(), [&](const auto& v) { return v.size() == months_; });
    if (!fits)
        throw std::runtime_error("a replication's results have " + std::to_string(r.monthly.size()) + " metrics, " +
                                 std::to_string(r.monthly.empty() ? 0 : r.monthly[0].size()) + " months and " +
                                 std::to_string(r.financial_years.size()) + " financial years where the batch has " +
                                 std::to_string(kMetrics) + ", " + std::to_string(months_) + " and " +
                                 std::to_string(years_) +
                                 " (did the processes of an MPI job read different scenario files?)");
    for (int k = 0; k < kMetrics; ++k) {
        const auto& series = r.monthly[static_cast<std::size_t>(k)];
        row_[totals_at_ + static_cast<std::size_t>(k)] = horizon_total(k, series);
        for (std::size_t m = 0; m < months_; ++m) row_[m * kMetrics + static_cast<std::size_t>(k)] = series[m];
    }
    for (std::size_t y = 0; y < years_; ++y) {
        double all = 0;
        for (int c = 0; c < kComponents; ++c) {
            const double v = r.financial_years[y][static_cast<std::size_t>(c)];
            row_[years_at_ + y * (kComponents + 1) + static_cast<std::size_t>(c)] = v;
            all += v;
        }
        row_[years_at_ + y * (kComponents + 1) + kComponents] = all;
    }
    for (std::size_t t = 0; t < targets_.size(); ++t) {
        const TargetOutcome o = evaluate(targets_[t], r, cal_);
        row_[targets_at_ + 2 * t] = o.value;
        row_[targets_at_ + 2 * t + 1] = o.first_month;
    }
    store_.append(row_.data());
    events_ += r.events;
}

std::vector<double> BatchResults::monthly(int metric, std::size_t month) const {
    return store_.column(month * kMetrics + static_cast<std::size_t>(metric));
}

std::vector<double> BatchResults::total(int metric) const { return store_.column(totals_at_ + static_cast<std::size_t>(metric)); }

std::vector<double> BatchResults::financial_year(std::size_t y, int component) const {
    return store_.column(years_at_ + y * (kComponents + 1) + static_cast<std::size_t>(component));
}

std::vector<double> BatchResults::target_value(std::size_t t) const { return store_.column(targets_at_ + 2 * t); }

std::vector<double> BatchResults::target_first_month(std::size_t t) const { return store_.column(targets_at_ + 2 * t + 1); }

BatchResults reduce(const Calendar& cal, const std::vector<Target>& targets, const std::vector<ReplicationResult>& reps) {
    BatchResults b(cal, targets);
    for (const auto& r : reps) b.add(r);
    return b;
}

}  // namespace wfsim::model
