#include "models/calendar.h"
#include "models/targets/targets.h"

#include <cmath>
#include <sstream>

#include "engine/io/files.h"
#include "engine/io/json.h"
#include "engine/params/params.h"
#include "engine/stats/summary.h"
#include "models/output/answer.h"
#include "models/output/batch_results.h"

namespace wfsim::model {

bool Target::holds(double x) const {
    switch (op) {
        case Op::Le: return x <= value;
        case Op::Ge: return x >= value;
        case Op::Lt: return x < value;
        case Op::Gt: return x > value;
    }
    return false;
}

std::vector<Target> read_targets(const params::Tree& root, const Calendar& cal, std::vector<std::string>& errors) {
    std::vector<Target> out;
    const auto items = params::Params(&root, "").at("targets").items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& p = items[i];
        Target t;
        t.name = p.str("name");
        const std::string metric = p.str("metric");
        for (int k = 0; k < kMetrics; ++k)
            if (metric == kMetricNames[k]) t.metric = k;
        const std::string op = p.str("op");
        t.op = op == "<=" ? Target::Op::Le : op == ">=" ? Target::Op::Ge : op == "<" ? Target::Op::Lt : Target::Op::Gt;
        t.value = p.number("value");
        const std::string where = "targets[" + std::to_string(i) + "] (" + t.name + ")";
        if (p.has("financial_year")) {
            t.over_year = true;
            // Named as results name it, however the scenario wrote it (keys.cpp refuses other spellings).
            const std::optional<int> year = financial_year_start(p.str("financial_year"));
            t.when = year ? financial_year_label(*year) : p.str("financial_year");
            bool found = false;
            for (std::size_t y = 0; y < cal.financial_years(); ++y)
                if (cal.fy_label(y) == t.when) { t.fy = y; found = true; }
            if (!found) {
                t.beyond_horizon = true;
                errors.push_back(where + ": financial year " + t.when + " is not within the simulated horizon; not judged");
            }
        } else if (p.has("month")) {
            t.month = static_cast<std::size_t>(p.number("month"));  // month 0 only for metrics with a value there (keys.cpp)
            t.when = "month " + p.str("month");
            if (t.month > cal.months()) {
                t.beyond_horizon = true;
                errors.push_back(where + ": month " + p.str("month") + " is after the horizon (" +
                                 std::to_string(cal.months()) + " months); not judged");
            }
        } else {
            // The month that contains the date, judged at its end: the first
            // month m >= 1 that ends after the date's day.
            const params::Date by = p.date("by");
            t.when = params::format_date(by);
            const double day = static_cast<double>(params::days_from_civil(by) - params::days_from_civil(cal.start));
            std::size_t m = 1;
            while (m <= cal.months() && cal.month_end(m) <= day) ++m;
            t.month = m;
            if (m > cal.months()) {
                t.beyond_horizon = true;
                errors.push_back(where + ": " + t.when + " is after the horizon, which ends " +
                                 cal.month_last_day(cal.months()) + "; not judged");
            }
        }
        out.push_back(t);
    }
    return out;
}

TargetOutcome evaluate(const Target& t, const ReplicationResult& r, const Calendar& cal) {
    TargetOutcome o;
    if (t.beyond_horizon) return o;
    const auto& series = r.monthly[static_cast<std::size_t>(t.metric)];
    // From month 0 (the start date) for a metric with a value there; a flow from month 1.
    for (std::size_t m = has_value_at_start(t.metric) ? 0 : 1; m < series.size(); ++m)
        if (t.holds(series[m])) {
            o.first_month = static_cast<int>(m);
            break;
        }
    if (!t.over_year) {
        o.value = series[t.month];
    } else if (t.metric >= kSpendPermanent && t.metric <= kSpendTotal) {
        // Spend by financial year comes straight from the ledger (exact at 1 April).
        const auto& fy = r.financial_years[t.fy];
        if (t.metric == kSpendTotal) for (double v : fy) o.value += v;
        else o.value = fy[static_cast<std::size_t>(t.metric - kSpendPermanent)];
    } else {
        // Months 1..M ending in the year (month 0, the start date, ends no month).
        const std::string from = cal.fy_from(t.fy), to = cal.fy_to(t.fy);
        for (std::size_t m = 1; m < series.size(); ++m) {
            const std::string day = cal.month_last_day(m);
            if (day < from || day > to) continue;
            if (is_flow_metric(t.metric)) o.value += series[m];
            else o.value = series[m];
        }
    }
    o.met = t.holds(o.value);
    return o;
}

void wilson_interval(std::size_t k, std::size_t n, double& lo, double& hi) {
    if (n == 0) { lo = 0; hi = 1; return; }
    const double z = 1.959963984540054, nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
    const double denom = 1 + z * z / nn;
    const double centre = (p + z * z / (2 * nn)) / denom;
    const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
    // Exactly 0 with no successes and 1 with no failures (rounding left 4e-19 there).
    lo = k == 0 ? 0.0 : std::max(0.0, centre - half);
    hi = k == n ? 1.0 : std::min(1.0, centre + half);
}

std::vector<double> target_probabilities(const std::vector<Target>& targets, const std::vector<ReplicationResult>& reps,
                                         const Calendar& cal) {
    return target_probabilities(reduce(cal, targets, reps));
}

std::vector<double> target_probabilities(const BatchResults& results) {
    std::vector<double> out;
    const std::size_t n = results.size();
    for (std::size_t i = 0; i < results.targets().size(); ++i) {
        const Target& t = results.targets()[i];
        std::size_t met = 0;
        if (!t.beyond_horizon)
            for (double v : results.target_value(i)) met += t.holds(v) ? 1 : 0;
        out.push_back(n == 0 ? 0.0 : static_cast<double>(met) / static_cast<double>(n));
    }
    return out;
}

io::Json targets_json(const BatchResults& results) {
    const std::vector<Target>& targets = results.targets();
    const std::size_t n = results.size();
    static const char* ops[] = {"<=", ">=", "<", ">"};
    auto share = [n](std::size_t k) { return n == 0 ? 0.0 : double(k) / double(n); };
    io::Json out = io::Json::array();
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const Target& t = targets[i];
        io::Json j = {{"name", t.name},
                      {"metric", kMetricNames[t.metric]},
                      {"op", ops[static_cast<int>(t.op)]},
                      {"value", t.value},
                      {"when", t.when}};
        if (t.beyond_horizon) {
            j["probability"] = nullptr;
            j["note"] = "after the simulated horizon: not judged";
            out.push_back(std::move(j));
            continue;
        }
        std::size_t met = 0;
        const std::vector<double> values = results.target_value(i);
        std::vector<double> first;
        for (double v : values) met += t.holds(v) ? 1 : 0;
        for (double f : results.target_first_month(i))
            if (f >= 0) first.push_back(f);
        double lo = 0, hi = 0;
        wilson_interval(met, n, lo, hi);
        const stats::Summary v = stats::summarize(values);
        j["probability"] = share(met);
        j["interval95"] = {lo, hi};
        j["value_judged"] = {{"mean", v.mean}, {"p10", v.pct[1]}, {"p50", v.pct[3]}, {"p90", v.pct[5]}};
        if (t.over_year) {  // a yearly total has no first month
            j["first_month_met"] = nullptr;
        } else {
            // Of the replications in which it happens: the share, and the
            // mean and percentiles of the month.
            auto months = [&](const char* share_key, const std::vector<double>& m) {
                io::Json f = {{share_key, share(m.size())}};
                if (m.empty()) return f;
                const stats::Summary s = stats::summarize(m);
                f["mean"] = s.mean;
                f["p10"] = s.pct[1];
                f["p50"] = s.pct[3];
                f["p90"] = s.pct[5];
                return f;
            };
            j["first_month_met"] = months("share_ever_met", first);
            // Met from then on: the first month after which it holds in every
            // month to the judged one (a target met at the start and then
            // lost is first met at once but never kept).
            std::vector<double> kept;
            for (double k : target_kept_from(results, i))
                if (k >= 0) kept.push_back(k);
            j["met_from_then_on"] = months("share", kept);
        }
        out.push_back(std::move(j));
    }
    return out;
}

}  // namespace wfsim::model
