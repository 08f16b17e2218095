#include "seek.h"

#include <algorithm>
#include <cmath>

#include "cli.h"
#include "engine/params/units.h"

namespace wfsim::cli {

bool Goal::holds(double probability) const {
    return op == ">=" ? probability >= p : op == "<=" ? probability <= p : op == ">" ? probability > p : probability < p;
}

bool Goal::surely_meets(double lo, double hi) const {
    return (op == ">=" || op == ">") ? holds(lo) : holds(hi);
}

bool Goal::surely_misses(double lo, double hi) const {
    return (op == ">=" || op == ">") ? !holds(hi) : !holds(lo);
}

Goal parse_goal(const std::string& command, const std::string& text) {
    for (const char* op : {">=", "<=", ">", "<"}) {
        const auto at = text.rfind(op);
        if (at == std::string::npos || at == 0) continue;
        Goal goal;
        goal.target = text.substr(0, at);
        goal.op = op;
        std::string why;
        const auto v = params::parse_number(text.substr(at + goal.op.size()), true, why);
        if (!v || *v < 0 || *v > 1)
            throw UsageError("wfsim " + command + ": --goal " + text + ": the probability must be 0 to 1");
        goal.p = *v;
        return goal;
    }
    throw UsageError("wfsim " + command + ": --goal " + text +
                     ": expected TARGET>=probability, e.g. --goal 'agency share at most 30%>=0.8'");
}

std::optional<SeekOutcome> seek_lever(double low, double high, double tolerance, std::size_t max_evaluations,
                                      const Goal& goal, const EvaluateLever& evaluate,
                                      const std::function<double(double)>& round) {
    SeekOutcome out;
    auto run = [&](double value) -> const Evaluation* {
        std::optional<Evaluation> e = evaluate(value);
        if (!e) return nullptr;
        e->value = value;
        e->meets = goal.holds(e->probability);
        out.evaluations.push_back(*e);
        return &out.evaluations.back();
    };
    const Evaluation* at_low = run(low);
    if (!at_low) return std::nullopt;
    const bool low_meets = at_low->meets;
    const Evaluation* at_high = run(high);
    if (!at_high) return std::nullopt;
    const bool high_meets = at_high->meets;

    if (low_meets == high_meets) {
        out.kind = low_meets ? SeekOutcome::Kind::MetAtBothEnds : SeekOutcome::Kind::MetAtNeitherEnd;
        out.answer = low;
        out.bracket_lo = low;
        out.bracket_hi = high;
        out.tolerance_reached = true;
    } else {
        out.rising = high_meets;
        // meets / misses: the bracket's ends on each side of the goal.
        double meets = out.rising ? high : low, misses = out.rising ? low : high;
        while (std::abs(meets - misses) > tolerance && out.evaluations.size() < max_evaluations) {
            const double mid = round(misses + (meets - misses) / 2);
            if (mid == meets || mid == misses) break;  // no value between them to run
            const Evaluation* e = run(mid);
            if (!e) return std::nullopt;
            (e->meets ? meets : misses) = mid;
        }
        out.tolerance_reached = std::abs(meets - misses) <= tolerance;
        out.answer = meets;
        out.bracket_lo = std::min(meets, misses);
        out.bracket_hi = std::max(meets, misses);
    }

    // Where the intervals settle it: below the answer the nearest value whose
    // whole interval is on the side it is on (missing when rising), above it
    // likewise; with none, the range's end.
    out.sure_lo = low;
    out.sure_hi = high;
    out.sure_lo_at_end = out.sure_hi_at_end = true;
    for (const Evaluation& e : out.evaluations) {
        const bool settled_below = out.rising ? goal.surely_misses(e.lo, e.hi) : goal.surely_meets(e.lo, e.hi);
        const bool settled_above = out.rising ? goal.surely_meets(e.lo, e.hi) : goal.surely_misses(e.lo, e.hi);
        if (settled_below && e.value <= out.bracket_lo && (out.sure_lo_at_end || e.value > out.sure_lo)) {
            out.sure_lo = e.value;
            out.sure_lo_at_end = false;
        }
        if (settled_above && e.value >= out.bracket_hi && (out.sure_hi_at_end || e.value < out.sure_hi)) {
            out.sure_hi = e.value;
            out.sure_hi_at_end = false;
        }
    }
    for (std::size_t i = 0; i < out.evaluations.size(); ++i) {
        const Evaluation& e = out.evaluations[i];
        if (e.meets && (out.cheapest < 0 || e.metric_mean < out.evaluations[static_cast<std::size_t>(out.cheapest)].metric_mean))
            out.cheapest = static_cast<int>(i);
    }
    return out;
}

}  // namespace wfsim::cli
