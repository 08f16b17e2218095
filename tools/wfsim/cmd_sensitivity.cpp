// wfsim sensitivity: each assumption varied one at a time on common random
// numbers, the others held at their values (uncertain ones at their means),
// so that the differences say which assumption the answer hangs on; or, with
// --method morris, an elementary-effects screening of them all at once
// (engine/stats/morris.h), every point on the same common random numbers.
#include <algorithm>
#include <cmath>
#include <deque>
#include <iostream>
#include <sstream>

#include "batch_runner.h"
#include "cli.h"
#include "engine/io/files.h"
#include "engine/io/json.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "engine/params/units.h"
#include "engine/stats/morris.h"
#include "engine/stats/paired.h"
#include "models/calibrate/calibrate.h"
#include "models/output/answer.h"
#include "models/output/format_version.h"
#include "models/output/replications.h"
#include "models/schema.h"
#include "models/simulation.h"
#include "models/targets/targets.h"
#include "models/uncertainty_ranges.h"
#include "models/report/report.h"
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

// An outcome's value (or a change in it) as the terminal gives it: "46%" for
// a probability, "1.62m pounds" for spend; the files keep full precision.
std::string outcome_words(const Outcome& o, double v) { return o.probability ? model::as_share(v) : model::in_pounds(v); }

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

// The mean of one outcome over the replications: a probability or a spend.
double mean_of(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0 : s / static_cast<double>(v.size());
}

}  // namespace

int cmd_sensitivity(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::string file, out, method = "oat", shard_text;
    std::vector<std::string> vary, sets;
    long long seed = -1, reps = 500, threads = 0, months = 0, trajectories = 10, levels = 4;
    options.add_options()("scenario", po::value(&file)->required(), "scenario file")(
        "vary", po::value(&vary), "key[=LOW,HIGH],...: vary these keys (without a range: plus and minus 20%) instead of "
                                  "the uncertain parameters (each over its 10th to 90th percentile)")(
        "method", po::value(&method)->default_value("oat"),
        "oat: each assumption at its two ends, one at a time (2k+1 runs, a tornado per answer); morris: an "
        "elementary-effects screening ((k+1) x --trajectories runs, morris.csv)")(
        "trajectories", po::value(&trajectories)->default_value(10), "--method morris: trajectories r, each k+1 points")(
        "levels", po::value(&levels)->default_value(4), "--method morris: levels p of each range's grid (even)")(
        "reps", po::value(&reps)->default_value(500), "replications at each run (the base, each end, or each Morris point)")(
        "seed", po::value(&seed), "random seed for every run (default: the scenario's seed); also draws the Morris points")(
        "months", po::value(&months), "simulate this many months instead of the horizon")(
        "threads", po::value(&threads)->default_value(0), "threads to use (0: all cores)")(
        "out", po::value(&out), "output folder (default: results/<name>-sensitivity)")(
        "force", "write into an output folder even if it holds files wfsim did not write")(
        "set", po::value(&sets), "override a key everywhere: --set key.path=value (repeatable)")(
        "report", "also write report.html (a tornado chart per answer, or the Morris screening) and report.xlsx")(
        "per-replication", "also write replications.csv: one row per run and replication, the scenario column naming the "
                           "run (base, low:KEY, high:KEY; or the Morris point of morris_points.csv)")(
        "shard", po::value(&shard_text), "not supported: refused (every run is compared with the others)")(
        "quiet,q", "no progress bar");
    po::positional_options_description pos;
    pos.add("scenario", 1);
    po::variables_map vm;
    if (!parse_args("sensitivity", "SCENARIO [--vary key[=LOW,HIGH],...] [--method oat|morris] [--reps N]", args, options, pos, vm))
        return kSuccess;
    if (vm.count("shard"))
        throw UsageError("wfsim sensitivity: --shard is not supported: every run is compared with the others on the same "
                         "replications, so they are run in one job (use --threads, or mpirun to spread each run over processes)");
    if (method != "oat" && method != "morris")
        throw UsageError("wfsim sensitivity: --method " + method + ": expected oat (one at a time) or morris");
    const bool morris = method == "morris";
    if (!morris && (!vm["trajectories"].defaulted() || !vm["levels"].defaulted()))
        throw UsageError("wfsim sensitivity: --trajectories and --levels belong to --method morris");
    check_bounds("sensitivity", "--trajectories", trajectories, 1, 10000);
    check_bounds("sensitivity", "--levels", levels, 2, 100);
    if (levels % 2 != 0)
        throw UsageError("wfsim sensitivity: --levels " + std::to_string(levels) +
                         ": give an even number (the Morris step, p / (2 (p - 1)), lies on the grid only then)");
    const bool per_replication = vm.count("per-replication") > 0;

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

    std::optional<stats::MorrisDesign> design;
    if (morris)
        design = stats::morris_design(assumptions.size(), static_cast<std::size_t>(levels), static_cast<std::size_t>(trajectories),
                                      run_seed);
    const std::size_t runs = morris ? design->point_count() : 1 + 2 * assumptions.size();
    const unsigned nthreads =
        plan_batch("sensitivity", largest_footprint({held}, static_cast<int>(months), model::Breakdown::none()),
                   {threads, static_cast<std::size_t>(reps), per_replication ? runs : 1u, 0,
                    (per_replication ? static_cast<double>(runs) : 3.0) * tree_bytes(held)});
    if (out.empty()) out = default_output_dir(name) + "-sensitivity";
    if (writes_outputs()) prepare_output_dir(out, vm.count("force") > 0);

    InterruptGuard guard;
    std::size_t run_number = 0;
    // --per-replication: each run's results, its scenario and its name.
    std::deque<params::Tree> kept_trees;
    std::deque<model::BatchResults> kept_results;
    std::vector<std::string> kept_names;
    // Every run has the same seed and replication numbers: common random numbers.
    auto run = [&](const params::Tree& tree, const std::string& id, const std::string& label,
                   std::vector<std::vector<double>>& values) {
        BatchRequest request;
        request.seed = run_seed;
        request.reps = static_cast<std::size_t>(reps);
        request.threads = nthreads;
        request.months = static_cast<int>(months);
        request.quiet = vm.count("quiet") > 0;
        request.label = "[" + std::to_string(++run_number) + "/" + std::to_string(runs) + "] " + label;
        model::BatchResults results(cal, targets);
        if (!run_replications(tree, params::directory_of(file), request, results)) {
            if (writes_outputs()) std::cerr << "wfsim sensitivity: interrupted; nothing was written\n";
            return false;
        }
        values = outcome_values(results, targets);
        if (per_replication && writes_outputs()) {
            kept_trees.push_back(tree);
            kept_results.push_back(std::move(results));
            kept_names.push_back(id);
        }
        return true;
    };
    auto per_replication_csv = [&] {
        std::vector<model::ReplicationRows> batches;
        for (std::size_t i = 0; i < kept_results.size(); ++i)
            batches.push_back({kept_names[i], &kept_results[i], &kept_trees[i], run_seed});
        return model::replications_csv(batches);
    };
    const Addition report = vm.count("report") ? report_files() : Addition{};
    auto parameters_json = [&] {
        io::Json json = {{"format_version", model::kFormatVersion}, {"scenario", name},        {"method", morris ? "morris" : "oat"},
                         {"seed", run_seed},                        {"replications_per_run", reps}, {"runs", runs},
                         {"engine_version", WFSIM_VERSION}};
        io::Json parameters = io::Json::array();
        for (const auto& as : assumptions)
            parameters.push_back({{"key", as.key}, {"source", as.source}, {"base", as.base}, {"low", as.low}, {"high", as.high}});
        json["parameters"] = std::move(parameters);
        return json;
    };

    if (morris) {
        const stats::MorrisDesign& d = *design;
        // answers[o][point]: each outcome's mean at each point.
        std::vector<std::vector<double>> answers(outcomes.size(), std::vector<double>(d.point_count(), 0.0));
        std::ostringstream points;
        points << "point,trajectory,step,changed";
        for (const auto& as : assumptions) points << ',' << io::csv_field(as.key);
        for (const auto& o : outcomes) points << ',' << io::csv_field(o.name);
        points << '\n';
        const std::size_t k = assumptions.size();
        for (std::size_t p = 0; p < d.point_count(); ++p) {
            params::Tree tree = held;
            std::vector<double> value(k);
            for (std::size_t a = 0; a < k; ++a) {
                const Assumption& as = assumptions[a];
                value[a] = std::stod(io::format_value(as.low + d.points[p][a] * (as.high - as.low)));  // as written
                model::set_number(tree, as.key, value[a]);
            }
            std::vector<std::vector<double>> values;
            if (!run(tree, std::to_string(p), "Morris point " + std::to_string(p), values)) return kRunFailure;
            if (!writes_outputs()) continue;  // another rank of an MPI job: rank 0 has the results
            const std::size_t t = p / (k + 1), s = p % (k + 1);
            points << p << ',' << t << ',' << s << ',' << (s == 0 ? std::string() : io::csv_field(assumptions[d.changed[t * k + s - 1]].key));
            for (double v : value) points << ',' << io::format_value(v);
            for (std::size_t o = 0; o < outcomes.size(); ++o) {
                answers[o][p] = mean_of(values[o]);
                points << ',' << io::format_value(answers[o][p]);
            }
            points << '\n';
        }
        if (!writes_outputs()) return kSuccess;
        std::ostringstream csv;
        csv << "parameter,low,high,answer,mu,mu_star,sigma,mu_star_se,elementary_effects,points,replications_per_point,"
               "replications\n";
        io::Json json = parameters_json();
        io::Json by_mu_star = io::Json::object();
        std::vector<std::vector<stats::MorrisEffect>> effects;
        for (std::size_t o = 0; o < outcomes.size(); ++o) {
            effects.push_back(stats::morris_effects(d, answers[o]));
            for (std::size_t a = 0; a < k; ++a) {
                const stats::MorrisEffect& e = effects[o][a];
                csv << io::csv_field(assumptions[a].key) << ',' << io::format_value(assumptions[a].low) << ','
                    << io::format_value(assumptions[a].high) << ',' << io::csv_field(outcomes[o].name) << ','
                    << io::format_value(e.mu) << ',' << io::format_value(e.mu_star) << ',' << io::format_value(e.sigma) << ','
                    << io::format_value(e.mu_star_se) << ',' << e.effects << ',' << d.point_count() << ',' << reps << ','
                    << d.point_count() * static_cast<std::size_t>(reps) << '\n';
            }
            std::vector<std::size_t> idx(k);
            for (std::size_t i = 0; i < k; ++i) idx[i] = i;
            std::stable_sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) { return effects[o][x].mu_star > effects[o][y].mu_star; });
            io::Json ranked = io::Json::array();
            for (std::size_t i = 0; i < k; ++i) {
                const stats::MorrisEffect& e = effects[o][idx[i]];
                ranked.push_back({{"key", assumptions[idx[i]].key},
                                  {"mu", e.mu},
                                  {"mu_star", e.mu_star},
                                  {"sigma", e.sigma},
                                  {"mu_star_se", e.mu_star_se}});
            }
            by_mu_star[outcomes[o].name] = std::move(ranked);
        }
        json["morris"] = {{"trajectories", trajectories},
                          {"levels", levels},
                          {"delta", d.delta},
                          {"points", d.point_count()},
                          {"replications", d.point_count() * static_cast<std::size_t>(reps)},
                          {"by_mu_star", std::move(by_mu_star)}};
        std::map<std::string, std::string> files = {{"morris.csv", csv.str()},
                                                    {"morris_points.csv", points.str()},
                                                    {"summary.json", io::json_file_text(json, "summary.json")},
                                                    {"scenario.resolved.yaml", params::emit_yaml(held)}};
        if (per_replication) files["replications.csv"] = per_replication_csv();
        write_outputs(out, files, {}, report);
        if (vm.count("quiet")) return kSuccess;
        for (std::size_t o = 0; o < outcomes.size(); ++o) {
            std::size_t top = 0;
            for (std::size_t a = 1; a < k; ++a)
                if (effects[o][a].mu_star > effects[o][top].mu_star) top = a;
            const std::string what = outcomes[o].probability ? "The probability of '" + targets[o].name + "'" : outcomes[o].name;
            if (effects[o][top].mu_star == 0) std::cout << what << " does not move with any assumption screened.\n";
            else
                std::cout << what << " depends most on " << assumptions[top].key << " (mu* "
                          << outcome_words(outcomes[o], effects[o][top].mu_star) << " over its range "
                          << model::rounded(assumptions[top].low) << " to " << model::rounded(assumptions[top].high) << ").\n";
        }
        std::cout << "wfsim sensitivity: Morris screening of " << k << " assumptions, " << trajectories << " trajectories x "
                  << (k + 1) << " points x " << reps << " replications; results in " << out << "/\n";
        return kSuccess;
    }

    std::vector<std::vector<double>> base;
    if (!run(held, "base", "base", base)) return kRunFailure;
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
            if (!run(tree, std::string(end) + ":" + as.key, as.key + "=" + io::format_value(value), values)) return kRunFailure;
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
    io::Json json = parameters_json();
    io::Json tornado = io::Json::object();
    for (std::size_t o = 0; o < outcomes.size(); ++o) {
        double bm = 0, blo = 0, bhi = 0;
        estimate(base[o], outcomes[o].probability, bm, blo, bhi);
        io::Json by_swing = io::Json::array();
        for (std::size_t i : order(o))
            by_swing.push_back({{"key", assumptions[i].key}, {"at_low", ends[o][i].first}, {"at_high", ends[o][i].second}});
        tornado[outcomes[o].name] = {{"base", bm}, {"by_swing", std::move(by_swing)}};
    }
    json["tornado"] = std::move(tornado);
    std::map<std::string, std::string> files = {
        {"sensitivity.csv", csv.str()},
        {"summary.json", io::json_file_text(json, "summary.json")},
        {"scenario.resolved.yaml", params::emit_yaml(held)}};
    if (per_replication) files["replications.csv"] = per_replication_csv();
    write_outputs(out, files, {}, report);
    if (vm.count("quiet")) return kSuccess;
    for (std::size_t o = 0; o < outcomes.size(); ++o) {
        const auto idx = order(o);
        const std::string what = outcomes[o].probability ? "The probability of '" + targets[o].name + "'" : outcomes[o].name;
        double bm = 0, blo = 0, bhi = 0;
        estimate(base[o], outcomes[o].probability, bm, blo, bhi);
        if (swing[o][idx[0]] == 0) {  // said, so that "hangs most on" never names an assumption it ignores
            std::cout << what << " does not move with any assumption varied (" << outcome_words(outcomes[o], bm) << ").\n";
            continue;
        }
        std::cout << what << " hangs most on ";
        for (std::size_t i = 0; i < std::min<std::size_t>(3, idx.size()) && swing[o][idx[i]] != 0; ++i)
            std::cout << (i ? ", " : "") << assumptions[idx[i]].key << " (" << outcome_words(outcomes[o], ends[o][idx[i]].first)
                      << " to " << outcome_words(outcomes[o], ends[o][idx[i]].second) << ")";
        std::cout << ".\n";
    }
    std::cout << "wfsim sensitivity: " << assumptions.size() << " assumptions, " << runs << " runs x " << reps
              << " replications; results in " << out << "/\n";
    return kSuccess;
}

}  // namespace wfsim::cli
