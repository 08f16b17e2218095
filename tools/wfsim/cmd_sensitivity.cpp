// wfsim sensitivity: each assumption varied one at a time on common random
// numbers, the others held at their values (uncertain ones at their means),
// so that the differences say which assumption the answer hangs on.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>

#include "batch_runner.h"
#include "cli.h"
#include "engine/io/files.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "engine/params/units.h"
#include "engine/stats/paired.h"
#include "models/calibrate/calibrate.h"
#include "models/output/format_version.h"
#include "models/schema.h"
#include "models/simulation.h"
#include "models/targets/targets.h"
#include "models/uncertainty_ranges.h"
#include "output_dir.h"
#include "resources.h"

namespace wfsim::cli {

namespace {

struct Assumption {
    std::string key, source;  // source: how its ends were chosen
    double base = 0, low = 0, high = 0;
};

// The value of a key in the scenario, when it is a plain number.
std::optional<double> number_at(const params::Tree& tree, const std::string& key) {
    const params::Tree* node = model::value_at(tree, key);
    std::string why;
    if (!node || !node->is_scalar()) return std::nullopt;
    return params::parse_number(node->scalar, false, why);
}

// Plus and minus 20% of the value, within what the key allows.
Assumption plus_minus_20(const std::string& key, double base) {
    double lo = -INFINITY, hi = INFINITY;
    model::declared_range(key, lo, hi);
    const double a = std::clamp(base * 0.8, lo, hi), b = std::clamp(base * 1.2, lo, hi);
    return {key, "plus_minus_20_percent", base, std::min(a, b), std::max(a, b)};
}

// The behavioural assumptions varied when the scenario has no uncertain
// parameter and no --vary is given: where the answer most often hangs.
std::vector<Assumption> default_assumptions(const params::Tree& tree) {
    std::vector<std::string> keys;
    for (const char* group : {"leaving.base_rate", "recruitment.applicants_per_advert"})
        if (const params::Tree* map = model::value_at(tree, group); map && map->is_map())
            for (const auto& kv : map->map) keys.push_back(std::string(group) + "." + kv.first);
    keys.push_back("leaving.pay_elasticity");
    keys.push_back("agency.fill_probability");
    if (const params::Tree* bonuses = model::value_at(tree, "retention.bonuses"); bonuses && bonuses->is_seq())
        for (std::size_t i = 0; i < bonuses->seq.size(); ++i)
            for (const char* k : {"leaving_multiplier_before", "leaving_elasticity_before", "leaving_multiplier_after",
                                  "leaving_elasticity_after"})
                keys.push_back("retention.bonuses." + std::to_string(i) + "." + k);
    std::vector<Assumption> out;
    for (const auto& key : keys) {
        const std::optional<double> v = number_at(tree, key);
        // Zero plus or minus 20% is zero: nothing to vary.
        if (v && *v != 0) out.push_back(plus_minus_20(key, *v));
    }
    return out;
}

// --vary key[=LOW,HIGH],...: a number after a key's LOW belongs to it.
std::vector<Assumption> given_assumptions(const std::vector<std::string>& texts, const params::Tree& held) {
    std::vector<Assumption> out;
    std::vector<std::string> tokens;
    for (const auto& text : texts) {
        std::stringstream ss(text);
        for (std::string t; std::getline(ss, t, ',');) tokens.push_back(t);
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& t = tokens[i];
        const auto eq = t.find('=');
        const std::string key = t.substr(0, eq);
        std::string why;
        if (key.empty()) throw UsageError("wfsim sensitivity: --vary has an empty key (expected key[=LOW,HIGH],...)");
        if (!model::scenario_schema().match_concrete(key, why)) throw UsageError("wfsim sensitivity: --vary " + key + ": " + why);
        const std::optional<double> base = number_at(held, key);
        if (!base) throw UsageError("wfsim sensitivity: --vary " + key + " is not a number in the scenario (give it a value in the file or with --set)");
        if (eq == std::string::npos) {
            out.push_back(plus_minus_20(key, *base));
            continue;
        }
        const auto low = params::parse_number(t.substr(eq + 1), false, why);
        const auto high = i + 1 < tokens.size() ? params::parse_number(tokens[i + 1], false, why) : std::nullopt;
        if (!low || !high) throw UsageError("wfsim sensitivity: --vary " + t + ": expected " + key + "=LOW,HIGH, two numbers (write money without commas)");
        if (!(*low < *high)) throw UsageError("wfsim sensitivity: --vary " + key + "=" + tokens[i].substr(eq + 1) + "," + tokens[i + 1] + ": LOW must be below HIGH");
        ++i;
        out.push_back({key, "given", *base, *low, *high});
    }
    return out;
}

// One outcome per replication: 1/0 for a target met, or a spend total.
struct Outcome {
    std::string name;
    bool probability = false;
};

std::vector<std::vector<double>> outcome_values(const model::BatchResults& r, const std::vector<model::Target>& targets) {
    std::vector<std::vector<double>> out;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        std::vector<double> met;
        for (double v : r.target_value(t)) met.push_back(targets[t].holds(v) ? 1.0 : 0.0);
        out.push_back(met);
    }
    out.push_back(r.total(model::kSpendTotal));
    out.push_back(r.total(model::kSpendAgency));
    return out;
}

void estimate(const std::vector<double>& v, bool probability, double& mean, double& lo, double& hi) {
    if (probability) {
        std::size_t met = 0;
        for (double x : v) met += x > 0.5 ? 1 : 0;
        mean = v.empty() ? 0 : static_cast<double>(met) / static_cast<double>(v.size());
        model::wilson_interval(met, v.size(), lo, hi);
    } else {
        const stats::Difference d = stats::paired_difference(std::vector<double>(v.size(), 0.0), v);
        mean = d.mean;
        lo = d.lo;
        hi = d.hi;
    }
}

}  // namespace

int cmd_sensitivity(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::string file, out;
    std::vector<std::string> vary, sets;
    long long seed = -1, reps = 500, threads = 0, months = 0;
    options.add_options()("scenario", po::value(&file)->required(), "scenario file")(
        "vary", po::value(&vary), "key[=LOW,HIGH],...: vary these keys (without a range: plus and minus 20%) instead of "
                                  "the uncertain parameters (each over its 10th to 90th percentile)")(
        "reps", po::value(&reps)->default_value(500), "replications at the base and at each end")(
        "seed", po::value(&seed), "random seed for every run (default: the scenario's seed)")(
        "months", po::value(&months), "simulate this many months instead of the horizon")(
        "threads", po::value(&threads)->default_value(0), "threads to use (0: all cores)")(
        "out", po::value(&out), "output folder (default: results/<name>-sensitivity)")(
        "force", "write into an output folder even if it holds files wfsim did not write")(
        "set", po::value(&sets), "override a key everywhere: --set key.path=value (repeatable)")(
        "quiet,q", "no progress bar");
    po::positional_options_description pos;
    pos.add("scenario", 1);
    po::variables_map vm;
    if (!parse_args("sensitivity", "SCENARIO [--vary key[=LOW,HIGH],...] [--reps N]", args, options, pos, vm)) return kSuccess;

    params::Tree scenario;
    if (!load_scenario(file, sets, scenario)) return kBadInput;
    params::Tree held = scenario;  // the others are held here: uncertain ones at their means
    model::hold_at_means(held);
    std::vector<Assumption> assumptions;
    if (!vary.empty()) {
        assumptions = given_assumptions(vary, held);
    } else {
        for (const auto& r : model::uncertain_ranges(scenario))
            assumptions.push_back({r.path, "uncertain_p10_p90", r.mean, r.p10, r.p90});
        if (assumptions.empty()) assumptions = default_assumptions(held);
    }
    if (assumptions.empty())
        throw UsageError("wfsim sensitivity: nothing to vary: the scenario has no uncertain parameter and none of the default "
                         "assumptions is a number other than 0; give --vary key=LOW,HIGH");

    const params::Params root(&scenario, "");
    const std::string name = root.str("name");
    const std::uint64_t run_seed = vm.count("seed") ? static_cast<std::uint64_t>(seed) : static_cast<std::uint64_t>(root.number("seed"));
    const model::Calendar cal = model::calendar_for(held, static_cast<int>(months));
    std::vector<std::string> warnings;
    const std::vector<model::Target> targets = model::read_targets(held, cal, warnings);
    if (months != 0)
        for (const auto& w : warnings) std::cerr << file << ": warning: " << w << "\n";
    std::vector<Outcome> outcomes;
    for (const auto& t : targets) outcomes.push_back({"p_" + t.name, true});
    outcomes.push_back({"spend_total", false});
    outcomes.push_back({"spend_agency", false});

    const unsigned nthreads = plan_batch("sensitivity", largest_footprint({held}, static_cast<int>(months), model::Breakdown::none()),
                                         {threads, static_cast<std::size_t>(reps), 1u, 0, 3 * tree_bytes(held)});
    if (out.empty()) out = default_output_dir(name) + "-sensitivity";
    if (writes_outputs()) prepare_output_dir(out, vm.count("force") > 0);

    InterruptGuard guard;
    const std::size_t runs = 1 + 2 * assumptions.size();
    std::size_t run_number = 0;
    // Every run has the same seed and replication numbers: common random numbers.
    auto run = [&](const params::Tree& tree, const std::string& label, std::vector<std::vector<double>>& values) {
        BatchRequest request;
        request.seed = run_seed;
        request.reps = static_cast<std::size_t>(reps);
        request.threads = nthreads;
        request.months = static_cast<int>(months);
        request.quiet = vm.count("quiet") > 0;
        request.label = "[" + std::to_string(++run_number) + "/" + std::to_string(runs) + "] " + label;
        model::BatchResults results(cal, targets);
        if (!run_replications(tree, params::directory_of(file), request, results)) return false;
        values = outcome_values(results, targets);
        return true;
    };
    std::vector<std::vector<double>> base;
    if (!run(held, "base", base)) {
        if (writes_outputs()) std::cerr << "wfsim sensitivity: interrupted; nothing was written\n";
        return kRunFailure;
    }
    std::ostringstream csv;
    csv << "parameter,source,base_value,end,value,outcome,estimate,ci95_low,ci95_high,base_estimate,difference,"
           "difference_ci95_low,difference_ci95_high\n";
    // swing[o][a]: the high end's estimate minus the low end's, for the tornado order.
    std::vector<std::vector<double>> swing(outcomes.size(), std::vector<double>(assumptions.size(), 0.0));
    std::vector<std::vector<std::pair<double, double>>> ends(outcomes.size(), std::vector<std::pair<double, double>>(assumptions.size()));
    for (std::size_t a = 0; a < assumptions.size(); ++a) {
        const Assumption& as = assumptions[a];
        for (const char* end : {"low", "high"}) {
            const double value = std::string(end) == "low" ? as.low : as.high;
            params::Tree tree = held;
            model::set_number(tree, as.key, value);
            std::vector<std::vector<double>> values;
            if (!run(tree, as.key + "=" + io::format_value(value), values)) {
                if (writes_outputs()) std::cerr << "wfsim sensitivity: interrupted; nothing was written\n";
                return kRunFailure;
            }
            if (!writes_outputs()) continue;  // another rank of an MPI job: rank 0 has the results
            for (std::size_t o = 0; o < outcomes.size(); ++o) {
                double m = 0, lo = 0, hi = 0, bm = 0, blo = 0, bhi = 0;
                estimate(values[o], outcomes[o].probability, m, lo, hi);
                estimate(base[o], outcomes[o].probability, bm, blo, bhi);
                const stats::Difference d = stats::paired_difference(base[o], values[o]);
                csv << io::csv_field(as.key) << ',' << as.source << ',' << io::format_value(as.base) << ',' << end << ','
                    << io::format_value(value) << ',' << io::csv_field(outcomes[o].name) << ',' << io::format_value(m) << ','
                    << io::format_value(lo) << ',' << io::format_value(hi) << ',' << io::format_value(bm) << ','
                    << io::format_value(d.mean) << ',' << io::format_value(d.lo) << ',' << io::format_value(d.hi) << '\n';
                (std::string(end) == "low" ? ends[o][a].first : ends[o][a].second) = m;
                swing[o][a] = ends[o][a].second - ends[o][a].first;
            }
        }
    }
    if (!writes_outputs()) return kSuccess;

    // Each outcome's assumptions in tornado order: the widest swing first.
    auto order = [&](std::size_t o) {
        std::vector<std::size_t> idx(assumptions.size());
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        std::stable_sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) { return std::abs(swing[o][x]) > std::abs(swing[o][y]); });
        return idx;
    };
    std::ostringstream json;
    json << "{\n  \"format_version\": " << model::kFormatVersion << ",\n  \"scenario\": " << io::json_escape(name)
         << ",\n  \"seed\": " << run_seed << ",\n  \"replications_per_run\": " << reps << ",\n  \"engine_version\": \"" << WFSIM_VERSION
         << "\",\n  \"parameters\": [";
    for (std::size_t a = 0; a < assumptions.size(); ++a)
        json << (a ? "," : "") << "\n    {\"key\": " << io::json_escape(assumptions[a].key) << ", \"source\": \"" << assumptions[a].source
             << "\", \"base\": " << io::format_value(assumptions[a].base) << ", \"low\": " << io::format_value(assumptions[a].low)
             << ", \"high\": " << io::format_value(assumptions[a].high) << "}";
    json << "\n  ],\n  \"tornado\": {";
    for (std::size_t o = 0; o < outcomes.size(); ++o) {
        double bm = 0, blo = 0, bhi = 0;
        estimate(base[o], outcomes[o].probability, bm, blo, bhi);
        json << (o ? "," : "") << "\n    " << io::json_escape(outcomes[o].name) << ": {\"base\": " << io::format_value(bm) << ", \"by_swing\": [";
        const auto idx = order(o);
        for (std::size_t i = 0; i < idx.size(); ++i)
            json << (i ? ", " : "") << "{\"key\": " << io::json_escape(assumptions[idx[i]].key) << ", \"at_low\": "
                 << io::format_value(ends[o][idx[i]].first) << ", \"at_high\": " << io::format_value(ends[o][idx[i]].second) << "}";
        json << "]}";
    }
    json << "\n  }\n}\n";
    write_outputs(out, {{"sensitivity.csv", csv.str()}, {"summary.json", json.str()}, {"scenario.resolved.yaml", params::emit_yaml(held)}});
    if (vm.count("quiet")) return kSuccess;
    for (std::size_t o = 0; o < outcomes.size(); ++o) {
        const auto idx = order(o);
        const std::string what = outcomes[o].probability ? "The probability of '" + targets[o].name + "'" : outcomes[o].name;
        double bm = 0, blo = 0, bhi = 0;
        estimate(base[o], outcomes[o].probability, bm, blo, bhi);
        if (swing[o][idx[0]] == 0) {  // said, so that "hangs most on" never names an assumption it ignores
            std::cout << what << " does not move with any assumption varied (" << io::format_value(bm) << ").\n";
            continue;
        }
        std::cout << what << " hangs most on ";
        for (std::size_t i = 0; i < std::min<std::size_t>(3, idx.size()) && swing[o][idx[i]] != 0; ++i)
            std::cout << (i ? ", " : "") << assumptions[idx[i]].key << " (" << io::format_value(ends[o][idx[i]].first) << " to "
                      << io::format_value(ends[o][idx[i]].second) << ")";
        std::cout << ".\n";
    }
    std::cout << "wfsim sensitivity: " << assumptions.size() << " assumptions, " << runs << " runs x " << reps
              << " replications; results in " << out << "/\n";
    return kSuccess;
}

}  // namespace wfsim::cli
