// wfsim calibrate: fit chosen parameters to observed statistics.
#include <cmath>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli.h"
#include "engine/io/files.h"
#include "engine/io/json.h"
#include "models/output/answer.h"
#include "engine/params/loader.h"
#include "engine/params/params.h"
#include "engine/sim/batch.h"
#include "models/calibrate/calibrate.h"
#include "models/output/format_version.h"
#include "models/schema.h"
#include "models/simulation.h"
#include "output_dir.h"
#include "resources.h"

namespace wfsim::cli {

namespace {

model::FitParameter fit_parameter(const std::string& key, const params::Tree& tree) {
    std::string why;
    const params::KeyDecl* d = model::scenario_schema().match_concrete(key, why);
    if (!d) throw UsageError("wfsim calibrate: --fit " + key + ": " + why);
    using params::Kind;
    const bool numeric = d->kind == Kind::Rate || d->kind == Kind::Probability || d->kind == Kind::Share ||
                         d->kind == Kind::Number || d->kind == Kind::Multiplier || d->kind == Kind::Money ||
                         d->kind == Kind::Fte;
    if (!numeric) throw UsageError("wfsim calibrate: --fit " + key + " is a " + params::kind_name(d->kind) + ", not a number to fit");
    // A key of an intervention's set (interventions.<i>.set.<key>) is fitted
    // as the value it takes from that date.
    const params::Tree* node = model::value_at(tree, key);
    if (!node) throw UsageError("wfsim calibrate: --fit " + key + " has no value in the scenario; give it a starting value");
    if (!node->is_scalar()) throw UsageError("wfsim calibrate: --fit " + key + " is a distribution; fit a fixed value");
    const auto start = params::parse_number(node->scalar, true, why);
    if (!start) throw UsageError("wfsim calibrate: --fit " + key + ": '" + node->scalar + "' " + why);
    model::FitParameter f;
    f.key = key;
    f.start = *start;
    const bool unit = d->kind == Kind::Probability || d->kind == Kind::Share;
    f.lo = unit ? 0.0 : std::isfinite(d->min) ? d->min : -10 * std::fabs(f.start) - 1;
    f.hi = unit ? 1.0 : std::isfinite(d->max) ? d->max : 10 * std::fabs(f.start) + 1;
    if (d->kind == Kind::Rate || d->kind == Kind::Multiplier || d->kind == Kind::Money || d->kind == Kind::Fte) f.lo = std::max(f.lo, 0.0);
    f.hi = std::min(f.hi, 10 * std::fabs(f.start) + 5);
    return f;
}

}  // namespace

int cmd_calibrate(const std::vector<std::string>& args) {
    po::options_description options("options");
    std::string file, observed, fit, out;
    std::vector<std::string> sets;
    std::string years_text, year_text;
    long long reps = 40, seed = -1, threads = 0, iterations = 20, months = 0;
    options.add_options()("scenario", po::value(&file)->required(), "scenario file")(
        "observed", po::value(&observed)->required(), "CSV of observations: metric,month,value; or the DfE series with --years")(
        "years", po::value(&years_text), "the rows of the DfE series to fit, e.g. 2018-2021; each judged at its 30 September")(
        "year", po::value(&year_text), "one row of the DfE series: --year Y is --years Y")(
        "fit", po::value(&fit)->required(), "comma-separated keys to fit, e.g. leaving.base_rate.sw,agency.fill_probability")(
        "reps", po::value(&reps)->default_value(40), "replications per evaluation (the same seeds every time)")(
        "seed", po::value(&seed), "random seed (default: the scenario's)")(
        "months", po::value(&months), "simulate only this many months (enough to reach the observations)")(
        "iterations", po::value(&iterations)->default_value(20), "most Levenberg-Marquardt iterations")(
        "threads", po::value(&threads)->default_value(0), "threads to use (0: all cores)")(
        "out", po::value(&out), "output folder (default: results/<name>-calibrated)")(
        "force", "write into an output folder even if it holds files wfsim did not write")(
        "set", po::value(&sets), "override a key: --set key.path=value (repeatable)")("quiet,q", "print nothing but errors");
    po::positional_options_description pos;
    pos.add("scenario", 1);
    po::variables_map vm;
    if (!parse_args("calibrate", "SCENARIO --observed FILE [--years Y1-Y2] --fit key,key,... [--reps N]", args, options, pos, vm))
        return kSuccess;
    params::Tree tree;
    if (!load_scenario(file, sets, tree)) return kBadInput;
    if (!years_text.empty() && !year_text.empty()) throw UsageError("wfsim calibrate: give --years or --year, not both");
    model::YearRange years;
    try {
        if (!years_text.empty() || !year_text.empty()) years = model::parse_years(years_text.empty() ? year_text : years_text);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("wfsim calibrate: ") + (years_text.empty() ? "--year " + year_text : "--years " + years_text) +
                         " " + e.what());
    }
    const model::Calendar cal = model::calendar_for(tree, static_cast<int>(months));
    std::vector<model::Observation> obs;
    try {
        obs = model::read_observations(observed, years, cal);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("wfsim calibrate: ") + e.what());
    }
    for (const auto& o : obs)
        if (o.month > cal.months())
            throw UsageError("wfsim calibrate: an observation of " + o.metric + " at month " + std::to_string(o.month) +
                             " is after the horizon (" + std::to_string(cal.months()) + " months)");
    std::vector<model::FitParameter> params_to_fit;
    std::stringstream ss(fit);
    for (std::string key; std::getline(ss, key, ',');)
        if (!key.empty()) params_to_fit.push_back(fit_parameter(key, tree));
    if (params_to_fit.empty()) throw UsageError("wfsim calibrate: --fit names no key");
    const params::Params root(&tree, "");
    const std::uint64_t run_seed = vm.count("seed") ? static_cast<std::uint64_t>(seed) : static_cast<std::uint64_t>(root.number("seed"));
    const std::string name = root.str("name");
    // Before any folder is made: an evaluation's replications fit, its results held whole.
    const unsigned nthreads = plan_batch("calibrate", model::footprint(tree, static_cast<int>(months), model::Breakdown()),
                                         {threads, static_cast<std::size_t>(reps), 0, static_cast<std::size_t>(reps)});
    if (out.empty()) out = default_output_dir(name) + "-calibrated";
    prepare_output_dir(out, vm.count("force") > 0);
    const std::string dir = params::directory_of(file);

    const model::Simulator simulate = [&](const params::Tree& t) {
        // Validated once: a fitted value stays inside the key's declared range.
        std::vector<model::ReplicationResult> results;
        engine::run_batch(static_cast<std::size_t>(reps), nthreads,
                          [&](std::size_t i) {
                              model::RunOptions o;
                              o.seed = run_seed;
                              o.replication = i;
                              o.months = static_cast<int>(months);
                              return model::Simulation(t, dir, o).run();
                          },
                          results);
        std::vector<double> means;
        for (const auto& o : obs) {
            int k = 0;
            while (k < model::kMetrics && o.metric != model::kMetricNames[k]) ++k;
            double s = 0;
            for (const auto& r : results) s += r.monthly[static_cast<std::size_t>(k)][o.month];
            means.push_back(s / static_cast<double>(results.size()));
        }
        return means;
    };
    const model::CalibrationResult fitted =
        model::calibrate(tree, params_to_fit, obs, simulate, static_cast<int>(iterations));

    // The scenario with the fitted values; with their covariance as a joint
    // normal, so that a run carries the calibration's uncertainty.
    params::Tree calibrated = tree;
    for (const auto& p : fitted.parameters) model::set_number(calibrated, p.key, p.value);
    // Only keys that may be uncertain can be drawn; a fit of any other keeps
    // its fitted values alone (and says so).
    std::string not_carried;
    for (const auto& p : fitted.parameters) {
        std::string why;
        const params::KeyDecl* d = model::scenario_schema().match_concrete(p.key, why);
        if (d && !d->uncertain && not_carried.empty()) not_carried = p.key;
    }
    if (fitted.has_uncertainty && not_carried.empty()) {
        const auto make_seq = [] {
            params::Tree t;
            t.type = params::Tree::Type::Seq;
            return t;
        };
        params::Tree block = params::Tree::make_map({}), mean = params::Tree::make_map({}), cov = make_seq();
        for (const auto& p : fitted.parameters) mean.set(p.key, params::Tree::make_scalar(params::format_number(p.value), {}), {});
        for (const auto& row : fitted.covariance) {
            params::Tree r = make_seq();
            for (double v : row) r.seq.push_back(params::Tree::make_scalar(params::format_number(v), {}));
            cov.seq.push_back(std::move(r));
        }
        block.set("mean", std::move(mean), {});
        block.set("covariance", std::move(cov), {});
        calibrated.set("correlated", std::move(block), {});
    }
    const std::size_t m = obs.size(), n = fitted.parameters.size();
    const std::string determined = fitted.has_uncertainty ? "over-determined"
                                   : fitted.exactly_determined ? "exactly determined"
                                   : m < n                     ? "under-determined"
                                                               : "not identified";
    io::Json j = {{"format_version", model::kFormatVersion},
                  {"scenario", name},
                  {"observed", observed},
                  {"replications_per_evaluation", reps},
                  {"seed", run_seed},
                  {"iterations", fitted.iterations},
                  {"evaluations", fitted.evaluations},
                  {"objective", fitted.objective},
                  {"observations_count", m},
                  {"parameters_count", n},
                  {"degrees_of_freedom", fitted.degrees_of_freedom},
                  {"determination", determined}};
    if (fitted.has_uncertainty) {
        j["residual_variance"] = fitted.residual_variance;
        j["covariance"] = fitted.covariance;
        j["correlation"] = fitted.correlation;
    }
    j["uncertainty_in_scenario"] = fitted.has_uncertainty && not_carried.empty();
    if (fitted.has_uncertainty && !not_carried.empty()) j["uncertainty_not_carried"] = not_carried + " cannot be uncertain";
    io::Json parameters = io::Json::array();
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = fitted.parameters[i];
        io::Json one = {{"key", p.key}, {"start", p.start}, {"fitted", p.value}};
        if (fitted.has_uncertainty) {
            one["standard_error"] = fitted.standard_errors[i];
            one["interval_95"] = {p.value - fitted.t95 * fitted.standard_errors[i], p.value + fitted.t95 * fitted.standard_errors[i]};
        }
        one["bounds"] = {p.lo, p.hi};
        one["at_bound"] = static_cast<bool>(fitted.at_bound[i]);
        parameters.push_back(std::move(one));
    }
    j["parameters"] = std::move(parameters);
    io::Json observations = io::Json::array();
    for (std::size_t i = 0; i < m; ++i) {
        io::Json one = {{"metric", obs[i].metric}, {"month", obs[i].month}, {"date", cal.month_last_day(obs[i].month)}};
        if (obs[i].year) one["year"] = obs[i].year;
        one["observed"] = obs[i].value;
        one["simulated"] = fitted.simulated[i];
        one["residual"] = fitted.simulated[i] - obs[i].value;
        one["scaled_residual"] = fitted.residuals[i];
        observations.push_back(std::move(one));
    }
    j["observations"] = std::move(observations);
    write_outputs(out, {{"calibration.json", io::json_file_text(j, "calibration.json")}, {"scenario.calibrated.yaml", params::emit_yaml(calibrated)}});
    // Rounded to 4 significant figures; calibration.json keeps full precision.
    if (!vm.count("quiet")) {
        std::cout << n << " parameters fitted to " << m << " observations: " << determined;
        if (fitted.has_uncertainty)
            std::cout << " (" << fitted.degrees_of_freedom << " degrees of freedom; residual variance "
                      << model::rounded(fitted.residual_variance) << " in units of each metric's mean observed value)\n";
        else if (fitted.exactly_determined)
            std::cout << ": the fit meets every observation and leaves no residual to estimate its uncertainty; no standard errors\n";
        else
            std::cout << ": no standard errors\n";
        for (std::size_t i = 0; i < n; ++i) {
            const auto& p = fitted.parameters[i];
            std::cout << p.key << ": " << model::rounded(p.start) << " -> " << model::rounded(p.value);
            if (fitted.has_uncertainty)
                std::cout << " (se " << model::rounded(fitted.standard_errors[i]) << "; 95% interval "
                          << model::rounded(p.value - fitted.t95 * fitted.standard_errors[i]) << " to "
                          << model::rounded(p.value + fitted.t95 * fitted.standard_errors[i]) << ")";
            if (fitted.at_bound[i]) std::cout << " [at a bound]";
            std::cout << "\n";
        }
        if (fitted.has_uncertainty && n > 1) {
            std::cout << "correlation:\n";
            for (const auto& row : fitted.correlation) {
                for (std::size_t j = 0; j < row.size(); ++j) std::cout << (j ? " " : "  ") << model::rounded(row[j]);
                std::cout << "\n";
            }
        }
        for (std::size_t i = 0; i < m; ++i)
            std::cout << obs[i].metric << " (month " << obs[i].month << ", " << cal.month_last_day(obs[i].month)
                      << "): observed " << model::rounded(obs[i].value) << ", simulated "
                      << model::rounded(fitted.simulated[i]) << ", residual "
                      << model::rounded(fitted.simulated[i] - obs[i].value) << "\n";
        std::cout << "wfsim calibrate: " << fitted.evaluations << " evaluations of " << reps
                  << " replications; results in " << out << "/\n";
    }
    return kSuccess;
}

}  // namespace wfsim::cli
