#include "models/output/batch_results.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace wfsim::model {

// Row layout: monthly values month by month, months 0..M, every series of a
// month together (so that the outputs, which go month by month, read the
// columns in order), then the horizon totals of the metrics, then financial
// years, then two columns per target.
BatchResults::BatchResults(const Calendar& cal, std::vector<Target> targets, std::size_t memory_budget)
    : months_(cal.months() + 1),
      years_(cal.financial_years()),
      memory_budget_(memory_budget),
      cal_(cal),
      targets_(std::move(targets)) {}

void BatchResults::add(const ReplicationResult& r) {
    if (!store_ && !r.monthly.empty()) {
        series_ = r.monthly.size();
        totals_at_ = months_ * series_;
        years_at_ = totals_at_ + kMetrics;
        targets_at_ = years_at_ + years_ * (kComponents + 1);
        store_.emplace(targets_at_ + 2 * targets_.size(), memory_budget_);
        row_.assign(store_->width(), 0.0);
    }
    const bool fits = store_ && r.monthly.size() == series_ && series_ >= kMetrics && r.financial_years.size() == years_ &&
                      std::all_of(r.monthly.begin(), r.monthly.end(), [&](const auto& v) { return v.size() == months_; });
    if (!fits)
        throw std::runtime_error("a replication's results have " + std::to_string(r.monthly.size()) + " series, " +
                                 std::to_string(r.monthly.empty() ? 0 : r.monthly[0].size()) + " months and " +
                                 std::to_string(r.financial_years.size()) + " financial years where the batch has " +
                                 std::to_string(series_) + ", " + std::to_string(months_) + " and " +
                                 std::to_string(years_) +
                                 " (did the processes of an MPI job read different scenario files?)");
    for (std::size_t k = 0; k < series_; ++k) {
        const auto& series = r.monthly[k];
        if (k < kMetrics) row_[totals_at_ + k] = horizon_total(static_cast<int>(k), series);
        for (std::size_t m = 0; m < months_; ++m) row_[m * series_ + k] = series[m];
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
    store_->append(row_.data());
    events_ += r.events;
}

std::vector<double> BatchResults::column(std::size_t c) const { return store_ ? store_->column(c) : std::vector<double>(); }

std::vector<double> BatchResults::series_monthly(std::size_t series, std::size_t month) const {
    return column(month * series_ + series);
}

std::vector<double> BatchResults::total(int metric) const { return column(totals_at_ + static_cast<std::size_t>(metric)); }

std::vector<double> BatchResults::financial_year(std::size_t y, int component) const {
    return column(years_at_ + y * (kComponents + 1) + static_cast<std::size_t>(component));
}

std::vector<double> BatchResults::target_value(std::size_t t) const { return column(targets_at_ + 2 * t); }

std::vector<double> BatchResults::target_first_month(std::size_t t) const { return column(targets_at_ + 2 * t + 1); }

BatchResults reduce(const Calendar& cal, const std::vector<Target>& targets, const std::vector<ReplicationResult>& reps) {
    BatchResults b(cal, targets);
    for (const auto& r : reps) b.add(r);
    return b;
}

}  // namespace wfsim::model
