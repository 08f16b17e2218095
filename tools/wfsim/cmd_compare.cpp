// wfsim compare: a base scenario and alternatives on common random numbers,
// with paired differences.
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include "batch_runner.h"
#include "cli.h"
#include "engine/io/files.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "models/output/answer.h"
#include "models/costs/prices.h"
#include "models/output/comparison.h"
#include "models/output/replications.h"
#include "models/simulation.h"
#include "models/report/report.h"
#include "output_dir.h"
#include "precision.h"
#include "resources.h"
#include "shard.h"

namespace wfsim::cli {

std::map<std::string, std::string> compare_files(const model::Calendar& cal, std::uint64_t seed,
                                                 const std::vector<model::ScenarioRun>& runs,
                                                 const std::vector<std::string>& resolved_yaml,
                                                 const std::string& precision) {
    std::map<std::string, std::string> outputs;
    outputs["comparison.csv"] = model::comparison_csv(cal, runs);
    outputs["summary.json"] = model::comparison_json(cal, seed, runs, precision);
    for (std::size_t i = 0; i < runs.size(); ++i)
        outputs["scenario." + std::to_string(i) + ".resolved.yaml"] = resolved_yaml[i];
    return outputs;
}

int cmd_compare(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::vector<std::string> files, sets;
    std::string out, shard_text;
    long long seed = -1, reps = 100, threads = 0, months = 0;
    options.add_options()("scenario", po::value(&files)->required(), "BASE then one or more ALTs")(
        "reps", po::value(&reps)->default_value(100), "replications of each scenario")(
        "seed", po::value(&seed), "random seed for every scenario (default: the base's seed)")(
        "months", po::value(&months), "simulate this many months instead of the horizon")(
        "threads", po::value(&threads)->default_value(0), "threads to use (0: all cores)")(
        "out", po::value(&out), "output folder (default: results/<base name>-compare)")(
        "shard", po::value(&shard_text), "run only shard i of n (i = 1..n) of the replications into a shard folder; "
                                         "combine the folders with wfsim merge")(
        "force", "write into an output folder even if it holds files wfsim did not write")(
        "set", po::value(&sets), "override a key in every scenario: --set key.path=value (repeatable)")(
        "quiet,q", "print nothing: no progress bar, no answer")(
        "report", "also write report.html and report.xlsx into the output folder")(
        "per-replication", "also write replications.csv: one row per scenario and replication, with its draws of "
                           "uncertain values, horizon totals, final values and each target's judged value and first "
                           "month met");
    PrecisionOptions precision;
    precision.add_to(options, true);
    po::positional_options_description pos;
    pos.add("scenario", -1);
    po::variables_map vm;
    if (!parse_args("compare", "BASE ALT [ALT...] [--reps N] [--seed S] [--out FOLDER] [--shard i/n] [--precision P] [--precision-saving POUNDS]", args, options, pos, vm))
        return kSuccess;
    if (files.size() < 2) throw UsageError("wfsim compare: give a base scenario and at least one alternative");
    const PrecisionRule rule = precision.rule("compare", vm);
    check_precision("compare", rule, {}, vm.count("shard") > 0);
    reps = static_cast<long long>(ceiling_of(rule, vm, reps));  // with a precision: the ceiling
    std::optional<ShardSpec> shard;
    if (vm.count("shard")) shard = parse_shard(shard_text, "compare", static_cast<std::size_t>(reps));
    if (shard && vm.count("report"))
        throw UsageError("wfsim compare: --report with --shard: a shard holds part of the results; give --report to wfsim merge");

    constexpr std::size_t kMaxScenarios = 100;  // each keeps its results for the paired differences
    if (files.size() > kMaxScenarios)
        throw UsageError("wfsim compare: " + std::to_string(files.size()) + " scenarios; compare takes at most " +
                         std::to_string(kMaxScenarios) + " (each keeps its results for the paired differences)");
    std::vector<params::Tree> trees(files.size());
    bool ok = true;
    for (std::size_t i = 0; i < files.size(); ++i) ok = load_scenario(files[i], sets, trees[i]) && ok;
    if (!ok) return kBadInput;
    const model::Calendar cal = model::calendar_for(trees[0], static_cast<int>(months));
    std::vector<model::ScenarioRun> runs;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const model::Calendar c = model::calendar_for(trees[i], static_cast<int>(months));
        if (!(c.start == cal.start) || c.months() != cal.months()) {
            std::cerr << "wfsim compare: " << files[i] << " starts " << params::format_date(c.start) << " and runs "
                      << c.months() << " months, but the base " << files[0] << " starts "
                      << params::format_date(cal.start) << " and runs " << cal.months()
                      << " months; compared scenarios must share start and horizon\n";
            return kBadInput;
        }
        std::vector<std::string> errors;
        runs.push_back({params::Params(&trees[i], "").str("name"), files[i],
                        model::BatchResults(cal, model::read_targets(trees[i], cal, errors))});
        runs.back().budgets = model::budgets(trees[i], cal);
        // Over the scenario's own horizon, load_scenario has already warned of these at their place.
        if (months != 0)
            for (const auto& e : errors) std::cerr << files[i] << ": warning: " << e << "\n";
    }
    std::vector<const model::BatchResults*> batches;
    for (const auto& r : runs) batches.push_back(&r.results);
    check_precision("compare", rule, batches, false);
    const std::uint64_t run_seed = vm.count("seed") ? static_cast<std::uint64_t>(seed)
                                                   : static_cast<std::uint64_t>(params::Params(&trees[0], "").number("seed"));
    // Before any folder is made: what the batches need fits (every scenario's results are kept).
    const Range slice = shard ? shard_range(*shard, static_cast<std::size_t>(reps)) : Range{0, static_cast<std::size_t>(reps)};
    const unsigned nthreads = plan_batch("compare", largest_footprint(trees, static_cast<int>(months), model::Breakdown::none()),
                                         {threads, slice.size(), shard ? 0 : files.size(), 0});
    if (out.empty()) out = default_output_dir(runs[0].name) + "-compare" + (shard ? shard_dir_suffix(*shard) : "");
    if (writes_outputs()) prepare_output_dir(out, vm.count("force") > 0);

    std::vector<std::string> resolved;
    for (const auto& t : trees) resolved.push_back(params::emit_yaml(t));
    // A shard's results go straight to its file; a comparison's are reduced as they come.
    std::unique_ptr<ShardWriter> writer;
    if (shard && writes_outputs()) {
        ShardHeader header = shard_header("compare", months, resolved, run_seed, static_cast<std::size_t>(reps),
                                          files.size(), cal, series_of(trees[0], model::Breakdown::none()), *shard);
        for (const auto& f : files) header.parameters.emplace_back("scenario", f);
        if (vm.count("per-replication")) header.parameters.emplace_back("per_replication", "true");
        std::vector<std::pair<std::string, std::string>> resolved_files;
        for (std::size_t i = 0; i < files.size(); ++i)
            resolved_files.emplace_back("scenario." + std::to_string(i) + ".resolved.yaml", resolved[i]);
        writer = std::make_unique<ShardWriter>(out, header, resolved_files);
    }

    InterruptGuard guard;
    const auto t0 = std::chrono::steady_clock::now();
    // Each scenario's replications in `block` (all of them, or a shard's, or a block of a precision run).
    auto run_block = [&](std::optional<Range> block) {
        for (std::size_t i = 0; i < files.size(); ++i) {
            BatchRequest request;
            request.seed = run_seed;  // the same seed for all: common random numbers
            request.reps = static_cast<std::size_t>(reps);
            request.threads = nthreads;
            request.months = static_cast<int>(months);
            request.quiet = vm.count("quiet") > 0;
            request.label = "[" + std::to_string(i + 1) + "/" + std::to_string(files.size()) + "]";
            request.slice = block;
            if (!run_replications(trees[i], params::directory_of(files[i]), request,
                                  results_sink(writer.get(), runs[i].results)))
                return false;
        }
        return true;
    };
    std::optional<Stopping> stopping;
    bool completed = false;
    if (rule.active()) {
        // Block by block, every scenario's, until precise enough (precision.h).
        stopping = run_to_precision(
            static_cast<std::size_t>(reps), [&](Range block) { return run_block(block); },
            [&](std::string& widest) { return precise_enough(rule, batches, widest); });
        completed = stopping.has_value();
    } else {
        completed = run_block(shard ? std::optional<Range>(shard_range(*shard, static_cast<std::size_t>(reps)))
                                    : std::nullopt);
    }
    if (!completed) {
        if (writes_outputs()) std::cerr << "wfsim compare: interrupted; nothing was written\n";
        return interrupted_exit_code();
    }
    if (!writes_outputs()) return kSuccess;  // another rank of an MPI job: rank 0 writes
    if (writer) {
        const Range range = shard_range(*shard, static_cast<std::size_t>(reps));
        writer->finish(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        if (!vm.count("quiet"))
            std::cout << "wfsim compare: shard " << shard->index << "/" << shard->count << " (replications "
                      << range.begin << " to " << range.end - 1 << " of " << reps << ") of " << files.size()
                      << " scenarios; shard in " << out << "/ (combine the shards with wfsim merge)\n";
        return kSuccess;
    }
    std::map<std::string, std::string> outputs = compare_files(
        cal, run_seed, runs, resolved, stopping ? precision_json(rule, static_cast<std::size_t>(reps), *stopping, 2) : "");
    if (vm.count("per-replication")) {
        std::vector<model::ReplicationRows> rows;
        for (std::size_t i = 0; i < runs.size(); ++i) rows.push_back({runs[i].name, &runs[i].results, &trees[i], run_seed});
        outputs["replications.csv"] = model::replications_csv(rows);
    }
    write_outputs(out, outputs, {}, vm.count("report") ? report_files() : Addition{});
    if (!vm.count("quiet")) {
        if (stopping) std::cout << "wfsim compare: " << stopping->reason << "\n";
        std::cout << model::compare_answer(runs, out);
    }
    return kSuccess;
}

}  // namespace wfsim::cli
