// Shards: a batch split into slices of replications that run as independent
// processes (a Slurm array, Kubernetes jobs, GNU parallel) and are merged by
// `wfsim merge` into files byte-identical to one run.
//
// A shard folder holds `shard.wfsim` and the resolved scenario(s). The file
// is a text header, the results as fixed-size binary records, and a text
// trailer:
//
//   wfsim-shard 1
//   format_version: 2               (model/output/format_version.h; none: 1, refused)
//   engine_version: 0.1.0
//   command: run
//   parameter: months=12            (each parameter that shapes the results)
//   scenario_hash: 5f0c...          (FNV-1a 64 of the resolved scenario texts)
//   seed: 20150601
//   replications: 1000              (of the whole batch)
//   batches: 1                      (scenarios of a compare, points of a sweep)
//   months: 12
//   financial_years: 2
//   metrics: 28
//   record_bytes: 3008              (16 + 8 x (metrics x (months + 1) + 5 x financial_years))
//   shard: 2/4                      (numbered from 1)
//   first: 250                      (this shard holds replications first..first+count-1)
//   count: 250
//   resolved: scenario.resolved.yaml
//   payload_bytes: 752000
//                                   (a blank line ends the header)
//   <batches x count records, batch by batch, in replication order>
//   run_time_seconds: 1.25
//   checksum: 0123456789abcdef      (FNV-1a 64 of the records)
//
// A record (little-endian): events (u64), max_fte_imbalance (f64), then
// monthly[metric][month] (f64, metric by metric, months 0..M, NaN where a
// metric has no value at month 0), then financial_years[year]
// [component] (f64, 5 components). MPI jobs send the same records to rank 0.
#pragma once
#include <cstdint>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "batch_runner.h"
#include "models/calendar.h"
#include "models/metrics/result.h"

namespace wfsim::cli {

// ---- Records

struct RecordLayout {
    std::uint64_t metrics = 0, months = 0, financial_years = 0;  // months: M, the horizon
    std::uint64_t points() const { return months + 1; }          // values per metric: months 0..M
    std::size_t bytes() const;
    bool operator==(const RecordLayout&) const = default;
};
RecordLayout layout_for(const model::Calendar& cal, std::size_t series);
RecordLayout layout_of(const model::ReplicationResult& r);
// Appends the record of `r` to `out`; throws std::runtime_error when r does
// not have the layout's shape.
void encode_record(const model::ReplicationResult& r, const RecordLayout& layout, std::string& out);
void decode_record(const char* data, const RecordLayout& layout, model::ReplicationResult& r);

// FNV-1a, 64 bits: identifies scenario texts and checks payloads.
std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t hash = 0xcbf29ce484222325ull);
std::string hex64(std::uint64_t v);
// The hash of a list of texts (each length-prefixed, so boundaries count).
std::string texts_hash(const std::vector<std::string>& texts);

// ---- --shard i/n

struct ShardSpec {
    std::size_t index = 1, count = 1;  // 1 <= index <= count
};
// Parses "i/n" for `command`, refusing (UsageError) what is malformed, out of
// range, or more shards than replications.
ShardSpec parse_shard(const std::string& text, const std::string& command, std::size_t reps);
Range shard_range(const ShardSpec& shard, std::size_t reps);  // block index-1 of count
std::string shard_dir_suffix(const ShardSpec& shard);          // "-shard-2-of-4"

// ---- Shard files

// Thrown for a shard file that cannot be read or is damaged.
struct ShardError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ShardHeader {
    std::string engine_version = WFSIM_VERSION;
    std::string command;                                         // run, compare, sweep
    std::vector<std::pair<std::string, std::string>> parameters;  // in order
    std::string scenario_hash;
    std::uint64_t seed = 0, replications = 0, batches = 1;
    RecordLayout layout;
    ShardSpec shard;
    std::uint64_t first = 0, count = 0;
    std::vector<std::string> resolved;  // names of the resolved scenario files beside it
    std::uint64_t payload_bytes = 0;

    std::string parameter(const std::string& key) const;  // the first with this key, "" if none
    std::vector<std::string> parameters_named(const std::string& key) const;
};

// A header with what every command's shard has: the command, `months` as
// the first parameter (commands append theirs), the hash of the resolved
// scenario texts, the seed, the batch's replications, its batches (scenarios
// of a compare, points of a sweep), the record layout for `cal` and the
// replications this shard holds. `series`: each replication's series (its
// metrics in total and by grade and team, series_of).
ShardHeader shard_header(const std::string& command, long long months, const std::vector<std::string>& resolved,
                         std::uint64_t seed, std::size_t reps, std::size_t batches, const model::Calendar& cal,
                         std::size_t series, const ShardSpec& shard);
// The series of a replication of the scenario (models/metrics/breakdown.h).
std::size_t series_of(const params::Tree& scenario, const model::Breakdown& breakdown);

inline const char* const kShardFile = "shard.wfsim";

// Writes a shard folder: shard.wfsim goes to a temporary name as batches are
// added; finish() writes the resolved scenarios and renames it into place,
// so an interrupted shard leaves the folder as it was.
class ShardWriter {
public:
    // `resolved`: file name and text of each resolved scenario to write beside it.
    ShardWriter(const std::string& dir, ShardHeader header,
                const std::vector<std::pair<std::string, std::string>>& resolved);
    ~ShardWriter();  // removes the temporary file unless finished
    ShardWriter(const ShardWriter&) = delete;
    ShardWriter& operator=(const ShardWriter&) = delete;
    // The next result: `count` of them for batch 0, then for batch 1, ...
    void add(const model::ReplicationResult& result);
    void finish(double run_seconds);

private:
    std::string dir_, path_, tmp_;
    ShardHeader header_;
    std::map<std::string, std::string> resolved_;
    std::ofstream file_;
    std::uint64_t checksum_, records_written_ = 0;
    std::string record_;
    bool finished_ = false;
};

// Where a batch's results go: to the shard file when there is one, else
// reduced into `results`.
ResultSink results_sink(ShardWriter* writer, model::BatchResults& results);

// Reads a shard folder written by ShardWriter.
class ShardReader {
public:
    explicit ShardReader(const std::string& dir);  // reads and checks the header; throws ShardError
    const ShardHeader& header() const { return header_; }
    const std::string& dir() const { return dir_; }
    double run_seconds() const { return run_seconds_; }
    // Reads the whole payload once and checks its length and checksum.
    void verify() const;
    // The records of batch b, handed to `sink` in order.
    void read_batch(std::uint64_t b, const ResultSink& sink) const;
    std::string read_resolved(const std::string& name) const;

private:
    std::string dir_, path_;
    ShardHeader header_;
    std::uint64_t payload_offset_ = 0;
    std::uint64_t checksum_ = 0;
    double run_seconds_ = 0;
};

}  // namespace wfsim::cli
