// wfsim sweep: every point of a grid of parameter values, on common random
// numbers; optionally the cheapest point that meets a goal.
#include <iostream>
#include <sstream>

#include "batch_runner.h"
#include "cli.h"
#include "engine/io/files.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "engine/stats/paired.h"
#include "engine/stats/summary.h"
#include "models/output/comparison.h"
#include "models/schema.h"
#include "models/simulation.h"
#include "output_dir.h"

namespace wfsim::cli {

namespace {

struct GridAxis {
    std::string key;
    std::vector<std::string> values;
};

GridAxis parse_grid(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw UsageError("wfsim sweep: --grid " + text + ": expected key.path=v1,v2,... e.g. --grid leaving.pay_elasticity=-1,-0.5");
    GridAxis axis{text.substr(0, eq), {}};
    std::string why;
    if (!model::scenario_schema().match_concrete(axis.key, why)) throw UsageError("wfsim sweep: --grid " + axis.key + ": " + why);
    std::stringstream ss(text.substr(eq + 1));
    for (std::string v; std::getline(ss, v, ',');) {
        if (v.empty()) throw UsageError("wfsim sweep: --grid " + axis.key + " has an empty value (values are separated by commas; write money without commas)");
        axis.values.push_back(v);
    }
    return axis;
}

struct Goal {
    std::string target;
    std::string op;
    double value = 0;
    bool holds(double p) const {
        return op == ">=" ? p >= value : op == "<=" ? p <= value : op == ">" ? p > value : p < value;
    }
};

Goal parse_goal(const std::string& text) {
    for (const char* op : {">=", "<=", ">", "<"}) {
        const auto at = text.rfind(op);
        if (at == std::string::npos || at == 0) continue;
        Goal g{text.substr(0, at), op, 0};
        std::string why;
        auto v = params::parse_number(text.substr(at + std::string(op).size()), true, why);
        if (!v || *v < 0 || *v > 1) throw UsageError("wfsim sweep: --goal " + text + ": the probability must be 0 to 1");
        g.value = *v;
        return g;
    }
    throw UsageError("wfsim sweep: --goal " + text + ": expected TARGET>=probability, e.g. --goal 'agency share at most 30%>=0.8'");
}

}  // namespace

int cmd_sweep(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::string file, out, goal_text, minimise = "spend_total";
    std::vector<std::string> grids, sets;
    long long seed = -1, reps = 100, threads = 0, months = 0;
    options.add_options()("scenario", po::value(&file)->required(), "scenario file")(
        "grid", po::value(&grids)->required(), "key.path=v1,v2,... (repeatable: the grid is every combination)")(
        "goal", po::value(&goal_text), "TARGET>=p: points whose probability of meeting the target is at least p")(
        "minimise", po::value(&minimise)->default_value("spend_total"), "metric whose total the best point minimises")(
        "reps", po::value(&reps)->default_value(100), "replications per grid point")(
        "seed", po::value(&seed), "random seed for every point (default: the scenario's seed)")(
        "months", po::value(&months), "simulate this many months instead of the horizon")(
        "threads", po::value(&threads)->default_value(0), "threads to use (0: all cores)")(
        "out", po::value(&out), "output folder (default: results/<name>-sweep)")(
        "force", "write into an output folder even if it holds files wfsim did not write")(
        "set", po::value(&sets), "override a key at every point: --set key.path=value (repeatable)")(
        "quiet,q", "no progress bar");
    po::positional_options_description pos;
    pos.add("scenario", 1);
    po::variables_map vm;
    if (!parse_args("sweep", "SCENARIO --grid key=v1,v2,... [--grid ...] [--goal 'TARGET>=0.8'] [--minimise METRIC]", args,
                    options, pos, vm))
        return kSuccess;
    if (reps < 2 || reps > 100000000) throw UsageError("wfsim sweep: --reps must be 2 or more");
    if (threads < 0) throw UsageError("wfsim sweep: --threads must be 0 (all cores) or more");
    if (months < 0 || months > 1200) throw UsageError("wfsim sweep: --months must be 1 to 1200");
    if (vm.count("seed") && seed < 0) throw UsageError("wfsim sweep: --seed must be 0 or more");
    int minimise_metric = -1;
    for (int k = 0; k < model::kMetrics; ++k)
        if (minimise == model::kMetricNames[k]) minimise_metric = k;
    if (minimise_metric < 0) throw UsageError("wfsim sweep: --minimise " + minimise + " is not a metric (see the README, Metrics)");

    std::vector<GridAxis> axes;
    std::size_t points = 1;
    for (const auto& g : grids) {
        axes.push_back(parse_grid(g));
        points *= axes.back().values.size();
        if (points > 100000) throw UsageError("wfsim sweep: the grid has more than 100,000 points");
    }
    // Every point is loaded and validated before anything runs.
    std::vector<params::Tree> trees(points);
    std::vector<std::vector<std::string>> point_values(points);
    bool ok = true;
    for (std::size_t p = 0; p < points; ++p) {
        std::vector<std::string> point_sets = sets;
        std::size_t rest = p;
        for (std::size_t a = axes.size(); a-- > 0;) {
            const std::size_t i = rest % axes[a].values.size();
            rest /= axes[a].values.size();
            point_values[p].insert(point_values[p].begin(), axes[a].values[i]);
        }
        for (std::size_t a = 0; a < axes.size(); ++a) point_sets.push_back(axes[a].key + "=" + point_values[p][a]);
        ok = load_scenario(file, point_sets, trees[p]) && ok;
        if (!ok) break;
    }
    if (!ok) return kBadInput;
    const model::Calendar cal = model::calendar_for(trees[0], static_cast<int>(months));
    std::vector<std::string> errors;
    const std::vector<model::Target> targets = model::read_targets(trees[0], cal, errors);
    for (const auto& e : errors) std::cerr << file << ": warning: " << e << "\n";
    Goal goal;
    std::size_t goal_index = targets.size();
    if (!goal_text.empty()) {
        goal = parse_goal(goal_text);
        std::string names;
        for (std::size_t t = 0; t < targets.size(); ++t) {
            if (targets[t].name == goal.target) goal_index = t;
            names += (t ? "; " : "") + targets[t].name;
        }
        if (goal_index == targets.size())
            throw UsageError("wfsim sweep: --goal names '" + goal.target + "', which is not a target of the scenario" +
                             (names.empty() ? std::string(" (it has none)") : "; its targets are: " + names));
    }
    const params::Params root(&trees[0], "");
    const std::string name = root.str("name");
    const std::uint64_t run_seed = vm.count("seed") ? static_cast<std::uint64_t>(seed) : static_cast<std::uint64_t>(root.number("seed"));
    if (out.empty()) out = default_output_dir(name) + "-sweep";
    prepare_output_dir(out, vm.count("force") > 0);

    InterruptGuard guard;
    std::ostringstream csv;
    csv << "point";
    for (const auto& a : axes) csv << ',' << io::csv_field(a.key);
    const int reported[] = {model::kSpendTotal, model::kSpendAgency, model::kSpendPermanent, model::kVacancyRate, model::kAgencyRate};
    for (int k : reported) csv << ',' << model::kMetricNames[k] << "_mean," << model::kMetricNames[k] << "_ci95_low," << model::kMetricNames[k] << "_ci95_high";
    if (minimise_metric != model::kSpendTotal) csv << ',' << minimise << "_mean";
    for (const auto& t : targets) csv << ',' << io::csv_field("p_" + t.name);
    if (!goal_text.empty()) csv << ",meets_goal";
    csv << '\n';
    int best = -1;
    double best_value = 0;
    std::vector<double> best_probabilities;
    for (std::size_t p = 0; p < points; ++p) {
        BatchRequest request;
        request.seed = run_seed;  // the same seed at every point: common random numbers
        request.reps = static_cast<std::size_t>(reps);
        request.threads = resolve_threads(threads);
        request.months = static_cast<int>(months);
        request.quiet = vm.count("quiet") > 0;
        request.label = "[" + std::to_string(p + 1) + "/" + std::to_string(points) + "]";
        std::vector<model::ReplicationResult> results;
        if (!run_replications(trees[p], params::directory_of(file), request, results)) {
            std::cerr << "wfsim sweep: interrupted; nothing was written\n";
            return kRunFailure;
        }
        csv << p;
        for (const auto& v : point_values[p]) csv << ',' << io::csv_field(v);
        for (int k : reported) {
            const std::vector<double> totals = model::metric_totals(results, k);
            const stats::Difference d = stats::paired_difference(std::vector<double>(totals.size(), 0.0), totals);
            csv << ',' << io::format_value(d.mean) << ',' << io::format_value(d.lo) << ',' << io::format_value(d.hi);
        }
        const std::vector<double> objective = model::metric_totals(results, minimise_metric);
        double objective_mean = 0;
        for (double v : objective) objective_mean += v / static_cast<double>(objective.size());
        if (minimise_metric != model::kSpendTotal) csv << ',' << io::format_value(objective_mean);
        const std::vector<double> probabilities = model::target_probabilities(targets, results, cal);
        for (double pr : probabilities) csv << ',' << io::format_value(pr);
        if (!goal_text.empty()) {
            const bool meets = goal.holds(probabilities[goal_index]);
            csv << ',' << (meets ? "true" : "false");
            if (meets && (best < 0 || objective_mean < best_value)) {
                best = static_cast<int>(p);
                best_value = objective_mean;
                best_probabilities = probabilities;
            }
        }
        csv << '\n';
    }
    std::ostringstream json;
    json << "{\n  \"scenario\": " << io::json_escape(name) << ",\n  \"seed\": " << run_seed
         << ",\n  \"replications_per_point\": " << reps << ",\n  \"points\": " << points
         << ",\n  \"engine_version\": \"" << WFSIM_VERSION << "\",\n  \"grid\": {";
    for (std::size_t a = 0; a < axes.size(); ++a) {
        json << (a ? ", " : "") << io::json_escape(axes[a].key) << ": [";
        for (std::size_t i = 0; i < axes[a].values.size(); ++i) json << (i ? ", " : "") << io::json_escape(axes[a].values[i]);
        json << "]";
    }
    json << "},\n  \"goal\": " << (goal_text.empty() ? std::string("null") : io::json_escape(goal_text))
         << ",\n  \"minimise\": \"" << minimise << "\",\n  \"best\": ";
    if (best < 0) {
        json << "null";
    } else {
        json << "{\"point\": " << best << ", \"values\": {";
        for (std::size_t a = 0; a < axes.size(); ++a)
            json << (a ? ", " : "") << io::json_escape(axes[a].key) << ": " << io::json_escape(point_values[static_cast<std::size_t>(best)][a]);
        json << "}, \"" << minimise << "_mean\": " << io::format_value(best_value) << ", \"goal_probability\": "
             << io::format_value(best_probabilities[goal_index]) << "}";
    }
    json << "\n}\n";
    std::map<std::string, std::string> outputs{{"sweep.csv", csv.str()}, {"summary.json", json.str()},
                                              {"scenario.resolved.yaml", params::emit_yaml(trees[0])}};
    write_outputs(out, outputs);
    if (!vm.count("quiet")) {
        if (!goal_text.empty()) {
            if (best < 0) std::cout << "No grid point meets the goal " << goal_text << ".\n";
            else {
                std::cout << "Cheapest point meeting " << goal_text << ": point " << best;
                for (std::size_t a = 0; a < axes.size(); ++a) std::cout << ", " << axes[a].key << "=" << point_values[static_cast<std::size_t>(best)][a];
                std::cout << " (" << minimise << " " << io::format_value(best_value) << ")\n";
            }
        }
        std::cout << "wfsim sweep: " << points << " points x " << reps << " replications; results in " << out << "/\n";
    }
    return kSuccess;
}

}  // namespace wfsim::cli
