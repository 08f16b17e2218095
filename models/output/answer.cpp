#include "models/output/answer.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/stats/paired.h"
#include "engine/stats/summary.h"
#include "models/costs/ledger.h"
#include "models/report/text.h"

namespace wfsim::model {

std::string as_share(double p) { return report::percent(p, p > 0 && p < 0.01 ? 1 : 0); }

namespace {

// "1.62m pounds", "72,355 pounds": the report's money without the pound sign,
// which a terminal without UTF-8 would garble.
std::string pounds(double v) {
    std::string s = report::money(v);
    const std::string sign = "\xC2\xA3";
    if (const auto at = s.find(sign); at != std::string::npos) s.erase(at, sign.size());
    const std::string minus = "\xE2\x88\x92";  // U+2212, likewise
    if (const auto at = s.find(minus); at != std::string::npos) s.replace(at, minus.size(), "-");
    return s;
}

std::string share(double p) { return as_share(p); }

std::string count_text(std::size_t n, const std::string& one, const std::string& many) {
    return report::thousands(static_cast<double>(n)) + " " + (n == 1 ? one : many);
}

std::string month_text(const Calendar& cal, double m) {
    const auto month = static_cast<std::size_t>(std::max(0.0, m));
    if (month == 0) return "the start";
    return report::month_year(cal.month_last_day(month));
}

double quantile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return stats::quantile_sorted(v, q);
}

std::string when_judged(const Calendar& cal, const Target& t) {
    if (t.over_year) return "over " + t.when;
    return "at the end of " + report::month_year(cal.month_last_day(t.month));
}

// "met in 46% of replications (95% interval 43% to 49%)", and when it is met.
void describe_target(std::ostream& os, const BatchResults& r, std::size_t i) {
    const Target& t = r.targets()[i];
    const Calendar& cal = r.calendar();
    if (t.beyond_horizon) {
        os << "  " << t.name << ": not judged, it falls after the horizon\n";
        return;
    }
    os << "  " << t.name << " (" << kMetricNames[t.metric] << ", " << when_judged(cal, t) << "): ";
    const std::vector<double> values = r.target_value(i);
    std::size_t met = 0;
    for (double v : values) met += t.holds(v) ? 1 : 0;
    const std::size_t n = values.size();
    const double p = n ? static_cast<double>(met) / static_cast<double>(n) : 0;
    if (n == 1) {
        os << (met ? "met" : "not met") << " in the one replication\n";
    } else {
        double lo = 0, hi = 1;
        wilson_interval(met, n, lo, hi);
        os << "met in " << share(p) << " of replications (95% interval " << share(lo) << " to " << share(hi) << ")\n";
    }
    if (t.over_year) return;
    // First met and kept are different answers: a target met at the start and then lost was "first met" at once.
    std::vector<double> first, kept;
    const std::vector<double> firsts = r.target_first_month(i), kepts = target_kept_from(r, i);
    for (std::size_t k = 0; k < n; ++k) {
        if (firsts[k] >= 0) first.push_back(firsts[k]);
        if (kepts[k] >= 0) kept.push_back(kepts[k]);
    }
    if (first.empty()) return;
    auto median_month = [&](const std::vector<double>& v) {
        return month_text(cal, std::floor(quantile(v, 0.5)));
    };
    const auto frac = [&](std::size_t k) { return share(static_cast<double>(k) / static_cast<double>(n)); };
    os << "    first met: " << (n == 1 ? month_text(cal, first[0]) : "median " + median_month(first) + ", in " + frac(first.size()) + " at some point");
    if (!kept.empty())
        os << "; met from then on: " << (n == 1 ? month_text(cal, kept[0]) : "median " + median_month(kept) + ", in " + frac(kept.size()));
    os << "\n";
}

// "60.80m pounds (80% of replications between 59.90m and 61.70m)".
// "19.90m pounds (19.52m to 20.36m)" when short.
std::string spread(const std::vector<double>& v, bool short_form = false) {
    double mean = 0;
    for (double x : v) mean += x / static_cast<double>(v.size());
    std::string s = pounds(mean) + " pounds";
    if (v.size() > 1)
        s += (short_form ? " (" : " (80% of replications between ") + pounds(quantile(v, 0.10)) +
             (short_form ? " to " : " and ") + pounds(quantile(v, 0.90)) + ")";
    return s;
}

}  // namespace

std::string in_pounds(double v) { return pounds(v) + " pounds"; }

std::string rounded(double v, int significant) {
    if (!std::isfinite(v)) return "n/a";
    if (v == 0) return "0";
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    // Digits beyond the last significant one: whole tens, hundreds... are
    // rounded here, decimals by the fixed format.
    const int beyond = magnitude + 1 - significant;
    const double whole = beyond > 0 ? std::round(v / std::pow(10.0, beyond)) * std::pow(10.0, beyond) : v;
    std::string s = report::number(whole, std::clamp(-beyond, 0, 12));
    const std::string minus = "\xE2\x88\x92";  // the report's U+2212, as '-' for any terminal
    if (const auto at = s.find(minus); at != std::string::npos) s.replace(at, minus.size(), "-");
    return s;
}

std::vector<double> target_kept_from(const BatchResults& results, std::size_t i) {
    const Target& t = results.targets()[i];
    const std::size_t n = results.size();
    std::vector<double> out(n, -1.0);
    if (t.over_year || t.beyond_horizon) return out;
    std::vector<bool> open(n, true);  // still holding in every month from the judged one back
    for (std::size_t m = t.month + 1; m-- > 0;) {
        if (!has_value_at_start(t.metric) && m == 0) break;
        const std::vector<double> v = results.monthly(t.metric, m);
        for (std::size_t k = 0; k < n; ++k) {
            if (!open[k]) continue;
            if (std::isfinite(v[k]) && t.holds(v[k])) out[k] = static_cast<double>(m);
            else open[k] = false;
        }
    }
    return out;
}

std::string run_answer(const std::string& name, const BatchResults& r, double seconds, const std::string& out) {
    std::ostringstream os;
    const Calendar& cal = r.calendar();
    const std::size_t n = r.size();
    os << name << ": " << count_text(n, "replication", "replications") << " of " << cal.months() << " months from "
       << report::long_date(cal.month_last_day(0)) << " in "
       << (seconds < 0.01 ? "under 0.01" : report::number(seconds, seconds < 10 ? 2 : 0)) << " s\n";
    if (!r.targets().empty()) {
        os << "Targets\n";
        for (std::size_t i = 0; i < r.targets().size(); ++i) describe_target(os, r, i);
    }
    os << "Spend over the " << cal.months() << " months: " << spread(r.total(kSpendTotal)) << "\n";
    if (cal.financial_years() > 1) os << "By financial year" << (n > 1 ? " (mean, and the middle 80% of replications)" : "") << ":\n";
    for (std::size_t y = 0; y < cal.financial_years() && cal.financial_years() > 1; ++y) {
        os << "  " << cal.fy_label(y) << ": " << spread(r.financial_year(y, kComponents), true);
        const std::string from = cal.fy_from(y), to = cal.fy_to(y);
        if (from.substr(5) != "04-01" || to.substr(5) != "03-31")
            os << ", " << report::long_date(from) << " to " << report::long_date(to) << " only";
        os << "\n";
    }
    if (n == 1) os << "One replication shows one possible future; add --reps 500 for the uncertainty.\n";
    os << "Results in " << out << "/\n";
    return os.str();
}

std::string compare_answer(const std::vector<ScenarioRun>& runs, const std::string& out) {
    std::ostringstream os;
    const BatchResults& base = runs[0].results;
    const Calendar& cal = base.calendar();
    const std::size_t n = base.size();
    os << count_text(n, "replication", "replications") << " of each of " << runs.size() << " scenarios over "
       << cal.months() << " months, paired (common random numbers) against " << runs[0].name << "\n";
    const std::vector<double> base_total = base.total(kSpendTotal);
    const std::vector<double> base_p = target_probabilities(base);
    for (std::size_t a = 1; a < runs.size(); ++a) {
        const BatchResults& alt = runs[a].results;
        const std::vector<double> alt_total = alt.total(kSpendTotal);
        const stats::Difference d = stats::paired_difference(base_total, alt_total);  // alt - base
        std::vector<double> saving;
        std::size_t cheaper = 0;
        for (std::size_t k = 0; k < alt_total.size() && k < base_total.size(); ++k) {
            saving.push_back(base_total[k] - alt_total[k]);
            cheaper += alt_total[k] < base_total[k] ? 1 : 0;
        }
        // Said as a saving where it saves on average, else as an extra cost, so that no figure needs a minus sign read twice.
        const bool saves = -d.mean >= 0;
        const double sign = saves ? 1.0 : -1.0;
        const std::string what = saves ? "saving" : "extra cost";
        os << runs[a].name << ": " << (saves ? "saves " : "costs ") << pounds(std::fabs(d.mean)) << " pounds"
           << (saves ? "" : " more") << " on average over the " << cal.months() << " months";
        if (saving.size() > 1) {
            const double lo = saves ? -d.hi : d.lo, hi = saves ? -d.lo : d.hi;
            const double q10 = quantile(saving, saves ? 0.10 : 0.90) * sign, q90 = quantile(saving, saves ? 0.90 : 0.10) * sign;
            os << "\n  the average " << what << " is between " << pounds(lo) << " and " << pounds(hi)
               << " pounds (95% interval of the average: how sure the mean is)"
               << "\n  in 80% of replications the " << what << " is between " << pounds(q10) << " and " << pounds(q90)
               << " pounds (how far one future can fall from it)"
               << "\n  it costs less than " << runs[0].name << " in "
               << share(static_cast<double>(cheaper) / static_cast<double>(saving.size())) << " of paired replications";
        }
        os << "\n";
        const std::vector<double> alt_p = target_probabilities(alt);
        for (std::size_t i = 0; i < alt.targets().size(); ++i) {
            const Target& t = alt.targets()[i];
            if (t.beyond_horizon) continue;
            os << "  " << t.name << ": met in " << share(alt_p[i]);
            for (std::size_t j = 0; j < base.targets().size(); ++j)
                if (base.targets()[j].name == t.name && !base.targets()[j].beyond_horizon)
                    os << " of replications, against " << share(base_p[j]) << " without the change";
            os << "\n";
        }
    }
    os << "Results in " << out << "/\n";
    return os.str();
}

}  // namespace wfsim::model
