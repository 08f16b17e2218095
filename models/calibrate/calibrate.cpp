#include "models/calibrate/calibrate.h"

#include <Eigen/Dense>
#include <boost/math/distributions/students_t.hpp>
#include <algorithm>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/io/csv.h"
#include "engine/io/file_kind.h"
#include "engine/params/loader.h"
#include "engine/params/units.h"
#include "models/metrics/result.h"

namespace wfsim::model {

namespace {

// "interventions.<i>.set.<key path>": the intervention's index and the key
// path inside its set (whose mapping keys are dotted paths themselves).
bool intervention_key(const std::string& key, std::size_t& index, std::string& inner) {
    constexpr const char* kPrefix = "interventions.";
    if (key.rfind(kPrefix, 0) != 0) return false;
    const std::size_t dot = key.find(".set.", 14);
    if (dot == std::string::npos || dot == 14) return false;
    const std::string number = key.substr(14, dot - 14);
    if (number.find_first_not_of("0123456789") != std::string::npos || number.size() > 6) return false;
    index = static_cast<std::size_t>(std::stoul(number));
    inner = key.substr(dot + 5);
    return !inner.empty();
}

params::Tree* set_entry(params::Tree& tree, std::size_t index, const std::string& inner) {
    params::Tree* list = tree.find("interventions");
    if (!list || !list->is_seq() || index >= list->seq.size()) return nullptr;
    params::Tree* set = list->seq[index].find("set");
    return set && set->is_map() ? set->find(inner) : nullptr;
}

}  // namespace

void set_number(params::Tree& tree, const std::string& key, double value) {
    std::size_t index = 0;
    std::string inner, why;
    if (intervention_key(key, index, inner)) {
        if (params::Tree* node = set_entry(tree, index, inner))
            *node = params::Tree::make_scalar(params::format_number(value), node->loc);
        return;
    }
    params::assign_path(tree, key, params::Tree::make_scalar(params::format_number(value), {}), {}, why);
}

const params::Tree* value_at(const params::Tree& tree, const std::string& key) {
    std::size_t index = 0;
    std::string inner;
    if (intervention_key(key, index, inner)) return set_entry(const_cast<params::Tree&>(tree), index, inner);
    const params::Tree* node = &tree;
    std::stringstream ss(key);
    for (std::string seg; std::getline(ss, seg, '.');) {
        if (node->is_seq()) {
            if (seg.empty() || seg.find_first_not_of("0123456789") != std::string::npos || seg.size() > 9) return nullptr;
            const std::size_t i = std::stoul(seg);
            if (i >= node->seq.size()) return nullptr;
            node = &node->seq[i];
        } else {
            node = node->find(seg);
        }
        if (!node) return nullptr;
    }
    return node;
}

YearRange parse_years(const std::string& text) {
    int a = 0, b = 0;
    char dash = 0, extra = 0;
    const int n = std::sscanf(text.c_str(), "%d%c%d%c", &a, &dash, &b, &extra);
    YearRange r;
    if (n == 1) r = {a, a};
    else if (n == 3 && dash == '-') r = {a, b};
    else throw std::invalid_argument("is not a year or a range of years (e.g. 2018 or 2018-2021)");
    if (r.first < 1900 || r.last > 2200 || r.last < 1900 || r.first > 2200) throw std::invalid_argument("is outside 1900 to 2200");
    if (r.first > r.last) throw std::invalid_argument("runs backwards; write the first year first (e.g. 2018-2021)");
    return r;
}

namespace {

// The fields of a record, trimmed (a hand-edited file has spaces after its commas).
std::vector<std::string> trimmed_fields(const io::CsvRecord& r) {
    std::vector<std::string> out;
    for (const auto& f : r.fields) out.push_back(io::trimmed(f));
    return out;
}

int metric_index(const std::string& m) {  // -1 when m is not a metric
    for (int k = 0; k < kMetrics; ++k)
        if (m == kMetricNames[k]) return k;
    return -1;
}

bool known_metric(const std::string& m) { return metric_index(m) >= 0; }

}  // namespace

std::vector<Observation> read_observations(const std::string& path, const YearRange& years, const Calendar& calendar) {
    if (const std::string kind = io::not_a_regular_file(path); !kind.empty())
        throw std::invalid_argument(path + ": is " + kind + ", not a CSV file of observations");
    std::ifstream in(path);
    if (!in) throw std::invalid_argument(path + ": the observed file " + io::why_not_opened(path));
    // Observations are a few rows a year: 64 MiB is room for any series, and
    // a larger file is not read at all.
    constexpr std::uintmax_t kMaxBytes = std::uintmax_t{64} << 20;
    std::error_code ec;
    if (const std::uintmax_t bytes = std::filesystem::file_size(path, ec); !ec && bytes > kMaxBytes)
        throw std::invalid_argument(path + ": the observed file is " + std::to_string(bytes) +
                                    " bytes; wfsim reads at most 64 MiB of observations");
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    io::CsvReader reader(text);  // a byte-order mark (Excel's "CSV UTF-8"), any line ending, quoted fields
    io::CsvRecord record;
    auto next = [&] {
        try {
            return reader.next(record);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(path + ":" + std::to_string(record.line) + ": a quoted field is never closed");
        }
    };
    if (!next() || record.blank()) throw std::invalid_argument(path + ":1: the observed file is empty");
    const std::vector<std::string> header = trimmed_fields(record);
    auto col = [&](const std::string& name) {
        auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1 : static_cast<int>(it - header.begin());
    };
    std::vector<Observation> out;
    int line_no = 1;
    if (col("year") >= 0 && col("turnover_pct") >= 0) {
        // The DfE series: rates in percent, one row per year (snapshot at 30 September).
        if (years.empty())
            throw std::invalid_argument(path + ": the DfE series needs --years (e.g. --years 2018-2021)");
        // Each year's row is judged at the month whose cut is its 30
        // September: the cut of month m >= 1 is the start of the day after
        // its last day, of month 0 the start of the start date. A snapshot
        // "at 30 September" is read as the state at the end of that day or at
        // its start (one day apart), so a cut at the start of 1 October or of
        // 30 September is that snapshot: for a start on 1 October 2017 the
        // 2018 row is month 12, for a start on 30 September 2017 too.
        auto cut_date = [&](std::size_t m) {
            if (m == 0) return params::format_date(calendar.start);
            const std::string last = calendar.month_last_day(m);
            params::Date d{};
            std::sscanf(last.c_str(), "%d-%d-%d", &d.year, &d.month, &d.day);
            return params::format_date(params::civil_from_days(params::days_from_civil(d) + 1));
        };
        auto month_of = [&](int y) -> std::size_t {
            const std::string sep30 = std::to_string(y) + "-09-30", oct1 = std::to_string(y) + "-10-01";
            for (std::size_t m = 0; m <= calendar.months(); ++m)
                if (const std::string c = cut_date(m); c == sep30 || c == oct1) return m;
            const std::string start = calendar.month_last_day(0), end = calendar.month_last_day(calendar.months());
            if (oct1 < start)
                throw std::invalid_argument(path + ": the " + std::to_string(y) + " row (30 September " + std::to_string(y) +
                                            ") is before the start date " + start);
            if (sep30 > end)
                throw std::invalid_argument(path + ": the " + std::to_string(y) + " row (30 September " + std::to_string(y) +
                                            ") is after the horizon, month " + std::to_string(calendar.months()) + " (" + end +
                                            "); give --months or a longer horizon");
            throw std::invalid_argument(path + ": no month of the run ends on 30 September " + std::to_string(y) +
                                        " (months end a calendar month apart from the start date " + start +
                                        "; start the scenario on 30 September or 1 October)");
        };
        std::vector<bool> found(static_cast<std::size_t>(years.last - years.first + 1), false);
        while (next()) {
            line_no = record.line;
            if (record.blank()) continue;
            const auto f = trimmed_fields(record);
            const auto yc = static_cast<std::size_t>(col("year"));
            if (f.size() <= yc) continue;
            std::string why;
            const auto y = params::parse_number(f[yc], false, why);
            if (!y || *y < years.first || *y > years.last || std::floor(*y) != *y) continue;
            const int year = static_cast<int>(*y);
            if (found[static_cast<std::size_t>(year - years.first)])
                throw std::invalid_argument(path + ":" + std::to_string(line_no) + ": a second row for " + std::to_string(year));
            found[static_cast<std::size_t>(year - years.first)] = true;
            const std::size_t month = month_of(year);
            const std::pair<const char*, const char*> pairs[] = {
                {"turnover_pct", "turnover_rate_12m"}, {"vacancy_rate_pct", "vacancy_rate"}, {"agency_rate_pct", "agency_rate"}};
            for (const auto& [column, metric] : pairs) {
                const int c = col(column);
                if (c < 0 || static_cast<std::size_t>(c) >= f.size()) continue;
                if (month == 0 && !has_value_at_start(metric_index(metric))) continue;  // a flow: no value on the start date
                auto v = params::parse_number(f[static_cast<std::size_t>(c)], false, why);
                if (!v) throw std::invalid_argument(path + ":" + std::to_string(line_no) + ": " + column + ": '" +
                                                    f[static_cast<std::size_t>(c)] + "' " + why);
                out.push_back({metric, month, *v / 100.0, year});
            }
        }
        for (int y = years.first; y <= years.last; ++y)
            if (!found[static_cast<std::size_t>(y - years.first)])
                throw std::invalid_argument(path + ": no row for year " + std::to_string(y));
        return out;
    }
    const int cm = col("metric"), cmonth = col("month"), cv = col("value");
    if (cm < 0 || cmonth < 0 || cv < 0)
        throw std::invalid_argument(path + ":1: the header needs metric,month,value (or the DfE series' columns)");
    while (next()) {
        line_no = record.line;
        if (record.blank()) continue;
        const auto f = trimmed_fields(record);
        const std::string where = path + ":" + std::to_string(line_no) + ": ";
        if (f.size() < header.size()) throw std::invalid_argument(where + "too few columns");
        const std::string& metric = f[static_cast<std::size_t>(cm)];
        if (!known_metric(metric)) throw std::invalid_argument(where + "metric: '" + metric + "' is not a metric (see the README, Metrics)");
        std::string why;
        auto month = params::parse_number(f[static_cast<std::size_t>(cmonth)], false, why);
        auto value = params::parse_number(f[static_cast<std::size_t>(cv)], true, why);
        const std::string& month_text = f[static_cast<std::size_t>(cmonth)];
        if (!month || *month < 0 || std::floor(*month) != *month)
            throw std::invalid_argument(where + "month: '" + month_text +
                                        "' is not a month number (0 is the start date, 1 the end of the first month)");
        if (*month == 0 && !has_value_at_start(metric_index(metric)))
            throw std::invalid_argument(where + "month: '" + month_text + "': 0 is the start date, where " + metric +
                                        " has no value (a flow, or a ratio with one); give a month from 1");
        if (!value) throw std::invalid_argument(where + "value: '" + f[static_cast<std::size_t>(cv)] + "' " + why);
        out.push_back({metric, static_cast<std::size_t>(*month), *value});
    }
    if (out.empty()) throw std::invalid_argument(path + ": no observations");
    return out;
}

CalibrationResult calibrate(const params::Tree& scenario, std::vector<FitParameter> parameters,
                            const std::vector<Observation>& observations, const Simulator& simulate, int max_iterations) {
    const Eigen::Index n = static_cast<Eigen::Index>(parameters.size());
    const Eigen::Index m = static_cast<Eigen::Index>(observations.size());
    CalibrationResult result;
    // Residuals relative to the metric's size, so that rates and counts weigh
    // alike: each is divided by the mean absolute observed value of its
    // metric, not by its own observation, whose noise would then set its
    // own weight (a figure observed low would weigh more and pull the fit
    // down: with counts of about 100 a month, a leaving rate fitted 4% low).
    std::vector<double> scale(static_cast<std::size_t>(m), 0.0);
    for (Eigen::Index j = 0; j < m; ++j) {
        double sum = 0;
        int count = 0;
        for (const auto& o : observations)
            if (o.metric == observations[static_cast<std::size_t>(j)].metric) sum += std::fabs(o.value), ++count;
        scale[static_cast<std::size_t>(j)] = std::max(sum / count, 1e-9);
    }
    result.scales = scale;
    auto residuals = [&](const Eigen::VectorXd& x, std::vector<double>* sim) {
        params::Tree t = scenario;
        for (Eigen::Index i = 0; i < n; ++i) set_number(t, parameters[static_cast<std::size_t>(i)].key, x(i));
        const std::vector<double> s = simulate(t);
        ++result.evaluations;
        if (sim) *sim = s;
        Eigen::VectorXd r(m);
        for (Eigen::Index j = 0; j < m; ++j) {
            const double obs = observations[static_cast<std::size_t>(j)].value;
            r(j) = (s[static_cast<std::size_t>(j)] - obs) / scale[static_cast<std::size_t>(j)];
        }
        return r;
    };
    Eigen::VectorXd x(n), lo(n), hi(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto& p = parameters[static_cast<std::size_t>(i)];
        x(i) = std::clamp(p.start, p.lo, p.hi);
        lo(i) = p.lo;
        hi(i) = p.hi;
    }
    // Central differences with a step of 5% of the value: a simulated
    // statistic moves in small jumps as single draws change sides, and a step
    // this wide averages over them (common random numbers keep the jumps
    // small).
    auto jacobian_column = [&](const Eigen::VectorXd& at, Eigen::Index i) -> Eigen::VectorXd {
        const double h = std::max(0.05 * std::fabs(at(i)), 1e-3);
        Eigen::VectorXd up = at, down = at;
        up(i) = std::min(hi(i), at(i) + h);
        down(i) = std::max(lo(i), at(i) - h);
        return (residuals(up, nullptr) - residuals(down, nullptr)) / (up(i) - down(i));
    };
    Eigen::VectorXd r = residuals(x, nullptr);
    double cost = r.squaredNorm();
    double lambda = 1e-2;
    for (int it = 0; it < max_iterations && cost > 1e-14; ++it) {
        result.iterations = it + 1;
        Eigen::MatrixXd J(m, n);
        for (Eigen::Index i = 0; i < n; ++i) J.col(i) = jacobian_column(x, i);
        const Eigen::MatrixXd A = J.transpose() * J;
        const Eigen::VectorXd g = J.transpose() * r;
        bool improved = false;
        for (int tries = 0; tries < 8 && !improved; ++tries) {
            Eigen::MatrixXd D = A;
            for (Eigen::Index i = 0; i < n; ++i) D(i, i) += lambda * std::max(A(i, i), 1e-12);
            Eigen::VectorXd step = D.ldlt().solve(-g);
            Eigen::VectorXd trial = (x + step).cwiseMax(lo).cwiseMin(hi);
            const Eigen::VectorXd rt = residuals(trial, nullptr);
            const double ct = rt.squaredNorm();
            if (ct < cost) {
                const double change = (trial - x).cwiseAbs().maxCoeff();
                x = trial;
                r = rt;
                cost = ct;
                lambda = std::max(lambda / 3, 1e-7);
                improved = true;
                if (change < 1e-6) it = max_iterations;  // converged
            } else {
                lambda *= 4;
            }
        }
        if (!improved) break;
    }
    r = residuals(x, &result.simulated);
    result.objective = r.squaredNorm();
    for (Eigen::Index j = 0; j < m; ++j) result.residuals.push_back(r(j));
    for (Eigen::Index i = 0; i < n; ++i) parameters[static_cast<std::size_t>(i)].value = x(i);
    result.parameters = parameters;

    // The statistics of the fit from the Jacobian at the optimum.
    result.degrees_of_freedom = static_cast<int>(m - n);
    result.exactly_determined = m == n;
    for (Eigen::Index i = 0; i < n; ++i)
        result.at_bound.push_back(x(i) <= lo(i) + 1e-12 * std::max(1.0, std::fabs(lo(i))) ||
                                  x(i) >= hi(i) - 1e-12 * std::max(1.0, std::fabs(hi(i))));
    if (m > n) {
        Eigen::MatrixXd J(m, n);
        for (Eigen::Index i = 0; i < n; ++i) J.col(i) = jacobian_column(x, i);
        const Eigen::MatrixXd A = J.transpose() * J;
        const Eigen::FullPivLU<Eigen::MatrixXd> lu(A);
        result.identified = lu.isInvertible() && lu.rank() == n;
        if (result.identified) {
            result.residual_variance = result.objective / static_cast<double>(m - n);
            const Eigen::MatrixXd cov = result.residual_variance * lu.inverse();
            result.has_uncertainty = true;
            result.t95 = boost::math::quantile(boost::math::students_t(static_cast<double>(m - n)), 0.975);
            result.covariance.assign(static_cast<std::size_t>(n), std::vector<double>(static_cast<std::size_t>(n)));
            result.correlation = result.covariance;
            for (Eigen::Index i = 0; i < n; ++i) result.standard_errors.push_back(std::sqrt(std::max(0.0, cov(i, i))));
            for (Eigen::Index i = 0; i < n; ++i)
                for (Eigen::Index k = 0; k < n; ++k) {
                    // Symmetric to the last bit, as the scenario's check asks.
                    const double c = 0.5 * (cov(i, k) + cov(k, i));
                    result.covariance[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)] = c;
                    const double d = result.standard_errors[static_cast<std::size_t>(i)] *
                                     result.standard_errors[static_cast<std::size_t>(k)];
                    result.correlation[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)] =
                        i == k ? 1.0 : d > 0 ? c / d : 0.0;
                }
        }
    } else {
        result.identified = m == n;
    }
    return result;
}

}  // namespace wfsim::model
