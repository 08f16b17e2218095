#include "models/output/comparison.h"

#include <sstream>

#include "engine/io/files.h"
#include "engine/stats/paired.h"

namespace wfsim::model {

using io::format_value;

std::vector<double> total_spend(const std::vector<ReplicationResult>& reps) { return metric_totals(reps, kSpendTotal); }

int break_even_month(const std::vector<ReplicationResult>& base, const std::vector<ReplicationResult>& alt) {
    if (base.empty()) return -1;
    const std::size_t months = base[0].monthly[kSpendTotal].size();
    std::vector<double> cumulative(months, 0);
    for (std::size_t r = 0; r < base.size(); ++r) {
        double c = 0;
        for (std::size_t m = 0; m < months; ++m) {
            c += alt[r].monthly[kSpendTotal][m] - base[r].monthly[kSpendTotal][m];
            cumulative[m] += c / static_cast<double>(base.size());
        }
    }
    int month = -1;
    for (std::size_t m = months; m-- > 0;) {
        if (cumulative[m] > 0) break;
        month = static_cast<int>(m);
    }
    return month;
}

namespace {

std::vector<double> column(const std::vector<ReplicationResult>& reps, int metric, std::size_t m) {
    std::vector<double> v;
    v.reserve(reps.size());
    for (const auto& r : reps) v.push_back(r.monthly[static_cast<std::size_t>(metric)][m]);
    return v;
}

double mean_of(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

std::string diff_json(const stats::Difference& d) {
    return "{\"mean\": " + format_value(d.mean) + ", \"sd\": " + format_value(d.sd) + ", \"interval95\": [" +
           format_value(d.lo) + ", " + format_value(d.hi) + "]}";
}

std::vector<double> fy_component(const std::vector<ReplicationResult>& reps, std::size_t fy, int component) {
    std::vector<double> v;
    for (const auto& r : reps) {
        double x = 0;
        if (component == kComponents) for (double a : r.financial_years[fy]) x += a;
        else x = r.financial_years[fy][static_cast<std::size_t>(component)];
        v.push_back(x);
    }
    return v;
}

}  // namespace

std::string comparison_csv(const Calendar& cal, const ScenarioRun& base, const std::vector<ScenarioRun>& alts) {
    std::ostringstream out;
    out << "month,date,metric,alternative,base_mean,alternative_mean,difference_mean,difference_sd,"
           "difference_ci95_low,difference_ci95_high\n";
    for (std::size_t m = 0; m < cal.month_ends.size(); ++m)
        for (int k = 0; k < kMetrics; ++k) {
            const std::vector<double> b = column(base.reps, k, m);
            for (const auto& alt : alts) {
                const std::vector<double> a = column(alt.reps, k, m);
                const stats::Difference d = stats::paired_difference(b, a);
                out << m << ',' << cal.month_last_day(m) << ',' << kMetricNames[k] << ',' << io::csv_field(alt.name)
                    << ',' << format_value(mean_of(b)) << ',' << format_value(mean_of(a)) << ','
                    << format_value(d.mean) << ',' << format_value(d.sd) << ',' << format_value(d.lo) << ','
                    << format_value(d.hi) << '\n';
            }
        }
    return out.str();
}

std::string comparison_json(const Calendar& cal, std::uint64_t seed, const ScenarioRun& base,
                            const std::vector<ScenarioRun>& alts) {
    std::ostringstream out;
    out << "{\n  \"base\": " << io::json_escape(base.name) << ",\n  \"base_file\": " << io::json_escape(base.file)
        << ",\n  \"seed\": " << seed << ",\n  \"replications\": " << base.reps.size()
        << ",\n  \"start\": \"" << params::format_date(cal.start) << "\",\n  \"horizon_months\": "
        << cal.month_ends.size() << ",\n  \"engine_version\": \"" << WFSIM_VERSION
        << "\",\n  \"common_random_numbers\": true,\n  \"alternatives\": [";
    const std::vector<double> base_total = total_spend(base.reps);
    for (std::size_t i = 0; i < alts.size(); ++i) {
        const ScenarioRun& alt = alts[i];
        const std::vector<double> alt_total = total_spend(alt.reps);
        std::size_t cheaper = 0;
        for (std::size_t r = 0; r < base_total.size(); ++r) cheaper += alt_total[r] < base_total[r] ? 1 : 0;
        double lo = 0, hi = 0;
        wilson_interval(cheaper, base_total.size(), lo, hi);
        const int be = break_even_month(base.reps, alt.reps);
        out << (i ? "," : "") << "\n    {\"scenario\": " << io::json_escape(alt.name) << ", \"file\": "
            << io::json_escape(alt.file) << ",\n     \"spend_total_difference\": "
            << diff_json(stats::paired_difference(base_total, alt_total)) << ",\n     \"p_alternative_costs_less\": "
            << format_value(base_total.empty() ? 0.0 : double(cheaper) / double(base_total.size()))
            << ", \"p_interval95\": [" << format_value(lo) << ", " << format_value(hi) << "],\n     \"break_even_month\": "
            << (be < 0 ? std::string("null") : std::to_string(be)) << ", \"break_even_date\": "
            << (be < 0 ? std::string("null") : "\"" + cal.month_last_day(static_cast<std::size_t>(be)) + "\"")
            << ",\n     \"spend_difference_by_component\": {";
        for (int c = 0; c < kComponents; ++c)
            out << (c ? ", " : "") << "\"" << kComponentNames[c] << "\": "
                << diff_json(stats::paired_difference(metric_totals(base.reps, kSpendPermanent + c),
                                                      metric_totals(alt.reps, kSpendPermanent + c)));
        out << "},\n     \"spend_total_difference_by_financial_year\": [";
        for (std::size_t y = 0; y < cal.financial_years(); ++y)
            out << (y ? ", " : "") << "\n       {\"financial_year\": \"" << cal.fy_label(y) << "\", \"difference\": "
                << diff_json(stats::paired_difference(fy_component(base.reps, y, kComponents),
                                                      fy_component(alt.reps, y, kComponents)))
                << "}";
        out << "]}";
    }
    out << "\n  ],\n  \"targets_by_scenario\": [";
    std::vector<const ScenarioRun*> all{&base};
    for (const auto& a : alts) all.push_back(&a);
    for (std::size_t i = 0; i < all.size(); ++i)
        out << (i ? "," : "") << "\n    {\"scenario\": " << io::json_escape(all[i]->name)
            << ", \"targets\": " << targets_json(all[i]->targets, all[i]->reps, cal, 4) << "}";
    out << "\n  ]\n}\n";
    return out.str();
}

}  // namespace wfsim::model
