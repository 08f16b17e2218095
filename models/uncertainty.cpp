#include "models/uncertainty.h"

#include <algorithm>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>

#include "engine/params/distribution_spec.h"
#include "engine/params/units.h"
#include "models/schema.h"

namespace wfsim::model {

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

int walk(params::Tree& t, const std::string& path, std::uint64_t seed, std::uint64_t rep) {
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
            double lo = unit ? 0.0 : decl->min, hi = unit ? 1.0 : decl->max;
            if (decl->kind == params::Kind::Rate || decl->kind == params::Kind::Multiplier) lo = std::max(lo, 0.0);
            engine::Stream s(seed, rep, 0x5A4D50000000ull ^ path_hash(path));
            const double v = std::clamp(draw(spec, s), lo, hi);
            t = params::Tree::make_scalar(params::format_number(v), t.loc);
            return 1;
        }
        for (auto& kv : t.map) n += walk(kv.second, path.empty() ? kv.first : path + "." + kv.first, seed, rep);
    } else if (t.is_seq()) {
        for (std::size_t i = 0; i < t.seq.size(); ++i) n += walk(t.seq[i], path + "." + std::to_string(i), seed, rep);
    }
    return n;
}

}  // namespace

int sample_uncertain(params::Tree& root, std::uint64_t seed, std::uint64_t replication) {
    return walk(root, "", seed, replication);
}

}  // namespace wfsim::model
