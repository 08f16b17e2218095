// wfsim sweep: every point of a grid of parameter values, on common random
// numbers; optionally the cheapest point that meets a goal.
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "batch_runner.h"
#include "cli.h"
#include "engine/io/files.h"
#include "engine/io/json.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "engine/stats/paired.h"
#include "engine/stats/summary.h"
#include "models/output/answer.h"
#include "models/output/comparison.h"
#include "models/output/replications.h"
#include "models/schema.h"
#include "models/simulation.h"
#include "models/report/report.h"
#include "models/report/text.h"
#include "output_dir.h"
#include "precision.h"
#include "resources.h"
#include "shard.h"

namespace wfsim::cli {

namespace {

const int kReported[] = {model::kSpendTotal, model::kSpendAgency, model::kSpendPermanent, model::kVacancyRate,
                         model::kAgencyRate};

bool goal_holds(const std::string& op, double value, double p) {
    return op == ">=" ? p >= value : op == "<=" ? p <= value : op == ">" ? p > value : p < value;
}

}  // namespace

SweepTable::SweepTable(const std::vector<std::string>& grids, const std::string& goal, const std::string& minimise)
    : goal_text_(goal), minimise_(minimise) {
    for (int k = 0; k < model::kMetrics; ++k)
        if (minimise == model::kMetricNames[k]) minimise_metric_ = k;
    if (minimise_metric_ < 0) throw UsageError("wfsim sweep: --minimise " + minimise + " is not a metric (see the README, Metrics)");
    std::size_t points = 1;
    for (const auto& text : grids) {
        const auto eq = text.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
            throw UsageError("wfsim sweep: --grid " + text + ": expected key.path=v1,v2,... e.g. --grid leaving.pay_elasticity=-1,-0.5");
        Axis axis{text.substr(0, eq), {}};
        std::string why;
        if (!model::scenario_schema().match_concrete(axis.key, why)) throw UsageError("wfsim sweep: --grid " + axis.key + ": " + why);
        std::stringstream ss(text.substr(eq + 1));
        for (std::string v; std::getline(ss, v, ',');) {
            if (v.empty()) throw UsageError("wfsim sweep: --grid " + axis.key + " has an empty value (values are separated by commas; write money without commas)");
            axis.values.push_back(v);
        }
        axes_.push_back(axis);
        points *= axes_.back().values.size();
        if (points > 100000) throw UsageError("wfsim sweep: the grid has more than 100,000 points");
    }
    point_values_.resize(points);
    for (std::size_t p = 0; p < points; ++p) {
        std::size_t rest = p;
        for (std::size_t a = axes_.size(); a-- > 0;) {
            const std::size_t i = rest % axes_[a].values.size();
            rest /= axes_[a].values.size();
            point_values_[p].insert(point_values_[p].begin(), axes_[a].values[i]);
        }
    }
}

std::vector<std::string> SweepTable::point_sets(std::size_t p) const {
    std::vector<std::string> sets;
    for (std::size_t a = 0; a < axes_.size(); ++a) sets.push_back(axes_[a].key + "=" + point_values_[p][a]);
    return sets;
}

void SweepTable::begin(const params::Tree& first_point, int months, std::uint64_t seed, std::size_t reps,
                       std::vector<std::string>& warnings) {
    cal_ = model::calendar_for(first_point, months);
    targets_ = model::read_targets(first_point, cal_, warnings);
    name_ = params::Params(&first_point, "").str("name");
    seed_ = seed;
    reps_ = reps;
    goal_index_ = targets_.size();
    std::ostringstream csv;
    csv << "point";
    for (const auto& a : axes_) csv << ',' << io::csv_field(a.key);
    for (int k : kReported) csv << ',' << model::kMetricNames[k] << "_mean," << model::kMetricNames[k] << "_ci95_low," << model::kMetricNames[k] << "_ci95_high";
    if (minimise_metric_ != model::kSpendTotal) csv << ',' << minimise_ << "_mean";
    // Target columns by identifier (p_target_1, ...), which a program can use; their names are in sweep_targets.csv.
    for (std::size_t i = 0; i < targets_.size(); ++i) csv << ",p_target_" << i + 1;
    if (!goal_text_.empty()) csv << ",meets_goal";
    if (!precision_asked_.empty()) csv << ",replications,precision_reached";
    csv << '\n';
    csv_ = csv.str();
    best_ = -1;
}

void SweepTable::check_goal() {
    if (!goal_text_.empty()) {
        bool parsed = false;
        for (const char* op : {">=", "<=", ">", "<"}) {
            const auto at = goal_text_.rfind(op);
            if (at == std::string::npos || at == 0) continue;
            goal_target_ = goal_text_.substr(0, at);
            goal_op_ = op;
            std::string why;
            auto v = params::parse_number(goal_text_.substr(at + std::string(op).size()), true, why);
            if (!v || *v < 0 || *v > 1) throw UsageError("wfsim sweep: --goal " + goal_text_ + ": the probability must be 0 to 1");
            goal_value_ = *v;
            parsed = true;
            break;
        }
        if (!parsed)
            throw UsageError("wfsim sweep: --goal " + goal_text_ + ": expected TARGET>=probability, e.g. --goal 'agency share at most 30%>=0.8'");
        std::string names;
        for (std::size_t t = 0; t < targets_.size(); ++t) {
            if (targets_[t].name == goal_target_) goal_index_ = t;
            names += (t ? "; " : "") + targets_[t].name;
        }
        if (goal_index_ == targets_.size())
            throw UsageError("wfsim sweep: --goal names '" + goal_target_ + "', which is not a target of the scenario" +
                             (names.empty() ? std::string(" (it has none)") : "; its targets are: " + names));
    }
}

void SweepTable::ask_precision(const std::string& asked_json, std::size_t ceiling) {
    precision_asked_ = asked_json;
    ceiling_ = ceiling;
}

void SweepTable::add_point(std::size_t p, const model::BatchResults& results, bool precision_reached) {
    std::ostringstream csv;
    csv << p;
    for (const auto& v : point_values_[p]) csv << ',' << io::csv_field(v);
    for (int k : kReported) {
        const std::vector<double> totals = results.total(k);
        const stats::Difference d = stats::paired_difference(std::vector<double>(totals.size(), 0.0), totals);
        csv << ',' << io::format_value(d.mean) << ',' << io::format_value(d.lo) << ',' << io::format_value(d.hi);
    }
    const std::vector<double> objective = results.total(minimise_metric_);
    double objective_mean = 0;
    for (double v : objective) objective_mean += v / static_cast<double>(objective.size());
    if (minimise_metric_ != model::kSpendTotal) csv << ',' << io::format_value(objective_mean);
    const std::vector<double> probabilities = model::target_probabilities(results);
    for (double pr : probabilities) csv << ',' << io::format_value(pr);
    if (!goal_text_.empty()) {
        const bool meets = goal_holds(goal_op_, goal_value_, probabilities[goal_index_]);
        csv << ',' << (meets ? "true" : "false");
        if (meets && (best_ < 0 || objective_mean < best_value_)) {
            best_ = static_cast<int>(p);
            best_value_ = objective_mean;
            best_probabilities_ = probabilities;
        }
        // The nearest to the goal, to name when no point meets it: the
        // probability furthest in the goal's direction (the first such point).
        const double pr = probabilities[goal_index_];
        const bool wants_high = goal_op_ == ">=" || goal_op_ == ">";
        if (closest_ < 0 || (wants_high ? pr > closest_probability_ : pr < closest_probability_)) {
            closest_ = static_cast<int>(p);
            closest_probability_ = pr;
        }
    }
    if (!precision_asked_.empty()) {
        csv << ',' << results.size() << ',' << (precision_reached ? "true" : "false");
        point_reps_.push_back(results.size());
        point_reached_.push_back(precision_reached);
    }
    csv << '\n';
    csv_ += csv.str();
}

io::Json SweepTable::point_json(int p) const {
    io::Json values = io::Json::object();
    for (std::size_t a = 0; a < axes_.size(); ++a) values[axes_[a].key] = point_values_[static_cast<std::size_t>(p)][a];
    return {{"point", p}, {"values", std::move(values)}};
}

std::map<std::string, std::string> SweepTable::files(const std::string& resolved_yaml) const {
    io::Json j = {{"format_version", model::kFormatVersion},
                  {"scenario", name_},
                  {"seed", seed_},
                  {"replications_per_point", reps_}};
    if (!precision_asked_.empty())  // each point ran to the precision: its own count
        j["precision"] = {{"asked", io::Json::parse(precision_asked_)},
                          {"block", kPrecisionBlock},
                          {"ceiling", ceiling_},
                          {"replications", point_reps_},
                          {"precision_reached", point_reached_}};
    j["points"] = points();
    j["engine_version"] = WFSIM_VERSION;
    io::Json grid = io::Json::object();
    for (const Axis& a : axes_) grid[a.key] = a.values;
    j["grid"] = std::move(grid);
    j["goal"] = goal_text_.empty() ? io::Json(nullptr) : io::Json(goal_text_);
    j["minimise"] = minimise_;
    if (best_ < 0) {
        j["best"] = nullptr;
    } else {
        io::Json best = point_json(best_);
        best[minimise_ + "_mean"] = best_value_;
        best["goal_probability"] = best_probabilities_[goal_index_];
        j["best"] = std::move(best);
    }
    // When no point meets the goal, the one that came closest.
    if (!goal_text_.empty() && best_ < 0 && closest_ >= 0) {
        io::Json closest = point_json(closest_);
        closest["goal_probability"] = closest_probability_;
        j["closest"] = std::move(closest);
    } else {
        j["closest"] = nullptr;
    }
    std::ostringstream names;
    names << "target_id,target,metric,op,value,judged\n";
    for (std::size_t i = 0; i < targets_.size(); ++i) {
        const model::Target& t = targets_[i];
        const char* op = t.op == model::Target::Op::Le ? "<=" : t.op == model::Target::Op::Ge ? ">=" : t.op == model::Target::Op::Lt ? "<" : ">";
        names << "target_" << i + 1 << ',' << io::csv_field(t.name) << ',' << model::kMetricNames[t.metric] << ','
              << io::csv_field(op) << ',' << io::format_value(t.value) << ','
              << io::csv_field(t.over_year ? "financial year " + t.when : "month " + std::to_string(t.month)) << '\n';
    }
    return {{"sweep.csv", csv_},
            {"sweep_targets.csv", names.str()},
            {"summary.json", io::json_file_text(j, "summary.json")},
            {"scenario.resolved.yaml", resolved_yaml}};
}

std::string SweepTable::point_words(int p) const {
    std::string s = "point " + std::to_string(p);
    for (std::size_t a = 0; a < axes_.size(); ++a)
        s += (a ? ", " : " (") + axes_[a].key + " = " + point_values_[static_cast<std::size_t>(p)][a];
    return s + (axes_.empty() ? "" : ")");
}

void SweepTable::print_summary(std::ostream& os, const std::string& out) const {
    // Rounded as people write figures; sweep.csv and summary.json keep full precision.
    if (!goal_text_.empty()) {
        if (best_ < 0) {
            os << "No grid point meets the goal " << goal_text_ << ".";
            if (closest_ >= 0)
                os << " The closest is " << point_words(closest_) << ": '" << goal_target_ << "' met in "
                   << model::as_share(closest_probability_) << " of replications.";
            os << "\n";
        } else {
            const bool money = report::unit_of(minimise_) == report::Unit::Money;
            std::string what = report::metric_label(minimise_);  // "Total spend" -> "total spend"
            if (!what.empty() && what[0] >= 'A' && what[0] <= 'Z') what[0] = static_cast<char>(what[0] - 'A' + 'a');
            os << "Cheapest point meeting the goal " << goal_text_ << ": " << point_words(best_) << ", with '"
               << goal_target_ << "' met in " << model::as_share(best_probabilities_[goal_index_])
               << " of replications, and " << what << " "
               << (money ? model::in_pounds(best_value_) : report::number(best_value_, 1)) << " on average.\n";
        }
    }
    if (precision_asked_.empty())
        os << "wfsim sweep: " << points() << " points x " << reps_ << " replications; results in " << out << "/\n";
    else
        os << "wfsim sweep: " << points() << " points, each to the precision asked (at most " << ceiling_
           << " replications; sweep.csv says how many); results in " << out << "/\n";
}

std::string sweep_replications_csv(const std::vector<model::BatchResults>& points, const std::vector<params::Tree>& trees,
                                   std::uint64_t seed) {
    std::vector<model::ReplicationRows> rows;
    for (std::size_t p = 0; p < points.size(); ++p) rows.push_back({"point " + std::to_string(p), &points[p], &trees[p], seed});
    return model::replications_csv(rows);
}

int cmd_sweep(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::string file, out, goal_text, minimise = "spend_total", shard_text;
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
        "shard", po::value(&shard_text), "run only shard i of n (i = 1..n) of each point's replications into a shard "
                                         "folder; combine the folders with wfsim merge")(
        "force", "write into an output folder even if it holds files wfsim did not write")(
        "set", po::value(&sets), "override a key at every point: --set key.path=value (repeatable)")(
        "quiet,q", "print nothing: no progress bar, no answer")(
        "report", "also write report.html and report.xlsx into the output folder")(
        "per-replication", "also write replications.csv: one row per point and replication (the scenario column "
                           "names the point), with its draws, horizon totals, final values and targets; every point's "
                           "results are then held until the end");
    PrecisionOptions precision;
    precision.add_to(options, false);
    po::positional_options_description pos;
    pos.add("scenario", 1);
    po::variables_map vm;
    if (!parse_args("sweep", "SCENARIO --grid key=v1,v2,... [--grid ...] [--goal 'TARGET>=0.8'] [--minimise METRIC] [--shard i/n] [--precision P]", args,
                    options, pos, vm))
        return kSuccess;
    SweepTable table(grids, goal_text, minimise);
    const bool per_replication = vm.count("per-replication") > 0;
    const PrecisionRule rule = precision.rule("sweep", vm);
    check_precision("sweep", rule, {}, vm.count("shard") > 0);
    reps = static_cast<long long>(ceiling_of(rule, vm, reps));  // with a precision: each point's ceiling
    if (rule.active()) table.ask_precision(asked_json(rule), static_cast<std::size_t>(reps));
    std::optional<ShardSpec> shard;
    if (vm.count("shard")) shard = parse_shard(shard_text, "sweep", static_cast<std::size_t>(reps));
    if (shard && vm.count("report"))
        throw UsageError("wfsim sweep: --report with --shard: a shard holds part of the results; give --report to wfsim merge");

    // Every point is loaded and validated before anything runs.
    const std::size_t points = table.points();
    std::vector<params::Tree> trees(points);
    bool ok = true;
    for (std::size_t p = 0; p < points; ++p) {
        std::vector<std::string> point_sets = sets;
        for (const auto& s : table.point_sets(p)) point_sets.push_back(s);
        ok = load_scenario(file, point_sets, trees[p]) && ok;
        if (!ok) break;
        // Every point's scenario is held: refused before the rest are loaded if they would not fit.
        if (p == 0)
            check_held("sweep", static_cast<double>(points) * tree_bytes(trees[0]),
                       "the " + std::to_string(points) + " points' scenarios (" +
                           model::format_bytes(tree_bytes(trees[0])) + " each)");
    }
    if (!ok) return kBadInput;
    const params::Params root(&trees[0], "");
    const std::string name = root.str("name");
    const std::uint64_t run_seed = vm.count("seed") ? static_cast<std::uint64_t>(seed) : static_cast<std::uint64_t>(root.number("seed"));
    std::vector<std::string> errors;
    table.begin(trees[0], static_cast<int>(months), run_seed, static_cast<std::size_t>(reps), errors);
    // Over the scenario's own horizon, load_scenario has already warned of these at their place.
    if (months != 0)
        for (const auto& e : errors) std::cerr << file << ": warning: " << e << "\n";
    table.check_goal();
    {
        const model::BatchResults no_results = table.new_point();
        check_precision("sweep", rule, {&no_results}, false);
    }
    // Before any folder is made: what a point's batch needs fits (the points run one after another).
    const Range slice = shard ? shard_range(*shard, static_cast<std::size_t>(reps)) : Range{0, static_cast<std::size_t>(reps)};
    const unsigned nthreads = plan_batch("sweep", largest_footprint(trees, static_cast<int>(months), model::Breakdown::none()),
                                         {threads, slice.size(), shard ? 0u : per_replication ? points : 1u, 0,
                                          static_cast<double>(points) * tree_bytes(trees[0])});
    if (out.empty()) out = default_output_dir(name) + "-sweep" + (shard ? shard_dir_suffix(*shard) : "");
    if (writes_outputs()) prepare_output_dir(out, vm.count("force") > 0);

    const std::string resolved = params::emit_yaml(trees[0]);
    std::vector<model::BatchResults> kept;  // every point's results, for replications.csv
    std::unique_ptr<ShardWriter> writer;
    if (shard && writes_outputs()) {
        // The points are this scenario with the grid's values (parameters).
        ShardHeader header = shard_header("sweep", months, {resolved}, run_seed, static_cast<std::size_t>(reps), points,
                                          model::calendar_for(trees[0], static_cast<int>(months)), series_of(trees[0], model::Breakdown::none()),
                                          *shard);
        for (const auto& g : grids) header.parameters.emplace_back("grid", g);
        header.parameters.emplace_back("goal", goal_text);
        header.parameters.emplace_back("minimise", minimise);
        if (per_replication) header.parameters.emplace_back("per_replication", "true");
        writer = std::make_unique<ShardWriter>(out, header, std::vector<std::pair<std::string, std::string>>{
                                                                {"scenario.resolved.yaml", resolved}});
    }

    InterruptGuard guard;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t p = 0; p < points; ++p) {
        BatchRequest request;
        request.seed = run_seed;  // the same seed at every point: common random numbers
        request.reps = static_cast<std::size_t>(reps);
        request.threads = nthreads;
        request.months = static_cast<int>(months);
        request.quiet = vm.count("quiet") > 0;
        request.label = "[" + std::to_string(p + 1) + "/" + std::to_string(points) + "]";
        if (shard) request.slice = shard_range(*shard, request.reps);
        // A shard's results go straight to its file; a point's are reduced as they come.
        model::BatchResults results = table.new_point();
        std::optional<Stopping> stopping;
        bool completed = false;
        if (rule.active()) {
            // This point block by block until precise enough (precision.h).
            stopping = run_to_precision(
                request.reps,
                [&](Range block) {
                    request.slice = block;
                    return run_replications(trees[p], params::directory_of(file), request, results_sink(nullptr, results));
                },
                [&](std::string& widest) { return precise_enough(rule, {&results}, widest); });
            completed = stopping.has_value();
        } else {
            completed = run_replications(trees[p], params::directory_of(file), request, results_sink(writer.get(), results));
        }
        if (!completed) {
            if (writes_outputs()) std::cerr << "wfsim sweep: interrupted; nothing was written\n";
            return interrupted_exit_code();
        }
        if (!writes_outputs()) continue;  // another rank of an MPI job: rank 0 writes
        if (writer) continue;
        table.add_point(p, results, stopping && stopping->precision_reached);
        if (per_replication) kept.push_back(std::move(results));
    }
    if (!writes_outputs()) return kSuccess;
    if (writer) {
        writer->finish(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        if (!vm.count("quiet"))
            std::cout << "wfsim sweep: shard " << shard->index << "/" << shard->count << " of " << points << " points x "
                      << reps << " replications; shard in " << out << "/ (combine the shards with wfsim merge)\n";
        return kSuccess;
    }
    std::map<std::string, std::string> files = table.files(resolved);
    if (per_replication) files["replications.csv"] = sweep_replications_csv(kept, trees, run_seed);
    write_outputs(out, files, {}, vm.count("report") ? report_files() : Addition{});
    if (!vm.count("quiet")) table.print_summary(std::cout, out);
    return kSuccess;
}

}  // namespace wfsim::cli
