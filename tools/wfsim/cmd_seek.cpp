// wfsim seek: the smallest value of one lever at which a goal holds, by
// bisection on common random numbers (seek.h), with an interval for it.
#include <chrono>
#include <cmath>
#include <deque>
#include <iostream>
#include <optional>
#include <sstream>

#include "batch_runner.h"
#include "cli.h"
#include "engine/io/files.h"
#include "engine/io/json.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "engine/params/units.h"
#include "engine/stats/summary.h"
#include "models/calibrate/calibrate.h"
#include "models/output/answer.h"
#include "models/output/format_version.h"
#include "models/output/replications.h"
#include "models/report/data.h"
#include "models/schema.h"
#include "models/simulation.h"
#include "models/targets/targets.h"
#include "output_dir.h"
#include "precision.h"
#include "resources.h"
#include "seek.h"

namespace wfsim::cli {

namespace {

// A lever value as it is written to --set and to seek.csv (so that what is
// simulated is what is reported).
double written(double v) { return std::stod(io::format_value(v)); }

// A lever value in the user's words: money in whole pounds with thousands
// separated ("4,200 pounds"), FTE as FTE; other values as written.
std::string in_words(double v, params::Kind kind) {
    if (kind == params::Kind::Money && std::abs(v) < 1e15) {
        std::string digits = std::to_string(static_cast<long long>(std::llround(std::abs(v))));
        for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
        return (v < 0 ? "-" : "") + digits + " pounds";
    }
    if (kind == params::Kind::Fte || kind == params::Kind::SignedFte) return io::format_value(v) + " FTE";
    return io::format_value(v);
}

}  // namespace

int cmd_seek(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::string file, out, lever, range_text, goal_text, minimise, shard_text;
    std::vector<std::string> sets;
    long long seed = -1, reps = 1000, threads = 0, months = 0, max_evaluations = 20;
    double tolerance = -1;
    options.add_options()("scenario", po::value(&file)->required(), "scenario file")(
        "lever", po::value(&lever)->required(), "the scenario key to vary, a number (e.g. retention.bonuses.0.amount)")(
        "range", po::value(&range_text)->required(), "LOW,HIGH: the values searched")(
        "goal", po::value(&goal_text)->required(), "TARGET>=p: the probability of meeting the scenario's target TARGET against p")(
        "minimise", po::value(&minimise), "also report this metric's mean total at each value and name the cheapest value meeting the goal")(
        "tolerance", po::value(&tolerance), "stop when the bracket is at most this wide (default: 1% of HIGH - LOW)")(
        "max-evaluations", po::value(&max_evaluations)->default_value(20), "the most lever values to run, the two ends included")(
        "reps", po::value(&reps)->default_value(1000), "replications per lever value")(
        "seed", po::value(&seed), "random seed for every value (default: the scenario's seed)")(
        "months", po::value(&months), "simulate this many months instead of the horizon")(
        "threads", po::value(&threads)->default_value(0), "threads to use (0: all cores)")(
        "out", po::value(&out), "output folder (default: results/<name>-seek)")(
        "force", "write into an output folder even if it holds files wfsim did not write")(
        "set", po::value(&sets), "override a key at every value: --set key.path=value (repeatable)")(
        "per-replication", "also write replications.csv: one row per lever value run and replication, the scenario column "
                           "holding the evaluation number of seek.csv")(
        "report", "also write report.html (the probability at each value run against the goal, the answer) and report.xlsx")(
        "shard", po::value(&shard_text), "not supported: refused (which value runs next depends on the values before)")(
        "quiet,q", "no progress bar");
    PrecisionOptions precision;
    precision.add_to(options, false);
    po::positional_options_description pos;
    pos.add("scenario", 1);
    po::variables_map vm;
    if (!parse_args("seek", "SCENARIO --lever KEY --range LOW,HIGH --goal 'TARGET>=p' [--minimise METRIC] [--tolerance T]", args,
                    options, pos, vm))
        return kSuccess;

    if (vm.count("shard"))
        throw UsageError("wfsim seek: --shard is not supported: which lever value runs next depends on the results at the "
                         "values before, which one shard does not have (use --threads)");
    const bool per_replication = vm.count("per-replication") > 0;
    // Which value runs next depends on the results so far, which only rank 0
    // of an MPI job holds; the ranks would go separate ways.
    if (process_count() > 1)
        throw UsageError("wfsim seek: runs in one process: start it without mpirun (each value's batch is short; use --threads)");
    const Goal goal = parse_goal("seek", goal_text);
    int minimise_metric = -1;
    if (!minimise.empty()) {
        for (int k = 0; k < model::kMetrics; ++k)
            if (minimise == model::kMetricNames[k]) minimise_metric = k;
        if (minimise_metric < 0) throw UsageError("wfsim seek: --minimise " + minimise + " is not a metric (see the README, Metrics)");
    }
    double low = 0, high = 0;
    {
        const auto comma = range_text.find(',');
        std::string why;
        const auto a = comma == std::string::npos ? std::nullopt : params::parse_number(range_text.substr(0, comma), false, why);
        const auto b = comma == std::string::npos ? std::nullopt : params::parse_number(range_text.substr(comma + 1), false, why);
        if (!a || !b) throw UsageError("wfsim seek: --range " + range_text + ": expected LOW,HIGH, two numbers (write money without commas)");
        low = written(*a);
        high = written(*b);
        if (!(low < high)) throw UsageError("wfsim seek: --range " + range_text + ": LOW must be below HIGH");
    }
    if (!vm.count("tolerance")) tolerance = (high - low) / 100;
    if (!(tolerance > 0)) throw UsageError("wfsim seek: --tolerance must be above 0");
    check_bounds("seek", "--max-evaluations", max_evaluations, 2, 1000, "the two ends are evaluated first");
    const PrecisionRule rule = precision.rule("seek", vm);
    check_precision("seek", rule, {}, false);
    reps = static_cast<long long>(ceiling_of(rule, vm, reps));

    // The lever must be a number the scenario already has.
    std::string why;
    const params::KeyDecl* lever_decl = model::scenario_schema().match_concrete(lever, why);
    if (!lever_decl) throw UsageError("wfsim seek: --lever " + lever + ": " + why);
    const params::Kind lever_kind = lever_decl->kind;
    const auto range_words = [&](double v) { return in_words(v, lever_kind); };
    params::Tree base;
    if (!load_scenario(file, sets, base)) return kBadInput;
    {
        const params::Tree* node = model::value_at(base, lever);
        if (!node) throw UsageError("wfsim seek: --lever " + lever + " is not in the scenario (give it a value in the file or with --set)");
        std::string not_number;
        if (!node->is_scalar() || !params::parse_number(node->scalar, false, not_number))
            throw UsageError("wfsim seek: --lever " + lever + " is not a number in the scenario (an uncertain value or a list cannot be sought)");
    }
    const params::Params root(&base, "");
    const std::string name = root.str("name");
    const std::uint64_t run_seed = vm.count("seed") ? static_cast<std::uint64_t>(seed) : static_cast<std::uint64_t>(root.number("seed"));
    const model::Calendar cal = model::calendar_for(base, static_cast<int>(months));
    std::vector<std::string> warnings;
    const std::vector<model::Target> targets = model::read_targets(base, cal, warnings);
    if (months != 0)
        for (const auto& w : warnings) std::cerr << file << ": warning: " << w << "\n";
    std::size_t goal_index = targets.size();
    std::string names;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        if (targets[t].name == goal.target) goal_index = t;
        names += (t ? "; " : "") + targets[t].name;
    }
    if (goal_index == targets.size())
        throw UsageError("wfsim seek: --goal names '" + goal.target + "', which is not a target of the scenario" +
                         (names.empty() ? std::string(" (it has none)") : "; its targets are: " + names));
    if (targets[goal_index].beyond_horizon)
        throw UsageError("wfsim seek: --goal names '" + goal.target + "', which is judged after the simulated horizon");
    {
        const model::BatchResults no_results(cal, targets);
        check_precision("seek", rule, {&no_results}, false);
    }
    const unsigned nthreads = plan_batch("seek", largest_footprint({base}, static_cast<int>(months), model::Breakdown::none()),
                                         {threads, static_cast<std::size_t>(reps), per_replication ? static_cast<std::size_t>(max_evaluations) : 1u, 0,
                                          (per_replication ? static_cast<double>(max_evaluations) : 2.0) * tree_bytes(base)});
    if (out.empty()) out = default_output_dir(name) + "-seek";
    if (writes_outputs()) prepare_output_dir(out, vm.count("force") > 0);

    InterruptGuard guard;
    bool bad_value = false;
    std::size_t evaluated = 0;
    std::vector<bool> reached;
    std::deque<params::Tree> kept_trees;  // --per-replication: each value's scenario and results
    std::deque<model::BatchResults> kept_results;
    const EvaluateLever evaluate = [&](double value) -> std::optional<Evaluation> {
        std::vector<std::string> value_sets = sets;
        value_sets.push_back(lever + "=" + io::format_value(value));
        params::Tree tree;
        if (!load_scenario(file, value_sets, tree)) {
            bad_value = true;
            return std::nullopt;
        }
        BatchRequest request;
        request.seed = run_seed;  // the same seed at every value: common random numbers
        request.reps = static_cast<std::size_t>(reps);
        request.threads = nthreads;
        request.months = static_cast<int>(months);
        request.quiet = vm.count("quiet") > 0;
        request.label = "[" + std::to_string(++evaluated) + "] " + lever + "=" + io::format_value(value);
        model::BatchResults results(cal, targets);
        bool completed = false, precise = false;
        if (rule.active()) {
            const std::optional<Stopping> stopping = run_to_precision(
                request.reps,
                [&](Range block) {
                    request.slice = block;
                    return run_replications(tree, params::directory_of(file), request, results);
                },
                [&](std::string& widest) { return precise_enough(rule, {&results}, widest); });
            completed = stopping.has_value();
            precise = completed && stopping->precision_reached;
        } else {
            completed = run_replications(tree, params::directory_of(file), request, results);
        }
        if (!completed) return std::nullopt;
        reached.push_back(precise);
        Evaluation e;
        e.replications = results.size();
        for (double v : results.target_value(goal_index)) e.met += targets[goal_index].holds(v) ? 1 : 0;
        e.probability = e.replications ? static_cast<double>(e.met) / static_cast<double>(e.replications) : 0;
        model::wilson_interval(e.met, e.replications, e.lo, e.hi);
        if (minimise_metric >= 0) e.metric_mean = stats::summarize(results.total(minimise_metric)).mean;
        if (per_replication) {
            kept_trees.push_back(std::move(tree));
            kept_results.push_back(std::move(results));
        }
        return e;
    };
    const std::optional<SeekOutcome> outcome =
        seek_lever(low, high, tolerance, static_cast<std::size_t>(max_evaluations), goal, evaluate, written);
    if (bad_value) return kBadInput;
    if (!outcome) {
        if (writes_outputs()) std::cerr << "wfsim seek: interrupted; nothing was written\n";
        return kRunFailure;
    }
    if (!writes_outputs()) return kSuccess;
    const SeekOutcome& o = *outcome;

    std::ostringstream csv;
    csv << "evaluation," << io::csv_field(lever) << ",replications,probability,probability_ci95_low,probability_ci95_high,meets_goal";
    if (minimise_metric >= 0) csv << ',' << minimise << "_mean";
    if (rule.active()) csv << ",precision_reached";
    csv << '\n';
    for (std::size_t i = 0; i < o.evaluations.size(); ++i) {
        const Evaluation& e = o.evaluations[i];
        csv << i << ',' << io::format_value(e.value) << ',' << e.replications << ',' << io::format_value(e.probability) << ','
            << io::format_value(e.lo) << ',' << io::format_value(e.hi) << ',' << (e.meets ? "true" : "false");
        if (minimise_metric >= 0) csv << ',' << io::format_value(e.metric_mean);
        if (rule.active()) csv << ',' << (reached[i] ? "true" : "false");
        csv << '\n';
    }

    const char* kind = o.kind == SeekOutcome::Kind::Found           ? "found"
                       : o.kind == SeekOutcome::Kind::MetAtBothEnds ? "met_at_both_ends"
                                                                    : "met_at_neither_end";
    const bool found = o.kind == SeekOutcome::Kind::Found;
    io::Json json = {{"format_version", model::kFormatVersion},
                     {"scenario", name},
                     {"seed", run_seed},
                     {"replications_per_value", reps}};
    if (rule.active())
        json["precision"] = {{"asked", io::Json::parse(asked_json(rule))}, {"block", kPrecisionBlock}, {"ceiling", reps}};
    json["engine_version"] = WFSIM_VERSION;
    json["lever"] = lever;
    json["range"] = {low, high};
    json["goal"] = goal_text;
    json["goal_target"] = goal.target;
    json["goal_op"] = goal.op;
    json["goal_probability"] = goal.p;
    json["tolerance"] = tolerance;
    json["max_evaluations"] = max_evaluations;
    json["evaluations"] = o.evaluations.size();
    json["outcome"] = kind;
    json["sought"] = o.rising ? "smallest" : "largest";
    json["answer"] = o.kind == SeekOutcome::Kind::MetAtNeitherEnd ? io::Json(nullptr) : io::Json(o.answer);
    if (found) {
        json["bracket"] = {o.bracket_lo, o.bracket_hi};
        json["tolerance_reached"] = o.tolerance_reached;
        json["interval"] = {{"low", o.sure_lo},
                            {"low_is_range_end", o.sure_lo_at_end},
                            {"high", o.sure_hi},
                            {"high_is_range_end", o.sure_hi_at_end},
                            {"meaning", "the nearest evaluated values on each side whose 95% interval of the probability lies "
                                        "wholly on that side of p"}};
    }
    if (minimise_metric >= 0) {
        json["minimise"] = minimise;
        if (o.cheapest < 0) {
            json["cheapest"] = nullptr;
        } else {
            const Evaluation& c = o.evaluations[static_cast<std::size_t>(o.cheapest)];
            json["cheapest"] = {{"value", c.value}, {minimise + "_mean", c.metric_mean}, {"goal_probability", c.probability}};
        }
    }
    std::map<std::string, std::string> files = {
        {"seek.csv", csv.str()}, {"summary.json", io::json_file_text(json, "summary.json")}, {"scenario.resolved.yaml", params::emit_yaml(base)}};
    if (per_replication) {
        std::vector<model::ReplicationRows> batches;
        for (std::size_t i = 0; i < kept_results.size(); ++i)
            batches.push_back({std::to_string(i), &kept_results[i], &kept_trees[i], run_seed});
        files["replications.csv"] = model::replications_csv(batches);
    }
    write_outputs(out, files, {}, vm.count("report") ? report_files() : Addition{});

    if (vm.count("quiet")) return kSuccess;
    const std::string wanted = "'" + goal.target + "' with probability " + goal.op + " " + io::format_value(goal.p);
    const Evaluation& at_low = o.evaluations[0];
    const Evaluation& at_high = o.evaluations[1];
    if (o.kind == SeekOutcome::Kind::MetAtNeitherEnd) {
        std::cout << "The goal " << wanted << " is met at neither end of the range: " << lever << " at " << range_words(low)
                  << " gives " << model::as_share(at_low.probability) << ", " << range_words(high) << " gives "
                  << model::as_share(at_high.probability) << ". Widen --range.\n";
    } else if (o.kind == SeekOutcome::Kind::MetAtBothEnds) {
        std::cout << "The goal " << wanted << " is met at both ends of the range (" << lever << " at " << range_words(low) << " gives "
                  << model::as_share(at_low.probability) << ", " << range_words(high) << " gives "
                  << model::as_share(at_high.probability) << "): the smallest value meeting it is at or below "
                  << range_words(low) << ". Lower LOW to find it.\n";
    } else {
        std::cout << (o.rising ? "Smallest " : "Largest ") << lever << " meeting " << wanted << ": " << range_words(o.answer)
                  << " (bisection ended between " << range_words(o.bracket_lo) << " and " << range_words(o.bracket_hi)
                  << (o.tolerance_reached ? "" : ", at the evaluation limit before the tolerance") << ").\n"
                  << "With " << reps << (rule.active() ? " replications at most" : " replications")
                  << " per value, the 95% intervals of the probability leave it between " << range_words(o.sure_lo) << " and "
                  << range_words(o.sure_hi)
                  << ((o.sure_lo_at_end || o.sure_hi_at_end)
                          ? " (an end of the range: no value on that side had its interval wholly on one side of p, so it may lie beyond)"
                          : "")
                  << "; more replications narrow that.\n";
    }
    if (minimise_metric >= 0 && o.cheapest >= 0) {
        const Evaluation& c = o.evaluations[static_cast<std::size_t>(o.cheapest)];
        const bool money = report::unit_of(minimise) == report::Unit::Money;
        std::cout << "Cheapest value run that meets it: " << range_words(c.value) << " (" << minimise << " "
                  << (money ? model::in_pounds(c.metric_mean) : model::rounded(c.metric_mean)) << " on average).\n";
    }
    std::cout << "wfsim seek: " << o.evaluations.size() << " values of " << lever << "; results in " << out << "/\n";
    return kSuccess;
}

}  // namespace wfsim::cli
