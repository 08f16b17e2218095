#include "models/output/replications.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "engine/io/files.h"
#include "models/uncertainty.h"

namespace wfsim::model {

namespace {

// Adds `name` to the columns once, in order of first appearance.
std::size_t column_of(std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
    names.push_back(name);
    return names.size() - 1;
}

// Each replication's draws, by column of `keys`.
std::vector<std::map<std::size_t, double>> draws_of(const ReplicationRows& b, std::vector<std::string>& keys) {
    std::vector<std::map<std::size_t, double>> out(b.results->size());
    for (std::size_t r = 0; r < out.size(); ++r) {
        params::Tree copy = *b.tree;
        Draws drawn;
        if (sample_uncertain(copy, b.seed, r, &drawn) == 0) break;  // the same keys every replication: none at all
        for (const auto& [key, value] : drawn) out[r][column_of(keys, key)] = value;
    }
    return out;
}

}  // namespace

std::string replications_csv(const std::vector<ReplicationRows>& batches) {
    using io::format_value;
    std::vector<std::string> keys, targets;
    std::vector<std::vector<std::map<std::size_t, double>>> draws;
    for (const auto& b : batches) {
        draws.push_back(draws_of(b, keys));
        for (const auto& t : b.results->targets()) column_of(targets, t.name);
    }
    std::ostringstream out;
    out << "scenario,replication";
    for (const auto& k : keys) out << ',' << io::csv_field(k);
    for (int k = 0; k < kMetrics; ++k) out << ',' << (is_flow_metric(k) ? "total." : "final.") << kMetricNames[k];
    for (const auto& t : targets)
        out << ',' << io::csv_field(t + ": value") << ',' << io::csv_field(t + ": met") << ','
            << io::csv_field(t + ": first_month_met");
    out << '\n';
    for (std::size_t i = 0; i < batches.size(); ++i) {
        const BatchResults& res = *batches[i].results;
        const std::size_t n = res.size();
        std::vector<std::vector<double>> totals;
        for (int k = 0; k < kMetrics; ++k) totals.push_back(res.total(k));
        // Each target of the union: this batch's index of it, if it has it.
        std::vector<int> own(targets.size(), -1);
        std::vector<std::vector<double>> values(res.targets().size()), first(res.targets().size());
        for (std::size_t t = 0; t < res.targets().size(); ++t) {
            own[column_of(targets, res.targets()[t].name)] = static_cast<int>(t);
            values[t] = res.target_value(t);
            first[t] = res.target_first_month(t);
        }
        const std::string label = io::csv_field(batches[i].scenario);
        for (std::size_t r = 0; r < n; ++r) {
            out << label << ',' << r;
            for (std::size_t k = 0; k < keys.size(); ++k) {
                out << ',';
                const auto it = draws[i][r].find(k);
                if (it != draws[i][r].end()) out << format_value(it->second);
            }
            for (int k = 0; k < kMetrics; ++k) out << ',' << format_value(totals[static_cast<std::size_t>(k)][r]);
            for (std::size_t c = 0; c < targets.size(); ++c) {
                if (own[c] < 0) {
                    out << ",,,";
                    continue;
                }
                const auto t = static_cast<std::size_t>(own[c]);
                const Target& target = res.targets()[t];
                if (target.beyond_horizon) {  // not judged: no value
                    out << ",,,";
                    continue;
                }
                out << ',' << format_value(values[t][r]) << ',' << (target.holds(values[t][r]) ? 1 : 0) << ',';
                if (first[t][r] >= 0) out << format_value(first[t][r]);
            }
            out << '\n';
        }
    }
    return out.str();
}

}  // namespace wfsim::model
