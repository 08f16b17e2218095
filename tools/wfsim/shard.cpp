#include "shard.h"

#include <unistd.h>

#include <bit>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/io/file_kind.h"
#include "cli.h"
#include "engine/io/files.h"
#include "models/config.h"
#include "models/costs/ledger.h"
#include "models/metrics/breakdown.h"
#include "models/output/format_version.h"
#include "output_dir.h"

namespace wfsim::cli {

namespace fs = std::filesystem;

// ---- Records

std::size_t RecordLayout::bytes() const {
    return 16 + 8 * static_cast<std::size_t>(metrics * points() + financial_years * model::kComponents);
}

RecordLayout layout_for(const model::Calendar& cal, std::size_t series) {
    return {static_cast<std::uint64_t>(series), cal.months(), cal.financial_years()};
}

std::size_t series_of(const params::Tree& scenario, const model::Breakdown& breakdown) {
    return model::SeriesLayout(model::read_names(scenario), breakdown).count();
}

RecordLayout layout_of(const model::ReplicationResult& r) {
    const std::size_t points = r.monthly.empty() ? 0 : r.monthly.front().size();
    return {r.monthly.size(), points > 0 ? points - 1 : 0, r.financial_years.size()};
}

namespace {

void put_u64(std::string& out, std::uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    out.append(b, 8);
}
void put_f64(std::string& out, double v) { put_u64(out, std::bit_cast<std::uint64_t>(v)); }
std::uint64_t get_u64(const char* p) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    return v;
}
double get_f64(const char* p) { return std::bit_cast<double>(get_u64(p)); }

}  // namespace

void encode_record(const model::ReplicationResult& r, const RecordLayout& layout, std::string& out) {
    bool shape = r.monthly.size() == layout.metrics && r.financial_years.size() == layout.financial_years;
    for (const auto& series : r.monthly) shape = shape && series.size() == layout.points();
    if (!shape) throw std::runtime_error("a replication's results do not have the shape of the batch's calendar");
    out.reserve(out.size() + layout.bytes());
    put_u64(out, r.events);
    put_f64(out, r.max_fte_imbalance);
    for (const auto& series : r.monthly)
        for (double v : series) put_f64(out, v);
    for (const auto& year : r.financial_years)
        for (double v : year) put_f64(out, v);
}

void decode_record(const char* p, const RecordLayout& layout, model::ReplicationResult& r) {
    r.events = get_u64(p);
    r.max_fte_imbalance = get_f64(p + 8);
    p += 16;
    r.monthly.assign(layout.metrics, std::vector<double>(layout.points()));
    for (auto& series : r.monthly)
        for (double& v : series) v = get_f64(p), p += 8;
    r.financial_years.assign(layout.financial_years, model::Amounts{});
    for (auto& year : r.financial_years)
        for (double& v : year) v = get_f64(p), p += 8;
}

std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t hash) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) hash = (hash ^ p[i]) * 0x100000001b3ull;
    return hash;
}

std::string hex64(std::uint64_t v) {
    char b[17];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(v));
    return b;
}

std::string texts_hash(const std::vector<std::string>& texts) {
    std::uint64_t h = fnv1a(nullptr, 0);
    for (const auto& t : texts) {
        const std::string len = std::to_string(t.size()) + ":";
        h = fnv1a(len.data(), len.size(), h);
        h = fnv1a(t.data(), t.size(), h);
    }
    return hex64(h);
}

// ---- --shard i/n

namespace {

bool parse_size(const std::string& s, std::size_t& out) {
    if (s.empty() || s.size() > 9) return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

ShardSpec parse_shard(const std::string& text, const std::string& command, std::size_t reps) {
    const std::string what = "wfsim " + command + ": --shard " + text + ": ";
    const auto slash = text.find('/');
    ShardSpec s;
    if (slash == std::string::npos || !parse_size(text.substr(0, slash), s.index) ||
        !parse_size(text.substr(slash + 1), s.count))
        throw UsageError(what + "expected i/n, e.g. --shard 2/8 for the second of 8 shards (numbered from 1)");
    if (s.count < 1 || s.index < 1 || s.index > s.count)
        throw UsageError(what + "shards are numbered from 1 to n, so 1/" + std::to_string(std::max<std::size_t>(s.count, 1)) +
                         " to " + std::to_string(std::max<std::size_t>(s.count, 1)) + "/" +
                         std::to_string(std::max<std::size_t>(s.count, 1)));
    if (s.count > reps)
        throw UsageError(what + std::to_string(s.count) + " shards of " + std::to_string(reps) +
                         " replications would leave some empty; use at most " + std::to_string(reps) + " shards");
    return s;
}

Range shard_range(const ShardSpec& shard, std::size_t reps) { return block_of({0, reps}, shard.index - 1, shard.count); }

std::string shard_dir_suffix(const ShardSpec& shard) {
    return "-shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
}

// ---- Header text

namespace {

const char* const kMagic = "wfsim-shard 1";

std::string escape(const std::string& s) {
    std::string r;
    for (char c : s) {
        if (c == '\\') r += "\\\\";
        else if (c == '\n') r += "\\n";
        else if (c == '\r') r += "\\r";
        else r += c;
    }
    return r;
}

std::string unescape(const std::string& s) {
    std::string r;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            r += s[i];
            continue;
        }
        const char c = s[++i];
        r += c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    return r;
}

std::string header_text(const ShardHeader& h) {
    std::ostringstream o;
    o << kMagic << "\n";
    o << "format_version: " << model::kFormatVersion << "\n";
    o << "engine_version: " << escape(h.engine_version) << "\n";
    o << "command: " << escape(h.command) << "\n";
    for (const auto& [k, v] : h.parameters) o << "parameter: " << escape(k) << "=" << escape(v) << "\n";
    o << "scenario_hash: " << h.scenario_hash << "\n";
    o << "seed: " << h.seed << "\n";
    o << "replications: " << h.replications << "\n";
    o << "batches: " << h.batches << "\n";
    o << "months: " << h.layout.months << "\n";
    o << "financial_years: " << h.layout.financial_years << "\n";
    o << "metrics: " << h.layout.metrics << "\n";
    o << "record_bytes: " << h.layout.bytes() << "\n";
    o << "shard: " << h.shard.index << "/" << h.shard.count << "\n";
    o << "first: " << h.first << "\n";
    o << "count: " << h.count << "\n";
    for (const auto& r : h.resolved) o << "resolved: " << escape(r) << "\n";
    o << "payload_bytes: " << h.payload_bytes << "\n\n";
    return o.str();
}

std::uint64_t parse_u64(const std::string& path, const std::string& key, const std::string& v) {
    std::uint64_t out = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), out);
    if (v.empty() || r.ec != std::errc() || r.ptr != v.data() + v.size())
        throw ShardError(path + ": '" + key + "' is not a whole number: " + v);
    return out;
}

}  // namespace

std::string ShardHeader::parameter(const std::string& key) const {
    for (const auto& [k, v] : parameters)
        if (k == key) return v;
    return "";
}

std::vector<std::string> ShardHeader::parameters_named(const std::string& key) const {
    std::vector<std::string> r;
    for (const auto& [k, v] : parameters)
        if (k == key) r.push_back(v);
    return r;
}

// ---- Writing

ShardHeader shard_header(const std::string& command, long long months, const std::vector<std::string>& resolved,
                         std::uint64_t seed, std::size_t reps, std::size_t batches, const model::Calendar& cal,
                         std::size_t series, const ShardSpec& shard) {
    ShardHeader h;
    h.command = command;
    h.parameters = {{"months", std::to_string(months)}};
    h.scenario_hash = texts_hash(resolved);
    h.seed = seed;
    h.replications = reps;
    h.batches = batches;
    h.layout = layout_for(cal, series);
    h.shard = shard;
    const Range range = shard_range(shard, reps);
    h.first = range.begin;
    h.count = range.size();
    return h;
}

ResultSink results_sink(ShardWriter* writer, model::BatchResults& results) {
    if (writer) return [writer](const model::ReplicationResult& r) { writer->add(r); };
    return [&results](const model::ReplicationResult& r) { results.add(r); };
}

ShardWriter::ShardWriter(const std::string& dir, ShardHeader header,
                         const std::vector<std::pair<std::string, std::string>>& resolved)
    : dir_(dir), path_((fs::path(dir) / kShardFile).string()), header_(std::move(header)) {
    header_.resolved.clear();
    for (const auto& [name, text] : resolved) {
        header_.resolved.push_back(name);
        resolved_[name] = text;
    }
    header_.payload_bytes = header_.batches * header_.count * header_.layout.bytes();
    tmp_ = path_ + ".partial-" + std::to_string(::getpid());
    file_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!file_) throw std::runtime_error("cannot write " + tmp_ + ": " + std::strerror(errno));
    file_ << header_text(header_);
    checksum_ = fnv1a(nullptr, 0);
}

ShardWriter::~ShardWriter() {
    if (finished_) return;
    file_.close();
    std::error_code ec;
    fs::remove(tmp_, ec);
}

void ShardWriter::add(const model::ReplicationResult& result) {
    if (records_written_ >= header_.batches * header_.count)
        throw std::runtime_error("internal error: more shard results than the " +
                                 std::to_string(header_.batches * header_.count) + " expected");
    record_.clear();
    encode_record(result, header_.layout, record_);
    checksum_ = fnv1a(record_.data(), record_.size(), checksum_);
    file_.write(record_.data(), static_cast<std::streamsize>(record_.size()));
    if (!file_) throw std::runtime_error("cannot write " + tmp_ + ": " + std::strerror(errno));
    ++records_written_;
}

void ShardWriter::finish(double run_seconds) {
    if (records_written_ != header_.batches * header_.count)
        throw std::runtime_error("internal error: a shard is missing results");
    file_ << "run_time_seconds: " << io::format_value(run_seconds) << "\nchecksum: " << hex64(checksum_) << "\n";
    file_.flush();
    if (!file_) throw std::runtime_error("cannot write " + tmp_ + ": " + std::strerror(errno));
    file_.close();
    // The resolved scenarios and the shard file, filled as the replications
    // ran, replace the folder's contents as one (output_dir.h).
    write_outputs(dir_, resolved_, {{kShardFile, tmp_}});
    finished_ = true;
}

// ---- Reading

namespace {

// Sizes a shard file is read with before its header is trusted: its header
// holds the resolved scenarios (each from a file of at most 8 MiB, escaped
// on one line), its trailer two short lines.
constexpr std::size_t kMaxHeaderBytes = std::size_t{256} << 20, kMaxTrailerLine = 256;
constexpr std::uint64_t kMaxResolvedBytes = std::uint64_t{64} << 20;

// std::getline that reads at most `max` bytes of a line, so that a file of
// one endless line is refused without reading it all.
bool bounded_line(std::istream& in, std::string& line, std::size_t max, const std::string& path, const char* part) {
    line.clear();
    std::istream::int_type c;
    bool any = false;
    while ((c = in.get()) != std::istream::traits_type::eof()) {
        any = true;
        if (c == '\n') return true;
        if (line.size() >= max)
            throw ShardError(path + " is not a wfsim shard file: its " + part + " is longer than " +
                             std::to_string(max) + " bytes");
        line.push_back(static_cast<char>(c));
    }
    return any;
}

}  // namespace

ShardReader::ShardReader(const std::string& dir) : dir_(dir), path_((fs::path(dir) / kShardFile).string()) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw ShardError(dir + " is not a folder");
    if (const std::string kind = io::not_a_regular_file(path_); !kind.empty())
        throw ShardError(path_ + " is " + kind + ", not a shard file");
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw ShardError(dir + " holds no " + kShardFile + " (give the folders written by --shard)");
    std::error_code size_ec;
    const std::uint64_t file_bytes = fs::file_size(path_, size_ec);
    if (size_ec) throw ShardError(path_ + ": cannot read its size (" + size_ec.message() + ")");
    std::string line;
    if (!bounded_line(in, line, 64, path_, "first line") || line != kMagic)
        throw ShardError(path_ + " is not a wfsim shard file (or is incomplete)");
    ShardHeader& h = header_;
    h.engine_version.clear();
    bool have_count = false, have_shard = false, have_hash = false;
    std::uint64_t record_bytes = 0, format_version = 1;  // a file without one is of the first format
    while (true) {
        if (!bounded_line(in, line, kMaxHeaderBytes, path_, "header") || static_cast<std::uint64_t>(in.tellg()) > kMaxHeaderBytes)
            throw ShardError(path_ + (in.eof() ? " ends inside its header" : " has a header longer than 256 MiB"));
        if (line.empty()) break;
        const auto colon = line.find(": ");
        if (colon == std::string::npos) throw ShardError(path_ + ": a header line without 'key: value': " + line);
        const std::string key = line.substr(0, colon), value = line.substr(colon + 2);
        if (key == "format_version") format_version = parse_u64(path_, key, value);
        else if (key == "engine_version") h.engine_version = unescape(value);
        else if (key == "command") h.command = unescape(value);
        else if (key == "parameter") {
            const auto eq = value.find('=');
            if (eq == std::string::npos) throw ShardError(path_ + ": a parameter without '=': " + value);
            h.parameters.emplace_back(unescape(value.substr(0, eq)), unescape(value.substr(eq + 1)));
        } else if (key == "scenario_hash") h.scenario_hash = value, have_hash = true;
        else if (key == "seed") h.seed = parse_u64(path_, key, value);
        else if (key == "replications") h.replications = parse_u64(path_, key, value);
        else if (key == "batches") h.batches = parse_u64(path_, key, value);
        else if (key == "months") h.layout.months = parse_u64(path_, key, value);
        else if (key == "financial_years") h.layout.financial_years = parse_u64(path_, key, value);
        else if (key == "metrics") h.layout.metrics = parse_u64(path_, key, value);
        else if (key == "record_bytes") record_bytes = parse_u64(path_, key, value);
        else if (key == "shard") {
            const auto slash = value.find('/');
            if (slash == std::string::npos) throw ShardError(path_ + ": shard is not i/n: " + value);
            h.shard.index = parse_u64(path_, key, value.substr(0, slash));
            h.shard.count = parse_u64(path_, key, value.substr(slash + 1));
            have_shard = true;
        } else if (key == "first") h.first = parse_u64(path_, key, value);
        else if (key == "count") h.count = parse_u64(path_, key, value), have_count = true;
        else if (key == "resolved") h.resolved.push_back(unescape(value));
        else if (key == "payload_bytes") h.payload_bytes = parse_u64(path_, key, value);
        // Other keys are ignored, so that later versions may add some.
    }
    // Before any other check: an old file's records have another shape.
    if (format_version != static_cast<std::uint64_t>(model::kFormatVersion))
        throw ShardError(model::old_format_message(path_, static_cast<long>(format_version)));
    if (h.engine_version.empty() || h.command.empty() || !have_hash || !have_shard || !have_count)
        throw ShardError(path_ + ": the header lacks engine_version, command, scenario_hash, shard or count");
    if (h.layout.metrics > 10000 || h.layout.months > 100000 || h.layout.financial_years > 100000 ||
        record_bytes != h.layout.bytes() || h.batches > 1000000 || h.count > 1000000000ull ||
        // In floating point too, so that no product wraps round to the payload's size.
        static_cast<double>(h.batches) * static_cast<double>(h.count) * static_cast<double>(record_bytes) > 1.8e19 ||
        h.payload_bytes != h.batches * h.count * record_bytes || h.shard.index < 1 || h.shard.index > h.shard.count ||
        h.shard.count > 1000000000ull)
        throw ShardError(path_ + ": the header is inconsistent (record size, payload size or shard number)");
    payload_offset_ = static_cast<std::uint64_t>(in.tellg());
    // The header says how long the file is: its results and a short trailer.
    if (file_bytes < payload_offset_ + h.payload_bytes)
        throw ShardError(path_ + " is truncated: its header promises " + std::to_string(h.payload_bytes) +
                         " bytes of results, but the file holds " + std::to_string(file_bytes - payload_offset_) +
                         " after the header");
    in.seekg(static_cast<std::streamoff>(payload_offset_ + h.payload_bytes));
    std::string trailer[2];
    for (auto& t : trailer)
        if (!bounded_line(in, t, kMaxTrailerLine, path_, "trailer"))
            throw ShardError(path_ + " is truncated (its results end early)");
    if (trailer[0].rfind("run_time_seconds: ", 0) != 0 || trailer[1].rfind("checksum: ", 0) != 0)
        throw ShardError(path_ + " is damaged (no trailer after its results)");
    run_seconds_ = std::strtod(trailer[0].c_str() + 18, nullptr);
    const std::string sum = trailer[1].substr(10);
    std::uint64_t c = 0;
    const auto r = std::from_chars(sum.data(), sum.data() + sum.size(), c, 16);
    if (sum.size() != 16 || r.ec != std::errc()) throw ShardError(path_ + " is damaged (its checksum line)");
    checksum_ = c;
    const auto end = static_cast<std::uint64_t>(in.tellg());
    if (in.good() && end < file_bytes)
        throw ShardError(path_ + " is damaged: " + std::to_string(file_bytes - end) + " bytes follow its checksum");
}

void ShardReader::verify() const {
    std::ifstream in(path_, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(payload_offset_));
    std::vector<char> buf(1 << 20);
    std::uint64_t left = header_.payload_bytes, h = fnv1a(nullptr, 0);
    while (left > 0) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, buf.size()));
        if (!in.read(buf.data(), static_cast<std::streamsize>(n))) throw ShardError(path_ + " is truncated");
        h = fnv1a(buf.data(), n, h);
        left -= n;
    }
    if (h != checksum_) throw ShardError(path_ + " is damaged: its results do not match their checksum");
}

void ShardReader::read_batch(std::uint64_t b, const ResultSink& sink) const {
    const std::size_t rb = header_.layout.bytes();
    std::ifstream in(path_, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(payload_offset_ + b * header_.count * rb));
    std::vector<char> buf(rb * 256);
    for (std::uint64_t done = 0; done < header_.count;) {
        const std::uint64_t n = std::min<std::uint64_t>(256, header_.count - done);
        if (!in.read(buf.data(), static_cast<std::streamsize>(n * rb))) throw ShardError(path_ + " is truncated");
        model::ReplicationResult r;
        for (std::uint64_t i = 0; i < n; ++i) {
            decode_record(buf.data() + i * rb, header_.layout, r);
            sink(r);
        }
        done += n;
    }
}

std::string ShardReader::read_resolved(const std::string& name) const {
    const fs::path p = fs::path(dir_) / name;
    if (const std::string kind = io::not_a_regular_file(p.string()); !kind.empty())
        throw ShardError(p.string() + " is " + kind + ", not the resolved scenario its shard was run with");
    std::ifstream in(p, std::ios::binary);
    if (!in) throw ShardError(dir_ + " lacks " + name + ", the resolved scenario its shard was run with");
    std::error_code ec;
    if (const std::uint64_t bytes = fs::file_size(p, ec); !ec && bytes > kMaxResolvedBytes)
        throw ShardError(p.string() + " is " + std::to_string(bytes) + " bytes; a resolved scenario is at most 64 MiB");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace wfsim::cli
