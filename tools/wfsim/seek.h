// Goal-seek on one lever (wfsim seek): the smallest value of a continuous
// lever at which a target's probability meets a goal, by bisection.
//
// Why bisection on common random numbers: every value is run with the same
// seed and replication numbers, so a replication differs between two values
// only through the lever; the estimated probability is then (nearly)
// monotone in the lever and bisection cannot be sent the wrong way by noise
// between values. What remains uncertain is the estimate itself: each value's
// Wilson interval says where the true probability may lie, so the answer is
// reported with the bracket bisection ended on and the wider range in which
// the intervals do not settle which side of p the probability is on.
//
// The search is a pure function of the evaluations it is handed, so it is
// tested without a simulation.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wfsim::cli {

// --goal 'TARGET>=p': the target's probability compared with p.
struct Goal {
    std::string target, op;  // op: >=, <=, > or <
    double p = 0;
    bool holds(double probability) const;
    // Whether the whole 95% interval [lo, hi] lies on the side that meets the
    // goal (surely_meets) or the side that misses it (surely_misses).
    bool surely_meets(double lo, double hi) const;
    bool surely_misses(double lo, double hi) const;
};
// Throws UsageError ("wfsim COMMAND: --goal ...") when malformed or p is outside 0..1.
Goal parse_goal(const std::string& command, const std::string& text);

// One lever value, run.
struct Evaluation {
    double value = 0;
    std::size_t replications = 0, met = 0;
    double probability = 0, lo = 0, hi = 1;  // the goal target's, with its 95% Wilson interval
    double metric_mean = 0;                  // the --minimise metric's mean total
    bool meets = false;
};

struct SeekOutcome {
    enum class Kind { Found, MetAtBothEnds, MetAtNeitherEnd } kind = Kind::Found;
    // The goal holds at HIGH and not at LOW (the smallest value is sought);
    // false: at LOW and not at HIGH (the largest value at which it still holds).
    bool rising = true;
    double answer = 0;                   // Found: the value; MetAtBothEnds: LOW (rising) or HIGH
    double bracket_lo = 0, bracket_hi = 0;  // the last bracket: one end meets the goal, the other not
    double sure_lo = 0, sure_hi = 0;     // between the nearest values whose intervals settle the side
    bool sure_lo_at_end = false, sure_hi_at_end = false;  // no evaluated value settled it on that side
    bool tolerance_reached = false;      // false: stopped at the evaluation limit
    std::vector<Evaluation> evaluations;  // in the order run
    int cheapest = -1;                    // the evaluation meeting the goal with the least metric mean
};

// Evaluates the lever at a value; nullopt when interrupted.
using EvaluateLever = std::function<std::optional<Evaluation>(double value)>;

// Evaluates LOW and HIGH, then bisects until the bracket is at most
// `tolerance` wide or `max_evaluations` have run (the two ends included).
// Values are rounded as `round` says (to what is written and simulated).
std::optional<SeekOutcome> seek_lever(double low, double high, double tolerance, std::size_t max_evaluations,
                                      const Goal& goal, const EvaluateLever& evaluate,
                                      const std::function<double(double)>& round);

}  // namespace wfsim::cli
