#include "models/uncertainty_ranges.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <cmath>

#include "engine/params/distribution_spec.h"
#include "engine/params/units.h"
#include "models/calibrate/calibrate.h"
#include "models/schema.h"
#include "models/uncertainty.h"

namespace wfsim::model {

namespace {

double quantile(const params::DistributionSpec& d, double q) {
    namespace bm = boost::math;
    using T = params::DistributionSpec::Type;
    switch (d.type) {
        case T::Normal: return bm::quantile(bm::normal(d.a, d.b), q);
        case T::Lognormal: {  // a, b: the value's mean and sd, as it is drawn (uncertainty.cpp)
            const double s2 = std::log(1 + (d.b * d.b) / (d.a * d.a));
            return bm::quantile(bm::lognormal(std::log(d.a) - s2 / 2, std::sqrt(s2)), q);
        }
        case T::Uniform: return bm::quantile(bm::uniform(d.a, d.b), q);
        case T::Beta: return bm::quantile(bm::beta_distribution<>(d.a, d.b), q);
        case T::Triangular: return bm::quantile(bm::triangular(d.a, d.b, d.c), q);
    }
    return d.a;
}

bool declared_range(const std::string& path, double& lo, double& hi, bool& unit) {
    std::string why;
    std::string key = path;
    if (path.rfind("interventions.", 0) == 0) {
        const auto set = path.find(".set.");
        if (set != std::string::npos) key = path.substr(set + 5);
    }
    const params::KeyDecl* decl = scenario_schema().match_concrete(key, why);
    if (!decl) return false;
    unit = decl->kind == params::Kind::Probability || decl->kind == params::Kind::Share;
    lo = unit ? 0.0 : decl->min;
    hi = unit ? 1.0 : decl->max;
    if (decl->kind == params::Kind::Rate || decl->kind == params::Kind::Multiplier) lo = std::max(lo, 0.0);
    return true;
}

}  // namespace

bool declared_range(const std::string& path, double& lo, double& hi) {
    bool unit = false;
    return declared_range(path, lo, hi, unit);
}

namespace {

template <class Visit>
void each_distribution(params::Tree& t, const std::string& path, const Visit& visit) {
    if (t.is_map()) {
        const params::Tree* dist = t.find("dist");
        if (dist && dist->is_scalar()) {
            visit(t, path);
            return;
        }
        for (auto& kv : t.map) each_distribution(kv.second, path.empty() ? kv.first : path + "." + kv.first, visit);
    } else if (t.is_seq()) {
        for (std::size_t i = 0; i < t.seq.size(); ++i) each_distribution(t.seq[i], path + "." + std::to_string(i), visit);
    }
}

bool range_of(const params::Tree& t, const std::string& path, UncertainRange& out) {
    double lo = 0, hi = 0;
    bool unit = false;
    if (!declared_range(path, lo, hi, unit)) return false;
    params::DistributionSpec spec;
    std::string why;
    if (!params::parse_distribution(t, lo, hi, true, spec, why)) return false;
    out.path = path;
    out.mean = std::clamp(params::distribution_mean(spec), lo, hi);
    out.p10 = std::clamp(quantile(spec, 0.1), lo, hi);
    out.p90 = std::clamp(quantile(spec, 0.9), lo, hi);
    return true;
}

}  // namespace

std::vector<UncertainRange> uncertain_ranges(const params::Tree& root) {
    std::vector<UncertainRange> out;
    params::Tree copy = root;
    each_distribution(copy, "", [&](params::Tree& t, const std::string& path) {
        UncertainRange r;
        if (range_of(t, path, r)) out.push_back(r);
    });
    CorrelatedBlock block;
    std::string why;
    if (read_correlated(root, block, why))
        for (std::size_t i = 0; i < block.keys.size(); ++i) {
            double lo = 0, hi = 0;
            bool unit = false;
            if (!declared_range(block.keys[i], lo, hi, unit)) continue;
            const double sd = std::sqrt(std::max(0.0, block.covariance[i][i]));
            const double z = 1.2815515655446004;  // the standard normal's 90th percentile
            out.push_back({block.keys[i], std::clamp(block.mean[i], lo, hi), std::clamp(block.mean[i] - z * sd, lo, hi),
                           std::clamp(block.mean[i] + z * sd, lo, hi)});
        }
    return out;
}

void hold_at_means(params::Tree& root) {
    const std::vector<UncertainRange> ranges = uncertain_ranges(root);
    for (const auto& r : ranges) set_number(root, r.path, r.mean);
    root.erase("correlated");
}

}  // namespace wfsim::model
