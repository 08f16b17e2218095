// Rows of numbers of a fixed width, appended in order and read back column
// by column: the replications x values table that exact percentiles need,
// kept within a memory budget however many rows arrive.
//
// Rows are grouped in blocks, column-major within a block, so that a column
// of a block is contiguous. Blocks stay in memory while they fit in half the
// budget; after that each full block is written to a temporary file, which
// is unlinked as soon as it is created (nothing is left behind, whatever ends
// the process). Reading a column back from the file loads the neighbouring
// columns too, within the other half of the budget, so reading the columns
// in order reads the file about once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/io/temp_file.h"

namespace wfsim::stats {

class ColumnStore {
public:
    static constexpr std::size_t kDefaultBudget = std::size_t{64} << 20;  // bytes
    // The budget of stores made without one (the program may set it once, at start).
    static std::size_t default_budget();
    static void set_default_budget(std::size_t bytes);

    // memory_budget: bytes (0: default_budget()); temp_dir: where a file is
    // made if one is needed ("": $TMPDIR or /tmp).
    explicit ColumnStore(std::size_t width, std::size_t memory_budget = 0, std::string temp_dir = "");
    // A store moved from must not be used again (only destroyed or assigned).
    ColumnStore(ColumnStore&& other) noexcept = default;
    ColumnStore& operator=(ColumnStore&& other) noexcept = default;
    ColumnStore(const ColumnStore&) = delete;
    ColumnStore& operator=(const ColumnStore&) = delete;

    // Appends a row of width() numbers. Throws std::runtime_error if the
    // temporary file cannot be made or written (a full disk, say).
    void append(const double* row);
    std::size_t width() const { return width_; }
    std::size_t rows() const { return rows_; }
    // Column c, one value per row in the order appended.
    std::vector<double> column(std::size_t c) const;
    // Bytes held in memory: kept blocks, the block being filled and the read cache.
    std::size_t memory_bytes() const {
        return (blocks_.size() * block_rows_ * width_ + current_.size() + cache_.capacity()) * sizeof(double);
    }
    // Bytes written to the temporary file (0 while everything fits in memory).
    std::uint64_t spilled_bytes() const { return static_cast<std::uint64_t>(spilled_blocks_) * block_bytes(); }

private:
    std::size_t block_bytes() const { return block_rows_ * width_ * sizeof(double); }
    void spill(const std::vector<double>& block);
    void load_columns(std::size_t first) const;

    std::size_t width_ = 0, budget_ = 0, block_rows_ = 1, rows_ = 0;
    std::vector<std::vector<double>> blocks_;  // full blocks kept in memory (the first ones)
    std::vector<double> current_;              // the block being filled
    std::size_t current_rows_ = 0;
    io::TempFile file_;                        // made when the first block is written
    std::size_t spilled_blocks_ = 0;
    // Columns [cache_first_, cache_first_ + cache_count_) of every spilled
    // block: cache_[(c - cache_first_) * spilled_blocks_ * block_rows_ + b * block_rows_ + r].
    mutable std::vector<double> cache_;
    mutable std::size_t cache_first_ = 0, cache_count_ = 0;
};

}  // namespace wfsim::stats
