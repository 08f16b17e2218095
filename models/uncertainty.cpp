#include "models/uncertainty.h"

#include <algorithm>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>

#include "engine/params/distribution_spec.h"
#include "engine/params/loader.h"
#include "engine/params/units.h"
#include "engine/stats/correlated_normal.h"
#include "models/calibrate/calibrate.h"
#include "models/check_helpers.h"
#include "models/schema.h"

namespace wfsim::model {

using params::Kind;

namespace {

double draw(const params::DistributionSpec& d, engine::Stream& s) {
    using T = params::DistributionSpec::Type;
    auto& e = s.engine();
    switch (d.type) {
        case T::Normal: return boost::random::normal_distribution<double>(d.a, d.b)(e);
        case T::Lognormal: {
            // Parameters of the underlying normal from the mean and sd of the value.
            const double s2 = std::log(1 + (d.b * d.b) / (d.a * d.a));
            return boost::random::lognormal_distribution<double>(std::log(d.a) - s2 / 2, std::sqrt(s2))(e);
        }
        case T::Uniform: return boost::random::uniform_real_distribution<double>(d.a, d.b)(e);
        case T::Beta: return boost::random::beta_distribution<double>(d.a, d.b)(e);
        case T::Triangular: return boost::random::triangle_distribution<double>(d.a, d.b, d.c)(e);
    }
    return d.a;
}

std::uint64_t path_hash(const std::string& path) {  // FNV-1a
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : path) h = (h ^ c) * 1099511628211ull;
    return h;
}

// The declaration for a path; a value under interventions[].set is declared
// by its own key ("interventions.0.set.leaving.pay_elasticity").
const params::KeyDecl* decl_for(const std::string& path, std::string& why) {
    if (path.rfind("interventions.", 0) == 0) {
        const auto set = path.find(".set.");
        if (set != std::string::npos) return scenario_schema().match_concrete(path.substr(set + 5), why);
    }
    return scenario_schema().match_concrete(path, why);
}

// The range a drawn value is clamped to: the key's declared range, 0 to 1
// for probabilities and shares, and not below 0 for rates and multipliers.
std::pair<double, double> clamp_range(const params::KeyDecl& decl) {
    const bool unit = decl.kind == params::Kind::Probability || decl.kind == params::Kind::Share;
    double lo = unit ? 0.0 : decl.min, hi = unit ? 1.0 : decl.max;
    if (decl.kind == params::Kind::Rate || decl.kind == params::Kind::Multiplier) lo = std::max(lo, 0.0);
    return {lo, hi};
}

int walk(params::Tree& t, const std::string& path, std::uint64_t seed, std::uint64_t rep, Draws* drawn) {
    int n = 0;
    if (t.is_map()) {
        const params::Tree* dist = t.find("dist");
        if (dist && dist->is_scalar()) {
            std::string why;
            const params::KeyDecl* decl = decl_for(path, why);
            if (!decl) return 0;
            const bool unit = decl->kind == params::Kind::Probability || decl->kind == params::Kind::Share;
            params::DistributionSpec spec;
            if (!params::parse_distribution(t, unit ? 0.0 : decl->min, unit ? 1.0 : decl->max, true, spec, why))
                return 0;
            const auto [lo, hi] = clamp_range(*decl);
            engine::Stream s(seed, rep, 0x5A4D50000000ull ^ path_hash(path));
            const double v = std::clamp(draw(spec, s), lo, hi);
            t = params::Tree::make_scalar(params::format_number(v), t.loc);
            if (drawn) drawn->emplace_back(path, v);
            return 1;
        }
        for (auto& kv : t.map) n += walk(kv.second, path.empty() ? kv.first : path + "." + kv.first, seed, rep, drawn);
    } else if (t.is_seq()) {
        for (std::size_t i = 0; i < t.seq.size(); ++i) n += walk(t.seq[i], path + "." + std::to_string(i), seed, rep, drawn);
    }
    return n;
}

}  // namespace

bool read_correlated(const params::Tree& root, CorrelatedBlock& out, std::string& why) {
    out = CorrelatedBlock();
    const params::Tree* block = root.find("correlated");
    if (!block || block->is_null()) return true;
    const params::Tree* mean = block->find("mean");
    const params::Tree* cov = block->find("covariance");
    if (!mean || !mean->is_map() || mean->map.empty()) {
        why = "correlated needs mean: a mapping of keys to their means, e.g. {leaving.base_rate.sw: 0.11}";
        return false;
    }
    if (!cov || !cov->is_seq()) {
        why = "correlated needs covariance: a list of rows, one per key of mean, in its order";
        return false;
    }
    for (const auto& [key, value] : mean->map) {
        if (!value.is_scalar()) {
            why = "correlated.mean." + key + " should be a single number (the joint normal's mean)";
            return false;
        }
        std::string w;
        auto v = params::parse_number(value.scalar, true, w);
        if (!v) {
            why = "correlated.mean." + key + ": '" + value.scalar + "' " + w;
            return false;
        }
        out.keys.push_back(key);
        out.mean.push_back(*v);
    }
    for (const auto& row : cov->seq) {
        if (!row.is_seq()) {
            why = "each row of correlated.covariance should be a list of numbers";
            return false;
        }
        std::vector<double> r;
        for (const auto& cell : row.seq) {
            std::string w;
            auto v = cell.is_scalar() ? params::parse_number(cell.scalar, false, w) : std::nullopt;
            if (!v) {
                why = "correlated.covariance holds something that is not a number";
                return false;
            }
            r.push_back(*v);
        }
        out.covariance.push_back(std::move(r));
    }
    engine::CorrelatedNormal check;
    if (!check.set(out.mean, out.covariance, why)) {
        why = "correlated.covariance: " + why;
        return false;
    }
    return true;
}

void declare_correlated_keys(params::Schema& s) {
    s.add_heading("Correlated uncertainty",
                  "Keys whose uncertainty is joint, such as the fitted values of `wfsim calibrate`: each replication "
                  "draws them together from a normal distribution with these means and this covariance (through a "
                  "Cholesky factor, from the replication's own stream) and sets each key to its draw, clamped to the "
                  "key's range like any distribution's. Each key must be one that may be a distribution, and be "
                  "written elsewhere as a single value or not at all.");
    s.key("correlated", Kind::Section).doc("a joint normal distribution of several keys");
    s.key("correlated.mean", Kind::Overrides)
        .doc("key paths and their means, e.g. {leaving.base_rate.sw: 0.11, agency.fill_probability: 0.86}; the order "
             "is the covariance's");
    s.key("correlated.covariance[][]", Kind::Number)
        .doc("the covariance matrix, one row per key of mean: symmetric and positive semi-definite");
    s.add_check([](const params::Tree& root, params::Diagnostics& diags) {
        const params::Tree* block = node_at(root, "correlated");
        if (!block || !block->is_map()) return;
        const params::Tree* mean = block->find("mean");
        if (mean && mean->is_map())
            for (std::size_t i = 0; i < mean->map.size(); ++i) {
                const std::string& key = mean->map[i].first;
                std::string why;
                const params::KeyDecl* d = scenario_schema().match_concrete(key, why);
                if (!d) continue;  // said by the schema's walk
                if (!d->uncertain) {
                    diags.error(mean->key_locs[i], "correlated.mean." + key,
                                "'" + key + "' cannot be uncertain (it may not be written as a distribution)");
                    continue;
                }
                const params::Tree* own = value_at(root, key);
                if (!own && key.rfind("interventions.", 0) == 0) {
                    diags.error(mean->key_locs[i], "correlated.mean." + key,
                                "names no value: that intervention does not set the key");
                    continue;
                }
                if (own && own->is_map() && own->find("dist"))
                    diags.error(own->loc, key,
                                "is a distribution and also in correlated.mean; give it one distribution or the other");
            }
        CorrelatedBlock b;
        std::string why;
        if (!read_correlated(root, b, why)) diags.error(block->loc, "correlated", why);
    });
}

int sample_uncertain(params::Tree& root, std::uint64_t seed, std::uint64_t replication, Draws* drawn) {
    int n = walk(root, "", seed, replication, drawn);
    CorrelatedBlock block;
    std::string why;
    if (!read_correlated(root, block, why) || block.keys.empty()) return n;
    engine::CorrelatedNormal joint;
    if (!joint.set(block.mean, block.covariance, why)) return n;
    engine::Stream s(seed, replication, 0x5A4D50000000ull ^ path_hash("correlated"));
    const std::vector<double> x = joint.draw(s);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const params::KeyDecl* decl = scenario_schema().match_concrete(block.keys[i], why);
        if (!decl) continue;
        const auto [lo, hi] = clamp_range(*decl);
        set_number(root, block.keys[i], std::clamp(x[i], lo, hi));
        if (drawn) drawn->emplace_back(block.keys[i], std::clamp(x[i], lo, hi));
        ++n;
    }
    return n;
}

}  // namespace wfsim::model
