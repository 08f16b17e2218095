#include "models/calibrate/calibrate.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/io/file_kind.h"
#include "engine/params/loader.h"
#include "engine/params/units.h"
#include "models/metrics/result.h"

namespace wfsim::model {

void set_number(params::Tree& tree, const std::string& key, double value) {
    std::string why;
    params::assign_path(tree, key, params::Tree::make_scalar(params::format_number(value), {}), {}, why);
}

namespace {

std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) {
        f.erase(0, f.find_first_not_of(" \t\r"));
        f.erase(f.find_last_not_of(" \t\r") + 1);
        out.push_back(f);
    }
    return out;
}

int metric_index(const std::string& m) {  // -1 when m is not a metric
    for (int k = 0; k < kMetrics; ++k)
        if (m == kMetricNames[k]) return k;
    return -1;
}

bool known_metric(const std::string& m) { return metric_index(m) >= 0; }

}  // namespace

std::vector<Observation> read_observations(const std::string& path, int year) {
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
    std::string line;
    if (!std::getline(in, line)) throw std::invalid_argument(path + ":1: the observed file is empty");
    const std::vector<std::string> header = split_csv(line);
    auto col = [&](const std::string& name) {
        auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1 : static_cast<int>(it - header.begin());
    };
    std::vector<Observation> out;
    int line_no = 1;
    if (col("year") >= 0 && col("turnover_pct") >= 0) {
        // The DfE series: rates in percent, one row per year (snapshot at 30 September).
        if (year <= 0) throw std::invalid_argument(path + ": the DfE series needs --year (e.g. --year 2017)");
        bool found = false;
        while (std::getline(in, line)) {
            ++line_no;
            const auto f = split_csv(line);
            if (f.empty() || f[static_cast<std::size_t>(col("year"))] != std::to_string(year)) continue;
            found = true;
            const std::pair<const char*, const char*> pairs[] = {
                {"turnover_pct", "turnover_rate_12m"}, {"vacancy_rate_pct", "vacancy_rate"}, {"agency_rate_pct", "agency_rate"}};
            for (const auto& [column, metric] : pairs) {
                const int c = col(column);
                if (c < 0 || static_cast<std::size_t>(c) >= f.size()) continue;
                std::string why;
                auto v = params::parse_number(f[static_cast<std::size_t>(c)], false, why);
                if (!v) throw std::invalid_argument(path + ":" + std::to_string(line_no) + ": " + column + ": '" +
                                                    f[static_cast<std::size_t>(c)] + "' " + why);
                out.push_back({metric, 12, *v / 100.0});  // judged one year on: the end of month 12
            }
        }
        if (!found) throw std::invalid_argument(path + ": no row for year " + std::to_string(year));
        return out;
    }
    const int cm = col("metric"), cmonth = col("month"), cv = col("value");
    if (cm < 0 || cmonth < 0 || cv < 0)
        throw std::invalid_argument(path + ":1: the header needs metric,month,value (or the DfE series' columns)");
    while (std::getline(in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const auto f = split_csv(line);
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
    // Relative residuals, so that rates and counts weigh alike.
    auto residuals = [&](const Eigen::VectorXd& x, std::vector<double>* sim) {
        params::Tree t = scenario;
        for (Eigen::Index i = 0; i < n; ++i) set_number(t, parameters[static_cast<std::size_t>(i)].key, x(i));
        const std::vector<double> s = simulate(t);
        ++result.evaluations;
        if (sim) *sim = s;
        Eigen::VectorXd r(m);
        for (Eigen::Index j = 0; j < m; ++j) {
            const double obs = observations[static_cast<std::size_t>(j)].value;
            r(j) = (s[static_cast<std::size_t>(j)] - obs) / std::max(std::fabs(obs), 1e-9);
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
    Eigen::VectorXd r = residuals(x, nullptr);
    double cost = r.squaredNorm();
    double lambda = 1e-2;
    for (int it = 0; it < max_iterations && cost > 1e-14; ++it) {
        result.iterations = it + 1;
        // Central differences with a step of 5% of the value: a simulated
        // statistic moves in small jumps as single draws change sides, and a
        // step this wide averages over them (common random numbers keep the
        // jumps small).
        Eigen::MatrixXd J(m, n);
        for (Eigen::Index i = 0; i < n; ++i) {
            const double h = std::max(0.05 * std::fabs(x(i)), 1e-3);
            Eigen::VectorXd up = x, down = x;
            up(i) = std::min(hi(i), x(i) + h);
            down(i) = std::max(lo(i), x(i) - h);
            J.col(i) = (residuals(up, nullptr) - residuals(down, nullptr)) / (up(i) - down(i));
        }
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
    residuals(x, &result.simulated);
    result.objective = cost;
    for (Eigen::Index i = 0; i < n; ++i) parameters[static_cast<std::size_t>(i)].value = x(i);
    result.parameters = parameters;
    return result;
}

}  // namespace wfsim::model
