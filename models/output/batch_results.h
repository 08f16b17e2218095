// The results of a batch of replications, reduced as they arrive: each
// replication becomes one row of the numbers the outputs summarise (every
// metric at every month end, the horizon totals, spend by financial year,
// each target's judged value and first month met), kept in a ColumnStore so
// that exact percentiles stay within a memory budget however many
// replications run. Replications must be added in index order; the outputs
// then do not depend on threads, processes or shards.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/stats/column_store.h"
#include "models/calendar.h"
#include "models/metrics/result.h"
#include "models/targets/targets.h"

namespace wfsim::model {

class BatchResults {
public:
    // memory_budget: bytes for the replications' rows before they go to a
    // temporary file (0: stats::ColumnStore::default_budget()).
    BatchResults(const Calendar& cal, std::vector<Target> targets, std::size_t memory_budget = 0);
    // Adds the next replication. Throws std::runtime_error if its shape does
    // not match the calendar.
    void add(const ReplicationResult& r);

    std::size_t size() const { return store_ ? store_->rows() : 0; }
    // Series per replication (kMetrics totals, then the metrics by grade and
    // team, breakdown.h), as the first replication brought them; 0 before.
    std::size_t series() const { return series_; }
    std::uint64_t events() const { return events_; }
    const Calendar& calendar() const { return cal_; }
    const std::vector<Target>& targets() const { return targets_; }
    std::uint64_t spilled_bytes() const { return store_ ? store_->spilled_bytes() : 0; }

    // One value per replication, in replication order:
    // the metric at month 0..M (NaN where it has no value, see has_value);
    std::vector<double> monthly(int metric, std::size_t month) const { return series_monthly(static_cast<std::size_t>(metric), month); }
    // a series of a metric by grade or team (breakdown.h) at month 0..M;
    std::vector<double> series_monthly(std::size_t series, std::size_t month) const;
    // the metric's total over the horizon (flows) or final value (stocks);
    std::vector<double> total(int metric) const;
    // spend in financial year y by component (kComponents: all components);
    std::vector<double> financial_year(std::size_t y, int component) const;
    // target t's judged value, and its first month met (-1: never).
    std::vector<double> target_value(std::size_t t) const;
    std::vector<double> target_first_month(std::size_t t) const;

private:
    std::size_t months_ = 0, years_ = 0, series_ = 0, memory_budget_ = 0;  // months_: months 0..M, so M + 1
    std::size_t totals_at_ = 0, years_at_ = 0, targets_at_ = 0;  // column offsets
    Calendar cal_;
    std::vector<Target> targets_;
    std::uint64_t events_ = 0;
    std::optional<stats::ColumnStore> store_;  // made when the first replication shows its width
    std::vector<double> column(std::size_t c) const;
    std::vector<double> row_;
};

// A batch already held in memory (tests, calibration), reduced the same way.
BatchResults reduce(const Calendar& cal, const std::vector<Target>& targets, const std::vector<ReplicationResult>& reps);

}  // namespace wfsim::model
