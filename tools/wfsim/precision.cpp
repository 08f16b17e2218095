#include "precision.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "cli.h"
#include "engine/io/files.h"
#include "engine/params/units.h"
#include "engine/stats/paired.h"
#include "models/metrics/result.h"
#include "models/targets/targets.h"

namespace wfsim::cli {

using io::format_value;

void PrecisionOptions::add_to(po::options_description& options, bool with_saving) {
    options.add_options()(
        "precision", po::value(&probability),
        "add replications in blocks of 100 until every target's probability has a 95% interval of half-width at "
        "most P (e.g. 0.02 for two points), or --reps (then the ceiling, default 10000) is reached")(
        "precision-metric", po::value(&metrics),
        "METRIC=R: the same for a metric's mean total over the horizon (final value for a stock), as a relative "
        "half-width, e.g. spend_total=0.01 (repeatable)");
    if (with_saving)
        options.add_options()("precision-saving", po::value(&saving),
                              "POUNDS: the same for the mean paired difference in total spend of each alternative "
                              "against the base, as a half-width in pounds");
}

namespace {
std::optional<double> given(const po::variables_map& vm, const char* name, double value) {
    return vm.count(name) ? std::optional<double>(value) : std::nullopt;
}
}  // namespace

std::size_t ceiling_of(const PrecisionRule& rule, const po::variables_map& vm, long long reps) {
    if (rule.active() && vm["reps"].defaulted()) return kPrecisionDefaultCeiling;
    return static_cast<std::size_t>(reps);
}

PrecisionRule PrecisionOptions::rule(const std::string& command, const po::variables_map& vm) const {
    const std::optional<double> probability = given(vm, "precision", this->probability);
    const std::optional<double> saving = given(vm, "precision-saving", this->saving);
    const std::string who = "wfsim " + command + ": ";
    PrecisionRule rule;
    if (probability) {
        if (!(*probability > 0 && *probability < 0.5))
            throw UsageError(who + "--precision " + format_value(*probability) +
                             " must be a half-width of a probability above 0 and below 0.5, e.g. 0.02 for two points");
        rule.probability = probability;
    }
    for (const auto& text : metrics) {
        const auto eq = text.find('=');
        const std::string name = eq == std::string::npos ? text : text.substr(0, eq);
        int metric = -1;
        for (int k = 0; k < model::kMetrics; ++k)
            if (name == model::kMetricNames[k]) metric = k;
        if (eq == std::string::npos || metric < 0)
            throw UsageError(who + "--precision-metric " + text +
                             ": expected METRIC=R with a metric of the README's list and R a relative half-width, "
                             "e.g. spend_total=0.01");
        std::string why;
        const auto r = params::parse_number(text.substr(eq + 1), true, why);
        if (!r || !(*r > 0 && *r < 1))
            throw UsageError(who + "--precision-metric " + text + ": R must be a relative half-width above 0 and below 1, "
                             "e.g. 0.01 for 1% of the mean");
        rule.metrics.emplace_back(metric, *r);
    }
    if (saving) {
        if (!(*saving > 0))
            throw UsageError(who + "--precision-saving " + format_value(*saving) +
                             " must be a half-width in pounds above 0, e.g. 50000");
        rule.saving = saving;
    }
    return rule;
}

void check_precision(const std::string& command, const PrecisionRule& rule, const std::vector<const model::BatchResults*>& runs,
                     bool sharded) {
    if (!rule.active()) return;
    const std::string who = "wfsim " + command + ": ";
    if (sharded)
        throw UsageError(who + "--precision with --shard: a shard cannot know where the whole batch stops; give a "
                               "fixed --reps to the shards, or run the batch in one job (mpirun spreads each block "
                               "over its ranks)");
    if (rule.probability && !runs.empty()) {
        bool judged = false;
        for (const auto* r : runs)
            for (const auto& t : r->targets()) judged = judged || !t.beyond_horizon;
        if (!judged)
            throw UsageError(who + "--precision asks for the precision of the targets' probabilities, but no target "
                                   "is judged within the horizon; use --precision-metric METRIC=R instead");
    }
}

namespace {

// How far an interval is from what was asked: half-width / asked (at most 1 meets it).
struct Shortfall {
    double ratio = 0;
    std::string text;
};

void consider(Shortfall& worst, double half, double asked, const std::string& what) {
    const double ratio = asked > 0 ? half / asked : 0;
    if (worst.text.empty() || ratio > worst.ratio || std::isnan(ratio)) worst = {ratio, what};
}

}  // namespace

bool precise_enough(const PrecisionRule& rule, const std::vector<const model::BatchResults*>& runs, std::string& widest) {
    Shortfall worst;
    for (std::size_t s = 0; s < runs.size(); ++s) {
        const model::BatchResults& r = *runs[s];
        const std::size_t n = r.size();
        const std::string of = runs.size() > 1 ? " (scenario " + std::to_string(s) + ")" : "";
        if (rule.probability)
            for (std::size_t t = 0; t < r.targets().size(); ++t) {
                const model::Target& target = r.targets()[t];
                if (target.beyond_horizon) continue;
                std::size_t met = 0;
                for (double v : r.target_value(t)) met += target.holds(v) ? 1 : 0;
                double lo = 0, hi = 1;
                model::wilson_interval(met, n, lo, hi);
                const double half = (hi - lo) / 2;
                consider(worst, half, *rule.probability,
                         "target '" + target.name + "'" + of + ": probability " +
                             format_value(n ? static_cast<double>(met) / static_cast<double>(n) : 0.0) + " +/- " +
                             format_value(half));
            }
        for (const auto& [metric, relative] : rule.metrics) {
            const std::vector<double> totals = r.total(metric);
            const stats::Difference d = stats::paired_difference(std::vector<double>(totals.size(), 0.0), totals);
            const double half = (d.hi - d.lo) / 2;
            // A total that is exactly the same in every replication is known exactly, even at 0.
            const double rel = half == 0 ? 0.0 : d.mean != 0 ? half / std::fabs(d.mean) : INFINITY;
            consider(worst, rel, relative,
                     std::string(model::kMetricNames[metric]) + of + ": mean " + format_value(d.mean) + " +/- " +
                         format_value(half) + " (" + format_value(rel) + " of it)");
        }
        if (rule.saving && s > 0) {
            const stats::Difference d =
                stats::paired_difference(runs[0]->total(model::kSpendTotal), r.total(model::kSpendTotal));
            const double half = (d.hi - d.lo) / 2;
            consider(worst, half, *rule.saving,
                     "difference in total spend (scenario " + std::to_string(s) + " - base): " + format_value(d.mean) +
                         " +/- " + format_value(half) + " pounds");
        }
    }
    widest = worst.text;
    return !(worst.ratio > 1) && !std::isnan(worst.ratio);
}

std::optional<Stopping> run_to_precision(std::size_t ceiling, const std::function<bool(Range)>& run_block,
                                         const std::function<bool(std::string&)>& enough) {
    Stopping s;
    Distributor* d = distributor();
    const bool distributed = d && d->size() > 1;
    std::string widest;
    for (std::size_t begin = 0; begin < ceiling; begin += kPrecisionBlock) {
        const Range block{begin, std::min(ceiling, begin + kPrecisionBlock)};
        if (!run_block(block)) return std::nullopt;
        s.replications = block.end;
        // Only rank 0 holds the results, so its answer is the job's: every
        // rank says whether to go on, the others always yes.
        bool go_on = writes_outputs() ? !enough(widest) : true;
        if (distributed) go_on = d->all_completed(go_on);
        if (!go_on) {
            s.precision_reached = true;
            s.reason = "precision reached after " + std::to_string(s.replications) + " replications (widest: " + widest + ")";
            return s;
        }
    }
    s.reason = "the ceiling of --reps " + std::to_string(ceiling) +
               " replications was reached before the precision (widest: " + widest + ")";
    return s;
}

std::string asked_json(const PrecisionRule& rule) {
    std::ostringstream out;
    out << "{";
    bool first = true;
    auto sep = [&] {
        const char* c = first ? "" : ", ";
        first = false;
        return c;
    };
    if (rule.probability) out << sep() << "\"target_probability_half_width\": " << format_value(*rule.probability);
    for (const auto& [metric, relative] : rule.metrics)
        out << sep() << "\"" << model::kMetricNames[metric] << "_relative_half_width\": " << format_value(relative);
    if (rule.saving) out << sep() << "\"total_spend_difference_half_width\": " << format_value(*rule.saving);
    out << "}";
    return out.str();
}

std::string precision_json(const PrecisionRule& rule, std::size_t ceiling, const Stopping& s, int indent) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    std::ostringstream out;
    out << "{\n" << pad << "  \"asked\": " << asked_json(rule) << ",\n"
        << pad << "  \"block\": " << kPrecisionBlock << ", \"ceiling\": " << ceiling << ", \"replications\": " << s.replications
        << ", \"precision_reached\": " << (s.precision_reached ? "true" : "false") << ",\n"
        << pad << "  \"stopped_because\": " << io::json_escape(s.reason) << "\n"
        << pad << "}";
    return out.str();
}

}  // namespace wfsim::cli
