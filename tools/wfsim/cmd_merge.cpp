// wfsim merge: combine the shard folders of a run, compare or sweep (run
// with --shard i/n) into the files one process would have written, byte for
// byte. Refuses shards that do not belong together, or that overlap or leave
// replications out.
#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>

#include "batch_runner.h"
#include "cli.h"
#include "engine/io/files.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "engine/params/tree.h"
#include "models/costs/prices.h"
#include "models/output/answer.h"
#include "models/output/replications.h"
#include "models/report/report.h"
#include "models/simulation.h"
#include "output_dir.h"
#include "shard.h"

namespace wfsim::cli {

namespace {

// A refusal: one line, exit code 2.
[[noreturn]] void refuse(const std::string& why) { throw UsageError("wfsim merge: " + why); }

std::string join(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string s;
    for (const auto& [k, v] : params) s += (s.empty() ? "" : " ") + k + "=" + v;
    return s.empty() ? "(none)" : s;
}

std::string shard_name(const ShardHeader& h) { return std::to_string(h.shard.index) + "/" + std::to_string(h.shard.count); }

// Every shard must come from the same command on the same scenarios with the
// same seed, options and engine version, and be numbered out of the same n.
void check_agree(const ShardReader& a, const ShardReader& b) {
    const ShardHeader &x = a.header(), &y = b.header();
    const std::string pair = a.dir() + " and " + b.dir();
    if (x.command != y.command)
        refuse(pair + " are shards of different commands (wfsim " + x.command + " against wfsim " + y.command + ")");
    if (x.scenario_hash != y.scenario_hash)
        refuse(pair + " were run on different scenarios (resolved scenario hash " + x.scenario_hash + " against " +
               y.scenario_hash + ")");
    if (x.seed != y.seed)
        refuse(pair + " were run with different seeds (" + std::to_string(x.seed) + " against " + std::to_string(y.seed) + ")");
    if (x.replications != y.replications)
        refuse(pair + " were run with different --reps (" + std::to_string(x.replications) + " against " +
               std::to_string(y.replications) + ")");
    if (x.parameters != y.parameters)
        refuse(pair + " were run with different options (" + join(x.parameters) + " against " + join(y.parameters) + ")");
    if (!(x.layout == y.layout) || x.batches != y.batches || x.resolved != y.resolved)
        refuse(pair + " hold results of different shapes (months, financial years, metrics or batches)");
    if (x.shard.count != y.shard.count)
        refuse(pair + " are shards " + shard_name(x) + " and " + shard_name(y) +
               " of different splits; merge the shards of one split (all i/n with the same n)");
}

params::Tree reload(const ShardReader& shard, const std::string& name, std::string& text) {
    text = shard.read_resolved(name);
    params::Tree tree;
    params::Diagnostics diags;
    const bool parsed = params::parse_yaml_text(text, params::Loc{std::make_shared<const std::string>(name), 0, 0}, tree, diags);
    // The outputs are computed from this tree: it must be exactly the one
    // the shards simulated.
    if (!parsed || params::emit_yaml(tree) != text)
        throw std::runtime_error(shard.dir() + "/" + name + " does not read back as the scenario it was written from");
    return tree;
}

int parse_months(const ShardHeader& h) {
    const std::string m = h.parameter("months");
    try {
        return std::stoi(m);
    } catch (...) {
        refuse("the shard file does not say how many months were simulated (parameter months='" + m + "')");
    }
}

}  // namespace

int cmd_merge(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::vector<std::string> dirs;
    std::string out;
    options.add_options()("shard-folder", po::value(&dirs)->required(), "the shard folders (written with --shard i/n)")(
        "out", po::value(&out), "output folder (default: that of the unsharded command, e.g. results/<scenario name>)")(
        "force", "write into an output folder even if it holds files wfsim did not write")(
        "quiet,q", "print nothing on success")(
        "report", "also write report.html and report.xlsx into the output folder");
    po::positional_options_description pos;
    pos.add("shard-folder", -1);
    po::variables_map vm;
    if (!parse_args("merge", "SHARD_FOLDER... [--out FOLDER] [--force] [--report]", args, options, pos, vm)) return kSuccess;

    // Read and cross-check every header before reading any results.
    std::vector<std::unique_ptr<ShardReader>> shards;
    try {
        for (const auto& d : dirs) shards.push_back(std::make_unique<ShardReader>(d));
    } catch (const ShardError& e) {
        refuse(e.what());
    }
    for (const auto& s : shards) {
        if (s->header().engine_version != WFSIM_VERSION)
            refuse(s->dir() + " was written by wfsim " + s->header().engine_version + " but this is wfsim " +
                   WFSIM_VERSION + "; merge with the version that ran the shards");
        check_agree(*shards.front(), *s);
    }
    const ShardHeader& h = shards.front()->header();
    if (h.command != "run" && h.command != "compare" && h.command != "sweep")
        refuse(shards.front()->dir() + " is a shard of 'wfsim " + h.command + "', which merge does not know");
    // Each shard 1..n exactly once, each holding the replications of its number.
    std::vector<const ShardReader*> by_index(h.shard.count, nullptr);
    for (const auto& s : shards) {
        const ShardHeader& x = s->header();
        const ShardReader*& slot = by_index[x.shard.index - 1];
        if (slot) refuse("shard " + shard_name(x) + " is given twice (" + slot->dir() + " and " + s->dir() + ")");
        slot = s.get();
        const Range r = shard_range(x.shard, x.replications);
        if (r.begin != x.first || r.size() != x.count)
            refuse(s->dir() + " holds replications " + std::to_string(x.first) + " to " +
                   std::to_string(x.first + x.count) + ", not those of shard " + shard_name(x));
    }
    std::string missing;
    std::size_t n_missing = 0;
    for (std::size_t i = 0; i < by_index.size(); ++i)
        if (!by_index[i]) missing += (n_missing++ ? ", " : "") + std::to_string(i + 1) + "/" + std::to_string(h.shard.count);
    if (n_missing)
        refuse("shard" + std::string(n_missing > 1 ? "s " : " ") + missing + (n_missing > 1 ? " are" : " is") +
               " missing; give every shard from 1/" + std::to_string(h.shard.count) + " to " +
               std::to_string(h.shard.count) + "/" + std::to_string(h.shard.count));
    try {
        for (const auto* s : by_index) s->verify();
    } catch (const ShardError& e) {
        refuse(e.what());
    }

    // The resolved scenarios, checked against the hash every shard agrees on.
    const ShardReader& first = *by_index.front();
    std::vector<std::string> texts(h.resolved.size());
    std::vector<params::Tree> trees;
    for (std::size_t i = 0; i < h.resolved.size(); ++i) trees.push_back(reload(first, h.resolved[i], texts[i]));
    if (texts_hash(texts) != h.scenario_hash)
        refuse(first.dir() + ": the resolved scenario files do not match the scenario hash in its shard file");
    if (trees.empty()) refuse(first.dir() + ": the shard file names no resolved scenario");

    const std::uint64_t seed = h.seed;
    const std::size_t reps = static_cast<std::size_t>(h.replications);
    const int months = parse_months(h);
    // Batch b of every shard, in replication order, reduced as it is read.
    auto read_into = [&](std::uint64_t b, model::BatchResults& results) {
        for (const auto* s : by_index) s->read_batch(b, [&](const model::ReplicationResult& r) { results.add(r); });
    };
    double shard_seconds = 0;
    for (const auto* s : by_index) shard_seconds += s->run_seconds();
    const std::string name = params::Params(&trees[0], "").str("name");
    const bool quiet = vm.count("quiet") > 0;
    const bool per_replication = h.parameter("per_replication") == "true";  // --per-replication on the shards

    std::map<std::string, std::string> files;
    std::vector<std::string> warnings;
    const Addition report = vm.count("report") ? report_files() : Addition{};
    if (h.command == "run") {
        if (out.empty()) out = default_output_dir(name);
        prepare_output_dir(out, vm.count("force") > 0);
        // The shards' runs chose their rows by grade and team (--breakdown).
        const auto breakdown = model::Breakdown::parse(h.parameter("breakdown"));
        if (!breakdown) refuse("the shards were written without a valid breakdown of their rows; run them again with this wfsim");
        const model::BatchInfo info = run_info(trees[0], seed, months, warnings, *breakdown);
        model::BatchResults results(info.calendar, info.targets);
        read_into(0, results);
        files = run_files(info, texts[0], results);
        // The draws are drawn again from the resolved scenario (replications.h).
        if (per_replication) files["replications.csv"] = model::replications_csv({{name, &results, &trees[0], seed}});
        files["timing.json"] = "{\n  \"run_time_seconds\": " + io::format_value(shard_seconds) + ",\n  \"shards\": " +
                               std::to_string(by_index.size()) + ",\n  \"replications_per_second\": " +
                               io::format_value(shard_seconds > 0 ? static_cast<double>(reps) / shard_seconds : 0.0) +
                               "\n}\n";
        write_outputs(out, files, {}, report);
        if (!quiet)
            std::cout << "wfsim merge: " << by_index.size() << " shards\n"
                      << model::run_answer(name, results, shard_seconds, out);
    } else if (h.command == "compare") {
        const std::vector<std::string> scenario_files = h.parameters_named("scenario");
        if (scenario_files.size() != trees.size() || h.batches != trees.size())
            refuse(first.dir() + ": the shard file's scenarios and resolved files do not match");
        if (out.empty()) out = default_output_dir(name) + "-compare";
        prepare_output_dir(out, vm.count("force") > 0);
        const model::Calendar cal = model::calendar_for(trees[0], months);
        std::vector<model::ScenarioRun> runs;
        for (std::size_t i = 0; i < trees.size(); ++i) {
            runs.push_back({params::Params(&trees[i], "").str("name"), scenario_files[i],
                            model::BatchResults(cal, model::read_targets(trees[i], cal, warnings))});
            runs.back().budgets = model::budgets(trees[i], cal);
            read_into(i, runs.back().results);
        }
        files = compare_files(cal, seed, runs, texts);
        if (per_replication) {
            std::vector<model::ReplicationRows> rows;
            for (std::size_t i = 0; i < runs.size(); ++i) rows.push_back({runs[i].name, &runs[i].results, &trees[i], seed});
            files["replications.csv"] = model::replications_csv(rows);
        }
        write_outputs(out, files, {}, report);
        if (!quiet) {
            std::cout << "wfsim merge: " << by_index.size() << " shards\n" << model::compare_answer(runs, out);
        }
    } else {
        SweepTable table(h.parameters_named("grid"), h.parameter("goal"), h.parameter("minimise"));
        if (table.points() != h.batches) refuse(first.dir() + ": the shard file's grid does not match its points");
        if (out.empty()) out = default_output_dir(name) + "-sweep";
        table.begin(trees[0], months, seed, reps, warnings);
        table.check_goal();
        prepare_output_dir(out, vm.count("force") > 0);
        std::vector<model::BatchResults> kept;  // for replications.csv
        std::vector<params::Tree> point_trees;
        for (std::size_t p = 0; p < table.points(); ++p) {
            model::BatchResults results = table.new_point();
            read_into(p, results);
            table.add_point(p, results);
            if (!per_replication) continue;
            kept.push_back(std::move(results));
            // Point p's scenario: the first point's with point p's grid values.
            point_trees.push_back(trees[0]);
            params::Diagnostics diags;
            for (const auto& set : table.point_sets(p))
                if (!params::apply_set(point_trees.back(), set, diags)) refuse(first.dir() + ": the grid value " + set + " cannot be set");
        }
        files = table.files(texts[0]);
        if (per_replication) files["replications.csv"] = sweep_replications_csv(kept, point_trees, seed);
        write_outputs(out, files, {}, report);
        if (!quiet) table.print_summary(std::cout, out);
    }
    return kSuccess;
}

}  // namespace wfsim::cli
