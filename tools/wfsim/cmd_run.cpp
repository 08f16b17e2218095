// wfsim run: simulate a scenario (one or many replications) and write the
// output contract into a folder.
#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "cli.h"
#include "engine/io/files.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "batch_runner.h"
#include "models/costs/prices.h"
#include "models/output/answer.h"
#include "models/output/outputs.h"
#include "models/output/replications.h"
#include "models/simulation.h"
#include "models/report/report.h"
#include "output_dir.h"
#include "precision.h"
#include "resources.h"
#include "shard.h"

namespace wfsim::cli {


model::BatchInfo run_info(const params::Tree& tree, std::uint64_t seed, int months, std::vector<std::string>& warnings,
                          const model::Breakdown& breakdown) {
    model::BatchInfo info;
    info.scenario_name = params::Params(&tree, "").str("name");
    info.seed = seed;
    info.calendar = model::calendar_for(tree, months);
    try {
        info.deflators = model::deflators(tree, info.calendar);
    } catch (const std::runtime_error& e) {
        // validate checked the index against the scenario's horizon: only a
        // longer --months can run past it, so that is the bad input.
        throw UsageError("wfsim: --months " + std::to_string(months) + " runs past the scenario's prices: " + e.what());
    }
    info.budgets = model::budgets(tree, info.calendar);
    info.targets = model::read_targets(tree, info.calendar, warnings);
    // The names of the groups the run reports (none of a dimension left out).
    info.names = model::read_names(tree);
    if (!breakdown.by_grade) info.names.grades.clear();
    if (!breakdown.by_team) info.names.teams.clear();
    return info;
}

std::map<std::string, std::string> run_files(const model::BatchInfo& info, const std::string& resolved_yaml,
                                             const model::BatchResults& results) {
    std::map<std::string, std::string> files;
    files["scenario.resolved.yaml"] = resolved_yaml;
    files["trajectory.csv"] = model::trajectory_csv(info, results);
    files["financial_years.csv"] = model::financial_years_csv(info, results);
    files["summary.json"] = model::summary_json(info, results);
    return files;
}

std::string timing_json(double secs, unsigned threads, std::size_t reps) {
    // Timing varies from run to run, so it is kept out of summary.json, which
    // is byte-identical for the same scenario and seed.
    std::string json = "{\n  \"run_time_seconds\": " + io::format_value(secs) + ",\n  \"threads\": " +
                       std::to_string(threads) + ",\n  \"replications_per_second\": " +
                       io::format_value(secs > 0 ? static_cast<double>(reps) / secs : 0.0);
    if (process_count() > 1)
        json += ",\n  \"mpi_ranks\": " + std::to_string(process_count()) + ",\n  \"bytes_gathered_by_rank_0\": " +
                std::to_string(distributor()->bytes_gathered());
    return json + "\n}\n";
}

int cmd_run(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::string file, out, shard_text, breakdown_text = "grade,team";
    std::vector<std::string> sets;
    long long seed = -1, reps = 1, threads = 0, months = 0;
    options.add_options()("scenario", po::value(&file)->required(), "scenario file")(
        "seed", po::value(&seed), "random seed (default: the scenario's seed)")(
        "months", po::value(&months), "simulate this many months instead of the scenario's horizon")(
        "reps", po::value(&reps)->default_value(1), "number of replications")(
        "threads", po::value(&threads)->default_value(0), "threads to use (0: all cores)")(
        "out", po::value(&out), "output folder (default: results/<scenario name>)")(
        "shard", po::value(&shard_text), "run only shard i of n (i = 1..n) of the replications into a shard folder; "
                                         "combine the folders with wfsim merge")(
        "force", "write into an output folder even if it holds files wfsim did not write")(
        "set", po::value(&sets), "override a key: --set key.path=value (repeatable)")(
        "quiet,q", "print nothing: no progress bar, no answer")(
        "breakdown", po::value(&breakdown_text)->default_value("grade,team"),
        "rows of trajectory.csv by grade and by team as well as in total: grade,team, grade, team or none "
        "(none keeps a long batch's rows small)")(
        "report", "also write report.html and report.xlsx into the output folder")(
        "per-replication", "also write replications.csv: one row per replication, with its draws of uncertain values, "
                           "horizon totals, final values and each target's judged value and first month met");
    PrecisionOptions precision;
    precision.add_to(options, false);
    po::positional_options_description pos;
    pos.add("scenario", 1);
    po::variables_map vm;
    if (!parse_args("run", "SCENARIO [--seed S] [--months M] [--reps N] [--threads T] [--out FOLDER] [--shard i/n] [--precision P] [--set key=value]...",
                    args, options, pos, vm))
        return kSuccess;
    const std::optional<model::Breakdown> breakdown = model::Breakdown::parse(breakdown_text);
    if (!breakdown)
        throw UsageError("wfsim run: --breakdown '" + breakdown_text + "' must be grade,team, grade, team or none");
    const PrecisionRule rule = precision.rule("run", vm);
    check_precision("run", rule, {}, vm.count("shard") > 0);
    reps = static_cast<long long>(ceiling_of(rule, vm, reps));  // with a precision: the ceiling
    std::optional<ShardSpec> shard;
    if (vm.count("shard")) shard = parse_shard(shard_text, "run", static_cast<std::size_t>(reps));
    if (shard && vm.count("report"))
        throw UsageError("wfsim run: --report with --shard: a shard holds part of the results; give --report to wfsim merge");

    params::Tree tree;
    if (!load_scenario(file, sets, tree)) return kBadInput;
    params::Params p(&tree, "");
    const std::string name = p.str("name");
    const std::uint64_t run_seed = vm.count("seed") ? static_cast<std::uint64_t>(seed) : static_cast<std::uint64_t>(p.number("seed"));
    std::vector<std::string> target_errors;
    model::BatchInfo info = run_info(tree, run_seed, static_cast<int>(months), target_errors, *breakdown);
    const model::Calendar& calendar = info.calendar;
    // Over the scenario's own horizon, load_scenario has already warned of these at their place.
    if (months != 0)
        for (const auto& e : target_errors) std::cerr << file << ": warning: " << e << "\n";
    {
        const model::BatchResults no_results(calendar, info.targets);
        check_precision("run", rule, {&no_results}, false);
    }
    // Before any folder is made: what the batch needs fits (a shard's results go to its file).
    const Range slice = shard ? shard_range(*shard, static_cast<std::size_t>(reps)) : Range{0, static_cast<std::size_t>(reps)};
    const unsigned nthreads = plan_batch("run", model::footprint(tree, static_cast<int>(months), *breakdown),
                                         {threads, slice.size(), shard ? 0u : 1u, 0});
    if (out.empty()) out = default_output_dir(name) + (shard ? shard_dir_suffix(*shard) : "");
    if (writes_outputs()) prepare_output_dir(out, vm.count("force") > 0);

    BatchRequest request;
    request.seed = run_seed;
    request.reps = static_cast<std::size_t>(reps);
    request.threads = nthreads;
    request.months = static_cast<int>(months);
    request.quiet = vm.count("quiet") > 0;
    request.breakdown = *breakdown;
    if (shard) request.slice = shard_range(*shard, request.reps);

    InterruptGuard guard;
    const auto t0 = std::chrono::steady_clock::now();
    // A shard's results go straight to its file; a run's are reduced as they come.
    const std::string resolved = params::emit_yaml(tree);
    std::unique_ptr<ShardWriter> writer;
    ShardHeader header;
    if (shard && writes_outputs()) {
        header = shard_header("run", months, {resolved}, run_seed, request.reps, 1, calendar,
                              series_of(tree, *breakdown), *shard);
        header.parameters.emplace_back("breakdown", breakdown->text());
        if (vm.count("per-replication")) header.parameters.emplace_back("per_replication", "true");
        writer = std::make_unique<ShardWriter>(out, header, std::vector<std::pair<std::string, std::string>>{
                                                                {"scenario.resolved.yaml", resolved}});
    }
    model::BatchResults results(calendar, info.targets);
    std::optional<Stopping> stopping;
    bool completed = false;
    if (rule.active()) {
        // Block by block until precise enough (precision.h).
        stopping = run_to_precision(
            request.reps,
            [&](Range block) {
                request.slice = block;
                return run_replications(tree, params::directory_of(file), request, results_sink(nullptr, results));
            },
            [&](std::string& widest) { return precise_enough(rule, {&results}, widest); });
        completed = stopping.has_value();
        if (completed) {
            reps = static_cast<long long>(stopping->replications);
            info.precision_json = precision_json(rule, request.reps, *stopping, 2);
        }
    } else {
        completed = run_replications(tree, params::directory_of(file), request, results_sink(writer.get(), results));
    }
    if (!completed) {
        if (writes_outputs())
            std::cerr << "wfsim run: interrupted; nothing was written and earlier results in " << out << " are as they were\n";
        return interrupted_exit_code();
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!writes_outputs()) return kSuccess;  // another rank of an MPI job: rank 0 writes

    if (writer) {
        writer->finish(secs);
        if (!vm.count("quiet"))
            std::cout << "wfsim run: shard " << shard->index << "/" << shard->count << " (replications "
                      << header.first << " to " << header.first + header.count - 1 << " of " << reps << ") of '"
                      << name << "' in " << io::format_value(secs) << " s; shard in " << out
                      << "/ (combine the shards with wfsim merge)\n";
        return kSuccess;
    }
    std::map<std::string, std::string> files = run_files(info, resolved, results);
    files["timing.json"] = timing_json(secs, nthreads, static_cast<std::size_t>(reps));
    if (vm.count("per-replication"))
        files["replications.csv"] = model::replications_csv({{name, &results, &tree, run_seed}});
    write_outputs(out, files, {}, vm.count("report") ? report_files() : Addition{});
    if (!vm.count("quiet"))
        std::cout << model::run_answer(name, results, secs, out);
    if (stopping && !vm.count("quiet")) std::cout << "wfsim run: " << stopping->reason << "\n";
    return kSuccess;
}

}  // namespace wfsim::cli
