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

int walk(params::Tree& t, const std::string& path, engine::Stream& s) {
    int n = 0;
    if (t.is_map()) {
        const params::Tree* dist = t.find("dist");
        if (dist && dist->is_scalar()) {
            std::string why;
            const params::KeyDecl* decl = scenario_schema().match_concrete(path, why);
            if (!decl) return 0;
            const bool unit = decl->kind == params::Kind::Probability || decl->kind == params::Kind::Share;
            params::DistributionSpec spec;
            if (!params::parse_distribution(t, unit ? 0.0 : decl->min, unit ? 1.0 : decl->max, true, spec, why))
                return 0;
            double lo = unit ? 0.0 : decl->min, hi = unit ? 1.0 : decl->max;
            if (decl->kind == params::Kind::Rate || decl->kind == params::Kind::Multiplier) lo = std::max(lo, 0.0);
            const double v = std::clamp(draw(spec, s), lo, hi);
            t = params::Tree::make_scalar(params::format_number(v), t.loc);
            return 1;
        }
        for (auto& kv : t.map) n += walk(kv.second, path.empty() ? kv.first : path + "." + kv.first, s);
    } else if (t.is_seq()) {
        for (std::size_t i = 0; i < t.seq.size(); ++i) n += walk(t.seq[i], path + "." + std::to_string(i), s);
    }
    return n;
}

}  // namespace

int sample_uncertain(params::Tree& root, engine::Stream& stream) { return walk(root, "", stream); }

}  // namespace wfsim::model
