#include "engine/stats/column_store.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>

namespace wfsim::stats {

namespace {

// A block of about 1 MiB: large enough that reading a column from the file
// is a few large reads, small enough that the block being filled is cheap.
std::size_t rows_per_block(std::size_t width) {
    const std::size_t row_bytes = std::max<std::size_t>(1, width) * sizeof(double);
    return std::max<std::size_t>(16, (std::size_t{1} << 20) / row_bytes);
}

std::atomic<std::size_t> g_default_budget{ColumnStore::kDefaultBudget};

}  // namespace

std::size_t ColumnStore::default_budget() { return g_default_budget.load(); }
void ColumnStore::set_default_budget(std::size_t bytes) { g_default_budget.store(bytes); }

ColumnStore::ColumnStore(std::size_t width, std::size_t memory_budget, std::string temp_dir)
    : width_(width),
      budget_(memory_budget ? memory_budget : default_budget()),
      block_rows_(rows_per_block(width)),
      file_("replication results", std::move(temp_dir)) {
    current_.assign(block_rows_ * width_, 0.0);
}

void ColumnStore::append(const double* row) {
    for (std::size_t c = 0; c < width_; ++c) current_[c * block_rows_ + current_rows_] = row[c];
    ++rows_;
    if (++current_rows_ < block_rows_) return;
    // A full block: kept while the kept blocks fit in half the budget (and
    // nothing has gone to the file yet, so that the file holds the last
    // blocks in order); otherwise written out.
    if (spilled_blocks_ == 0 && (blocks_.size() + 1) * block_bytes() <= budget_ / 2) {
        blocks_.push_back(current_);
    } else {
        spill(current_);
    }
    current_rows_ = 0;
    cache_count_ = 0;
}

void ColumnStore::spill(const std::vector<double>& block) {
    file_.write_at(static_cast<std::uint64_t>(spilled_blocks_) * block_bytes(), block.data(), block_bytes());
    ++spilled_blocks_;
}

void ColumnStore::load_columns(std::size_t first) const {
    cache_count_ = 0;  // until loaded whole: a failed read must not leave a cache that looks valid
    const std::size_t per_column = spilled_blocks_ * block_rows_ * sizeof(double);
    const std::size_t count = std::min(width_ - first, std::max<std::size_t>(1, (budget_ / 2) / per_column));
    cache_.resize(count * spilled_blocks_ * block_rows_);
    std::vector<double> run(count * block_rows_);
    for (std::size_t b = 0; b < spilled_blocks_; ++b) {
        // Columns first..first+count-1 of block b are contiguous in the file.
        file_.read_at(static_cast<std::uint64_t>(b) * block_bytes() + first * block_rows_ * sizeof(double), run.data(),
                      run.size() * sizeof(double));
        for (std::size_t k = 0; k < count; ++k)
            std::copy_n(run.begin() + static_cast<std::ptrdiff_t>(k * block_rows_), block_rows_,
                        cache_.begin() + static_cast<std::ptrdiff_t>((k * spilled_blocks_ + b) * block_rows_));
    }
    cache_first_ = first;
    cache_count_ = count;
}

std::vector<double> ColumnStore::column(std::size_t c) const {
    if (c >= width_) throw std::out_of_range("ColumnStore::column: column " + std::to_string(c) + " of " + std::to_string(width_));
    std::vector<double> out;
    out.reserve(rows_);
    for (const auto& block : blocks_) {
        const auto from = block.begin() + static_cast<std::ptrdiff_t>(c * block_rows_);
        out.insert(out.end(), from, from + static_cast<std::ptrdiff_t>(block_rows_));
    }
    if (spilled_blocks_ > 0) {
        if (cache_count_ == 0 || c < cache_first_ || c >= cache_first_ + cache_count_) load_columns(c);
        const auto from = cache_.begin() + static_cast<std::ptrdiff_t>((c - cache_first_) * spilled_blocks_ * block_rows_);
        out.insert(out.end(), from, from + static_cast<std::ptrdiff_t>(spilled_blocks_ * block_rows_));
    }
    const auto from = current_.begin() + static_cast<std::ptrdiff_t>(c * block_rows_);
    out.insert(out.end(), from, from + static_cast<std::ptrdiff_t>(current_rows_));
    return out;
}

}  // namespace wfsim::stats
